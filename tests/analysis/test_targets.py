"""Targets: one at a time or from a file, every row checked, the year's target applying to
each period of the year unless the period has its own; each change in the audit log."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jsw.analysis.checks import AnalysisProblem
from jsw.analysis.models import AuditEntry, Target
from jsw.analysis.targets import import_targets, list_targets, set_target, target_for

pytestmark = pytest.mark.django_db

QUARTERLY = "cpo-seen-1-day"  # timeliness, up
ANNUAL = "mappa-clients"  # return, annual


def test_a_year_target_applies_to_each_quarter_and_a_quarters_own_overrides_it():
    set_target(QUARTERLY, "2025-26", "80", "5", actor="ann")
    set_target(QUARTERLY, "2025-26-Q3", "85", actor="ann")
    assert target_for(QUARTERLY, "2025-26-Q1").value == D(80)
    assert target_for(QUARTERLY, "2025-26-Q1").amber == D(5)
    assert target_for(QUARTERLY, "2025-26-Q3").value == D(85)
    assert target_for(QUARTERLY, "2025-26-Q3").amber == D(0)
    assert target_for(QUARTERLY, "2025-26").value == D(80)  # the annual report's
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
        (ANNUAL, "2025-26-Q1", "3", None, "not an annual period"),
        (QUARTERLY, "2025/26", "80", None, "not a period"),
        (QUARTERLY, "2025-27", "80", None, "the second year must be the year after"),
        (QUARTERLY, "2025-26", "eighty", None, "target 'eighty' is not a number"),
        (QUARTERLY, "2025-26", "Infinity", None, "not a finite number"),
        (QUARTERLY, "2025-26", "80", "-0.1", "amber '-0.1' is negative"),
        (QUARTERLY, "2025-26", "80", "x", "amber 'x' is not a number"),
        (QUARTERLY, "2025-26", "80.1234567", None, "more than 6 decimal places"),
        ("cpo-breach-outcomes", "2025-26", "50", None, "is a distribution"),
    ],
)
def test_a_bad_target_is_refused_with_its_reason(indicator, period, target, amber, message):
    with pytest.raises(AnalysisProblem, match=message):
        set_target(indicator, period, target, amber, actor="ann")
    assert not Target.objects.exists()
    assert not AuditEntry.objects.exists()


def test_amber_of_zero_and_a_negative_target_are_accepted():
    set_target("eq-score-change", "2025-26-H1", "-1.5", "0", actor="ann")
    assert target_for("eq-score-change", "2025-26-H1").value == D("-1.5")


def test_an_import_stores_the_good_rows_and_rejects_the_bad_with_line_and_reason(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "indicator_id,period,target,amber\n"
        f"{QUARTERLY},2025-26,80,5\n"  # line 2: good
        f"{ANNUAL},2025-26-Q1,3,\n"  # line 3: wrong frequency
        "upw-hours,2025-26,lots,\n"  # line 4: not a number
        f"{QUARTERLY},2025-26,81,\n"  # line 5: repeats line 2
        f"{QUARTERLY},2025-26-Q2,90,-1\n"  # line 6: negative amber
        "\n"  # blank lines are skipped
        f"{ANNUAL},2025-26,12,\n"  # line 8: good, amber blank = 0
        f"{QUARTERLY},2025-26-Q3\n"  # line 9: too few fields
    )
    result = import_targets(path, actor="ann")
    assert [(t.indicator_id, t.period) for t in result.stored] == [
        (QUARTERLY, "2025-26"),
        (ANNUAL, "2025-26"),
    ]
    assert [line for line, _ in result.rejected] == [3, 4, 5, 6, 9]
    reasons = dict(result.rejected)
    assert "not an annual period" in reasons[3]
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
        b"\xef\xbb\xbfindicator_id,period,target,amber\r\nupw-hours,2025-26,9000,100\r\n"
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
    set_target("upw-hours", "2025-26", "9000", actor="ann")
    set_target(QUARTERLY, "2025-26-Q2", "85", actor="ann")
    set_target(QUARTERLY, "2025-26", "80", actor="ann")
    assert [(t.indicator_id, t.period) for t in list_targets()] == [
        (QUARTERLY, "2025-26"),
        (QUARTERLY, "2025-26-Q2"),
        ("upw-hours", "2025-26"),
    ]
    assert len(list_targets("upw-hours")) == 1
