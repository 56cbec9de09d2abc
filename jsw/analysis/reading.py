"""The one-sentence reading drafted from a PI's figures for the board pack (pure).

    81.2% in 2025-26 Q2, up from 78.0% in Q1 and 80.1% a year earlier; common cause
    variation; target 80%: on target

Figures are the stored, rounded values; a suppressed figure (`[c]`) is named as `[c]` and
never compared, judged or charted, so the sentence cannot reveal it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from jsw.analysis.status import DATA_ONLY, POINT_TYPE_WORDS, STATUS_SYMBOLS, UNKNOWN, status
from jsw.framework.schema import Indicator
from jsw.lib.numbers import plain
from jsw.lib.periods import parse_period, period_of

SUPPRESSED = "[c]"
Figure = Decimal | int | str | None  # str: only SUPPRESSED

_SINGULAR = {"people": "person", "case files": "case file"}


@dataclass(frozen=True)
class Aim:
    """A target and its amber tolerance, as `target_for` finds them."""

    value: Decimal
    amber: Decimal = Decimal(0)


def previous_period(label: str) -> str:
    """The period just before, of the same frequency: 2025-26-Q1 -> 2024-25-Q4."""
    period = parse_period(label)
    return period_of(period.start - timedelta(days=1), period.frequency).label


def year_earlier(label: str) -> str:
    """The same period a year before: 2025-26-Q2 -> 2024-25-Q2."""
    period = parse_period(label)
    return period_of(period.start.replace(year=period.start.year - 1), period.frequency).label


def figure_text(pi: Indicator, value: Figure, *, as_entered: bool = False) -> str:
    """A figure in the PI's unit: 81.2%, 1,234 orders, 12.5 days, 1,234.25 hours.

    Percentages and means show their one stored decimal (78.0%); as_entered shows the
    number as typed (a target of 80%).
    """
    if value is None:
        return "no figure"
    if isinstance(value, str):
        if value != SUPPRESSED:
            raise ValueError(f"a figure is a number, None or {SUPPRESSED}, not {value!r}")
        return SUPPRESSED
    number = Decimal(value)
    if pi.unit == "%" and not as_entered:
        return f"{number:,.1f}%"
    if pi.kind == "mean" and not as_entered:
        digits = f"{number:,.1f}"
    else:
        whole, _, decimals = plain(number).partition(".")
        digits = f"{int(whole):,}" + (f".{decimals}" if decimals else "")
        if whole.startswith("-") and int(whole) == 0:
            digits = "-" + digits
    if not pi.unit:
        return digits
    if pi.unit == "%":
        return f"{digits}%"
    unit = _SINGULAR.get(pi.unit, pi.unit.removesuffix("s")) if number == 1 else pi.unit
    return f"{digits} {unit}"


def reading(
    pi: Indicator,
    period: str,
    value: Figure,
    *,
    previous: Figure = None,
    a_year_earlier: Figure = None,
    point_type: str | None = None,
    trial: bool = False,
    target: Aim | None = None,
) -> str:
    """The drafted sentence. point_type: the SPC type of this period's point, if charted."""
    parts = [_this_period(pi, period, value, previous, a_year_earlier)]
    if point_type is not None and not isinstance(value, str) and value is not None:
        words = POINT_TYPE_WORDS[point_type]
        parts.append(f"{words} (trial limits)" if trial else words)
    if target is not None:
        parts.append(_against_target(pi, value, target))
    return "; ".join(parts)


def _this_period(
    pi: Indicator, period: str, value: Figure, previous: Figure, a_year_earlier: Figure
) -> str:
    here = parse_period(period)
    opening = f"{figure_text(pi, value)} in {_spoken(here.label)}"
    if value is None:
        opening = f"No figure for {_spoken(here.label)}"
    before = previous_period(here.label)
    comparisons = [(previous, f"in {_spoken(before, within=here.label)}")]
    if here.frequency != "A":  # for a year, the previous period is the year earlier
        comparisons.append((a_year_earlier, "a year earlier"))
    said = [_compared(pi, value, other, when) for other, when in comparisons if other is not None]
    if not said:
        return opening
    if value is None or isinstance(value, str):
        return f"{opening}; " + " and ".join(said)
    return _join_changes(opening, said)


def _compared(pi: Indicator, value: Figure, other: Figure, when: str) -> str:
    text = f"{figure_text(pi, other)} {when}"
    if value is None or isinstance(value, str) or isinstance(other, str) or other is None:
        return text  # nothing to compare, or a comparison would give a suppressed figure away
    if Decimal(value) > Decimal(other):
        return f"up from {text}"
    if Decimal(value) < Decimal(other):
        return f"down from {text}"
    return f"unchanged from {text}"


def _join_changes(opening: str, said: list[str]) -> str:
    """'up from A in Q1 and B a year earlier' when both go the same way."""
    if len(said) == 2:
        first_word, second_word = said[0].split(" ", 1)[0], said[1].split(" ", 1)[0]
        if first_word == second_word and first_word in ("up", "down"):
            said = [said[0], said[1].split(" ", 2)[2]]
    return f"{opening}, " + " and ".join(said)


def _spoken(label: str, within: str | None = None) -> str:
    """2025-26-Q2 -> '2025-26 Q2'; just 'Q1' when it is in the same year as `within`."""
    year, part = label[:7], label[8:]
    if not part:
        return year
    if within is not None and within[:7] == year:
        return part
    return f"{year} {part}"


def _against_target(pi: Indicator, value: Figure, target: Aim) -> str:
    aim = f"target {figure_text(pi, target.value, as_entered=True)}"
    if isinstance(value, str):
        return aim  # a suppressed figure gets no status
    judged = status(
        None if value is None else Decimal(value), target.value, target.amber, pi.direction
    )
    if judged == DATA_ONLY:
        return aim
    if judged == UNKNOWN:
        return f"{aim}: no figure to judge"
    return f"{aim}: {STATUS_SYMBOLS[judged].words.lower()}"
