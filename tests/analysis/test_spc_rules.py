"""The XmR rules of reports.md on small hand-made series, with rows just inside and outside
each edge. Many series use a two-point baseline (fix_after=2) so that the mean and limits are
easy to work out by hand: baseline [0, 3] gives mean 1.5 and AMR 3, so the process limits are
1.5 -+ 2.66 x 3 = -6.48 and 9.48, and the 2-sigma lines 1.5 -+ 5.32 = -3.82 and 6.82."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jsw.analysis.spc import xmr


def labels(n: int) -> list[str]:
    return [f"p{i:02d}" for i in range(n)]


def chart(values, **options):
    values = [D(str(v)) for v in values]
    return xmr(values, labels(len(values)), **options)


def flagged(result) -> dict[int, tuple[str, ...]]:
    return {i: p.rules for i, p in enumerate(result.points) if p.rules}


def test_mean_and_limits_are_worked_out_from_the_moving_ranges():
    # mean (10 + 12 + 11 + 30) / 4 = 15.75; MRs 2, 1, 19: AMR 22/3
    result = chart([10, 12, 11, 30])
    point = result.points[0]
    assert point.mean == 15.75
    assert point.upper == pytest.approx(15.75 + 2.66 * 22 / 3)
    assert point.lower == pytest.approx(15.75 - 2.66 * 22 / 3)
    assert point.two_sigma_upper == pytest.approx(15.75 + 2 * 2.66 / 3 * 22 / 3)
    assert point.two_sigma_lower == pytest.approx(15.75 - 2 * 2.66 / 3 * 22 / 3)


@pytest.mark.parametrize(
    ("last", "rules"),
    [
        ("9.48", ()),  # exactly on the upper limit: inside
        ("9.49", ("astronomical",)),
        ("-6.48", ()),  # exactly on the lower limit
        ("-6.49", ("astronomical",)),
    ],
)
def test_a_point_exactly_on_a_process_limit_is_inside(last, rules):
    result = chart([0, 3, last], fix_after=2)
    assert result.points[2].rules == rules
    assert result.points[2].upper == pytest.approx(9.48)


def test_two_of_three_beyond_the_2_sigma_line_flags_those_two_not_the_third():
    result = chart([0, 3, "6.83", "6.83", 2], fix_after=2)
    assert flagged(result) == {2: ("two_in_three",), 3: ("two_in_three",)}


def test_a_point_exactly_on_the_2_sigma_line_is_not_beyond_it():
    assert flagged(chart([0, 3, "6.82", "6.83", 2], fix_after=2)) == {}
    assert flagged(chart([0, 3, "-3.82", "-3.83", 1], fix_after=2)) == {}


def test_two_in_three_needs_all_three_strictly_on_the_same_side():
    # the middle point sits exactly on the mean (1.5): no window qualifies
    assert flagged(chart([0, 3, "6.83", "1.5", "6.83"], fix_after=2)) == {}
    # the middle point is below the mean
    assert flagged(chart([0, 3, "6.83", 1, "6.83"], fix_after=2)) == {}


def test_two_in_three_below_the_mean_flags_the_low_points():
    result = chart([0, 3, "-3.83", 1, "-4"], fix_after=2)
    assert flagged(result) == {2: ("two_in_three",), 4: ("two_in_three",)}
    assert result.points[2].direction == "low"


# Baseline [2, 0]: mean 1, AMR 2, limits -4.32 and 6.32.
@pytest.mark.parametrize(
    ("after", "flagged_offsets"),
    [
        (["1.5"] * 7, set(range(2, 9))),  # seven points above the mean
        (["1.5"] * 6, set()),  # six: not a shift
        (["1.5"] * 3 + ["1"] + ["1.5"] * 3, set()),  # a point on the mean breaks the run
        (["0.5"] * 7, set(range(1, 9))),  # seven below, joined by the baseline's 0
    ],
)
def test_a_shift_is_seven_points_on_one_side_of_the_mean(after, flagged_offsets):
    result = chart([2, 0, *after], fix_after=2)
    assert set(flagged(result)) == flagged_offsets
    assert all(rules == ("shift",) for rules in flagged(result).values())


def test_the_shift_length_is_a_setting():
    assert set(flagged(chart([2, 0, *["1.5"] * 6], fix_after=2, shift=6))) == set(range(2, 8))


# Baseline [0, 10]: mean 5, AMR 10, limits -21.6 and 31.6: only trends can flag.
@pytest.mark.parametrize(
    ("after", "flagged_offsets"),
    [
        ([1, 2, 3, 4, 5, 6, 7], set(range(2, 9))),  # seven rising values, first one included
        ([1, 2, 3, 4, 5, 6], set()),  # six
        ([1, 2, 3, 3, 4, 5, 6, 7], set()),  # a tie breaks the run into 3 and 5
        ([9, 8, 7, 6, 5, 4, 3], set(range(1, 9))),  # falling from the baseline's 10
    ],
)
def test_a_trend_is_seven_values_each_beyond_the_one_before(after, flagged_offsets):
    result = chart([0, 10, *after], fix_after=2)
    assert set(flagged(result)) == flagged_offsets
    assert all("trend" in rules for rules in flagged(result).values())


def test_a_trend_point_rises_or_falls_and_the_peak_takes_the_way_to_the_next_point():
    rising_then_falling = [1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1]
    result = chart([0, 100, *rising_then_falling], fix_after=2, improvement="increase")
    directions = [p.direction for p in result.points[2:]]
    assert directions == ["rising"] * 6 + ["falling"] * 7
    assert result.points[7].point_type == "special_cause_improvement"
    assert result.points[8].point_type == "special_cause_concern"  # the peak
    # they are also a shift below the mean (50), but trend comes first
    assert result.points[8].rules == ("trend", "shift")


def test_the_first_rule_in_the_spec_order_gives_the_direction():
    # 1..7: mean 4, AMR 1, limits 1.34 and 6.66; 1 and 7 are beyond them and in a trend
    result = chart([1, 2, 3, 4, 5, 6, 7], improvement="increase")
    assert result.points[0].rules[:2] == ("astronomical", "trend")
    assert result.points[0].direction == "low"
    assert result.points[0].point_type == "special_cause_concern"
    assert result.points[1].direction == "rising"
    assert result.points[6].direction == "high"
    assert result.variation_icon == "improvement_high"


@pytest.mark.parametrize(
    ("improvement", "high_type", "low_type"),
    [
        ("increase", "special_cause_improvement", "special_cause_concern"),
        ("decrease", "special_cause_concern", "special_cause_improvement"),
        ("neutral", "special_cause_neutral_high", "special_cause_neutral_low"),
    ],
)
def test_point_types_follow_the_improvement_direction(improvement, high_type, low_type):
    high = chart([0, 3, 10], fix_after=2, improvement=improvement).points[2]
    low = chart([0, 3, -7], fix_after=2, improvement=improvement).points[2]
    assert (high.point_type, low.point_type) == (high_type, low_type)


@pytest.mark.parametrize(
    ("improvement", "last", "icon"),
    [
        ("increase", 10, "improvement_high"),
        ("increase", -7, "concern_low"),
        ("decrease", 10, "concern_high"),
        ("decrease", -7, "improvement_low"),
        ("neutral", 10, "neutral_high"),
        ("neutral", -7, "neutral_low"),
        ("increase", 2, "common_cause"),
    ],
)
def test_the_variation_icon_is_the_latest_points_type(improvement, last, icon):
    assert chart([0, 3, last], fix_after=2, improvement=improvement).variation_icon == icon


@pytest.mark.parametrize(
    ("improvement", "target", "assurance"),
    [
        ("increase", "9.49", "fail"),  # target above the upper limit 9.48: cannot be met
        ("increase", "9.48", "inconsistent"),  # on the limit
        ("increase", "-6.49", "pass"),  # below the lower limit: always met
        ("increase", "-6.48", "inconsistent"),
        ("decrease", "-6.49", "fail"),
        ("decrease", "9.49", "pass"),
        ("decrease", "9.48", "inconsistent"),
        ("neutral", "100", "none"),
        ("increase", None, "none"),
    ],
)
def test_assurance_compares_the_target_with_the_last_groups_limits(improvement, target, assurance):
    result = chart([0, 3, 1], fix_after=2, improvement=improvement, target=target and D(target))
    assert result.assurance == assurance


def test_assurance_with_a_target_but_no_limits_is_inconsistent():
    assert chart([5], improvement="increase", target=D(3)).assurance == "inconsistent"


def test_a_one_point_group_has_its_value_as_mean_and_no_limits():
    result = chart([1, 2, 1, 2, 40], rebase_at=["p04"])
    last = result.points[4]
    assert (last.mean, last.lower, last.upper, last.rules) == (40.0, None, None, ())
    assert last.rebase and last.group == 1
    assert last.point_type == "common_cause"


def test_a_rebase_starts_a_group_and_no_moving_range_crosses_it():
    result = chart([1, 2, 1, 2, 10, 11, 10, 11], rebase_at=["p04"])
    assert [p.mean for p in result.points] == [1.5] * 4 + [10.5] * 4
    # AMR is 1 in each group; across the rebase the jump of 8 would have counted
    assert result.points[0].upper == pytest.approx(1.5 + 2.66)
    assert result.points[7].upper == pytest.approx(10.5 + 2.66)
    assert [p.rebase for p in result.points] == [False] * 4 + [True] + [False] * 3


def test_runs_do_not_cross_a_rebase():
    values = [1, 2, 3, 4, 5, 6, 7]
    assert flagged(chart(values, rebase_at=["p04"], fix_after=None)) == {}


def test_a_rebase_at_the_first_period_changes_no_figure():
    plain, rebased = chart([1, 3, 2, 5]), chart([1, 3, 2, 5], rebase_at=["p00"])
    assert [p.upper for p in plain.points] == [p.upper for p in rebased.points]
    assert rebased.points[0].rebase


def test_a_rebase_between_points_starts_the_group_at_the_next_point():
    periods = ["2024-25-Q1", "2024-25-Q2", "2024-25-Q4", "2025-26-Q1"]
    result = xmr([1, 2, 10, 12], periods, rebase_at=["2024-25-Q3"])
    assert [p.group for p in result.points] == [0, 0, 1, 1]
    assert result.points[2].rebase


def test_a_rebase_that_is_no_period_of_the_series_is_refused():
    with pytest.raises(ValueError, match="not a period of the series"):
        chart([1, 2, 3], rebase_at=["march"])


def test_a_group_with_no_variation_has_limits_equal_to_its_mean():
    result = chart([5, 5, 5])
    assert (result.points[0].lower, result.points[0].upper) == (5.0, 5.0)
    assert flagged(result) == {}
    assert flagged(chart([5, 5, 6], fix_after=2)) == {2: ("astronomical",)}


def test_a_fixed_baseline_longer_than_the_group_uses_the_whole_group():
    assert chart([1, 3, 2], fix_after=10).points[0].mean == 2.0


def test_the_baseline_fixes_the_mean_and_later_points_are_judged_against_it():
    result = chart([1, 3, 100, 100], fix_after=2)
    assert result.points[3].mean == 2.0
    assert result.points[3].rules[0] == "astronomical"


# MRs 0.733, 0.733, 0.733, 9.801: AMR 3, and 9.801 is exactly 3.267 x 3.
SCREENED = [0, "0.733", 0, "0.733", "10.534"]


def test_outlier_screening_drops_a_moving_range_of_3_267_times_the_average_and_re_averages():
    result = chart(SCREENED, screen_outliers=True)
    assert result.points[0].mean == 2.4
    assert result.points[0].upper == pytest.approx(2.4 + 2.66 * 0.733)


def test_outlier_screening_is_off_by_default():
    assert chart(SCREENED).points[0].upper == pytest.approx(2.4 + 2.66 * 3)


def test_a_moving_range_just_under_3_267_times_the_average_is_kept():
    values = [0, "0.733", 0, "0.733", "10.533"]  # MR 9.8 < 3.267 x 2.99975
    result = chart(values, screen_outliers=True)
    assert result.points[0].upper == pytest.approx(2.3998 + 2.66 * 2.99975)


@pytest.mark.parametrize(("size", "trial"), [(12, True), (13, False)])
def test_limits_are_trial_limits_below_13_points_in_the_last_group(size, trial):
    assert chart([i % 3 for i in range(size)]).trial is trial


def test_trial_looks_only_at_the_last_group():
    values = [i % 3 for i in range(20)]
    assert chart(values, rebase_at=["p10"]).trial is True


def test_an_empty_series_has_no_points_and_no_icons():
    result = xmr([], [])
    assert (result.points, result.variation_icon, result.assurance) == ([], None, "none")


@pytest.mark.parametrize(
    "options",
    [{"improvement": "up"}, {"fix_after": 0}, {"shift": 1}, {"trend": 1}],
)
def test_options_that_make_no_sense_are_refused(options):
    with pytest.raises(ValueError):
        chart([1, 2, 3], **options)


def test_floats_are_read_as_the_decimals_they_print_as():
    # 0.1 + 0.2 is not 0.3 in binary; here the mean of 0.1 and 0.5 is exactly 0.3
    assert xmr([0.1, 0.5], ["a", "b"]).points[0].mean == 0.3
