"""The drafted reading: the spec's own example, each unit, blanks, no target, trial limits,
and suppressed figures that the sentence must not give away."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jsw.analysis.reading import Aim, figure_text, previous_period, reading, year_earlier
from jsw.framework.catalogue import load_catalogue

CATALOGUE = load_catalogue()
SEEN = CATALOGUE.indicator("cpo-seen-1-day")  # %, up


def pi(indicator_id):
    return CATALOGUE.indicator(indicator_id)


def test_the_spec_example_reads_as_the_spec_writes_it():
    text = reading(
        SEEN,
        "2025-26-Q2",
        D("81.2"),
        previous=D("78.0"),
        a_year_earlier=D("80.1"),
        point_type="common_cause",
        target=Aim(D(80)),
    )
    assert text == (
        "81.2% in 2025-26 Q2, up from 78.0% in Q1 and 80.1% a year earlier; "
        "common cause variation; target 80%: on target"
    )


def test_changes_the_opposite_way_are_each_named():
    text = reading(SEEN, "2025-26-Q1", D("81.2"), previous=D("82"), a_year_earlier=D("81.2"))
    assert text == (
        "81.2% in 2025-26 Q1, down from 82.0% in 2024-25 Q4 and unchanged from 81.2% a year earlier"
    )


@pytest.mark.parametrize(
    ("value", "target", "amber", "words"),
    [
        ("80", "80", "5", "on target"),
        ("75", "80", "5", "within tolerance"),
        ("74.9", "80", "5", "off target"),
    ],
)
def test_the_status_is_given_in_words(value, target, amber, words):
    text = reading(SEEN, "2025-26-Q2", D(value), target=Aim(D(target), D(amber)))
    assert text.endswith(f"target {target}%: {words}")


def test_trial_limits_are_said_and_a_special_cause_is_named():
    text = reading(SEEN, "2025-26-Q2", D(90), point_type="special_cause_improvement", trial=True)
    assert text == "90.0% in 2025-26 Q2; special cause variation: improvement (trial limits)"


def test_without_a_target_or_chart_only_the_figures_are_read():
    assert reading(SEEN, "2025-26-Q2", D(90)) == "90.0% in 2025-26 Q2"


def test_a_blank_figure_is_said_to_be_missing_and_not_judged():
    text = reading(SEEN, "2025-26-Q2", None, previous=D(78), target=Aim(D(80)))
    assert text == "No figure for 2025-26 Q2; 78.0% in Q1; target 80%: no figure to judge"


def test_a_suppressed_figure_is_shown_as_c_with_no_comparison_status_or_variation():
    text = reading(
        SEEN,
        "2025-26-Q2",
        "[c]",
        previous=D(78),
        a_year_earlier=D(80),
        point_type="common_cause",
        target=Aim(D(80)),
    )
    assert text == "[c] in 2025-26 Q2; 78.0% in Q1 and 80.0% a year earlier; target 80%"


def test_a_suppressed_earlier_figure_is_not_compared_with():
    text = reading(SEEN, "2025-26-Q2", D(81), previous="[c]", a_year_earlier=D(80))
    assert text == "81.0% in 2025-26 Q2, [c] in Q1 and up from 80.0% a year earlier"
    assert "up from [c]" not in text and "down from [c]" not in text


def test_anything_but_c_as_text_is_refused():
    with pytest.raises(ValueError):
        figure_text(SEEN, "12")


@pytest.mark.parametrize(
    ("indicator_id", "value", "text"),
    [
        ("cpos-imposed", D(1234), "1,234 orders"),
        ("cpos-imposed", D(1), "1 order"),
        ("people-on-cpos", D(1), "1 person"),
        ("upw-hours", D("12345.25"), "12,345.25 hours"),
        ("upw-hours", D("12000.00"), "12,000 hours"),
        ("upw-average-days", D(95), "95.0 days"),
        ("eq-score-change", D("-0.5"), "-0.5 points"),
        ("placement-feedback", D("4.5"), "4.5"),
        ("cpo-breach-applications", D("7"), "7.0%"),
    ],
)
def test_figures_are_written_in_the_pis_unit(indicator_id, value, text):
    assert figure_text(pi(indicator_id), value) == text


def test_an_annual_pi_compares_with_the_year_before_only():
    text = reading(pi("upw-hours"), "2025-26", D(12000), previous=D(11000), a_year_earlier=D(1))
    assert text == "12,000 hours in 2025-26, up from 11,000 hours in 2024-25"


@pytest.mark.parametrize(
    ("label", "before", "year_before"),
    [
        ("2025-26-Q1", "2024-25-Q4", "2024-25-Q1"),
        ("2025-26-Q3", "2025-26-Q2", "2024-25-Q3"),
        ("2025-26-H1", "2024-25-H2", "2024-25-H1"),
        ("2025-26-H2", "2025-26-H1", "2024-25-H2"),
        ("2025-26", "2024-25", "2024-25"),
    ],
)
def test_the_periods_compared_with(label, before, year_before):
    assert (previous_period(label), year_earlier(label)) == (before, year_before)
