"""Check a definition against the record tables: paths, field types, codes and links.

A definition that passes these checks compiles and evaluates: every dotted path names fields
through links that exist, each field has the type its place needs (a date for a period or a
deadline, a number for an amount, a flag for `is`), every code is one of its field's code list
(matched in any case, as import matches them), and every related table links to its parent
exactly once. Findings carry the YAML path (with the file's own key names) for the line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from jsw.contract.tables import TABLES, Column, FieldType, Table
from jsw.framework.definition import (
    Active,
    AgeTest,
    Condition,
    DeadlineRule,
    Definition,
    ExistsTest,
    FieldTest,
    InPeriod,
    Related,
)
from jsw.framework.issues import Finding, Path_
from jsw.framework.schema import CatalogueFile

DATE: frozenset[FieldType] = frozenset({"date"})
NUMBER: frozenset[FieldType] = frozenset({"number"})
WORDS = {"date": "a date", "number": "a number", "code": "a code", "flag": "a yes/no flag"}


@dataclass(frozen=True)
class Link:
    """The last element of a path is a link (to `table`), not a field."""

    table: str


@dataclass
class Walk:
    """One pass over a catalogue's definitions: its findings, and the codes to respell."""

    findings: list[Finding] = field(default_factory=list)
    # id() of a FieldTest or Category -> the same with its codes in the listed spelling.
    respelt: dict[int, BaseModel] = field(default_factory=dict)

    def note(self, where: Path_, message: str) -> None:
        self.findings.append(Finding(where, message))

    # -- paths --------------------------------------------------------------------------
    def resolve(self, table: str, path: str, where: Path_) -> Column | Link | None:
        current = TABLES[table]
        *steps, last = path.split(".")
        for step in steps:
            if step in current.links:
                current = TABLES[current.links[step]]
                continue
            kind = "a field, not a link" if step in current.fields else "not a link"
            self.note(where, f"`{step}` in `{path}` is {kind} of {current.name}; {_links(current)}")
            return None
        if last in current.fields:
            return current.fields[last]
        if last in current.links:
            return Link(current.links[last])
        guess = difflib.get_close_matches(last, [*current.fields, *current.links], n=1)
        hint = f" (did you mean `{guess[0]}`?)" if guess else ""
        self.note(
            where,
            f"`{last}` is not a field of {current.name}{hint}; "
            f"its fields: {', '.join(current.fields)}; {_links(current)}",
        )
        return None

    def need(self, table: str, path: str, where: Path_, wanted: frozenset[FieldType]) -> None:
        found = self.resolve(table, path, where)
        what = " or ".join(WORDS[t] for t in sorted(wanted))
        if isinstance(found, Link):
            self.note(where, f"`{path}` is a link to {found.table}, but {what} is needed here")
        elif found is not None and found.type not in wanted:
            self.note(
                where, f"`{path}` is {WORDS.get(found.type, found.type)}, but {what} is needed here"
            )

    # -- conditions ---------------------------------------------------------------------
    def field_test(self, table: str, test: FieldTest, where: Path_) -> None:
        found = self.resolve(table, test.field, (*where, "field"))
        if found is None:
            return
        if test.blank is not None:
            return  # any field or link can be blank
        if isinstance(found, Link):
            self.note(
                (*where, "field"),
                f"`{test.field}` is a link to {found.table}: "
                "only `blank` can test a link; name one of its fields",
            )
            return
        if test.is_ is not None:
            if found.type != "flag":
                self.note(
                    (*where, "is"),
                    f"`is` tests a yes/no flag; `{test.field}` is {WORDS.get(found.type, 'text')}",
                )
        elif test.lte is not None or test.gte is not None:
            if found.type != "number":
                key = "lte" if test.lte is not None else "gte"
                self.note(
                    (*where, key),
                    f"`{key}` compares numbers; `{test.field}` is {WORDS.get(found.type, 'text')}",
                )
        else:
            key, values = ("in", test.in_) if test.in_ is not None else ("not_in", test.not_in)
            respelt = self.values(test.field, found, values or (), (*where, key))
            if respelt is not None:
                update = {"in_" if key == "in" else "not_in": respelt}
                self.respelt[id(test)] = test.model_copy(update=update)

    def values(
        self, path: str, column: Column, values: tuple[Any, ...], where: Path_
    ) -> tuple[str, ...] | None:
        """Check `in`/`not_in` values; the codes in their listed spelling if any differ."""
        if column.type in ("date", "flag"):
            self.note(
                where,
                f"`{path}` is {WORDS[column.type]}: test it with "
                f"{'`is`' if column.type == 'flag' else 'a period or deadline'}, not a list",
            )
            return None
        if column.type == "number":
            for k, value in enumerate(values):
                if not isinstance(value, int) or isinstance(value, bool):
                    self.note(
                        (*where, k), f"{value!r} is not a whole number (`{path}` is a number)"
                    )
            return None
        if column.type == "text":
            for k, value in enumerate(values):
                if not isinstance(value, str):
                    self.note((*where, k), f"{value!r} is not text; write it in quotes")
            return None
        return self.codes(path, column, values, where)

    def codes(
        self, path: str, column: Column, values: tuple[Any, ...], where: Path_
    ) -> tuple[str, ...] | None:
        listed = {code.upper(): code for code in column.codes}
        spelt: list[str] = []
        for k, value in enumerate(values):
            code = listed.get(value.upper()) if isinstance(value, str) else None
            if code is None:
                self.note(
                    (*where, k),
                    f"{value!r} is not a code of `{path}`; the codes are {', '.join(column.codes)}",
                )
                return None
            spelt.append(code)
        return tuple(spelt) if tuple(spelt) != tuple(values) else None

    def condition(self, table: str, condition: Condition, where: Path_) -> None:
        if isinstance(condition, FieldTest):
            self.field_test(table, condition, where)
        elif isinstance(condition, AgeTest):
            self.need(table, condition.age_on, (*where, "age_on"), DATE)
            low, high = condition.between
            if not 0 <= low <= high:
                self.note((*where, "between"), f"ages {low} to {high}: give the lower age first")
        elif isinstance(condition, ExistsTest):
            key = "exists" if condition.exists is not None else "not_exists"
            related = condition.exists or condition.not_exists
            assert related is not None
            self.related(table, related, (*where, key))

    def related(self, parent: str, related: Related, where: Path_) -> str | None:
        """The child table when it links to `parent` exactly once; its conditions checked."""
        child = TABLES[related.from_]
        links = child.links_to(parent)
        if len(links) != 1:
            self.note(
                (*where, "from"),
                f"{child.name} rows have no link to {parent}; tables that link to {parent}: "
                f"{', '.join(_children(parent)) or 'none'}",
            )
            return None
        for k, condition in enumerate(related.where):
            self.condition(child.name, condition, (*where, "where", k))
        return child.name

    # -- a whole definition -------------------------------------------------------------
    def deadline_rule(self, table: str, rule: DeadlineRule, where: Path_) -> None:
        for key, path in (("use", rule.use), ("after", rule.after)):
            if path is not None:
                self.need(table, path, (*where, key), DATE)
        for k, test in enumerate(rule.when):
            self.field_test(table, test, (*where, "when", k))

    def definition(self, d: Definition, where: Path_) -> None:
        table = d.from_
        for k, condition in enumerate(d.where):
            self.condition(table, condition, (*where, "where", k))
        if isinstance(d.when, InPeriod):
            self.need(table, d.when.date, (*where, "when", "date"), DATE)
        elif isinstance(d.when, Active):
            self.need(table, d.when.start, (*where, "when", "start"), DATE)
            self.need(table, d.when.end, (*where, "when", "end"), DATE)
            if d.when.due_by_period_end is not None:
                self.deadline_rule(
                    table, d.when.due_by_period_end, (*where, "when", "due_by_period_end")
                )
        for k, rule in enumerate(d.deadline):
            self.deadline_rule(table, rule, (*where, "deadline", k))
        if d.event is not None and d.event.field is not None:
            self.need(table, d.event.field, (*where, "event", "field"), DATE)
        if d.event is not None and d.event.first is not None:
            first = d.event.first
            child = self.related(table, first, (*where, "event", "first"))
            if child is not None:
                self.need(child, first.date, (*where, "event", "first", "date"), DATE)
        if d.ends is not None:
            self.need(table, d.ends, (*where, "ends"), DATE)
        if d.property is not None:
            self.property(table, d, (*where, "property"))
        if d.amount is not None:
            self.amount(table, d, (*where, "amount"))
        if d.category is not None:
            self.category(table, d, (*where, "category"))

    def property(self, table: str, d: Definition, where: Path_) -> None:
        assert d.property is not None
        for k, test in enumerate(d.property.where):
            self.field_test(table, test, (*where, "where", k))
        related = d.property.related
        if related is not None:
            child = self.related(table, related, (*where, "related"))
            if child is not None:
                self.need(child, related.date, (*where, "related", "date"), DATE)

    def amount(self, table: str, d: Definition, where: Path_) -> None:
        amount = d.amount
        assert amount is not None
        if amount.field is not None:
            self.need(table, amount.field, (*where, "field"), NUMBER)
        for key, pair, wanted in (
            ("days_between", amount.days_between, DATE),
            ("difference", amount.difference, NUMBER),
        ):
            for k, path in enumerate(pair or ()):
                self.need(table, path, (*where, key, k), wanted)

    def category(self, table: str, d: Definition, where: Path_) -> None:
        category = d.category
        assert category is not None
        found = self.resolve(table, category.field, (*where, "field"))
        if found is None:
            return
        if isinstance(found, Link) or found.type != "code":
            self.note(
                (*where, "field"),
                f"`{category.field}` is not a field with a code list: "
                "a distribution is by the codes of one field",
            )
            return
        if not category.codes:
            self.note((*where, "codes"), f"list the codes to show: {', '.join(found.codes)}")
            return
        seen: set[str] = set()
        for k, code in enumerate(category.codes):
            if code.upper() in seen:
                self.note((*where, "codes", k), f"{code!r} is listed twice")
            seen.add(code.upper())
        respelt = self.codes(category.field, found, category.codes, (*where, "codes"))
        if respelt is not None:
            self.respelt[id(category)] = category.model_copy(update={"codes": respelt})


