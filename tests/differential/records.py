"""The reference's own reading of an import folder, and its own calendar.

Deliberately independent of `jsw`: the values are parsed as records.md says (ids trimmed, codes
in any case, both date forms, Y/N words), and working days, months, ages and periods are
worked out here from indicators.md's words with the `holidays` package. Only valid rows are
expected: the tests check that the importer rejected none.
"""

from __future__ import annotations

import calendar
import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import holidays

IDS = {
    "person_id",
    "order_id",
    "requirement_id",
    "session_id",
    "assessment_id",
    "contact_id",
    "breach_id",
    "questionnaire_id",
    "service_id",
}
CODES = {
    "sex",
    "order_type",
    "end_reason",
    "requirement_type",
    "programme",
    "placement_type",
    "assessment_type",
    "contact_type",
    "outcome",
    "questionnaire_type",
    "service",
}
DATES = {
    "date_of_birth",
    "start_date",
    "end_date",
    "due_date",
    "completed_date",
    "session_date",
    "cmp_date",
    "contact_date",
    "application_date",
    "outcome_date",
    "received_date",
    "referral_date",
}
NUMBERS = {"hours", "score_before", "score_after", "value"}
TABLES = (
    "people",
    "orders",
    "requirements",
    "upw_sessions",
    "assessments",
    "contacts",
    "breaches",
    "questionnaires",
    "services",
    "returns",
)

Row = dict[str, Any]


def parse_date(text: str) -> date:
    text = text.removesuffix(" 00:00:00")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def parse(column: str, raw: str) -> Any:
    text = raw.strip()
    if column in IDS:
        return text
    if text == "":
        return None
    if column in CODES:
        return text.upper()
    if column in DATES:
        return parse_date(text)
    if column in NUMBERS:
        return Decimal(text)
    if column == "domestic_abuse":
        return text.lower() in ("y", "yes", "true", "1")
    return text


def read_table(folder: Path, table: str) -> list[Row]:
    path = folder / f"{table}.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [name.strip().lower() for name in next(reader)]
        return [
            {column: parse(column, value) for column, value in zip(header, line, strict=True)}
            for line in reader
        ]


@dataclass
class Records:
    tables: dict[str, list[Row]]

    @classmethod
    def read(cls, folder: Path) -> Records:
        return cls({table: read_table(folder, table) for table in TABLES})

    def __getitem__(self, table: str) -> list[Row]:
        return self.tables[table]

    def by_id(self, table: str, key: str) -> dict[str, Row]:
        return {row[key]: row for row in self.tables[table]}

    def children(self, table: str, key: str) -> dict[str, list[Row]]:
        found: dict[str, list[Row]] = defaultdict(list)
        for row in self.tables[table]:
            if row.get(key):
                found[row[key]].append(row)
        return found


# -- calendar, from indicators.md's words ----------------------------------------------------

BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="SCT", years=range(1990, 2041))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def nth_working_day_after(day: date, n: int) -> date:
    found = 0
    while found < n:
        day += timedelta(days=1)
        if is_working_day(day):
            found += 1
    return day


def months_after(day: date, n: int) -> date:
    month_index = day.month - 1 + n
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def active(self, start: date | None, end: date | None) -> bool:
        """Active during the period."""
        return start is not None and start <= self.end and (end is None or end >= self.start)


def periods(first_year: int, last_year: int, frequency: str) -> list[Period]:
    found: list[Period] = []
    for year in range(first_year, last_year + 1):
        label = f"{year}-{(year + 1) % 100:02d}"
        april, march = date(year, 4, 1), date(year + 1, 3, 31)
        if frequency == "A":
            found.append(Period(label, april, march))
        elif frequency == "H":
            found.append(Period(f"{label}-H1", april, date(year, 9, 30)))
            found.append(Period(f"{label}-H2", date(year, 10, 1), march))
        else:
            starts = [april, date(year, 7, 1), date(year, 10, 1), date(year + 1, 1, 1)]
            ends = [date(year, 6, 30), date(year, 9, 30), date(year, 12, 31), march]
            for number, (start, end) in enumerate(zip(starts, ends, strict=True), start=1):
                found.append(Period(f"{label}-Q{number}", start, end))
    return found
