"""The ten tables of records.md as data: columns, kinds, required columns, per-column rules.

Rules that look at two columns, or at a parent row, live in `rules`; the order of
`TABLES` is the order in which an import reads them, parents before children.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models

from jsw.contract import codes
from jsw.lib.numbers import ENTERED_LIMIT
from jsw.records import models as records
from jsw.records.importer import checks
from jsw.records.importer.checks import Check
from jsw.records.importer.values import (
    Cell,
    MultiLineCell,
    ValueProblem,
    is_blank,
    parse_bool,
    parse_code,
    parse_date,
    parse_date_with_format,
    parse_id,
    parse_number,
    parse_text,
)


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # id, date, bool, code, number, text or period
    required: bool = False
    codes: tuple[str, ...] = ()
    max_length: int = 0
    checks: tuple[Check, ...] = ()
    # What a blank optional cell is stored as.
    blank: Any = None
    # A mapping profile's own date format, tried before the contract's.
    date_format: str | None = None
    # Only a note may run over several lines; every other value is one line.
    multiline: bool = False

    def parse(self, cell: Cell) -> Any:
        """The cell's value; ValueProblem when it is not valid for this column."""
        if cell.__class__ is str:  # the common case, kept short: millions of cells
            cell = cell.strip()
            blank = not cell
        else:
            if isinstance(cell, MultiLineCell) and not self.multiline:
                stripped = cell.strip()
                if "\n" in stripped or "\r" in stripped:
                    raise cell.problem()
            blank = is_blank(cell)
        if blank:
            if self.required:
                raise ValueProblem("required: the cell is blank")
            return self.blank
        value = _PARSERS[self.kind](self, cell)
        for check in self.checks:
            reason = check(value)
            if reason:
                raise ValueProblem(reason)
        return value


_PARSERS: dict[str, Callable[[Column, Cell], Any]] = {
    "id": lambda column, cell: parse_id(cell),
    "date": lambda column, cell: (
        parse_date_with_format(cell, column.date_format) if column.date_format else parse_date(cell)
    ),
    "bool": lambda column, cell: parse_bool(cell),
    "code": lambda column, cell: parse_code(cell, column.codes),
    "number": lambda column, cell: parse_number(cell),
    "text": lambda column, cell: parse_text(cell, column.max_length, column.multiline),
    # Returns' indicator ids and periods are checked against the catalogue in `rules`.
    "period": lambda column, cell: parse_text(cell, 16).upper(),
    "indicator": lambda column, cell: _ascii_lower(parse_text(cell, 64)),
}


def _ascii_lower(text: str) -> str:
    # Only ASCII letters fold: the Kelvin sign would otherwise lower-case to a `k`.
    return text.lower() if text.isascii() else text


@dataclass(frozen=True)
class Table:
    name: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    # The columns that identify a row: its id, or (indicator_id, period) for returns.
    key: tuple[str, ...]
    by_name: dict[str, Column] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {column.name: column for column in self.columns})

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.required)


def _id(name: str) -> Column:
    return Column(name, "id", required=True, blank="")


def _date(name: str, required: bool = False) -> Column:
    """A record's date, within the years a justice social work record can have."""
    return Column(name, "date", required=required, checks=(checks.within_service_years,))


def _code(name: str, values: tuple[str, ...], required: bool = False, blank: str = "") -> Column:
    return Column(name, "code", required=required, codes=values, blank=blank)


def _text(name: str, max_length: int, multiline: bool = False) -> Column:
    return Column(name, "text", max_length=max_length, blank="", multiline=multiline)


def _number(name: str, required: bool, *rules: Check) -> Column:
    return Column(name, "number", required=required, checks=rules)


RETURN_VALUE_LIMIT = ENTERED_LIMIT

_SCORE = (checks.at_least(0), checks.at_most(100), checks.at_most_places(6))

