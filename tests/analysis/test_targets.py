"""Targets: one at a time or from a file, every row checked, the year's target applying to
each period of the year unless the period has its own, whole-year targets judging only the
whole-year figure, none for a PI without a direction; each change in the audit log."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from jsw.analysis.checks import AnalysisProblem
from jsw.analysis.models import AuditEntry, Target
from jsw.analysis.targets import Targets, import_targets, list_targets, set_target
from jsw.framework.catalogue import load_catalogue

pytestmark = pytest.mark.django_db

QUARTERLY = "cpo-seen-1-day"  # timeliness, up
SIX_MONTHLY = "eq-score-change"  # mean, up
NO_DIRECTION = "cpos-imposed"  # count, direction none
ANNUAL = "mappa-clients"  # return, annual, direction none (see annual_with_direction)


def target_for(indicator_id, label):
    """The target that judges the PI's figure for `label`, by the one rule."""
    return Targets.load().for_period(load_catalogue().indicator(indicator_id), label)


def test_a_year_target_applies_to_each_quarter_and_a_quarters_own_overrides_it():
    set_target(QUARTERLY, "2025-26", "80", "5", actor="ann")
    set_target(QUARTERLY, "2025-26-Q3", "85", actor="ann")
    assert target_for(QUARTERLY, "2025-26-Q1").value == D(80)
    assert target_for(QUARTERLY, "2025-26-Q1").amber == D(5)
    assert target_for(QUARTERLY, "2025-26-Q3").value == D(85)
    assert target_for(QUARTERLY, "2025-26-Q3").amber == D(0)
    assert target_for(QUARTERLY, "2024-25-Q4") is None  # the year before
    assert target_for(QUARTERLY, "2026-27-Q1") is None  # the year after


def test_setting_a_target_again_replaces_it_and_the_audit_log_keeps_both():
    set_target(QUARTERLY, "2025-26", "80", actor="ann")
    set_target(QUARTERLY, "2025-26", "82.5", "2", actor="bob")
    assert Target.objects.get().value == D("82.5")
    entries = list(AuditEntry.objects.order_by("id"))
    assert [(e.actor, e.action, e.subject, e.key) for e in entries] == [
        ("ann", "created", "target", f"{QUARTERLY} 2025-26"),
        ("bob", "changed", "target", f"{QUARTERLY} 2025-26"),
    ]
    assert entries[1].before == {"target": "80", "amber": "0"}
    assert entries[1].after == {"target": "82.5", "amber": "2"}


def test_setting_the_same_target_again_changes_nothing_and_logs_nothing():
    set_target(QUARTERLY, "2025-26", "80", actor="ann")
    set_target(QUARTERLY, "2025-26", "80.0", actor="ann")
    assert AuditEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("indicator", "period", "target", "amber", "message"),
    [
        ("no-such-pi", "2025-26", "80", None, "not a PI of the framework"),
        (QUARTERLY, "2025-26-H1", "80", None, "not a quarterly period or a financial year"),
        (SIX_MONTHLY, "2025-26-Q1", "3", None, "not a 6-monthly period or a financial year"),
        (QUARTERLY, "2025/26", "80", None, "not a period"),
        (QUARTERLY, "2025-27", "80", None, "the second year must be the year after"),
        (QUARTERLY, "2025-26", "eighty", None, "target 'eighty' is not a number"),
        (QUARTERLY, "2025-26", "Infinity", None, "not a finite number"),
        (QUARTERLY, "2025-26", "80", "-0.1", "amber '-0.1' is negative"),
        (QUARTERLY, "2025-26", "80", "x", "amber 'x' is not a number"),
        (QUARTERLY, "2025-26", "80.1234567", None, "more than 6 decimal places"),
        (NO_DIRECTION, "2025-26", "250", None, "has direction none"),
        ("cpo-breach-outcomes", "2025-26", "50", None, "has direction none"),
    ],
)
def test_a_bad_target_is_refused_with_its_reason(indicator, period, target, amber, message):
    with pytest.raises(AnalysisProblem, match=message):
        set_target(indicator, period, target, amber, actor="ann")
    assert not Target.objects.exists()
    assert not AuditEntry.objects.exists()