def _links(table: Table) -> str:
    if not table.links:
        return f"{table.name} has no links"
    return "its links: " + ", ".join(
        f"{name} (to {target})" for name, target in table.links.items()
    )


def _children(parent: str) -> list[str]:
    return [t.name for t in TABLES.values() if len(t.links_to(parent)) == 1]


def walk(file: CatalogueFile) -> Walk:
    done = Walk()
    for index, pi in enumerate(file.indicators):
        if pi.definition is not None:
            done.definition(pi.definition, ("indicators", index, "definition"))
    return done


def definitions_fit_the_records(file: CatalogueFile) -> Iterator[Finding]:
    """The named rule: every finding of a walk over the definitions."""
    return iter(walk(file).findings)


def with_listed_codes(file: CatalogueFile) -> CatalogueFile:
    """The file with every code written as its field's code list spells it (`cpo` -> `CPO`),
    so that a definition counts what import stored."""
    respelt = walk(file).respelt
    rebuilt = _rebuild(file, respelt) if respelt else file
    assert isinstance(rebuilt, CatalogueFile)
    return rebuilt


def _rebuild(value: Any, replacements: dict[int, BaseModel]) -> Any:
    """`value` with the objects named in `replacements` (by id) swapped, copying only the
    models and tuples on the way to them."""
    if id(value) in replacements:
        return replacements[id(value)]
    if isinstance(value, BaseModel):
        changes = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _rebuild(old, replacements)
            if new is not old:
                changes[name] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, tuple):
        items = tuple(_rebuild(item, replacements) for item in value)
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value
