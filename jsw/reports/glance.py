"""The "At a glance" page: what a board member reads first (reports.md, version 2).

Worked out from the pack model alone (pure): how many due PIs have each status, one
"Needs attention" line per due PI and reason, one "Improving" line per PI whose latest
point is a special-cause improvement, and how many published figures have been revised.
The PDF/HTML/Word page, the Excel `Summary` sheet and the dashboard's scorecard all show
this one result, in this order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jsw.analysis.vocabulary import ATTENTION_REASONS, IMPROVING_REASON, REASON_WORDS, STATUS
from jsw.framework.kinds import kind_of
from jsw.reports.model import Pack, Row
from jsw.reports.words import target_text, value_text


@dataclass(frozen=True)
class Line:
    """One line of "Needs attention" or "Improving"."""

    indicator_id: str  # for the Summary sheet only; pages name the PI by its title
    title: str
    reason: str  # one of ATTENTION_REASONS, or IMPROVING_REASON
    period: str
    value: Decimal | None
    value_text: str  # with its unit: "78.6%", "134.9 days"; blank when there is none
    unit: str  # "%" for a percentage, else the catalogue's unit
    target: Decimal | None
    target_text: str  # "80%, higher is better; amber from 75%"; blank without a target

    @property
    def reason_words(self) -> str:
        return REASON_WORDS[self.reason]


@dataclass(frozen=True)
class Glance:
    statuses: list[tuple[str, int]]  # every status, in the vocabulary's order, with its count
    attention: list[Line]
    improving: list[Line]
    revised: int  # published figures revised since they were published
    suppressed: int = 0  # due PIs left out because their value is `[c]` (public packs)

    @property
    def lines(self) -> list[Line]:
        """Every line in the page's order (the rows of the `Summary` sheet)."""
        return self.attention + self.improving


def at_a_glance(pack: Pack) -> Glance:
    order = {pi.id: index for index, pi in enumerate(pack.definitions)}
    rows = sorted(pack.rows, key=lambda row: order.get(row.pi.id, len(order)))
    shown = [row for row in rows if not _value_hidden(row)]
    counts = {status: 0 for status in STATUS}
    for row in shown:
        counts[row.status] = counts.get(row.status, 0) + 1
    attention = [
        _line(row, reason)
        for reason in ATTENTION_REASONS
        for row in shown
        if reason in set(_reasons(row))
    ]
    improving = [
        _line(row, IMPROVING_REASON) for row in shown if _latest_type(row) == IMPROVING_REASON
    ]
    return Glance(
        statuses=list(counts.items()),
        attention=attention,
        improving=improving,
        revised=len(pack.revisions),
        suppressed=len(rows) - len(shown),
    )


def _reasons(row: Row) -> Iterator[str]:
    if row.status in ("red", "amber"):
        yield row.status
    if _latest_type(row) == "special_cause_concern":
        yield "special_cause_concern"
    if row.assurance == "fail" and not row.trial:
        yield "assurance_fail"
    if _return_missing(row):
        yield "return_missing"


def _latest_type(row: Row) -> str:
    """The latest point's type, blank under trial limits (the pack shows no icon then)."""
    if row.trial or not row.series:
        return ""
    return row.series[-1].point_type


def _return_missing(row: Row) -> bool:
    """A return (entered, not counted from records) with no value for its due period."""
    if kind_of(row.pi.kind).counted:
        return False
    return all(cell.value is None and not cell.value_hidden for cell in row.current)


def _value_hidden(row: Row) -> bool:
    return any(cell.value_hidden for cell in row.current)


def _line(row: Row, reason: str) -> Line:
    pi = row.pi
    single = row.current[0] if len(row.current) == 1 else None
    return Line(
        indicator_id=pi.id,
        title=pi.title,
        reason=reason,
        period=row.period,
        value=single.value if single else None,
        value_text=value_text(pi, single) if single else "",
        unit="%" if kind_of(pi.kind).share else pi.unit,
        target=row.target,
        target_text="" if row.target is None else target_text(pi, row.target, row.amber),
    )


__all__ = ["Glance", "Line", "at_a_glance"]
