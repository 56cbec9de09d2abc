"""The rules of records.md that look at more than one cell: within a row, or at its parent.

A rule takes a row of parsed values (contract column -> value) and the import's context,
and returns the column and reason it breaks, or None. `RULES[table]` lists them in the
order they are tried; a row is rejected for the first rule it breaks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from jsw.lib.periods import FREQUENCY_NAMES, parse_period
from jsw.records.importer.checks import EARLIEST_EVENT, latest_event
from jsw.records.importer.facts import FOUND, MISSING, Facts, OrderFact

if TYPE_CHECKING:
    from jsw.framework.catalogue import Catalogue

Row = dict[str, Any]
Problem = tuple[str, str]


@dataclass
class Context:
    facts: Facts = field(default_factory=Facts)
    # Return PIs of the catalogue: indicator id -> frequency (Q, H or A).
    return_frequencies: dict[str, str] = field(default_factory=dict)
    record_indicators: frozenset[str] = frozenset()

    def know_indicators(self, catalogue: Catalogue) -> None:
        """Learn which PIs take entered returns (and how often), and which are counted."""
        self.return_frequencies = {
            pi.id: pi.frequency for pi in catalogue.indicators if pi.source == "return"
        }
        self.record_indicators = frozenset(
            pi.id for pi in catalogue.indicators if pi.source != "return"
        )


Rule = Callable[[Row, Context], Problem | None]


def not_before(column: str, earliest: str, words: str = "") -> Rule:
    def rule(row: Row, context: Context) -> Problem | None:
        later, first = row[column], row[earliest]
        if later is not None and first is not None and later < first:
            return column, f"before {words or earliest}"
        return None

    return rule


def both_or_neither(column: str, partner: str) -> Rule:
    """`column` is required when `partner` is given, and blank otherwise."""

    def rule(row: Row, context: Context) -> Problem | None:
        if row[partner] is not None and row[column] == "":
            return column, f"required when {partner} is given"
        if row[partner] is None and row[column] != "":
            return column, f"must be blank when {partner} is blank"
        return None

    return rule


def only_with(column: str, type_column: str, code: str, required: bool = False) -> Rule:
    def rule(row: Row, context: Context) -> Problem | None:
        given = row[column] not in (None, "")
        if row[type_column] == code:
            if required and not given:
                return column, f"required when {type_column} is {code}"
        elif given:
            return column, f"only allowed when {type_column} is {code}"
        return None

    return rule


def _order_problem(column: str, order_id: str, context: Context) -> Problem | None:
    status, _ = context.facts.orders.find(order_id)
    return _parent_problem(column, "order", order_id, status)


def _parent_problem(column: str, noun: str, key: str, status: str) -> Problem | None:
    if status == FOUND:
        return None
    if status == MISSING:
        return column, f"no such {noun}: {key} is neither in this import nor stored"
    return column, f"refers to {noun} {key}, which was rejected in this import"


def person_exists(row: Row, context: Context) -> Problem | None:
    status, _ = context.facts.people.find(row["person_id"])
    return _parent_problem("person_id", "person", row["person_id"], status)


def order_exists(row: Row, context: Context) -> Problem | None:
    return _order_problem("order_id", row["order_id"], context)


def order_is_cpo(row: Row, context: Context) -> Problem | None:
    order = context.facts.orders.current(row["order_id"])
    if order is not None and order.order_type != "CPO":
        return "order_id", f"order {row['order_id']} is a {order.order_type}, not a CPO"
    return None


def after_order_start(column: str) -> Rule:
    def rule(row: Row, context: Context) -> Problem | None:
        order = context.facts.orders.current(row["order_id"])
        return _before_start(row, column, order)

    return rule


def _before_start(row: Row, column: str, order: OrderFact | None) -> Problem | None:
    value: date | None = row[column]
    if order is not None and value is not None and value < order.start_date:
        return column, f"before the order's start_date ({order.start_date.isoformat()})"
    return None


def requirement_is_upw(row: Row, context: Context) -> Problem | None:
    key = row["requirement_id"]
    status, requirement = context.facts.requirements.find(key)
    problem = _parent_problem("requirement_id", "requirement", key, status)
    if problem is None and requirement is not None and requirement.requirement_type != "UPW":
        kind = requirement.requirement_type
        return "requirement_id", f"requirement {key} is a {kind} requirement, not UPW"
    return problem


def session_after_order_start(row: Row, context: Context) -> Problem | None:
    requirement = context.facts.requirements.current(row["requirement_id"])
    if requirement is None:
        return None
    order = context.facts.orders.current(requirement.order_id)
    return _before_start(row, "session_date", order)


def assessment_order_of_person(row: Row, context: Context) -> Problem | None:
    if row["order_id"] is None:
        return None
    problem = _order_problem("order_id", row["order_id"], context)
    order = context.facts.orders.current(row["order_id"])
    if problem is None and order is not None and order.person_id != row["person_id"]:
        return "order_id", f"order {row['order_id']} belongs to another person"
    return problem


def a_return_indicator(row: Row, context: Context) -> Problem | None:
    indicator = row["indicator_id"]
    if indicator in context.return_frequencies:
        return None
    if indicator in context.record_indicators:
        return "indicator_id", "this indicator is counted from the records, not entered"
    return "indicator_id", "not an indicator of the framework (no such indicator id)"


def a_period_of_its_frequency(row: Row, context: Context) -> Problem | None:
    try:
        period = parse_period(row["period"])
    except ValueError:
        return "period", "not a period: expected a label like 2024-25, 2024-25-H1 or 2024-25-Q3"
    frequency = context.return_frequencies[row["indicator_id"]]
    if period.frequency != frequency:
        name = FREQUENCY_NAMES[frequency]
        article = "an" if name[0] in "aeiou" else "a"
        return "period", f"not {article} {name} period, as this indicator needs"
    # The same years as a record's dates: a return for 9998-99 would make every later
    # computation cover thousands of years.
    if period.start < EARLIEST_EVENT:
        return "period", f"starts before {EARLIEST_EVENT.isoformat()}, earlier than any record"
    if period.end > latest_event():
        return "period", f"ends after {latest_event().isoformat()}, the end of next year"
    return None


RULES: dict[str, tuple[Rule, ...]] = {
    "people": (),
    "orders": (
        not_before("end_date", "start_date"),
        both_or_neither("end_reason", "end_date"),
        person_exists,
    ),
    "requirements": (
        only_with("programme", "requirement_type", "PROGRAMME", required=True),
        only_with("hours", "requirement_type", "UPW", required=True),
        only_with("due_date", "requirement_type", "UPW"),
        order_exists,
        order_is_cpo,
        after_order_start("due_date"),
        after_order_start("completed_date"),
    ),
    "upw_sessions": (requirement_is_upw, session_after_order_start),
    "assessments": (
        not_before("completed_date", "start_date"),
        only_with("cmp_date", "assessment_type", "LSCMI"),
        not_before("cmp_date", "start_date"),
        person_exists,
        assessment_order_of_person,
    ),
    "contacts": (order_exists, after_order_start("contact_date")),
    "breaches": (
        not_before("outcome_date", "application_date"),
        both_or_neither("outcome", "outcome_date"),
        order_exists,
        after_order_start("application_date"),
    ),
    "questionnaires": (order_exists,),
    "services": (not_before("end_date", "referral_date"), person_exists),
    "returns": (a_return_indicator, a_period_of_its_frequency),
}
