"""Write a PI's definition out in plain English, for reports and the dashboard.

Each kind's sentence is a template in the kinds registry (`Kind.sentence`); this module fills
its slots with phrases built from the same definition the engine computes from, in the
words of `phrases` (never a field name or a code of the import contract), so the words
cannot drift from the numbers.
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
    Related,
)
from jsw.framework.kinds import KINDS
from jsw.framework.phrases import (
    DATE_VERBS,
    FLAG_WORDS,
    QUANTITIES,
    TYPE_NOUNS,
    article,
    both,
    code_words,
    either,
    field_noun,
    plain_name,
    table_noun,
    type_noun,
)

# How a coded field's values read after a noun, other than "whose <field> is <values>".
IN_PHRASES = {"programme": "for {values}", "placement_type": "on {a_values}"}
_PLURAL_LINKS = {"person": "people"}


def reference(path: str) -> str:
    """`start_date` -> "the start date"; `order.start_date` -> "the order's start date"."""
    *parents, last = path.split(".")
    owner = "".join(f"the {plain_name(p)}'s " for p in parents)
    return f"{owner or 'the '}{field_noun(last)}"


def _values(field: str, values: tuple[object, ...]) -> list[str]:
    return [code_words(field, str(v)) for v in values]


def _is_type(test: FieldTest) -> bool:
    return "." not in test.field and test.field in TYPE_NOUNS and test.in_ is not None


def qualifier(test: FieldTest) -> str:
    """What a field test says of an item, after its noun: "flagged as domestic abuse"."""
    *parents, name = test.field.split(".")
    if parents and name in TYPE_NOUNS and test.in_ is not None:
        return "for " + either([type_noun(name, str(v)) for v in test.in_])
    whose = f"whose {field_noun(name)}"
    if parents:
        link = plain_name(parents[-1])
        whose = f"for {_PLURAL_LINKS.get(link, link + 's')} whose {field_noun(name)}"
    if test.in_ is not None:
        values = _values(name, test.in_)
        if name in IN_PHRASES and not parents:
            return IN_PHRASES[name].format(
                values=either(values), a_values=either([article(v) for v in values])
            )
        return f"{whose} is {either(values)}"
    if test.not_in is not None:
        return f"{whose} is not {either(_values(name, test.not_in))}"
    if test.is_ is not None:
        flag = field_noun(name)
        said = FLAG_WORDS.get(name, (f"with the {flag} set", f"without the {flag} set"))
        return said[0] if test.is_ else said[1]
    for limit, words in ((test.lte, "or less"), (test.gte, "or more")):
        if limit is not None:
            if name in QUANTITIES:
                return f"with {limit} {QUANTITIES[name]} {words}"
            return f"with {article(field_noun(name))} of {limit} {words}"
    noun = field_noun(name)
    return f"with no {noun} recorded" if test.blank else f"with {article(noun)} recorded"


def noun_phrase(table: str, conditions: tuple[object, ...], many: bool = True) -> str:
    """The items of `table` that meet `conditions`: "Community Payback Orders flagged as
    domestic abuse and with no programme requirement for the Caledonian programme"."""
    noun = table_noun(table, many)
    qualifiers = []
    for condition in conditions:
        if isinstance(condition, FieldTest) and _is_type(condition):
            assert condition.in_ is not None
            noun = either([type_noun(condition.field, str(v), many) for v in condition.in_])
        else:
            qualifiers.append(condition_words(condition))  # type: ignore[arg-type]
    return " ".join([noun, both(qualifiers)]).strip()


def condition_words(condition: Condition) -> str:
    if isinstance(condition, FieldTest):
        return qualifier(condition)
    if isinstance(condition, AgeTest):
        low, high = condition.between
        return f"for someone aged {low} to {high} on {reference(condition.age_on)}"
    assert isinstance(condition, ExistsTest)
    related = condition.exists or condition.not_exists
    assert isinstance(related, Related)
    noun = noun_phrase(related.from_, related.where, many=False)
    return f"with {article(noun)}" if condition.exists else f"with no {noun}"


