"""The judgements a pack shows (status, direction of travel, SPC) and the analysts' inputs
(targets, rebases, commentary), read from the analysis app in the shape the pack needs.

Status and travel are the analysis app's own functions (one formula, in one place); which
target applies is `analysis.targets.Targets` (one rule), read once per pack or page by the
caller and passed down.
"""

from __future__ import annotations

from decimal import Decimal

from jsw.analysis import status as judged
from jsw.analysis.commentary import latest_commentary
from jsw.analysis.rebases import rebases_for
from jsw.analysis.spc import SpcResult, xmr
from jsw.analysis.targets import TargetValue

IMPROVEMENT = {"up": "increase", "down": "decrease", "none": "neutral"}


def status(value: Decimal | None, target: TargetValue | None, direction: str) -> str:
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
        rebase_at=rebases,
    )


def rebases(indicator_id: str) -> list[tuple[str, str]]:
    """(period, reason) of each rebase recorded for the PI, in period order."""
    return sorted((row.period, row.reason) for row in rebases_for(indicator_id))


def commentary(indicator_id: str, period: str) -> tuple[str, str]:
    """The latest commentary (text, author) for the PI and period, or blanks."""
    row = latest_commentary(indicator_id, period)
    return ("", "") if row is None else (row.text, row.author)
