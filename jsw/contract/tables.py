"""The record tables as a definition sees them: each table's fields, their types, and links.

Plain data, so that `jsw framework check` can test every dotted path of a definition without
Django or a database. It describes `jsw.records.models` (the import contract of records.md);
`tests/framework/test_tables.py` keeps the two in step. Ids are left out on purpose: no
definition counts by a person's or an order's id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from jsw.contract import codes

FieldType = Literal["date", "number", "code", "flag", "text"]


@dataclass(frozen=True)
class Column:
    type: FieldType
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    fields: dict[str, Column]
    # Link name -> the table it points at (a foreign key of this table's rows).
    links: dict[str, str] = field(default_factory=dict)

    def links_to(self, parent: str) -> list[str]:
        return [name for name, target in self.links.items() if target == parent]


DATE = Column("date")
NUMBER = Column("number")
FLAG = Column("flag")
TEXT = Column("text")


def _code(values: tuple[str, ...]) -> Column:
    return Column("code", values)


TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table("people", {"date_of_birth": DATE, "sex": _code(codes.SEX)}),
        Table(
            "orders",
            {
                "order_type": _code(codes.ORDER_TYPES),
                "start_date": DATE,
                "end_date": DATE,
                "end_reason": _code(codes.END_REASONS),
                "domestic_abuse": FLAG,
                "team": TEXT,
            },
            {"person": "people"},
        ),
        Table(
            "requirements",
            {
                "requirement_type": _code(codes.REQUIREMENT_TYPES),
                "programme": _code(codes.PROGRAMMES),
                "hours": NUMBER,
                "due_date": DATE,
                "completed_date": DATE,
            },
            {"order": "orders"},
        ),
        Table(
            "upw_sessions",
            {
                "session_date": DATE,
                "hours": NUMBER,
                "placement_type": _code(codes.PLACEMENT_TYPES),
                "provider": TEXT,
            },
            {"requirement": "requirements"},
        ),
        Table(
            "assessments",
            {
                "assessment_type": _code(codes.ASSESSMENT_TYPES),
                "start_date": DATE,
                "completed_date": DATE,
                "cmp_date": DATE,
            },
            {"person": "people", "order": "orders"},
        ),
        Table(
            "contacts",
            {"contact_type": _code(codes.CONTACT_TYPES), "contact_date": DATE},
            {"order": "orders"},
        ),
        Table(
            "breaches",
            {
                "application_date": DATE,
                "outcome_date": DATE,
                "outcome": _code(codes.BREACH_OUTCOMES),
            },
            {"order": "orders"},
        ),
        Table(
            "questionnaires",
            {
                "questionnaire_type": _code(codes.QUESTIONNAIRE_TYPES),
                "received_date": DATE,
                "score_before": NUMBER,
                "score_after": NUMBER,
            },
            {"order": "orders"},
        ),
        Table(
            "services",
            {"service": _code(codes.SERVICES), "referral_date": DATE, "end_date": DATE},
            {"person": "people"},
        ),
    )
}
