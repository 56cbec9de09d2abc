"""Write a PI's definition out in plain English, for reports and the dashboard.

Generated from the same definition the engine computes from, so the words cannot drift from
the numbers.
"""

from __future__ import annotations

from jsw.framework.definition import (
    Active,
    AgeTest,
    Amount,
    Condition,
    DeadlineRule,
    Definition,
    ExistsTest,
    FieldTest,
    InPeriod,
)
from jsw.framework.kinds import KINDS

NOUNS = {
    "people": "people",
    "orders": "orders",
    "requirements": "requirements",
    "upw_sessions": "unpaid work sessions",
    "assessments": "assessments",
    "contacts": "contacts",
    "breaches": "breach applications",
    "questionnaires": "exit questionnaires",
    "services": "services",
}
KIND_OF = {
    "order_type": "of type",
    "requirement_type": "of type",
    "assessment_type": "of type",
    "contact_type": "of type",
    "questionnaire_type": "of type",
    "placement_type": "on a placement of type",
    "service": "of type",
}


def words(path: str) -> str:
    """`order.start_date` -> "the order's start date"; `start_date` -> "its start date"."""
    *parents, last = path.split(".")
    owner = "".join(f"the {p.replace('_', ' ')}'s " for p in parents)
    return f"{owner or 'its '}{last.replace('_', ' ')}"


def whose(path: str) -> str:
    """`order.start_date` -> "whose order's start date"."""
    return "whose " + words(path).removeprefix("its ").removeprefix("the ")


def article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def joined(parts: list[str]) -> str:
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def codes(values: tuple[object, ...]) -> str:
    items = [str(v) for v in values]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def field_words(test: FieldTest) -> str:
    name = test.field.split(".")[-1]
    subject = words(test.field)
    if test.in_ is not None:
        if name in KIND_OF and "." not in test.field:
            return f"{KIND_OF[name]} {codes(test.in_)}"
        return f"{whose(test.field)} is {codes(test.in_)}"
    if test.not_in is not None:
        return f"{whose(test.field)} is not {codes(test.not_in)}"
    if test.is_ is not None:
        flag = subject.removeprefix("its ").replace("domestic abuse", "domestic abuse flag")
        return f"with the {flag} set" if test.is_ else f"without the {flag} set"
    if test.lte is not None:
        return f"with {subject.removeprefix('its ')} of {test.lte} or less"
    if test.gte is not None:
        return f"with {subject.removeprefix('its ')} of {test.gte} or more"
    return f"{'without' if test.blank else 'with'} {article(subject.removeprefix('its '))}"


def condition_words(condition: Condition) -> str:
    if isinstance(condition, FieldTest):
        return field_words(condition)
    if isinstance(condition, AgeTest):
        low, high = condition.between
        return f"whose person was aged {low} to {high} on {words(condition.age_on)}"
    assert isinstance(condition, ExistsTest)
    related = condition.exists or condition.not_exists
    assert related is not None
    inner = joined([field_words(t) for t in related.where if isinstance(t, FieldTest)])
    noun = NOUNS[related.from_].rstrip("s")
    if condition.exists:
        return f"that have {article(noun)} {inner}".strip()
    return f"that have no {noun} {inner}".strip()


def deadline_words(rules: tuple[DeadlineRule, ...]) -> str:
    parts = []
    for rule in rules:
        if rule.use is not None:
            parts.append(f"{words(rule.use)} when given")
            continue
        step = (
            f"the {ordinal(rule.working_days)} working day after"
            if rule.working_days
            else f"{rule.months} months after"
        )
        assert rule.after is not None
        condition = " and ".join(field_words(t) for t in rule.when)
        parts.append(f"{step} {words(rule.after)}" + (f" when {condition}" if condition else ""))
    return "; otherwise ".join(parts)


def ordinal(n: int | None) -> str:
    assert n is not None
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def items_words(definition: Definition) -> str:
    noun = NOUNS[definition.from_]
    return f"{noun} {joined([condition_words(c) for c in definition.where])}".strip()


def when_words(definition: Definition) -> str:
    when = definition.when
    if isinstance(when, InPeriod):
        return f"{whose(when.date)} is in the period"
    assert isinstance(when, Active)
    if when.at == "during":
        return "active at any time during the period"
    text = "active on the period's last day"
    if when.due_by_period_end is not None:
        text += f", once {deadline_words((when.due_by_period_end,))} has passed"
    return text


def amount_words(amount: Amount) -> str:
    """What is added up or averaged: a field, the days between two dates, a difference."""
    if amount.days_between:
        first, last = amount.days_between
        return f"days from {words(first)} to {words(last)}"
    if amount.difference:
        after, before = amount.difference
        return f"{words(after)} minus {words(before)}"
    assert amount.field is not None
    return words(amount.field).removeprefix("its ")


def describe(kind: str, definition: Definition | None) -> str:
    if not KINDS[kind].counted or definition is None:
        return "An aggregate figure entered for the period (a return); blank until entered."
    items = items_words(definition)
    if kind == "timeliness":
        event = definition.event
        assert event is not None
        if event.first is not None:
            related = NOUNS[event.first.from_]
            conditions = " ".join(
                condition_words(c) for c in event.first.where if isinstance(c, FieldTest)
            )
            happened = (
                f"the earliest {words(event.first.date).removeprefix('its ')} of its {related}"
            )
            happened += f" {conditions}" if conditions else ""
        else:
            happened = words(event.field or "").removeprefix("its ")
        items = f"{items}," if definition.where else items
        text = (
            f"Of the {items} whose deadline ({deadline_words(definition.deadline)}) falls in the "
            f"period, the percentage whose {happened.removeprefix('the ')} is on or before the "
            "deadline."
        )
        if definition.ends:
            text += (
                f" One {whose(definition.ends)} is before the deadline, "
                "without that having happened by then, is not counted."
            )
        return text
    scope = (
        f"{items}, {when_words(definition)}"
        if definition.where
        else f"{items} {when_words(definition)}"
    )
    if kind == "count":
        who = "people (each once per period) with " if definition.count == "people" else ""
        return f"The number of {who}{scope}."
    if kind == "sum":
        assert definition.amount is not None
        return f"The total {amount_words(definition.amount)} of {scope}."
    if kind == "mean":
        assert definition.amount is not None
        return f"The average of {amount_words(definition.amount)}, over {scope}."
    if kind == "distribution":
        assert definition.category
        field = words(definition.category.field).removeprefix("its ")
        return f"The share of {scope}, by {field}: {codes(definition.category.codes)}."
    assert definition.property is not None
    prop = definition.property
    held = [field_words(t) for t in prop.where]
    if prop.related:
        noun = NOUNS[prop.related.from_].rstrip("s")
        inner = " ".join(field_words(t) for t in prop.related.where if isinstance(t, FieldTest))
        date = words(prop.related.date).removeprefix("its ")
        timing = "in the period" if prop.related.test == "in_period" else "by the period's end"
        held.append(f"with {article(noun)} {inner} whose {date} is {timing}".replace("  ", " "))
    return f"Of the {scope}, the percentage {joined(held)}."
