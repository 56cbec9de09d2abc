"""Unpaid work: the hours a court imposes, and the sessions that work them off.

Sessions are planned to completion first; the order's ending then decides how many of
them happen (a revoked order stops its sessions), and the extract date hides the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from jsw.lib.dates import months_after
from jsw.synth.calendar import on_or_after
from jsw.synth.context import Context, chance, choose, pick

WHOLE_HOURS = {1: 1, 2: 3, 3: 5, 4: 7, 5: 7, 6: 14, 7: 45, 8: 14, 9: 2, 10: 2, 12: 1}
MEAN_SESSION_QUARTERS = 26  # about 6.5 hours
PROVIDERS = (
    "Charity shop",
    "Community garden",
    "Food bank",
    "Furniture reuse project",
    "Animal rescue centre",
    "Church hall",
    "Sports club",
)
ACTIVITIES = ("Employability course", "Literacy class", "")


@dataclass(frozen=True)
class UpwPlan:
    hours: int
    due_date: date | None
    sessions: list[tuple[date, int]]  # day and quarter hours
    individual: bool
    provider: str

    @property
    def done(self) -> date:
        return self.sessions[-1][0]


def plan_upw(context: Context, start: date) -> UpwPlan:
    rng = context.rng("upw")
    hours = upw_hours(context)
    due_date = None
    if chance(rng, context.profile.upw_due_date):
        due_date = months_after(start, rng.choice((3, 6, 9, 12, 12)))
    timescale = due_date or months_after(start, 3 if hours <= 100 else 6)
    individual = chance(rng, context.profile.individual_placement)
    provider = choose(rng, PROVIDERS) if individual else ""
    sessions = plan_sessions(context, start, hours, timescale)
    return UpwPlan(hours, due_date, sessions, individual, provider)


def upw_hours(context: Context) -> int:
    profile = context.profile
    rng = context.rng("upw")
    level_1 = chance(rng, profile.upw_level_1)
    if chance(rng, profile.odd_hours):
        return rng.randint(20, 100) if level_1 else rng.randint(101, 300)
    return pick(rng, profile.level_1_hours if level_1 else profile.level_2_hours)


def plan_sessions(
    context: Context, start: date, hours: int, timescale: date
) -> list[tuple[date, int]]:
    rng = context.rng("upw")
    work = context.calendar
    if chance(rng, context.profile.upw_start_7_days):
        day = work.nth_working_day_after(start, rng.randint(1, 7))
    else:
        day = work.nth_working_day_after(start, rng.randint(8, 35))
    remaining = hours * 4
    expected_sessions = remaining / MEAN_SESSION_QUARTERS
    low, high = context.profile.upw_pace
    # A person's pace: the mean gap between sessions, as a share of what the timescale allows.
    available = max(14, (timescale - day).days)
    mean_gap = rng.uniform(low, high) * available / expected_sessions
    sessions = []
    while remaining > 0:
        quarters = session_quarters(context, remaining)
        sessions.append((day, quarters))
        remaining -= quarters
        day = next_session_day(context, day, mean_gap)
    return sessions


def session_quarters(context: Context, remaining: int) -> int:
    """A session's length in quarter hours: mostly whole or half hours, at most 12 hours."""
    rng = context.rng("upw")
    quarters = pick(rng, WHOLE_HOURS) * 4
    draw = rng.random()
    if draw < 0.22:
        quarters += 2
    elif draw < 0.30:
        quarters += rng.choice((1, 3))
    quarters = min(quarters, 48)
    if remaining <= 48 and remaining - quarters < 4:
        return remaining  # the last session does what is left rather than leave a sliver
    if 0 < remaining - quarters < 4:
        return remaining - 4
    return quarters


def next_session_day(context: Context, day: date, mean_gap: float) -> date:
    rng = context.rng("upw")
    gap = max(1, round(rng.uniform(0.4, 1.6) * mean_gap))
    later = day + timedelta(days=gap)
    if later.weekday() == 5 and chance(rng, context.profile.weekend_session):
        return later
    return on_or_after(context.calendar, later)


def placement(context: Context, plan: UpwPlan) -> tuple[str, str]:
    """The placement type and provider of one session."""
    rng = context.rng("upw")
    if plan.individual and chance(rng, 0.9):
        return "INDIVIDUAL", plan.provider
    if chance(rng, context.profile.other_activity):
        return "OTHER_ACTIVITY", choose(rng, ACTIVITIES)
    return "GROUP", ""


def quarters_text(quarters: int) -> int | float:
    """Hours as written: whole hours without a fraction, else at most two decimals."""
    return quarters // 4 if quarters % 4 == 0 else quarters / 4


def write_upw(context: Context, order_id: str, end: date, plan: UpwPlan) -> None:
    """The requirement and its sessions up to the order's end and the extract date."""
    sink = context.sink
    requirement_id = sink.new_id("requirements")
    last = min(end, sink.extract_date)
    completed = plan.done if plan.done <= last else None
    row = (requirement_id, order_id, "UPW", None, plan.hours, plan.due_date, completed)
    sink.write("requirements", row)
    for day, quarters in plan.sessions:
        if day > last:
            break
        kind, provider = placement(context, plan)
        session = (sink.new_id("upw_sessions"), requirement_id, day, quarters_text(quarters))
        sink.write("upw_sessions", (*session, kind, provider))
