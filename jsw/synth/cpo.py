"""Community Payback Orders: requirements, how each order ends, and everything it holds.

An order is decided whole before any of it is written (its requirements, its unpaid work
plan, its ending), then written with its events in one go, so no order is kept in memory
once the next one starts.
"""

from __future__ import annotations

from datetime import date, timedelta

from jsw.contract.codes import SUCCESSFUL_END_REASONS
from jsw.lib.dates import months_after
from jsw.synth import events
from jsw.synth.context import Context, chance, choose, pick
from jsw.synth.events import Frame, write_order_row
from jsw.synth.people import PersonPool
from jsw.synth.upw import UpwPlan, plan_upw, write_upw

UPW_ONLY_CONTACT_GAP_DAYS = 90


def write_cpo(context: Context, pool: PersonPool, start: date) -> None:
    profile = context.profile
    rng = context.rng("orders")
    person = pool.for_order(start)
    draw = rng.random()
    has_upw = draw < profile.upw_only or draw >= profile.upw_only + profile.supervision_only
    has_supervision = draw >= profile.upw_only
    domestic_abuse = chance(rng, profile.domestic_abuse)
    upw = plan_upw(context, start) if has_upw else None
    supervision_end = None
    if has_supervision:
        supervision_end = months_after(start, choose(rng, profile.supervision_months))
    ending = pick(rng, profile.cpo_endings)
    end = cpo_end(context, start, ending, supervision_end, upw)
    frame = Frame(context.sink.new_id("orders"), person, start, end)
    with context.sink.order_scope(end):
        pool.write(person)
        write_order_row(context, frame, "CPO", ending, domestic_abuse)
        if upw is not None:
            write_upw(context, frame.order_id, end, upw)
        if has_supervision:
            requirement(context, frame, "SUPERVISION")
        if domestic_abuse:
            caledonian(context, frame, has_supervision)
        other_requirements(context, frame, has_supervision)
        cpo_events(context, frame, ending, has_supervision)
        if context.sink.known(end) is not None:
            successful = ending in SUCCESSFUL_END_REASONS
            if has_supervision:
                events.questionnaire(context, frame, "SUPERVISION", successful)
            if has_upw:
                events.questionnaire(context, frame, "UPW", successful)
        events.services(context, frame)


def cpo_end(
    context: Context, start: date, ending: str, supervision_end: date | None, upw: UpwPlan | None
) -> date:
    """The day the order ends, had the extract been taken long after."""
    rng = context.rng("orders")
    upw_end = upw.done + timedelta(days=rng.randint(0, 14)) if upw else None
    natural = max(day for day in (supervision_end, upw_end) if day is not None)
    if ending == "COMPLETED":
        return natural
    if ending == "EARLY_DISCHARGE":
        if supervision_end is None:
            return natural
        early = part_way(start, supervision_end, rng.uniform(0.5, 0.85))
        return max(early, upw_end) if upw_end else early
    # Ended before its time: breach, a new sentence, a move, a death.
    return max(part_way(start, natural, rng.uniform(0.1, 0.9)), start + timedelta(days=7))


def part_way(start: date, end: date, share: float) -> date:
    return start + timedelta(days=int((end - start).days * share))


def requirement(context: Context, frame: Frame, kind: str, programme: str | None = None) -> None:
    sink = context.sink
    row = (sink.new_id("requirements"), frame.order_id, kind, programme, None, None, None)
    sink.write("requirements", row)


def caledonian(context: Context, frame: Frame, has_supervision: bool) -> None:
    """A suitability assessment before sentence, and for some the Caledonian programme."""
    profile = context.profile
    rng = context.rng("orders")
    if not chance(rng, profile.caledonian_assessed):
        return
    assessed_from = frame.start - timedelta(days=rng.randint(20, 50))
    completed = frame.start - timedelta(days=rng.randint(0, 10))
    events.assessment(context, frame.person, frame, "CALEDONIAN", assessed_from, completed)
    if has_supervision and chance(rng, profile.caledonian_programme):
        requirement(context, frame, "PROGRAMME", "CALEDONIAN")


def other_requirements(context: Context, frame: Frame, has_supervision: bool) -> None:
    profile = context.profile
    rng = context.rng("orders")
    if has_supervision and chance(rng, profile.programme_mfmc):
        requirement(context, frame, "PROGRAMME", "MFMC")
    elif has_supervision and chance(rng, profile.programme_other):
        requirement(context, frame, "PROGRAMME", "OTHER")
    for kind, share in profile.other_requirements.items():
        if chance(rng, share):
            requirement(context, frame, kind)


def cpo_events(context: Context, frame: Frame, ending: str, has_supervision: bool) -> None:
    profile = context.profile
    rng = context.rng("orders")
    induction = events.opening_contacts(context, frame)
    if has_supervision:
        events.regular_contacts(context, frame, induction, profile.supervision_contact_gap_days)
        events.reviews(context, frame, profile.first_review_3_months, rng.choice((4, 6, 6)))
        events.lscmi(context, frame.person, frame, frame.start)
    else:
        events.regular_contacts(context, frame, induction, UPW_ONLY_CONTACT_GAP_DAYS)
        if chance(rng, 0.3):
            events.reviews(context, frame, profile.first_review_3_months, 6)
    events.reengagement(context, frame)
    if ending == "REVOKED_BREACH":
        events.breach(context, frame, revoked=True)
    elif chance(rng, profile.breach_on_other_cpo):
        events.breach(context, frame, revoked=False)
