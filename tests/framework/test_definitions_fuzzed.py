"""Property: a catalogue that `check` passes never breaks `compute`.

Random paths, codes and tables of the packaged catalogue's definitions are replaced with
other names (real fields, links, typos, codes of other lists, other cases); each mutated
catalogue is either refused with an issue, or its PI computes on the public example without
an exception.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsw.contract.tables import TABLES
from jsw.framework.catalogue import PACKAGED_FILE, validate
from jsw.framework.describe import describe
from jsw.framework.issues import CatalogueError
from jsw.indicators.engine import compute_indicator, working_days
from jsw.records.importer.service import run_import
from tests.conftest import EXAMPLE_SMALL

PACKAGED = yaml.safe_load(PACKAGED_FILE.read_text(encoding="utf-8"))
PATH_KEYS = ("field", "date", "start", "end", "use", "after", "age_on", "ends")
LIST_KEYS = ("days_between", "difference")
CODE_KEYS = ("in", "not_in", "codes")


def reachable(table: str, depth: int = 2) -> list[str]:
    """Every path from a row of `table`: its fields and links, and through links."""
    here = TABLES[table]
    names = [*here.fields, *here.links]
    if depth:
        names += [f"{link}.{n}" for link, t in here.links.items() for n in reachable(t, depth - 1)]
    return names


# Mostly paths that exist somewhere (so that many mutants pass the check and are computed),
# and some that do not.
NAMES = sorted(
    {name for table in TABLES for name in reachable(table)}
    | {"strat_date", "orders.start_date", "order.orders", "id", "person.order"}
)
CODES = sorted(
    {code for table in TABLES.values() for c in table.fields.values() for code in c.codes}
    | {"cpo", "CPOO", "Completed", ""}
)


def column(table: str, path: str) -> Any:
    """The field at the end of `path` from `table` (None when there is none)."""
    here = TABLES[table]
    *links, last = path.split(".")
    for link in links:
        if link not in here.links:
            return None
        here = TABLES[here.links[link]]
    return here.fields.get(last)


def alike_paths(table: str, path: str) -> list[str]:
    found = column(table, path)
    if found is None:
        return [path]
    return [p for p in reachable(table) if getattr(column(table, p), "type", None) == found.type]


def alike_codes(code: Any) -> list[str]:
    lists = [c.codes for t in TABLES.values() for c in t.fields.values() if code in c.codes]
    return [*lists[0], *(c.lower() for c in lists[0])] if lists else [str(code)]


def slots(node: Any, found: list[tuple[str, Any, Any]]) -> list[tuple[str, Any, Any]]:
    """Every (what, container, key) of a definition that names a field, a code or a table."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in PATH_KEYS and isinstance(value, str):
                found.append(("path", node, key))
            elif key == "from":
                found.append(("table", node, key))
            elif key in LIST_KEYS:
                found += [("path", value, i) for i in range(len(value))]
            elif key in CODE_KEYS:
                found += [("code", value, i) for i in range(len(value))]
            else:
                slots(value, found)
    elif isinstance(node, list):
        for item in node:
            slots(item, found)
    return found


@pytest.fixture(scope="module")
def example_records(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        run_import(EXAMPLE_SMALL)
        yield
        from django.core.management import call_command

        call_command("flush", "--no-input")


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_mutated_catalogue_is_refused_or_computes(example_records, data):
    document = yaml.safe_load(yaml.safe_dump(PACKAGED))
    counted = [pi for pi in document["indicators"] if "definition" in pi]
    pi = data.draw(st.sampled_from(counted), label="pi")
    table = pi["definition"]["from"]
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        what, container, key = data.draw(st.sampled_from(slots(pi["definition"], [])))
        original = container[key]
        pools = {
            # Half the time a name of the same type, or a code of the same list: mutants
            # that pass the check, so that the engine is tried on them.
            "path": st.sampled_from(NAMES) | st.sampled_from(alike_paths(table, original)),
            "code": st.sampled_from(CODES) | st.sampled_from(alike_codes(original)),
            "table": st.sampled_from(sorted(TABLES)),
        }
        container[key] = data.draw(pools[what], label=f"{what} {key}")
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    try:
        file = validate(text.encode("utf-8"), "mutated.yaml")
    except CatalogueError as exc:
        assert exc.issues, "a refusal says why"
        return
    indicator = next(i for i in file.indicators if i.id == pi["id"])
    assert describe(indicator.kind, indicator.definition)  # `jsw framework show` words it
    cells = compute_indicator(indicator, 2023, 2023, working_days(), breakdowns=True)
    assert cells, f"{pi['id']} computes a cell per period"
