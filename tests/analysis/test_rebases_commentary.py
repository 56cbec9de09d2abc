"""Rebases (with a reason, at a period of the PI's frequency) and commentary (every version
kept, the latest shown), each change in the append-only audit log."""

from __future__ import annotations

import pytest

from jsw.analysis.checks import AnalysisProblem
from jsw.analysis.commentary import commentary_history, latest_commentary, set_commentary
from jsw.analysis.models import AuditEntry, Commentary, Rebase, record
from jsw.analysis.rebases import rebases_for, remove_rebase, set_rebase

pytestmark = pytest.mark.django_db

PI = "cpo-seen-1-day"


def test_a_rebase_is_kept_with_its_reason_and_listed_in_period_order():
    set_rebase(PI, "2025-26-Q2", "new duty rota", actor="ann")
    set_rebase(PI, "2024-25-Q1", "new recording system", actor="ann")
    assert [(r.period, r.reason) for r in rebases_for(PI)] == [
        ("2024-25-Q1", "new recording system"),
        ("2025-26-Q2", "new duty rota"),
    ]


@pytest.mark.parametrize(
    ("period", "reason", "message"),
    [
        ("2025-26-Q2", "  ", "needs a reason"),
        ("2025-26", "why", "not a quarterly period"),  # a rebase is at a point of the series
        ("2025-26-Q5", "why", "not a period"),
    ],
)
def test_a_bad_rebase_is_refused(period, reason, message):
    with pytest.raises(AnalysisProblem, match=message):
        set_rebase(PI, period, reason, actor="ann")
    assert not Rebase.objects.exists()


def test_changing_and_removing_a_rebase_is_audited():
    set_rebase(PI, "2025-26-Q2", "first reason", actor="ann")
    set_rebase(PI, "2025-26-Q2", "better reason", actor="bob")
    remove_rebase(PI, "2025-26-Q2", actor="cat")
    assert not Rebase.objects.exists()
    log = [(e.actor, e.action, e.before, e.after) for e in AuditEntry.objects.order_by("id")]
    assert log == [
        ("ann", "created", None, {"reason": "first reason"}),
        ("bob", "changed", {"reason": "first reason"}, {"reason": "better reason"}),
        ("cat", "removed", {"reason": "better reason"}, None),
    ]


def test_removing_a_rebase_that_is_not_there_says_so():
    with pytest.raises(AnalysisProblem, match="has no rebase at 2025-26-Q2"):
        remove_rebase(PI, "2025-26-Q2", actor="ann")


def test_every_version_of_a_commentary_is_kept_and_the_latest_is_shown():
    set_commentary(PI, "2025-26-Q2", "Draft.", author="ann")
    set_commentary(PI, "2025-26-Q2", "Final words.", author="bob")
    assert latest_commentary(PI, "2025-26-Q2").text == "Final words."
    assert [c.text for c in commentary_history(PI, "2025-26-Q2")] == ["Final words.", "Draft."]
    assert Commentary.objects.count() == 2
    last = AuditEntry.objects.order_by("id").last()
    assert (last.action, last.before, last.after) == (
        "changed",
        {"text": "Draft.", "author": "ann"},
        {"text": "Final words."},
    )


def test_a_commentary_may_be_for_the_financial_year():
    set_commentary(PI, "2025-26", "A good year.", author="ann")
    assert latest_commentary(PI, "2025-26").text == "A good year."


@pytest.mark.parametrize(
    ("period", "text", "author", "message"),
    [
        ("2025-26-Q2", " ", "ann", "blank"),
        ("2025-26-Q2", "x" * 4001, "ann", "longer than 4000"),
        ("2025-26-H1", "text", "ann", "not a quarterly period or a financial year"),
        ("2025-26-Q2", "text", " ", "author"),
    ],
)
def test_a_bad_commentary_is_refused(period, text, author, message):
    with pytest.raises(AnalysisProblem, match=message):
        set_commentary(PI, period, text, author=author)
    assert not Commentary.objects.exists()


def test_the_audit_log_cannot_be_changed_or_deleted():
    entry = record("ann", "created", "target", "x 2025-26", None, {"target": "1"})
    entry.actor = "mallory"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(actor="mallory")
    assert AuditEntry.objects.get().actor == "ann"
