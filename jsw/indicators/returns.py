"""Entering the aggregate figures of `return` PIs by hand (`jsw returns set`).

A hand-entered return is held to exactly the rules of an imported one: it goes through the
importer's returns columns and rules (a `return` PI of the catalogue, a period of its
frequency, a number of 0 or more with at most 6 decimal places, a note of 1000 characters).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from jsw.framework.catalogue import load_catalogue
from jsw.lib.errors import InputProblem
from jsw.records.importer.rules import RULES, Context
from jsw.records.importer.tables import RETURNS
from jsw.records.importer.values import ValueProblem
from jsw.records.models import Return


class ReturnProblem(InputProblem, ValueError):
    """A hand-entered return that breaks a rule; the message says which."""


@dataclass(frozen=True)
class Entered:
    indicator_id: str
    period: str
    value: Decimal
    replaced: Decimal | None


def checked_return(indicator_id: str, period: str, value: str, note: str) -> dict[str, Any]:
    """The return's values as the importer would store them, or ReturnProblem."""
    given = {"indicator_id": indicator_id, "period": period, "value": value, "note": note}
    row: dict[str, Any] = {}
    for column in RETURNS.columns:
        try:
            row[column.name] = column.parse(given[column.name])
        except ValueProblem as exc:
            raise ReturnProblem(f"{column.name} {given[column.name]!r}: {exc}") from None
    context = Context()
    context.know_indicators(load_catalogue())
    for rule in RULES[RETURNS.name]:
        problem = rule(row, context)
        if problem is None:
            continue
        where, reason = problem
        if where == "period":  # "<PI> 2024-25-Q1 is not an annual period, ..."
            raise ReturnProblem(f"{row['indicator_id']} {row['period']} is {reason}")
        raise ReturnProblem(f"{row['indicator_id']}: {reason}")
    return row


def set_return(
    indicator_id: str, period: str, value: str, *, note: str = "", entered_by: str = ""
) -> Entered:
    row = checked_return(indicator_id, period, value, note)
    key = {"indicator_id": row["indicator_id"], "period": row["period"]}
    with transaction.atomic():
        replaced = Return.objects.filter(**key).values_list("value", flat=True).first()
        Return.objects.update_or_create(
            **key,
            defaults={"value": row["value"], "note": note, "entered_by": entered_by, "batch": None},
        )
    number = row["value"]
    assert isinstance(number, Decimal)
    return Entered(str(key["indicator_id"]), str(key["period"]), number, replaced)
