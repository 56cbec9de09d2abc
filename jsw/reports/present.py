"""A pack as display text: what every renderer writes in each cell of each table.

HTML, PDF (from the HTML) and the Excel `Scorecard` sheet show the same words; the Excel
data sheets keep numbers as numbers instead (see `xlsx`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString

from jsw.analysis.vocabulary import travel_text
from jsw.framework.kinds import kind_of
from jsw.reports import icons
from jsw.reports.model import (
    ASSURANCE_WORDS,
    STATUS_WORDS,
    SUPPRESSED,
    VARIATION_WORDS,
    Cell,
    Pi,
    Row,
)
from jsw.reports.periods import short
from jsw.reports.words import (
    detail_text,
    group_label,
    number,
    percent,
    target_text,
    value_text,
    with_unit,
)


@dataclass
class Shown:
    """One figure as text: the value and its detail (`412 of 508`)."""

    value: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.value} ({self.detail})" if self.detail and self.value else self.value


def shown(pi: Pi, cell: Cell) -> Shown:
    detail = detail_text(pi, cell)
    value = value_text(pi, cell)
    if not value and cell.note:
        return Shown("", cell.note)
    return Shown(value, detail)


def part_shown(pi: Pi, cell: Cell) -> Shown:
    """A quarter or half beside its year: its number, with `%` but without a unit that the
    year beside it already gives ("26 · 19 · 15 · 22" case files)."""
    if cell.value_hidden:
        return Shown(SUPPRESSED)
    if cell.value is None:
        return Shown("", cell.note)
    return Shown(number(pi, cell.value) + ("%" if percent(pi) else ""))


def shown_cells(pi: Pi, cells: list[Cell]) -> list[tuple[str, Shown]]:
    """(category label, figure) pairs: one with a blank label unless a distribution."""
    if not kind_of(pi.kind).by_category:
        return [("", shown(pi, cells[0]))]
    return [(category_label(c.key.category), shown(pi, c)) for c in cells]


def category_label(code: str) -> str:
    return group_label("category", code)


@dataclass
class Judgement:
    word: str
    icon: SafeString = field(default_factory=lambda: SafeString(""))


def status(row: Row) -> Judgement:
    if row.current and row.current[0].value_hidden:
        return Judgement("")
    return Judgement(STATUS_WORDS[row.status], icons.status_icon(row.status))


def variation(row: Row) -> Judgement:
    if not row.variation:
        return Judgement("Trial limits" if row.trial else "")
    return Judgement(VARIATION_WORDS[row.variation], icons.variation_icon(row.variation))


def assurance(row: Row) -> Judgement:
    if not row.assurance:
        return Judgement("")
    return Judgement(ASSURANCE_WORDS[row.assurance], icons.assurance_icon(row.assurance))


def travel(word: str, direction: str) -> str:
    """`▼ improving`: the arrow follows the value, the word says better or worse."""
    return travel_text(word, direction)


def with_title(svg: str, title: str) -> SafeString:
    """Our own SVG with a <title>: its text alternative in the tagged PDF."""
    if not svg:
        return SafeString("")
    head, _, rest = svg.partition(">")
    return SafeString(f"{head}><title>{escape(title)}</title>{rest}")


def sparkline_text(row: Row) -> str:
    pi = row.pi
    points = row.series
    if len(points) < 2:
        return ""
    values = [p.value for p in points]
    return (
        f"Trend of {pi.title}, {short(points[0].period)} to {short(points[-1].period)}: "
        f"lowest {with_unit(pi, min(values))}, highest {with_unit(pi, max(values))}, latest "
        f"{with_unit(pi, values[-1])}."
    )


def part_counts_text(row: Row) -> str:
    """The annual report's count of the year's periods by status, beside a year with no
    whole-year target: "quarters: 3 on target, 1 within tolerance, 0 off target"."""
    if row.part_counts is None:
        return ""
    periods = "halves" if row.pi.frequency == "H" else "quarters"
    counts = ", ".join(
        f"{row.part_counts.get(s, 0)} {STATUS_WORDS[s].lower()}" for s in ("green", "amber", "red")
    )
    return f"{periods}: {counts}"


@dataclass
class ScoreLine:
    row: Row
    figures: list[tuple[str, Shown]]
    previous: list[tuple[str, Shown]]
    last_year: list[tuple[str, Shown]]
    target: str
    status: Judgement
    variation: Judgement
    assurance: Judgement
    travel_previous: str
    travel_year: str
    parts: list[Shown] = field(default_factory=list)
    part_counts: str = ""  # "quarters: 3 on target, 1 within tolerance, 0 off target"
    trend: list[Shown] = field(default_factory=list)
    sparkline: SafeString = field(default_factory=lambda: SafeString(""))


def score_line(row: Row) -> ScoreLine:
    pi = row.pi
    hidden = row.current[0].value_hidden
    return ScoreLine(
        row=row,
        figures=shown_cells(pi, row.current),
        previous=shown_cells(pi, row.previous),
        last_year=shown_cells(pi, row.last_year),
        target="" if row.target is None else target_text(pi, row.target, row.amber),
        status=status(row),
        variation=Judgement("") if hidden else variation(row),
        assurance=Judgement("") if hidden else assurance(row),
        travel_previous="" if hidden else travel(row.travel_previous, pi.direction),
        travel_year="" if hidden else travel(row.travel_year, pi.direction),
        parts=[part_shown(pi, c) for c in row.parts],
        part_counts="" if hidden else part_counts_text(row),
        trend=[shown(pi, c) for c in row.trend],
        sparkline=with_title(row.sparkline_svg, sparkline_text(row)),
    )


def chart_text(row: Row) -> str:
    """The text alternative of a PI's trend chart."""
    pi = row.pi
    points = row.series
    if not points:
        return f"No values to chart for {pi.title} up to {short(row.period)}."
    if kind_of(pi.kind).by_category:
        return (
            f"Line chart of each outcome's share of {pi.title}, {short(points[0].period)} to "
            f"{short(points[-1].period)}; the values are in the table beside it."
        )
    values = [p.value for p in points]
    text = (
        f"Chart of {pi.title}, {len(points)} periods from {short(points[0].period)} to "
        f"{short(points[-1].period)}: lowest {with_unit(pi, min(values))}, highest "
        f"{with_unit(pi, max(values))}, latest {with_unit(pi, values[-1])}."
    )
    last = points[-1]
    if last.mean is not None:
        text += f" Mean {with_unit(pi, last.mean)}"
        if last.lower is not None and last.upper is not None:
            text += f", process limits {with_unit(pi, last.lower)} to {with_unit(pi, last.upper)}"
        text += "."
    special = [p for p in points if p.point_type and p.point_type != "common_cause"]
    if special:
        text += f" {len(special)} special-cause point(s): " + ", ".join(
            f"{short(p.period)} ({p.point_type.replace('special_cause_', '').replace('_', ' ')})"
            for p in special
        )
        text += "."
    if row.target is not None:
        text += f" Target {target_text(pi, row.target, row.amber)}."
    if row.trial:
        text += " Trial limits (fewer than 13 points)."
    for period, reason in row.rebases:
        text += f" Rebased at {short(period)}: {reason}."
    return text


PUBLIC_NOTE = (
    "[c]: suppressed to protect confidentiality. Counts from 1 to {low} (below the threshold "
    "of {threshold}), and figures from which such a count could be worked out, are shown as "
    "[c]. {secondary} figure(s) are suppressed for that second reason."
)


def public_note(threshold: int, secondary: int) -> str:
    return PUBLIC_NOTE.format(low=threshold - 1, threshold=threshold, secondary=secondary)


__all__ = ["SUPPRESSED", "ScoreLine", "chart_text", "public_note", "score_line", "shown"]
