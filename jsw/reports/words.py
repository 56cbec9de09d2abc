"""How a figure is written in a board-facing pack (reports.md version 2, "Words and numbers").

One function per kind of figure, each rounding once from the stored value, so that a value
reads the same in a caption, a table, a chart's text and a spreadsheet's number format:
percentages to one decimal with `%`, counts with thousands separators, means to one decimal
with their unit, every figure with its unit. Targets are one-sided, with the direction in
words. Also the one-sentence reading drafted from the figures.
"""

from __future__ import annotations

from decimal import Decimal

from jsw.analysis.vocabulary import DIRECTION_WORDS
from jsw.framework.kinds import kind_of
from jsw.framework.phrases import group_words
from jsw.lib.numbers import plain, round_half_away
from jsw.reports.model import SUPPRESSED, VARIATION_WORDS, Cell, Pi, Row
from jsw.reports.periods import short

STATUS_PHRASES = {
    "green": "on target",
    "amber": "within tolerance",
    "red": "off target",
}
# Units whose singular is not the plural without its final s.
_SINGULAR = {"people": "person", "case files": "case file"}


def percent(pi: Pi) -> bool:
    """Whether the PI's values are percentages (a share kind, or a return in %)."""
    return kind_of(pi.kind).share or pi.unit == "%"


def one_place(pi: Pi) -> bool:
    """Whether the PI's values are written to one decimal place (percentages and means)."""
    return percent(pi) or kind_of(pi.kind).mean


def grouped(value: Decimal | int) -> str:
    """The number as stored, with thousands separators: `81998.25` -> `81,998.25`."""
    text = plain(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, decimals = text.removeprefix("-").partition(".")
    return f"{sign}{int(whole):,}" + (f".{decimals}" if decimals else "")


def number(pi: Pi, value: Decimal | int | float | None) -> str:
    """The value without its unit: `78.6`, `1,234`, `134.9` (blank for no value)."""
    if value is None:
        return ""
    if isinstance(value, float):  # an SPC mean or limit: rounded once, from its decimal form
        value = Decimal(repr(value))
    if one_place(pi):
        return f"{round_half_away(value, 1):,}"
    return grouped(value)


def unit_of(pi: Pi, value: Decimal | int | float | None = None) -> str:
    """The unit written after a number: `%`, ` days`, ` orders` (` order` for one)."""
    if percent(pi):
        return "%"
    if not pi.unit:
        return ""
    if value is not None and Decimal(repr(value) if isinstance(value, float) else value) == 1:
        return " " + _SINGULAR.get(pi.unit, pi.unit.removesuffix("s"))
    return " " + pi.unit


def with_unit(pi: Pi, value: Decimal | int | float | None) -> str:
    """`78.6%`, `134.9 days`, `1,234 orders`; blank for no value."""
    text = number(pi, value)
    return f"{text}{unit_of(pi, value)}" if text else ""


def as_entered(pi: Pi, value: Decimal) -> str:
    """A target or tolerance as entered, with its unit: `80%`, `12.5 days`."""
    return f"{grouped(value)}{unit_of(pi, value)}"


def target_text(pi: Pi, target: Decimal, amber: Decimal | None = None) -> str:
    """One-sided, with the direction in words: `80%, higher is better; amber from 75%`."""
    text = as_entered(pi, target)
    if pi.direction not in ("up", "down"):
        return text
    text += f", {DIRECTION_WORDS[pi.direction]}"
    if amber:
        if pi.direction == "up":
            text += f"; amber from {as_entered(pi, target - amber)}"
        else:
            text += f"; amber up to {as_entered(pi, target + amber)}"
    return text


def value_text(pi: Pi, cell: Cell) -> str:
    """The cell's value as shown: `[c]`, the value with its unit, or blank."""
    if cell.value_hidden:
        return SUPPRESSED
    return with_unit(pi, cell.value)


def part_text(cell: Cell, part: str) -> str:
    shown = cell.shown(part)
    if isinstance(shown, str):
        return shown
    return "" if shown is None else grouped(shown)


def detail_text(pi: Pi, cell: Cell) -> str:
    """`412 of 508` for a percentage, `mean of 37` for a mean; else the note."""
    if kind_of(pi.kind).share:
        if cell.numerator is None and cell.denominator is None:
            return ""
        return f"{part_text(cell, 'numerator')} of {part_text(cell, 'denominator')}"
    if kind_of(pi.kind).mean and cell.denominator is not None:
        return f"mean of {part_text(cell, 'denominator')}"
    return cell.note


def group_label(breakdown: str, group: str) -> str:
    """A breakdown group in words: sex `F` -> `Female`; age bands and teams as they are."""
    return group_words(breakdown, group)


def reading(row: Row) -> str:
    """'81.2% in 2025-26 Q2, up from 78.0% in Q1 and 80.1% a year earlier; common cause
    variation; target 80%: on target' (reports.md, the per-objective sections)."""
    pi = row.pi
    if kind_of(pi.kind).by_category:
        return _distribution_reading(row)
    current = row.current[0]
    now = value_text(pi, current) or "no figure"
    text = f"{now} in {short(row.period)}"
    comparisons = []
    pairs = [(row.previous, _short_label(row)), (row.last_year, "a year earlier")]
    if row.previous_period == row.last_year_period:  # an annual PI: the year before
        pairs = pairs[:1]
    said = ""
    for cells, label in pairs:
        other = cells[0]
        if other.value is None and not other.value_hidden:
            comparisons.append(
                f"no figure {'for ' + label if label != 'a year earlier' else label}"
            )
            said = ""
            continue
        word = _change(current, other)
        # "up from 78.0% in Q1 and 80.1% a year earlier": a repeated change is said once.
        shown = "" if word == said else word
        said = word
        comparisons.append(f"{shown}{value_text(pi, other)} {_in(label)}".strip())
    text += ", " + " and ".join(comparisons)
    if row.variation:
        text += f"; {VARIATION_WORDS[row.variation].lower()}"
    elif row.trial and row.series and not current.value_hidden:
        text += "; too few points for firm limits"
    if row.target is not None and not current.value_hidden:
        text += f"; target {as_entered(pi, row.target)}"
        if row.status in STATUS_PHRASES:
            text += f": {STATUS_PHRASES[row.status]}"
    return text


def _short_label(row: Row) -> str:
    label = row.previous_period
    return label[8:] if label[:7] == row.period[:7] and len(label) > 7 else short(label)


def _in(label: str) -> str:
    return label if label == "a year earlier" else f"in {label}"


def _change(current: Cell, other: Cell) -> str:
    if current.value_hidden or other.value_hidden or current.value is None or other.value is None:
        return "against "
    if current.value > other.value:
        return "up from "
    if current.value < other.value:
        return "down from "
    return "the same as "


def _distribution_reading(row: Row) -> str:
    pi = row.pi
    parts = [
        f"{group_words('category', cell.key.category).lower()} "
        f"{value_text(pi, cell) or 'no figure'}"
        for cell in row.current
    ]
    if not parts:
        return f"No figures for {short(row.period)}"
    return f"In {short(row.period)}: " + ", ".join(parts)
