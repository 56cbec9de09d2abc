"""The owner's commentary on a PI's period: every change kept, the latest one shown.

Commentary is for a period of the PI's frequency, or for a financial year (the annual
report's "year's commentary").
"""

from __future__ import annotations

from django.db import transaction

from jsw.analysis import checks
from jsw.analysis.checks import AnalysisProblem
from jsw.analysis.models import Commentary, record

MAX_TEXT = 4000


def set_commentary(indicator_id: str, period: str, text: str, *, author: str) -> Commentary:
    pi = checks.indicator(indicator_id)
    label = checks.period_for(pi, period, year_too=True)
    text = text.strip()
    if not text:
        raise AnalysisProblem("the commentary is blank")
    if len(text) > MAX_TEXT:
        raise AnalysisProblem(f"the commentary is longer than {MAX_TEXT} characters")
    name = checks.actor_name(author)
    with transaction.atomic():
        old = latest_commentary(pi.id, label)
        entry = Commentary.objects.create(indicator_id=pi.id, period=label, text=text, author=name)
        before = None if old is None else {"text": old.text, "author": old.author}
        action = "created" if old is None else "changed"
        record(name, action, "commentary", f"{pi.id} {label}", before, {"text": text})
    return entry


def latest_commentary(indicator_id: str, period: str) -> Commentary | None:
    return (
        Commentary.objects.filter(indicator_id=indicator_id, period=period)
        .order_by("-created_at", "-id")
        .first()
    )


def commentary_history(indicator_id: str, period: str | None = None) -> list[Commentary]:
    """Every version for the PI (or one period of it), newest first within each period."""
    pi = checks.indicator(indicator_id)
    rows = Commentary.objects.filter(indicator_id=pi.id)
    if period is not None:
        rows = rows.filter(period=checks.period_for(pi, period, year_too=True))
    return list(rows.order_by("period", "-created_at", "-id"))
