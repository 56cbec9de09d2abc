"""Rebases: an analyst records that a PI's process changed at a period, with the reason.

Never set automatically (reports.md). A rebase is at a period of the PI's frequency; the
SPC chart starts a new group there and shows the reason.
"""

from __future__ import annotations

from django.db import transaction

from jsw.analysis import checks
from jsw.analysis.checks import AnalysisProblem
from jsw.analysis.models import Rebase, record

MAX_REASON = 1000


def set_rebase(indicator_id: str, period: str, reason: str, *, actor: str) -> Rebase:
    pi = checks.indicator(indicator_id)
    label = checks.period_for(pi, period, year_too=False)
    reason = reason.strip()
    if not reason:
        raise AnalysisProblem("a rebase needs a reason (--reason TEXT)")
    if len(reason) > MAX_REASON:
        raise AnalysisProblem(f"the reason is longer than {MAX_REASON} characters")
    name = checks.actor_name(actor)
    with transaction.atomic():
        old = Rebase.objects.filter(indicator_id=pi.id, period=label).first()
        if old is not None and old.reason == reason:
            return old
        rebase, _ = Rebase.objects.update_or_create(
            indicator_id=pi.id, period=label, defaults={"reason": reason}
        )
        before = None if old is None else {"reason": old.reason}
        action = "created" if old is None else "changed"
        record(name, action, "rebase", f"{pi.id} {label}", before, {"reason": reason})
    return rebase


def remove_rebase(indicator_id: str, period: str, *, actor: str) -> None:
    pi = checks.indicator(indicator_id)
    label = checks.period_for(pi, period, year_too=False)
    name = checks.actor_name(actor)
    with transaction.atomic():
        old = Rebase.objects.filter(indicator_id=pi.id, period=label).first()
        if old is None:
            raise AnalysisProblem(f"{pi.id} has no rebase at {label}")
        old.delete()
        record(name, "removed", "rebase", f"{pi.id} {label}", {"reason": old.reason}, None)


def rebases_for(indicator_id: str) -> list[Rebase]:
    """The PI's rebases in period order."""
    pi = checks.indicator(indicator_id)
    return sorted(Rebase.objects.filter(indicator_id=pi.id), key=lambda r: r.period)


def all_rebases() -> list[Rebase]:
    return list(Rebase.objects.order_by("indicator_id", "period"))
