"""The named rules a catalogue must satisfy beyond its schema.

Each rule looks at the whole validated file and returns every finding (a field path and a
message); the loader adds the file and line. All rules always run, so one check reports
every problem. To add a rule, write a function and list it in `RULES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from jsw.framework.definition_checks import definitions_fit_the_records
from jsw.framework.issues import Finding, Path_
from jsw.framework.kinds import KINDS, PARTS
from jsw.framework.schema import CatalogueFile

KEBAB_CASE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Rule:
    name: str
    check: Callable[[CatalogueFile], Iterable[Finding]]


def _duplicates(values: Iterable[object], section: str, key: str) -> Iterator[Finding]:
    first_at: dict[object, int] = {}
    for index, value in enumerate(values):
        if value in first_at:
            message = f"{value!r} is used again (first at {section}[{first_at[value]}])"
            yield Finding((section, index, key), message)
        else:
            first_at[value] = index


def unique_indicator_ids(file: CatalogueFile) -> Iterator[Finding]:
    return _duplicates((pi.id for pi in file.indicators), "indicators", "id")


def unique_objective_numbers(file: CatalogueFile) -> Iterator[Finding]:
    return _duplicates((o.number for o in file.objectives), "objectives", "number")


def unique_opif_codes(file: CatalogueFile) -> Iterator[Finding]:
    return _duplicates((q.code for q in file.opif_indicators), "opif_indicators", "code")


def unique_connection_ids(file: CatalogueFile) -> Iterator[Finding]:
    return _duplicates((c.id for c in file.connections), "connections", "id")


def indicator_objective_exists(file: CatalogueFile) -> Iterator[Finding]:
    numbers = {objective.number for objective in file.objectives}
    for index, pi in enumerate(file.indicators):
        if pi.objective not in numbers:
            yield Finding(("indicators", index, "objective"), f"no objective {pi.objective}")


def opif_codes_exist(file: CatalogueFile) -> Iterator[Finding]:
    codes = {quality.code for quality in file.opif_indicators}
    for index, pi in enumerate(file.indicators):
        for position, code in enumerate(pi.opif):
            if code not in codes:
                yield Finding(
                    ("indicators", index, "opif", position),
                    f"no OPIF indicator {code!r} in opif_indicators",
                )


def connection_tags_exist(file: CatalogueFile) -> Iterator[Finding]:
    ids = {connection.id for connection in file.connections}
    tagged = [("objectives", i, o.connections) for i, o in enumerate(file.objectives)]
    tagged += [("indicators", i, pi.connections) for i, pi in enumerate(file.indicators)]
    for section, index, tags in tagged:
        for position, tag in enumerate(tags):
            if tag not in ids:
                yield Finding((section, index, "connections", position), f"no connection {tag!r}")


def source_matches_kind(file: CatalogueFile) -> Iterator[Finding]:
    for index, pi in enumerate(file.indicators):
        expected = "records" if KINDS[pi.kind].counted else "return"
        if pi.source != expected:
            yield Finding(
                ("indicators", index, "source"),
                f"a PI of kind {pi.kind!r} must have source {expected!r}, not {pi.source!r}",
            )


def kebab_case_ids(file: CatalogueFile) -> Iterator[Finding]:
    named = [("indicators", i, pi.id) for i, pi in enumerate(file.indicators)]
    named += [("connections", i, c.id) for i, c in enumerate(file.connections)]
    for section, index, value in named:
        if not KEBAB_CASE.fullmatch(value):
            yield Finding(
                (section, index, "id"),
                f"{value!r} is not lowercase kebab-case (letters, digits, single hyphens)",
            )


def history_has_current_version(file: CatalogueFile) -> Iterator[Finding]:
    governance = file.governance
    if governance.version not in {revision.version for revision in governance.history}:
        yield Finding(
            ("governance", "history"),
            f"no entry for the current version {governance.version!r}",
        )


def definition_fits_kind(file: CatalogueFile) -> Iterator[Finding]:
    for index, pi in enumerate(file.indicators):
        where: Path_ = ("indicators", index, "definition")
        kind = KINDS[pi.kind]
        if not kind.counted:
            if pi.definition is not None:
                yield Finding(where, "a return PI is entered, not counted: remove its definition")
            continue
        if pi.definition is None:
            yield Finding(("indicators", index, "kind"), f"a {pi.kind} PI needs a definition")
            continue
        for part in PARTS:
            given = bool(getattr(pi.definition, part))
            if part in kind.needs and not given:
                yield Finding(where, f"a {pi.kind} PI's definition needs `{part}`")
            elif given and part not in kind.takes:
                yield Finding((*where, part), f"a {pi.kind} PI's definition takes no `{part}`")
        if pi.definition.count == "people" and not kind.counts_people:
            yield Finding((*where, "count"), "only a count PI can count people")
        if kind.breakdowns and pi.definition.from_ == "people":
            # The engine takes a breakdown's age on a date of each item; people have none.
            yield Finding(
                (*where, "from"),
                f"a {pi.kind} PI is broken down by age on a date of each item, and people have "
                "no such date: count from orders, services or another table with dates",
            )


def entered_fits_the_return(file: CatalogueFile) -> Iterator[Finding]:
    """`entered` says what a return's figure is: only a return has one, and only a return
    entered more often than yearly has a year made of its periods."""
    for index, pi in enumerate(file.indicators):
        entered = pi.entered
        if entered is None:
            continue
        where: Path_ = ("indicators", index, "entered")
        if KINDS[pi.kind].counted:
            yield Finding(
                where,
                f"only a return PI has `entered`; a {pi.kind} PI's counted parts come from "
                "its kind",
            )
        elif entered.year == "sum" and pi.frequency == "A":
            yield Finding(
                (*where, "year"),
                "an annual return's year is its one period: `year: sum` needs frequency Q or H",
            )


RULES: tuple[Rule, ...] = (
    Rule("unique indicator ids", unique_indicator_ids),
    Rule("unique objective numbers", unique_objective_numbers),
    Rule("unique OPIF codes", unique_opif_codes),
    Rule("unique connection ids", unique_connection_ids),
    Rule("a PI's objective exists", indicator_objective_exists),
    Rule("OPIF codes exist", opif_codes_exist),
    Rule("connection tags exist", connection_tags_exist),
    Rule("source is return exactly when kind is return", source_matches_kind),
    Rule("ids are lowercase kebab-case", kebab_case_ids),
    Rule("history contains the current version", history_has_current_version),
    Rule("the definition fits the kind", definition_fits_kind),
    Rule("a return's entered figure fits it", entered_fits_the_return),
    Rule(
        "the definition's paths, types, codes and links fit the records",
        definitions_fit_the_records,
    ),
)


def check(file: CatalogueFile) -> list[Finding]:
    return [finding for rule in RULES for finding in rule.check(file)]
