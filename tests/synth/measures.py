"""Rates measured on generated files the way indicators.md counts them, for the tests.

Working days and "N months after" come from `jsw.lib`, as the indicator engine's do, so a
rate here is the rate the engine would report.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from jsw.lib.workdays import WorkingDays
from tests.synth.checker import day, read

FIRST_DAY = date(2021, 4, 1)  # the three years ending 2023-24
LAST_DAY = date(2024, 3, 31)
WORKING_DAYS = WorkingDays()


def nth_working_day_after(start: date, n: int) -> date:
    return WORKING_DAYS.nth_working_day_after(start, n)


def covered(value: str) -> bool:
    return bool(value) and FIRST_DAY <= day(value) <= LAST_DAY


class Dataset:
    """The tables of one folder, with the look-ups the rates need."""

    def __init__(self, folder: Path) -> None:
        self.orders = {row["order_id"]: row for row in read(folder, "orders")}
        self.people = {row["person_id"]: row for row in read(folder, "people")}
        self.requirements = read(folder, "requirements")
        self.sessions = read(folder, "upw_sessions")
        self.contacts = read(folder, "contacts")
        self.breaches = read(folder, "breaches")
        self.assessments = read(folder, "assessments")
        self.services = read(folder, "services")
        self.returns = read(folder, "returns")
        self.types_by_order: dict[str, set[str]] = defaultdict(set)
        for row in self.requirements:
            self.types_by_order[row["order_id"]].add(row["requirement_type"])

    def new_cpos(self) -> list[dict[str, str]]:
        return [
            row
            for row in self.orders.values()
            if row["order_type"] == "CPO" and covered(row["start_date"])
        ]

    def first_event(self, order_types: tuple[str, ...]) -> dict[str, date]:
        first: dict[str, date] = {}
        for row in self.contacts:
            if row["contact_type"] in order_types:
                when = day(row["contact_date"])
                order_id = row["order_id"]
                first[order_id] = min(first.get(order_id, when), when)
        return first


def timeliness(items: list[tuple[date, date | None, date | None]]) -> float:
    """Share met among items (deadline, event, order end) due in the covered years."""
    met = due = 0
    for deadline, event, end in items:
        if not FIRST_DAY <= deadline <= LAST_DAY:
            continue
        if end is not None and end < deadline and (event is None or event > end):
            continue
        due += 1
        met += event is not None and event <= deadline
    return met / due


def end_of(order: dict[str, str]) -> date | None:
    return day(order["end_date"]) if order["end_date"] else None
