"""The judgements a pack shows (status, direction of travel, SPC) and the analysts' inputs
(targets, rebases, commentary), read through one small interface.

The analysis app owns these; this module adapts to it and, while a piece of it is not
there yet, falls back to the spec's table (status and travel are a few comparisons).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jsw.analysis.spc import SpcResult, xmr

IMPROVEMENT = {"up": "increase", "down": "decrease", "none": "neutral"}


def _analysis(module: str) -> Any | None:
    try:
        return importlib.import_module(f"jsw.analysis.{module}")
    except ImportError:
        return None


@dataclass(frozen=True)
class Target:
    value: Decimal
    amber: Decimal


def status(value: Decimal | None, target: Target | None, direction: str) -> str:
    """`green`, `amber`, `red`, `data only` or `unknown` (reports.md, "Targets and status")."""
    found = _analysis("status")
    if found is not None and hasattr(found, "status"):
        return str(
            found.status(
                value,
                None if target is None else target.value,
                Decimal(0) if target is None else target.amber,
                direction,
            )
        )
    if value is None:
        return "unknown"
    if direction == "none" or target is None:
        return "data only"
    if direction == "up":
        if value >= target.value:
            return "green"
        return "amber" if value >= target.value - target.amber else "red"
    if value <= target.value:
        return "green"
    return "amber" if value <= target.value + target.amber else "red"


def travel(value: Decimal | None, other: Decimal | None, direction: str) -> str:
    """`improving`/`worsening`/`no change` (or `higher`/`lower`), blank without both."""
    found = _analysis("status")
    if found is not None and hasattr(found, "travel"):
        return str(found.travel(value, other, direction) or "")
    if value is None or other is None:
        return ""
    if value == other:
        return "no change"
    higher = value > other
    if direction == "none":
        return "higher" if higher else "lower"
    return "improving" if higher == (direction == "up") else "worsening"


def spc(
    values: list[Decimal],
    periods: list[str],
    direction: str,
    target: Decimal | None,
    rebases: list[str],
) -> SpcResult:
    return xmr(
        values,
        periods,
        improvement=IMPROVEMENT[direction],
        target=target if direction != "none" else None,
        rebase_at=[r for r in rebases if r in periods or r > periods[0]] if periods else [],
    )


_targets: dict[tuple[str, str], Target] | None = None


def forget_targets() -> None:
    """Read the targets afresh on the next look-up (each pack reads them once)."""
    global _targets
    _targets = None


def _all_targets() -> dict[tuple[str, str], Target]:
    global _targets
    if _targets is None:
        _targets = {}
        models = _analysis("models")
        if models is not None and hasattr(models, "Target"):
            for row in models.Target.objects.all():
                amber = getattr(row, "amber", None)
                _targets[(row.indicator_id, row.period)] = Target(
                    Decimal(row.value), Decimal(amber or 0)
                )
    return _targets


def target_for(indicator_id: str, period: str) -> Target | None:
    """The target of a PI for a period: the period's own, else its financial year's."""
    targets = _all_targets()
    return targets.get((indicator_id, period)) or targets.get((indicator_id, period[:7]))


def rebases(indicator_id: str) -> list[tuple[str, str]]:
    """(period, reason) of each rebase recorded for the PI, in period order."""
    models = _analysis("models")
    if models is None or not hasattr(models, "Rebase"):
        return []
    rows = models.Rebase.objects.filter(indicator_id=indicator_id)
    return sorted((row.period, row.reason) for row in rows)


def commentary(indicator_id: str, period: str) -> tuple[str, str]:
    """The latest commentary (text, author) for the PI and period, or blanks."""
    models = _analysis("models")
    if models is None or not hasattr(models, "Commentary"):
        return "", ""
    row = (
        models.Commentary.objects.filter(indicator_id=indicator_id, period=period)
        .order_by("-id")
        .first()
    )
    if row is None:
        return "", ""
    return str(row.text), str(getattr(row, "author", "") or "")
