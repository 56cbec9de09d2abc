"""The rules of records.md that look at more than one cell: within a row, or at its parent.

A rule takes a row of parsed values (contract column -> value) and the import's context,
and returns the column and reason it breaks, or None. `RULES[table]` lists them in the
order they are tried; a row is rejected for the first rule it breaks.

Each rule is also written for many rows at once (`Rule.many`: the values by column, and
the positions of the rows that break it), which the import runs over blocks of thousands
of rows, without a call per row. The two forms say the same (tests/records compare them);
a row that breaks a rule is then rejected through the one-row form, which says why.
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
Columns = dict[str, list[Any]]
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


OneRow = Callable[[Row, Context], Problem | None]
ManyRows = Callable[[Columns, Context], list[int]]


@dataclass(frozen=True)
class Rule:
    one: OneRow
    many: ManyRows

    def __call__(self, row: Row, context: Context) -> Problem | None:
        return self.one(row, context)


def not_before(column: str, earliest: str, words: str = "") -> Rule:
    def one(row: Row, context: Context) -> Problem | None:
        later, first = row[column], row[earliest]
        if later is not None and first is not None and later < first:
            return column, f"before {words or earliest}"
        return None

    def many(columns: Columns, context: Context) -> list[int]:
        pairs = zip(columns[column], columns[earliest], strict=True)
        return [
            i
            for i, (later, first) in enumerate(pairs)
            if later is not None and first is not None and later < first
        ]

    return Rule(one, many)


def both_or_neither(column: str, partner: str) -> Rule:
    """`column` is required when `partner` is given, and blank otherwise."""

    def one(row: Row, context: Context) -> Problem | None:
        if row[partner] is not None and row[column] == "":
            return column, f"required when {partner} is given"
        if row[partner] is None and row[column] != "":
            return column, f"must be blank when {partner} is blank"
        return None

    def many(columns: Columns, context: Context) -> list[int]:
        pairs = zip(columns[column], columns[partner], strict=True)
        return [i for i, (value, other) in enumerate(pairs) if (other is not None) == (value == "")]

    return Rule(one, many)


def only_with(column: str, type_column: str, code: str, required: bool = False) -> Rule:
    def one(row: Row, context: Context) -> Problem | None:
        given = row[column] not in (None, "")
        if row[type_column] == code:
            if required and not given:
                return column, f"required when {type_column} is {code}"
        elif given:
            return column, f"only allowed when {type_column} is {code}"
        return None

    def many(columns: Columns, context: Context) -> list[int]:
        pairs = zip(columns[column], columns[type_column], strict=True)
        return [
            i
            for i, (value, kind) in enumerate(pairs)
            if ((required and value in (None, "")) if kind == code else value not in (None, ""))
        ]

    return Rule(one, many)


def row_by_row(one: OneRow) -> Rule:
    """A rule run once per row in both forms, for the small tables."""

    def many(columns: Columns, context: Context) -> list[int]:
        names = list(columns)
        return [
            i
            for i, values in enumerate(zip(*columns.values(), strict=True))
            if one(dict(zip(names, values, strict=True)), context) is not None
        ]

    return Rule(one, many)


def _order_problem(column: str, order_id: str, context: Context) -> Problem | None:
    status, _ = context.facts.orders.find(order_id)
    return _parent_problem(column, "order", order_id, status)


def _parent_problem(column: str, noun: str, key: str, status: str) -> Problem | None:
    if status == FOUND:
        return None
    if status == MISSING:
        return column, f"no such {noun}: {key} is neither in this import nor stored"
    return column, f"refers to {noun} {key}, which was rejected in this import"


def _person_exists(row: Row, context: Context) -> Problem | None:
    status, _ = context.facts.people.find(row["person_id"])
    return _parent_problem("person_id", "person", row["person_id"], status)


person_exists = Rule(
    _person_exists, lambda columns, context: context.facts.people.not_found(columns["person_id"])
)


def _order_exists(row: Row, context: Context) -> Problem | None:
    return _order_problem("order_id", row["order_id"], context)


order_exists = Rule(
    _order_exists, lambda columns, context: context.facts.orders.not_found(columns["order_id"])
)


def _order_is_cpo(row: Row, context: Context) -> Problem | None:
    order = context.facts.orders.current(row["order_id"])
    if order is not None and order.order_type != "CPO":
        return "order_id", f"order {row['order_id']} is a {order.order_type}, not a CPO"
    return None


def _orders_not_cpo(columns: Columns, context: Context) -> list[int]:
    orders = context.facts.orders.current_many(columns["order_id"])
    return [i for i, order in enumerate(orders) if order is not None and order.order_type != "CPO"]


order_is_cpo = Rule(_order_is_cpo, _orders_not_cpo)


def after_order_start(column: str) -> Rule:
    def one(row: Row, context: Context) -> Problem | None:
        order = context.facts.orders.current(row["order_id"])
        return _before_start(row, column, order)

    def many(columns: Columns, context: Context) -> list[int]:
        orders = context.facts.orders.current_many(columns["order_id"])
        return _before_starts(orders, columns[column])

    return Rule(one, many)


def _before_starts(orders: list[OrderFact | None], values: list[date | None]) -> list[int]:
    return [
        i
        for i, (order, value) in enumerate(zip(orders, values, strict=True))
        if order is not None and value is not None and value < order.start_date
    ]


def _before_start(row: Row, column: str, order: OrderFact | None) -> Problem | None:
    value: date | None = row[column]
    if order is not None and value is not None and value < order.start_date:
        return column, f"before the order's start_date ({order.start_date.isoformat()})"
    return None


def _requirement_is_upw(row: Row, context: Context) -> Problem | None:
    key = row["requirement_id"]
    status, requirement = context.facts.requirements.find(key)
    problem = _parent_problem("requirement_id", "requirement", key, status)
    if problem is None and requirement is not None and requirement.requirement_type != "UPW":
        kind = requirement.requirement_type
        return "requirement_id", f"requirement {key} is a {kind} requirement, not UPW"
    return problem


def _requirements_not_upw(columns: Columns, context: Context) -> list[int]:
    keys = columns["requirement_id"]
    requirements = context.facts.requirements
    broken = set(requirements.not_found(keys))
    found = requirements.current_many(keys)
    broken.update(
        i for i, fact in enumerate(found) if fact is not None and fact.requirement_type != "UPW"
    )
    return sorted(broken)


requirement_is_upw = Rule(_requirement_is_upw, _requirements_not_upw)


def _session_after_order_start(row: Row, context: Context) -> Problem | None:
    requirement = context.facts.requirements.current(row["requirement_id"])
    if requirement is None:
        return None
    order = context.facts.orders.current(requirement.order_id)
    return _before_start(row, "session_date", order)


def _sessions_before_order_start(columns: Columns, context: Context) -> list[int]:
    facts = context.facts
    requirements = facts.requirements.current_many(columns["requirement_id"])
    known = [(i, fact.order_id) for i, fact in enumerate(requirements) if fact is not None]
    orders = facts.orders.current_many([order_id for _, order_id in known])
    dates = columns["session_date"]
    return [known[j][0] for j in _before_starts(orders, [dates[i] for i, _ in known])]


session_after_order_start = Rule(_session_after_order_start, _sessions_before_order_start)


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
        row_by_row(assessment_order_of_person),
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
    "returns": (row_by_row(a_return_indicator), row_by_row(a_period_of_its_frequency)),
}
