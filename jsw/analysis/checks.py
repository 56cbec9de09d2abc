"""The checks every analysis service makes on what a user typed: a PI of the catalogue, a
period that fits its frequency, a number. A failed check raises `AnalysisProblem`, which the
CLI shows as one line with exit code 2 and the web app as a form error."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from jsw.framework.catalogue import load_catalogue
from jsw.framework.schema import Indicator
from jsw.lib.errors import InputProblem
from jsw.lib.numbers import ENTERED_LIMIT, ENTERED_PLACES
from jsw.lib.periods import FREQUENCY_NAMES, parse_period

MAX_DECIMALS = ENTERED_PLACES


class AnalysisProblem(InputProblem, ValueError):
    """Input that breaks a rule; the message says which."""


def indicator(indicator_id: str) -> Indicator:
    try:
        return load_catalogue().indicator(indicator_id.strip())
    except KeyError:
        raise AnalysisProblem(
            f"{indicator_id!r} is not a PI of the framework (see `jsw framework`)"
        ) from None


def period_for(pi: Indicator, label: str, *, year_too: bool) -> str:
    """The label, checked: a period of the PI's frequency, or (year_too) a financial year."""
    label = label.strip()
    try:
        period = parse_period(label)
    except ValueError as exc:
        raise AnalysisProblem(str(exc)) from None
    if period.frequency == pi.frequency:
        return period.label
    if year_too and period.frequency == "A":
        return period.label
    name = FREQUENCY_NAMES[pi.frequency]
    expected = f"{'an' if name[0] in 'aeiou' else 'a'} {name} period"
    if year_too and pi.frequency != "A":
        expected += " or a financial year"
    raise AnalysisProblem(f"{pi.id} {label} is not {expected}: {pi.id} is {name}")


def number(text: str | Decimal, what: str, *, negative: bool = True) -> Decimal:
    """A finite decimal of at most 6 decimal places, less than 10^9 in size: what a return
    may be, and what the database gives back exactly."""
    if isinstance(text, Decimal):
        value = text
    else:
        try:
            value = Decimal(text.strip())
        except InvalidOperation:
            raise AnalysisProblem(f"{what} {text!r} is not a number") from None
    if not value.is_finite():
        raise AnalysisProblem(f"{what} {text!r} is not a finite number")
    exponent = value.normalize().as_tuple().exponent  # 1.5000000 has 1 decimal place
    assert isinstance(exponent, int)
    if -exponent > MAX_DECIMALS:
        raise AnalysisProblem(f"{what} {text!r} has more than {MAX_DECIMALS} decimal places")
    if abs(value) >= ENTERED_LIMIT:
        raise AnalysisProblem(
            f"{what} {text!r} is too large: it must be less than {ENTERED_LIMIT:,} in size"
        )
    if not negative and value < 0:
        raise AnalysisProblem(f"{what} {text!r} is negative: it must be 0 or more")
    return value + 0  # normalises -0 to 0


def actor_name(actor: str) -> str:
    name = actor.strip()
    if not name:
        raise AnalysisProblem("the author (who made the change) is blank")
    if len(name) > 150:
        raise AnalysisProblem("the author's name is longer than 150 characters")
    return name