def test_amber_of_zero_and_a_negative_target_are_accepted():
    set_target(SIX_MONTHLY, "2025-26-H1", "-1.5", "0", actor="ann")
    assert target_for(SIX_MONTHLY, "2025-26-H1").value == D("-1.5")


def test_an_import_stores_the_good_rows_and_rejects_the_bad_with_line_and_reason(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "indicator_id,period,target,amber\n"
        f"{QUARTERLY},2025-26,80,5\n"  # line 2: good
        f"{SIX_MONTHLY},2025-26-Q1,3,\n"  # line 3: wrong frequency
        "lscmi-20-days,2025-26,lots,\n"  # line 4: not a number
        f"{QUARTERLY},2025-26,81,\n"  # line 5: repeats line 2
        f"{QUARTERLY},2025-26-Q2,90,-1\n"  # line 6: negative amber
        "\n"  # blank lines are skipped
        f"{SIX_MONTHLY},2025-26,-1,\n"  # line 8: good, amber blank = 0
        f"{QUARTERLY},2025-26-Q3\n"  # line 9: too few fields
    )
    result = import_targets(path, actor="ann")
    assert [(t.indicator_id, t.period) for t in result.stored] == [
        (QUARTERLY, "2025-26"),
        (SIX_MONTHLY, "2025-26"),
    ]
    assert [line for line, _ in result.rejected] == [3, 4, 5, 6, 9]
    reasons = dict(result.rejected)
    assert "not a 6-monthly period" in reasons[3]
    assert "'lots' is not a number" in reasons[4]
    assert "already on line 2" in reasons[5]
    assert "negative" in reasons[6]
    assert "2 fields, expected 4" in reasons[9]
    assert result.exit_code == 1
    assert Target.objects.count() == 2
    assert AuditEntry.objects.count() == 2


def test_an_import_of_good_rows_only_has_exit_code_0(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_bytes(
        b"\xef\xbb\xbfindicator_id,period,target,amber\r\nupw-average-days,2025-26,150,10\r\n"
    )
    result = import_targets(path, actor="ann")
    assert (len(result.stored), result.exit_code) == (1, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"indicator,period,target\nx,2025-26,1\n", "expected the header"),
        (b"\xff\xfe", "not UTF-8"),
        (b"indicator_id,period,target,amber\n\x00", "NUL"),
    ],
)
def test_a_file_that_cannot_be_used_is_refused_whole(tmp_path, content, message):
    path = tmp_path / "targets.csv"
    path.write_bytes(content)
    with pytest.raises(AnalysisProblem, match=message):
        import_targets(path, actor="ann")


def test_the_list_is_by_pi_and_period_and_can_be_for_one_pi():
    set_target("upw-average-days", "2025-26", "150", actor="ann")
    set_target(QUARTERLY, "2025-26-Q2", "85", actor="ann")
    set_target(QUARTERLY, "2025-26", "80", actor="ann")
    set_target(QUARTERLY, "2025-26", "90", actor="ann", whole_year=True)
    assert [(t.indicator_id, t.period, t.scope) for t in list_targets()] == [
        (QUARTERLY, "2025-26", "periods"),
        (QUARTERLY, "2025-26", "whole-year"),
        (QUARTERLY, "2025-26-Q2", "periods"),
        ("upw-average-days", "2025-26", "periods"),
    ]
    assert len(list_targets("upw-average-days")) == 1


def test_a_year_label_target_never_judges_the_whole_year_figure_of_a_quarterly_pi():
    set_target(QUARTERLY, "2025-26", "80", "5", actor="ann")
    assert target_for(QUARTERLY, "2025-26") is None  # the annual report's figure: data only
    set_target(QUARTERLY, "2025-26", "90", "2", actor="ann", whole_year=True)
    whole = target_for(QUARTERLY, "2025-26")
    assert (whole.value, whole.amber, whole.scope) == (D(90), D(2), "whole-year")
    assert target_for(QUARTERLY, "2025-26-Q2").value == D(80)  # the quarters keep theirs
    assert target_for(SIX_MONTHLY, "2025-26") is None
    set_target(SIX_MONTHLY, "2025-26", "1", actor="ann", whole_year=True)
    assert target_for(SIX_MONTHLY, "2025-26-H1") is None  # a whole-year target only
    assert target_for(SIX_MONTHLY, "2025-26").value == D(1)


