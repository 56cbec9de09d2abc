"""Which periods a pack covers: its due PIs' periods, their neighbours and their series."""

from __future__ import annotations

from datetime import date, timedelta

from jsw.lib.errors import InputProblem
from jsw.lib.periods import Period, parse_period, period_of, periods_between, periods_in_year


class PeriodProblem(InputProblem, ValueError):
    """A report period that is not a quarter (or a year) with results."""


_EXPECTED = {
    "Q": "a quarter: expected a label like 2025-26-Q2",
    "A": "a financial year: expected a label like 2025-26",
}


def labelled(label: str, frequency: str) -> Period:
    """The period labelled `label`, which must be of `frequency` (Q or A)."""
    try:
        period = parse_period(label)
    except ValueError as exc:
        raise PeriodProblem(str(exc)) from None
    if period.frequency != frequency:
        raise PeriodProblem(f"{label!r} is not {_EXPECTED[frequency]}")
    return period


def quarter(label: str) -> Period:
    return labelled(label, "Q")


def latest_complete(as_of: date, frequency: str) -> Period:
    """The last period of `frequency` that ended on or before `as_of`."""
    current = period_of(as_of, frequency)
    if current.end <= as_of:
        return current
    return period_of(current.start - timedelta(days=1), frequency)


def latest_complete_quarter(as_of: date) -> Period:
    return latest_complete(as_of, "Q")


def due_period(frequency: str, q: Period) -> Period | None:
    """The PI's period that ends with quarter q, if any (reports.md, "Which PIs")."""
    candidate = period_of(q.end, frequency)
    return candidate if candidate.end == q.end else None


def shifted(period: Period, steps: int) -> Period:
    """The period `steps` periods of the same frequency before (negative) or after."""
    in_year = periods_in_year(period.financial_year, period.frequency)
    index = in_year.index(period) + steps
    fy = period.financial_year + index // len(in_year)
    return periods_in_year(fy, period.frequency)[index % len(in_year)]


def series_periods(period: Period) -> list[Period]:
    """From the first period of financial year Y - 4 to `period`, in its frequency."""
    first = period.financial_year - 4
    return [
        p for p in periods_between(first, period.financial_year, period.frequency) if p <= period
    ]


def short(label: str) -> str:
    """`2025-26-Q2` -> `2025-26 Q2` for sentences."""
    return label[:7] + (" " + label[8:] if len(label) > 7 else "")
