"""How a figure is written in a pack: the stored value, its unit, `[c]` when suppressed,
and the one-sentence reading drafted from the figures."""

from __future__ import annotations

from decimal import Decimal

from jsw.framework.kinds import kind_of
from jsw.lib.numbers import plain
from jsw.reports.model import SUPPRESSED, VARIATION_WORDS, Cell, Pi, Row
from jsw.reports.periods import short

STATUS_PHRASES = {
    "green": "on target",
    "amber": "within tolerance",
    "red": "off target",
}


def number(pi: Pi, value: Decimal | int | None) -> str:
    """The stored value as text: percentages and means keep their one decimal."""
    if value is None:
        return ""
    if isinstance(value, Decimal) and (kind_of(pi.kind).share or kind_of(pi.kind).mean):
        return f"{value:.1f}"
    return plain(value)


def with_unit(pi: Pi, value: Decimal | int | None) -> str:
    text = number(pi, value)
    return _unit(pi, text) if text else ""


def target_text(pi: Pi, target: Decimal) -> str:
    """A target as entered: `80%`, `12.5 days` (no decimals added)."""
    return _unit(pi, plain(target))


def _unit(pi: Pi, text: str) -> str:
    """`text` followed by the PI's unit: `%` for a share, the unit of a mean or a sum."""
    if kind_of(pi.kind).share:
        return f"{text}%"
    if pi.kind in ("mean", "sum") and pi.unit:
        return f"{text} {pi.unit}"
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
    return plain(shown)


def detail_text(pi: Pi, cell: Cell) -> str:
    """`(412 of 508)` for a percentage, `(over 37)` for a mean; blank otherwise."""
    if pi.kind in ("timeliness", "proportion", "distribution"):
        if cell.numerator is None and cell.denominator is None:
            return ""
        return f"{part_text(cell, 'numerator')} of {part_text(cell, 'denominator')}"
    if pi.kind == "mean" and cell.denominator is not None:
        return f"over {part_text(cell, 'denominator')}"
    return cell.note


def reading(row: Row) -> str:
    """'81.2% in 2025-26 Q2, up from 78.0% in Q1 and 80.1% a year earlier; common cause
    variation; target 80%: on target' (reports.md, the per-objective sections)."""
    pi = row.pi
    if pi.kind == "distribution":
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
        text += f"; target {target_text(pi, row.target)}"
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
        f"{cell.key.category.replace('_', ' ').lower()} {value_text(pi, cell) or 'no figure'}"
        for cell in row.current
    ]
    if not parts:
        return f"No figures for {short(row.period)}."
    return f"In {short(row.period)}: " + ", ".join(parts) + "."
