"""Where the engine finds things in the record tables.

For each table a definition can start `from`: its model, and the paths from one of its rows
to the person (for counting people and for sex and age breakdowns), to the team, and to the
date on which a breakdown takes the person's age.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from jsw.records import models as records


@dataclass(frozen=True)
class Source:
    model: type[models.Model]
    person: str  # path to the person row
    team: str | None  # path to the team text, where the records hold one
    age_on: str  # the date on which a breakdown by age band takes the person's age


SOURCES: dict[str, Source] = {
    "people": Source(records.Person, "", None, ""),
    "orders": Source(records.Order, "person", "team", "start_date"),
    "requirements": Source(records.Requirement, "order.person", "order.team", "order.start_date"),
    "upw_sessions": Source(
        records.UpwSession, "requirement.order.person", "requirement.order.team", "session_date"
    ),
    "assessments": Source(records.Assessment, "person", "order.team", "start_date"),
    "contacts": Source(records.Contact, "order.person", "order.team", "contact_date"),
    "breaches": Source(records.Breach, "order.person", "order.team", "application_date"),
    "questionnaires": Source(records.Questionnaire, "order.person", "order.team", "received_date"),
    "services": Source(records.Service, "person", None, "referral_date"),
}


def lookup(path: str) -> str:
    """`order.start_date` -> the ORM lookup `order__start_date`."""
    return path.replace(".", "__")


def person_lookup(source: Source, attribute: str) -> str:
    """The ORM lookup of an attribute of the item's person (`pk`, `sex`, `date_of_birth`)."""
    if not source.person:
        return attribute
    return f"{lookup(source.person)}__{attribute}"


def model_field(model: type[models.Model], path: str) -> models.Field:
    """The model field at the end of a dotted path, for type-aware compilation."""
    *parents, last = path.split(".")
    current = model
    for name in parents:
        related = current._meta.get_field(name).related_model
        if related is None or isinstance(related, str):
            raise ValueError(f"{path}: {name} is not a link to another table")
        current = related
    field = current._meta.get_field(last)
    if not isinstance(field, models.Field):
        raise ValueError(f"{path}: {last} is not a field")
    return field


def link_to(child: type[models.Model], parent: type[models.Model]) -> str:
    """The name of the child's foreign key to the parent (exactly one must exist)."""
    links = [
        f.name
        for f in child._meta.get_fields()
        if isinstance(f, models.ForeignKey) and f.related_model is parent
    ]
    if len(links) != 1:
        raise ValueError(f"{child.__name__} has no single link to {parent.__name__}")
    return links[0]
