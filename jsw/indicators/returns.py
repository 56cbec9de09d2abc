"""Entering the aggregate figures of `return` PIs by hand (`jsw returns set`).

Imported returns go through the importer's rules; a hand-entered one is held to the same
rules here: a `return` PI of the catalogue, a period of its frequency, a number of 0 or more.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from jsw.framework.catalogue import load_catalogue
from jsw.lib.periods import FREQUENCY_NAMES, parse_period
from jsw.records.importer.values import ValueProblem, parse_number
from jsw.records.models import Return

NOTE_LENGTH = 1000


class ReturnProblem(ValueError):
    """A hand-entered return that breaks a rule; the message says which."""


@dataclass(frozen=True)
class Entered:
    indicator_id: str
    period: str
    value: Decimal
    replaced: Decimal | None


def set_return(
    indicator_id: str, period: str, value: str, *, note: str = "", entered_by: str = ""
) -> Entered:
    catalogue = load_catalogue()
    indicator_id = indicator_id.strip().lower()
    try:
        indicator = catalogue.indicator(indicator_id)
    except KeyError:
        raise ReturnProblem(f"{indicator_id}: no such indicator in the framework") from None
    if indicator.source != "return":
        raise ReturnProblem(f"{indicator_id} is counted from the records, not entered")
    try:
        parsed_period = parse_period(period.strip())
    except ValueError as exc:
        raise ReturnProblem(str(exc)) from None
    if parsed_period.frequency != indicator.frequency:
        wanted = FREQUENCY_NAMES[indicator.frequency]
        article = "an" if wanted[0] in "aeiou" else "a"
        raise ReturnProblem(
            f"{indicator_id} is {wanted}: {period} is not {article} {wanted} period"
        )
    try:
        number = parse_number(value)
    except ValueProblem as exc:
        raise ReturnProblem(f"{value!r}: {exc}") from None
    if len(note) > NOTE_LENGTH:
        raise ReturnProblem(f"the note is longer than {NOTE_LENGTH} characters")
    with transaction.atomic():
        previous = Return.objects.filter(indicator_id=indicator_id, period=parsed_period.label)
        replaced = previous.values_list("value", flat=True).first()
        Return.objects.update_or_create(
            indicator_id=indicator_id,
            period=parsed_period.label,
            defaults={"value": number, "note": note, "entered_by": entered_by, "batch": None},
        )
    return Entered(indicator_id, parsed_period.label, number, replaced)


def clear_return(indicator_id: str, period: str) -> bool:
    deleted, _ = Return.objects.filter(
        indicator_id=indicator_id.strip().lower(), period=period.strip()
    ).delete()
    return deleted > 0