PEOPLE = Table(
    "people",
    records.Person,
    (
        _id("person_id"),
        Column(
            "date_of_birth",
            "date",
            checks=(checks.not_in_future, checks.not_before(date(1900, 1, 1))),
        ),
        _code("sex", codes.SEX, blank="U"),
    ),
    key=("person_id",),
)
ORDERS = Table(
    "orders",
    records.Order,
    (
        _id("order_id"),
        _id("person_id"),
        _code("order_type", codes.ORDER_TYPES, required=True),
        _date("start_date", True),
        _date("end_date"),
        _code("end_reason", codes.END_REASONS),
        Column("domestic_abuse", "bool", blank=False),
        _text("team", 100),
    ),
    key=("order_id",),
)
REQUIREMENTS = Table(
    "requirements",
    records.Requirement,
    (
        _id("requirement_id"),
        _id("order_id"),
        _code("requirement_type", codes.REQUIREMENT_TYPES, required=True),
        _code("programme", codes.PROGRAMMES),
        _number("hours", False, checks.whole, checks.at_least(20), checks.at_most(300)),
        _date("due_date"),
        _date("completed_date"),
    ),
    key=("requirement_id",),
)
UPW_SESSIONS = Table(
    "upw_sessions",
    records.UpwSession,
    (
        _id("session_id"),
        _id("requirement_id"),
        _date("session_date", True),
        _number("hours", True, checks.above_zero, checks.at_most(12), checks.at_most_places(2)),
        _code("placement_type", codes.PLACEMENT_TYPES, required=True),
        _text("provider", 100),
    ),
    key=("session_id",),
)
ASSESSMENTS = Table(
    "assessments",
    records.Assessment,
    (
        _id("assessment_id"),
        _id("person_id"),
        Column("order_id", "id"),
        _code("assessment_type", codes.ASSESSMENT_TYPES, required=True),
        _date("start_date", True),
        _date("completed_date"),
        _date("cmp_date"),
    ),
    key=("assessment_id",),
)
CONTACTS = Table(
    "contacts",
    records.Contact,
    (
        _id("contact_id"),
        _id("order_id"),
        _code("contact_type", codes.CONTACT_TYPES, required=True),
        _date("contact_date", True),
    ),
    key=("contact_id",),
)
BREACHES = Table(
    "breaches",
    records.Breach,
    (
        _id("breach_id"),
        _id("order_id"),
        _date("application_date", True),
        _date("outcome_date"),
        _code("outcome", codes.BREACH_OUTCOMES),
    ),
    key=("breach_id",),
)
QUESTIONNAIRES = Table(
    "questionnaires",
    records.Questionnaire,
    (
        _id("questionnaire_id"),
        _id("order_id"),
        _code("questionnaire_type", codes.QUESTIONNAIRE_TYPES, required=True),
        _date("received_date", True),
        _number("score_before", False, *_SCORE),
        _number("score_after", False, *_SCORE),
    ),
    key=("questionnaire_id",),
)
SERVICES = Table(
    "services",
    records.Service,
    (
        _id("service_id"),
        _id("person_id"),
        _code("service", codes.SERVICES, required=True),
        _date("referral_date", True),
        _date("end_date"),
    ),
    key=("service_id",),
)
RETURNS = Table(
    "returns",
    records.Return,
    (
        Column("indicator_id", "indicator", required=True),
        Column("period", "period", required=True),
        # 9 digits before the point and 6 after: 15 significant digits, which SQLite's REAL
        # and PostgreSQL's numeric both store exactly.
        _number(
            "value",
            True,
            checks.at_most_places(6),
            checks.below(RETURN_VALUE_LIMIT, "the largest figure stored exactly"),
        ),
        _text("note", 1000, multiline=True),
    ),
    key=("indicator_id", "period"),
)

TABLES: tuple[Table, ...] = (
    PEOPLE,
    ORDERS,
    REQUIREMENTS,
    UPW_SESSIONS,
    ASSESSMENTS,
    CONTACTS,
    BREACHES,
    QUESTIONNAIRES,
    SERVICES,
    RETURNS,
)
BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}
# Tables whose stored rows `--replace` swaps for PATH's; returns are entered figures.
CASE_TABLES: tuple[Table, ...] = TABLES[:-1]
