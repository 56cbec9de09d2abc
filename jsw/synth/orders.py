"""Orders other than CPOs: licences, diversion, bail supervision, FWOs, SDS, and the rest.

Each type runs by its `OrderKind` in the profile: a planned length, a share ending well,
a pattern of contacts and reviews, and sometimes an LSCMI assessment or a breach.
"""

from __future__ import annotations

from datetime import date, timedelta

from jsw.lib.dates import months_after
from jsw.synth import events
from jsw.synth.context import Context, chance, pick
from jsw.synth.events import Frame, write_order_row
from jsw.synth.people import PersonPool
from jsw.synth.profile import OrderKind

SUPERVISED = ("LICENCE", "DTTO", "SDS", "PROBLEM_SOLVING")
DOMESTIC_ABUSE_SHARE = 0.05


def write_other_order(context: Context, pool: PersonPool, order_type: str, start: date) -> None:
    kind = context.profile.other_kinds[order_type]
    rng = context.rng("orders")
    person = pool.for_order(start)
    successful = chance(rng, kind.successful)
    ending, end = other_ending(context, kind, start, successful)
    frame = Frame(context.sink.new_id("orders"), person, start, end)
    with context.sink.order_scope(end):
        pool.write(person)
        write_order_row(context, frame, order_type, ending, chance(rng, DOMESTIC_ABUSE_SHARE))
        if kind.contact_gap_days:
            induction = events.opening_contacts(context, frame)
            events.regular_contacts(context, frame, induction, kind.contact_gap_days)
        if kind.review_months:
            events.reviews(
                context, frame, context.profile.first_review_3_months, kind.review_months
            )
        if chance(rng, kind.lscmi):
            events.lscmi(context, person, frame, start)
        if chance(rng, kind.breach):
            events.breach(context, frame, revoked=ending == "REVOKED_BREACH")
        if context.sink.known(end) is not None and order_type in SUPERVISED:
            events.questionnaire(context, frame, "SUPERVISION", successful)
        events.services(context, frame)


def other_ending(
    context: Context, kind: OrderKind, start: date, successful: bool
) -> tuple[str, date]:
    """The end reason and the day the order ends, had the extract been taken long after."""
    rng = context.rng("orders")
    planned = months_after(start, rng.randint(*kind.months))
    length = (planned - start).days
    if successful and chance(rng, 0.9):
        return "COMPLETED", planned + timedelta(days=rng.randint(-3, 3))
    if successful:
        return "EARLY_DISCHARGE", start + timedelta(days=int(length * rng.uniform(0.6, 0.9)))
    ending = pick(rng, kind.failures)
    cut = start + timedelta(days=int(length * rng.uniform(0.1, 0.9)))
    return ending, max(cut, start + timedelta(days=3))
