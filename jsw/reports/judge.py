"""The judgements a pack shows (status, direction of travel, SPC) and the analysts' inputs
(targets, rebases, commentary), read from the analysis app in the shape the pack needs.

Status and travel are the analysis app's own functions (one formula, in one place); targets
are read once per pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jsw.analysis import status as judged
from jsw.analysis.commentary import latest_commentary
from jsw.analysis.models import Target as StoredTarget
from jsw.analysis.rebases import rebases_for
from jsw.analysis.spc import SpcResult, xmr

IMPROVEMENT = {"up": "increase", "down": "decrease", "none": "neutral"}


@dataclass(frozen=True)
class Target:
    value: Decimal
    amber: Decimal


def status(value: Decimal | None, target: Target | None, direction: str) -> str:
    """`green`, `amber`, `red`, `data only` or `unknown` (reports.md, "Targets and status")."""
    if target is None:
        return judged.status(value, None, None, direction)
    return judged.status(value, target.value, target.amber, direction)


def travel(value: Decimal | None, other: Decimal | None, direction: str) -> str:
    """`improving`/`worsening`/`no change` (or `higher`/`lower`), blank without both."""
    return judged.travel(value, other, direction) or ""


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
        _targets = {
            (row.indicator_id, row.period): Target(Decimal(row.value), Decimal(row.amber))
            for row in StoredTarget.objects.all()
        }
    return _targets


def target_for(indicator_id: str, period: str) -> Target | None:
    """The target of a PI for a period: the period's own, else its financial year's."""
    targets = _all_targets()
    return targets.get((indicator_id, period)) or targets.get((indicator_id, period[:7]))


def rebases(indicator_id: str) -> list[tuple[str, str]]:
    """(period, reason) of each rebase recorded for the PI, in period order."""
    return sorted((row.period, row.reason) for row in rebases_for(indicator_id))


def commentary(indicator_id: str, period: str) -> tuple[str, str]:
    """The latest commentary (text, author) for the PI and period, or blanks."""
    row = latest_commentary(indicator_id, period)
    return ("", "") if row is None else (row.text, row.author)
