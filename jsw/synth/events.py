"""What happens during any order: contacts, breaches, assessments, questionnaires, services.

Every event lies between its order's start and end, and nothing after the extract date is
written: an event not yet happened is left out, a date not yet reached is left blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from jsw.lib.dates import months_after
from jsw.synth.calendar import on_or_after, working_days_between
from jsw.synth.context import Context, chance, pick
from jsw.synth.people import Person, team_for

EARLY_DELAYS = {0: 30, 1: 25, 2: 15, 3: 12, 4: 10, 5: 8}  # working days to an induction
CONTINUING_OUTCOMES = {"CONTINUED": 45, "VARIED": 25, "FINE": 15, "WITHDRAWN": 15}
REVOKING_OUTCOMES = {"REVOKED_CUSTODY": 55, "REVOKED_OTHER_SENTENCE": 45}


@dataclass(frozen=True)
class Frame:
    """One order as its events see it; `end` may lie after the extract date."""

    order_id: str
    person: Person
    start: date
    end: date

    def last_event_day(self, context: Context) -> date:
        return min(self.end, context.sink.extract_date)


def write_order_row(
    context: Context, frame: Frame, order_type: str, ending: str, domestic_abuse: bool
) -> None:
    """The order itself: open (no end, no reason) if it ends after the extract date."""
    ended = context.sink.known(frame.end)
    team = team_for(context, frame.person, order_type, frame.start)
    row = (frame.order_id, frame.person.person_id, order_type, frame.start, ended)
    flag = "Y" if domestic_abuse else "N"
    context.sink.write("orders", (*row, ending if ended else None, flag, team))


def contact(context: Context, frame: Frame, contact_type: str, day: date) -> None:
    if frame.start <= day <= frame.last_event_day(context):
        row = (context.sink.new_id("contacts"), frame.order_id, contact_type, day)
        context.sink.write("contacts", row)


def opening_contacts(context: Context, frame: Frame) -> date:
    """The induction and, often, a face-to-face meeting first; returns the induction day."""
    profile = context.profile
    rng = context.rng("events")
    work = context.calendar
    on_time = chance(rng, profile.induction_5_days)
    delay = pick(rng, EARLY_DELAYS) if on_time else rng.randint(6, 25)
    induction = work.nth_working_day_after(frame.start, delay)
    # An early face-to-face (often on the day of sentence) tops up the share seen within a
    # working day to the target, beyond the inductions that already fall within it.
    within_a_day = (EARLY_DELAYS[0] + EARLY_DELAYS[1]) / sum(EARLY_DELAYS.values())
    early_inductions = profile.induction_5_days * within_a_day
    early_meeting = 1 - (1 - profile.first_contact_1_day) / (1 - early_inductions)
    if chance(rng, early_meeting):
        # Orders start on working days, so 0 working days after the start is the day itself.
        meeting = work.nth_working_day_after(frame.start, rng.randint(0, 1))
        contact(context, frame, "FACE_TO_FACE", meeting)
    contact(context, frame, "INDUCTION", induction)
    return induction


def regular_contacts(context: Context, frame: Frame, after: date, gap_days: int) -> None:
    """FACE_TO_FACE meetings about every `gap_days` from `after` to the order's end."""
    if gap_days <= 0:
        return
    rng = context.rng("events")
    last = frame.last_event_day(context)
    day = after
    while True:
        day = on_or_after(
            context.calendar, day + timedelta(days=rng.randint(gap_days // 2, gap_days * 3 // 2))
        )
        if day > last:
            return
        contact(context, frame, "FACE_TO_FACE", day)


def reviews(context: Context, frame: Frame, on_time: float, every_months: int) -> None:
    """A first REVIEW, within 3 months for the share `on_time`, then one every few months."""
    rng = context.rng("events")
    deadline = months_after(frame.start, 3)
    if chance(rng, on_time):
        options = working_days_between(context.calendar, frame.start + timedelta(days=42), deadline)
    else:
        options = working_days_between(
            context.calendar, deadline + timedelta(days=1), deadline + timedelta(days=60)
        )
    day = options[rng.randrange(len(options))]
    last = frame.last_event_day(context)
    while day <= last:
        contact(context, frame, "REVIEW", day)
        later = months_after(day, every_months) + timedelta(days=rng.randint(-10, 10))
        day = on_or_after(context.calendar, later)


def reengagement(context: Context, frame: Frame) -> None:
    rng = context.rng("events")
    if not chance(rng, context.profile.reengagement):
        return
    first = frame.start + timedelta(days=30)
    for _ in range(rng.choice((1, 1, 1, 2))):
        day = first + timedelta(days=rng.randint(0, max(0, (frame.end - first).days)))
        contact(context, frame, "REENGAGEMENT_REVIEW", on_or_after(context.calendar, day))


def breach(context: Context, frame: Frame, revoked: bool) -> None:
    """A breach application: decided at the order's end if it was revoked for breach."""
    rng = context.rng("events")
    sink = context.sink
    if revoked:
        applied = max(frame.start, frame.end - timedelta(days=rng.randint(21, 90)))
        decided, outcome = frame.end, pick(rng, REVOKING_OUTCOMES)
    else:
        room = (frame.end - frame.start).days - 60
        offset = 30 + rng.randint(0, room) if room > 0 else (frame.end - frame.start).days // 2
        applied = frame.start + timedelta(days=offset)
        decided = min(frame.end, applied + timedelta(days=rng.randint(14, 70)))
        outcome = pick(rng, CONTINUING_OUTCOMES)
    if sink.known(applied) is None:
        return
    known = sink.known(decided)
    row = (sink.new_id("breaches"), frame.order_id, applied, known, outcome if known else None)
    sink.write("breaches", row)


def lscmi(context: Context, person: Person, frame: Frame | None, start: date) -> None:
    """An LSCMI assessment from `start`: mostly on time, some late, some never completed."""
    profile = context.profile
    rng = context.rng("events")
    work = context.calendar
    draw = rng.random()
    completed: date | None = None
    if draw >= profile.lscmi_never + profile.lscmi_late:
        completed = work.nth_working_day_after(start, min(20, int(rng.triangular(1, 21, 14))))
    elif draw >= profile.lscmi_never:
        completed = work.nth_working_day_after(start, rng.randint(21, 60))
    if completed is not None and frame is not None and completed > frame.end:
        completed = None  # the order ended first and the assessment was abandoned
    cmp = None
    if completed is not None and chance(rng, profile.lscmi_cmp):
        cmp = on_or_after(work, completed + timedelta(days=rng.randint(0, 7)))
    assessment(context, person, frame, "LSCMI", start, completed, cmp)


def assessment(
    context: Context,
    person: Person,
    frame: Frame | None,
    kind: str,
    start: date,
    completed: date | None,
    cmp: date | None = None,
) -> None:
    sink = context.sink
    if sink.known(start) is None:
        return
    order_id = frame.order_id if frame else None
    row = (
        sink.new_id("assessments"),
        person.person_id,
        order_id,
        kind,
        start,
        sink.known(completed),
        sink.known(cmp) if sink.known(completed) else None,
    )
    sink.write("assessments", row)


def questionnaire(context: Context, frame: Frame, kind: str, successful: bool) -> None:
    profile = context.profile
    rng = context.rng("events")
    share = profile.questionnaire_successful if successful else profile.questionnaire_other
    if not chance(rng, share):
        return
    received = context.sink.known(frame.end + timedelta(days=rng.randint(0, 21)))
    if received is None:
        return
    before = min(100, max(0, round(rng.gauss(45, 18))))
    after = min(100, max(0, before + round(rng.gauss(14, 14))))
    row = (
        context.sink.new_id("questionnaires"),
        frame.order_id,
        kind,
        received,
        None if chance(rng, profile.score_missing) else before,
        None if chance(rng, profile.score_missing) else after,
    )
    context.sink.write("questionnaires", row)


def services(context: Context, frame: Frame) -> None:
    """Support Work referrals for some people on orders; the Women's Centre for women."""
    profile = context.profile
    rng = context.rng("events")
    if chance(rng, profile.support_work):
        service(
            context, frame.person, "SUPPORT_WORK", frame.start + timedelta(days=rng.randint(0, 90))
        )
    if frame.person.sex == "F" and chance(rng, profile.womens_centre):
        referral = frame.start + timedelta(days=rng.randint(-30, 30))
        service(context, frame.person, "WOMENS_CENTRE", referral)


def service(context: Context, person: Person, kind: str, referral: date) -> None:
    sink = context.sink
    rng = context.rng("events")
    if sink.known(referral) is None:
        return
    end = None
    if not chance(rng, context.profile.service_open):
        end = sink.known(referral + timedelta(days=rng.randint(30, 365)))
    sink.write("services", (sink.new_id("services"), person.person_id, kind, referral, end))
