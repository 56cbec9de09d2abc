"""The framework's description of the record tables says what the Django models say, so a
definition the check passes is one the engine can compile; and the registry of kinds covers
exactly the kinds the schema accepts."""

from __future__ import annotations

import typing

import pytest
from django.db import models

from jsw.contract.tables import TABLES
from jsw.framework.kinds import KINDS
from jsw.framework.schema import Kind
from jsw.indicators.sources import SOURCES

TYPES = {
    models.DateField: "date",
    models.DecimalField: "number",
    models.PositiveSmallIntegerField: "number",
    models.BooleanField: "flag",
}


def described(field: models.Field) -> tuple[str, tuple[str, ...]]:
    if field.choices:
        return "code", tuple(code for code, _ in field.choices)
    return TYPES.get(type(field), "text"), ()


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_each_table_has_the_fields_and_links_of_its_model(name):
    model = SOURCES[name].model
    table = TABLES[name]
    concrete = [
        f for f in model._meta.get_fields() if isinstance(f, models.Field) and f.name != "batch"
    ]
    links = {
        f.name: next(n for n, s in SOURCES.items() if s.model is f.related_model)
        for f in concrete
        if isinstance(f, models.ForeignKey)
    }
    fields = {
        f.name: described(f)
        for f in concrete
        if not isinstance(f, models.ForeignKey) and not f.primary_key
    }
    assert table.links == links
    assert {n: (c.type, c.codes) for n, c in table.fields.items()} == fields


def test_the_tables_are_those_a_definition_can_start_from():
    assert set(TABLES) == set(SOURCES)


def test_the_registry_has_every_kind_the_schema_accepts_and_no_other():
    assert set(KINDS) == set(typing.get_args(Kind))
