"""Reading generated files, and the checks of single values that rules.py builds on.

It reads the canonical CSV form only (what `jsw synth` writes) and collects every
problem as one line, so that a failing test shows all of them at once.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

COLUMNS = {
    "people": ["person_id", "date_of_birth", "sex"],
    "orders": [
        "order_id",
        "person_id",
        "order_type",
        "start_date",
        "end_date",
        "end_reason",
        "domestic_abuse",
        "team",
    ],
    "requirements": [
        "requirement_id",
        "order_id",
        "requirement_type",
        "programme",
        "hours",
        "due_date",
        "completed_date",
    ],
    "upw_sessions": [
        "session_id",
        "requirement_id",
        "session_date",
        "hours",
        "placement_type",
        "provider",
    ],
    "assessments": [
        "assessment_id",
        "person_id",
        "order_id",
        "assessment_type",
        "start_date",
        "completed_date",
        "cmp_date",
    ],
    "contacts": ["contact_id", "order_id", "contact_type", "contact_date"],
    "breaches": ["breach_id", "order_id", "application_date", "outcome_date", "outcome"],
    "questionnaires": [
        "questionnaire_id",
        "order_id",
        "questionnaire_type",
        "received_date",
        "score_before",
        "score_after",
    ],
    "services": ["service_id", "person_id", "service", "referral_date", "end_date"],
    "returns": ["indicator_id", "period", "value", "note"],
}
RETURN_FREQUENCIES = {
    "significant-reviews": "Q",
    "mappa-clients": "A",
    "qa-case-files": "Q",
    "placement-feedback": "A",
}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER = re.compile(r"\d+(\.\d+)?")
YEAR_PERIOD = re.compile(r"(\d{4})-(\d{2})")
QUARTER_PERIOD = re.compile(r"(\d{4})-(\d{2})-Q[1-4]")


def read(folder: Path, table: str) -> list[dict[str, str]]:
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def day(value: str) -> date:
    return date.fromisoformat(value)


class Checker:
    """Collects problems as `table line column: reason` lines."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[str] = []
        self.tables = {table: read(folder, table) for table in COLUMNS}

    def fail(self, table: str, line: int, column: str, reason: str) -> None:
        self.problems.append(f"{table} line {line} {column}: {reason}")

    def rows(self, table: str) -> Iterator[tuple[int, dict[str, str]]]:
        for index, row in enumerate(self.tables[table]):
            yield index + 2, row

    def ids(self, table: str, column: str) -> dict[str, dict[str, str]]:
        seen: dict[str, dict[str, str]] = {}
        for line, row in self.rows(table):
            value = row[column]
            if not 1 <= len(value) <= 64 or value != value.strip():
                self.fail(table, line, column, f"bad id {value!r}")
            if value in seen:
                self.fail(table, line, column, f"duplicate id {value}")
            seen[value] = row
        return seen

    def date(
        self, table: str, line: int, row: dict[str, str], column: str, required: bool
    ) -> date | None:
        value = row[column]
        if not value:
            if required:
                self.fail(table, line, column, "required")
            return None
        if not ISO_DATE.fullmatch(value):
            self.fail(table, line, column, f"not an ISO date: {value!r}")
            return None
        try:
            return day(value)
        except ValueError:
            self.fail(table, line, column, f"not a real date: {value!r}")
            return None

    def code(
        self,
        table: str,
        line: int,
        row: dict[str, str],
        column: str,
        allowed: tuple[str, ...],
        required: bool = True,
    ) -> None:
        value = row[column]
        if not value and not required:
            return
        if value not in allowed:
            self.fail(table, line, column, f"{value!r} is not one of the codes (upper case)")

    def number(
        self, table: str, line: int, value: str, low: float, high: float, places: int = 2
    ) -> float | None:
        if not NUMBER.fullmatch(value):
            self.fail(table, line, "number", f"not a plain number: {value!r}")
            return None
        if "." in value and len(value.split(".")[1]) > places:
            self.fail(table, line, "number", f"too many decimals: {value}")
        amount = float(value)
        if not low <= amount <= high:
            self.fail(table, line, "number", f"{value} outside {low} to {high}")
        return amount