def test_a_year_target_and_a_whole_year_target_are_kept_and_audited_apart():
    set_target(QUARTERLY, "2025-26", "80", actor="ann")
    set_target(QUARTERLY, "2025-26", "90", actor="ann", whole_year=True)
    assert Target.objects.count() == 2
    keys = [e.key for e in AuditEntry.objects.order_by("id")]
    assert keys == [f"{QUARTERLY} 2025-26", f"{QUARTERLY} 2025-26 (whole year)"]


@pytest.mark.parametrize("period", ["2025-26-Q3", "2025-26-H1"])
def test_whole_year_takes_a_year_label_only(period):
    indicator = QUARTERLY if period.endswith("Q3") else SIX_MONTHLY
    with pytest.raises(AnalysisProblem, match="whole-year target is for a financial year"):
        set_target(indicator, period, "80", actor="ann", whole_year=True)
    assert not Target.objects.exists()


def test_a_stored_target_of_a_pi_without_direction_judges_nothing():
    # Stored before refusals existed: the rule still gives it no status.
    Target.objects.create(indicator_id=NO_DIRECTION, period="2025-26", value=250)
    assert target_for(NO_DIRECTION, "2025-26-Q1") is None


@pytest.fixture
def annual_with_direction(settings, tmp_path):
    """The packaged catalogue with its annual return given a direction (none has one)."""
    text = (Path(__file__).parents[2] / "jsw/framework/catalogue.yaml").read_text()
    start = text.index(f"- id: {ANNUAL}")
    edited = text[:start] + text[start:].replace("direction: none", "direction: up", 1)
    path = tmp_path / "catalogue.yaml"
    path.write_text(edited)
    settings.JSW_FRAMEWORK_FILE = str(path)
    return ANNUAL


def test_for_an_annual_pi_whole_year_is_its_year_target(annual_with_direction):
    stored = set_target(annual_with_direction, "2025-26", "300", actor="ann", whole_year=True)
    assert stored.scope == "periods"  # the year is its one period: one target
    set_target(annual_with_direction, "2025-26", "310", actor="ann")
    assert Target.objects.get().value == D(310)
    assert target_for(annual_with_direction, "2025-26").value == D(310)


def test_an_import_reads_an_optional_scope_column_and_rejects_bad_scopes(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "indicator_id,period,target,amber,scope\n"
        f"{QUARTERLY},2025-26,80,5,periods\n"  # line 2
        f"{QUARTERLY},2025-26,90,,whole-year\n"  # line 3: a second target, for the year
        f"{QUARTERLY},2025-26-Q1,85,,\n"  # line 4: blank scope: periods
        f"{QUARTERLY},2025-26-Q2,85,,whole-year\n"  # line 5: not a year
        f"{QUARTERLY},2025-26,85,,yearly\n"  # line 6: no such scope
        f"{QUARTERLY},2025-26,91,,Whole-Year\n"  # line 7: repeats line 3
        f"{NO_DIRECTION},2025-26,250,,periods\n"  # line 8: no direction
        f"{QUARTERLY},2025-26,80,5\n"  # line 9: four fields under a five-field header
    )
    result = import_targets(path, actor="ann")
    assert [(t.period, t.scope) for t in result.stored] == [
        ("2025-26", "periods"),
        ("2025-26", "whole-year"),
        ("2025-26-Q1", "periods"),
    ]
    reasons = dict(result.rejected)
    assert sorted(reasons) == [5, 6, 7, 8, 9]
    assert "whole-year target is for a financial year" in reasons[5]
    assert "scope 'yearly' is not one of periods, whole-year" in reasons[6]
    assert "(whole year) is already on line 3" in reasons[7]
    assert "direction none" in reasons[8]
    assert "4 fields, expected 5" in reasons[9]