def happened(path: str, timing: str) -> str:
    """`start_date`, "in the period" -> "started in the period"; for a parent's date,
    "whose order started in the period"."""
    *parents, name = path.split(".")
    verb = DATE_VERBS.get(name)
    if verb is None:
        return f"whose {reference(path).removeprefix('the ')} is {timing}"
    if parents:
        return f"whose {plain_name(parents[-1])} {verb} {timing}"
    return f"{verb} {timing}"


def deadline_words(rules: tuple[DeadlineRule, ...]) -> str:
    parts = []
    for rule in rules:
        if rule.use is not None:
            parts.append(f"{reference(rule.use)} when one is recorded")
            continue
        assert rule.after is not None
        if rule.working_days:
            days = rule.working_days
            step = f"{days} working day{'s' if days != 1 else ''} after"
        else:
            step = f"{rule.months} months after"
        text = f"{step} {reference(rule.after)}"
        if rule.when:
            text += " for those " + both([qualifier(t) for t in rule.when])
        parts.append(text)
    return "; otherwise ".join(parts)


def when_words(definition: Definition) -> str:
    when = definition.when
    if isinstance(when, InPeriod):
        return happened(when.date, "in the period")
    assert isinstance(when, Active)
    if when.at == "during":
        return "active at any time in the period"
    text = "active on the last day of the period"
    if when.due_by_period_end is not None:
        text += f" and at least {deadline_words((when.due_by_period_end,))} by then"
    return text


def amount_words(amount: Amount) -> str:
    """What is added up or averaged: a field, the days between two dates, a difference."""
    if amount.days_between:
        first, last = amount.days_between
        return f"number of days from {reference(first)} to {reference(last)}"
    if amount.difference:
        after, before = amount.difference
        return f"difference of {reference(after)} minus {reference(before)}"
    assert amount.field is not None
    return field_noun(amount.field.split(".")[-1])


def event_words(definition: Definition) -> str:
    event = definition.event
    assert event is not None
    if event.first is not None:
        return "first " + noun_phrase(event.first.from_, event.first.where, many=False)
    return reference(event.field or "").removeprefix("the ")


def ends_words(definition: Definition) -> str:
    if not definition.ends:
        return ""
    ended = happened(definition.ends, "before the deadline")
    subject = "Those " + (ended if ended.startswith("whose") else f"that {ended}")
    event = event_words(definition)
    event = article(event) if event.startswith("first") else f"a {event}"
    return f" {subject}, without {event} by then, are not counted."


def having_words(definition: Definition) -> str:
    prop = definition.property
    assert prop is not None
    held = [qualifier(t) for t in prop.where]
    if prop.related:
        related = prop.related
        noun = noun_phrase(related.from_, related.where, many=False)
        timing = "in the period" if related.test == "in_period" else "by the end of the period"
        held.append(f"with {article(noun)} {happened(related.date, timing)}")
    return both(held)


def describe(kind: str, definition: Definition | None) -> str:
    sentence = KINDS[kind].sentence
    if not KINDS[kind].counted or definition is None:
        return sentence
    items = noun_phrase(definition.from_, definition.where)
    if any(not (isinstance(c, FieldTest) and _is_type(c)) for c in definition.where):
        items += ","
    slots = {
        "items": items,
        "who": "people with " if definition.count == "people" else "",
        "once": ", each person counted once" if definition.count == "people" else "",
        "when": when_words(definition) if definition.when is not None else "",
        "amount": amount_words(definition.amount) if definition.amount else "",
        "deadline": deadline_words(definition.deadline) if definition.deadline else "",
        "event": event_words(definition) if definition.event else "",
        "ends": ends_words(definition),
        "having": having_words(definition) if definition.property else "",
        "category": "",
        "codes": "",
    }
    if definition.category is not None:
        name = definition.category.field.split(".")[-1]
        slots["category"] = field_noun(name)
        slots["codes"] = both(_values(name, definition.category.codes))
    return " ".join(sentence.format(**slots).split()).replace(" ,", ",")
