"""Reporting periods of the financial year (1 April to 31 March): years, halves, quarters.

Labels follow the spec: `2024-25` for the year, `2024-25-H1`/`-H2` for its halves and
`2024-25-Q1`..`-Q4` for its quarters. This module only does calendar arithmetic; which PI
uses which frequency is the catalogue's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache, total_ordering

FREQUENCIES = ("Q", "H", "A")
FREQUENCY_NAMES = {"Q": "quarterly", "H": "6-monthly", "A": "annual"}

# Months (counted from April = 0) that each frequency's periods span.
_MONTHS_PER_PERIOD = {"Q": 3, "H": 6, "A": 12}

# A financial year must start and end inside the range of `datetime.date`.
MIN_FINANCIAL_YEAR = 1
MAX_FINANCIAL_YEAR = 9998

_LABEL = re.compile(r"([0-9]{4})-([0-9]{2})(?:-(Q[1-4]|H[12]))?")


@total_ordering
@dataclass(frozen=True)
class Period:
    """One reporting period; `start` and `end` are both included."""

    label: str
    frequency: str
    start: date
    end: date

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    @property
    def financial_year(self) -> int:
        return financial_year_of(self.start)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __str__(self) -> str:
        return self.label

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return (self.start, self.frequency) < (other.start, other.frequency)


def fy_label(year: int) -> str:
    """The label of the financial year starting 1 April `year`: 2024 -> "2024-25"."""
    _check_year(year)
    return f"{year:04d}-{(year + 1) % 100:02d}"


def financial_year_of(d: date) -> int:
    """The financial year containing d, by its first calendar year (2025-03-31 -> 2024)."""
    return d.year if d.month >= 4 else d.year - 1


def parse_financial_year(label: str) -> int:
    """ "2024-25" -> 2024; ValueError for anything that is not a year label."""
    match = _LABEL.fullmatch(label) if isinstance(label, str) else None
    if match is None or match.group(3) is not None:
        raise ValueError(f"{label!r} is not a financial year: expected a label like 2024-25")
    return _year_from_match(label, match)


def parse_period(label: str) -> Period:
    """A period from its label: 2024-25, 2024-25-H1, 2024-25-H2, 2024-25-Q1 .. Q4."""
    match = _LABEL.fullmatch(label) if isinstance(label, str) else None
    if match is None:
        raise ValueError(
            f"{label!r} is not a period: expected a label like 2024-25, 2024-25-H1 or 2024-25-Q3"
        )
    year = _year_from_match(label, match)
    suffix = match.group(3)
    if suffix is None:
        return _make_period(year, "A", 0)
    frequency = suffix[0]
    return _make_period(year, frequency, int(suffix[1]) - 1)


def period_of(d: date, frequency: str) -> Period:
    """The period of the given frequency that contains d."""
    _check_frequency(frequency)
    year = financial_year_of(d)
    months_into_year = (d.month - 4) % 12
    return _make_period(year, frequency, months_into_year // _MONTHS_PER_PERIOD[frequency])


def periods_in_year(year: int, frequency: str) -> list[Period]:
    """The periods of one financial year, in date order."""
    _check_frequency(frequency)
    count = 12 // _MONTHS_PER_PERIOD[frequency]
    return [_make_period(year, frequency, index) for index in range(count)]


def periods_between(first_fy: int, last_fy: int, frequency: str) -> list[Period]:
    """Every period of the frequency from financial year first_fy to last_fy, both included."""
    _check_frequency(frequency)
    if first_fy > last_fy:
        raise ValueError(
            f"the first year {fy_label(first_fy)} is after the last year {fy_label(last_fy)}"
        )
    return [
        period
        for year in range(first_fy, last_fy + 1)
        for period in periods_in_year(year, frequency)
    ]


def _year_from_match(label: str, match: re.Match[str]) -> int:
    year = int(match.group(1))
    if int(match.group(2)) != (year + 1) % 100:
        raise ValueError(
            f"{label!r} is not a financial year: the second year must be the year after "
            f"the first (like {year:04d}-{(year + 1) % 100:02d})"
        )
    _check_year(year)
    return year


# Periods are immutable, so the engine's many period_of calls can share them.
@lru_cache(maxsize=4096)
def _make_period(year: int, frequency: str, index: int) -> Period:
    """The index-th period (from 0) of the frequency in financial year `year`."""
    _check_year(year)
    months = _MONTHS_PER_PERIOD[frequency]
    start = _first_of_fy_month(year, index * months)
    end = _first_of_fy_month(year, (index + 1) * months) - timedelta(days=1)
    label = fy_label(year)
    if frequency != "A":
        label = f"{label}-{frequency}{index + 1}"
    return Period(label=label, frequency=frequency, start=start, end=end)


def _first_of_fy_month(year: int, months_after_april: int) -> date:
    month_index = 3 + months_after_april  # 0-based calendar month, April = 3
    return date(year + month_index // 12, month_index % 12 + 1, 1)


def _check_frequency(frequency: str) -> None:
    if frequency not in FREQUENCIES:
        raise ValueError(f"{frequency!r} is not a frequency: expected one of Q, H, A")


def _check_year(year: int) -> None:
    if not MIN_FINANCIAL_YEAR <= year <= MAX_FINANCIAL_YEAR:
        raise ValueError(
            f"{year} is outside the supported financial years "
            f"{MIN_FINANCIAL_YEAR}..{MAX_FINANCIAL_YEAR}"
        )
