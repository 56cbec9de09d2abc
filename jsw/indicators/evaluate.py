"""Turn a PI's fetched items into result cells, period by period.

The calendar rules of indicators.md live here and in `jsw.lib`: which periods an item belongs
to (a date in P, active during P, active on P's last day, a deadline in P), working-day and
month deadlines, the timeliness exclusions, ages, and breakdown groups. Each PI kind's
arithmetic is in one function below.

Besides its own periods (quarters or halves), a PI can be evaluated for each financial year
taken as ONE period, in the same pass over its items: an item belongs to the year when it
belongs to the year by the definition's own words (a date in the year, active during the year,
active on its last day, a deadline in it), which the functions below derive from the item's
own periods (`Evaluation.years_of`), without reading the items twice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property, lru_cache, partial
from itertools import repeat
from typing import Any

import numpy as np

from jsw.framework.definition import Active, DeadlineRule, Definition, InPeriod
from jsw.framework.kinds import Kind
from jsw.indicators.columns import NA, Columns, PeopleArrays, RelatedDays, as_days
from jsw.indicators.compiler import EVENT, RELATED, ItemQuery, age_tests, field_passes
from jsw.indicators.groups import NOT_RECORDED, age_band
from jsw.indicators.runs import NONE, Key, PeriodIndex, combined
from jsw.indicators.shared import SharedReads
from jsw.indicators.sources import SOURCES, person_lookup
from jsw.indicators.vector import (
    Runs,
    Vectors,
    people_counts,
    share_counts,
    span_counts,
    span_sums,
)
from jsw.lib.dates import age_on, months_after
from jsw.lib.numbers import mean, percentage, round_half_away
from jsw.lib.periods import Period
from jsw.lib.workdays import WorkingDays

OVERALL = ("", "")
ONLY_OVERALL = (OVERALL,)
NO_PERSON: tuple[date | None, str] = (None, "U")


@dataclass(frozen=True)
class Cell:
    period: str
    numerator: int | Decimal | None
    denominator: int | None
    value: Decimal | None
    category: str = ""
    breakdown: str = ""
    group: str = ""
    # Distinct people behind the figure (sums, means and counts of people), for disclosure
    # control; None where not counted.
    people: int | None = None


class People(dict[Any, tuple[date | None, str]]):
    """person_id -> (date_of_birth, sex), loaded once per run for ages and breakdowns."""

    @cached_property
    def arrays(self) -> PeopleArrays:
        return PeopleArrays.of(self)


def load_people() -> People:
    from django.db import connection

    from jsw.records.models import Person

    query = Person.objects.order_by().values_list("pk", "date_of_birth", "sex").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    as_date = date.fromisoformat
    return People(
        (pk, (as_date(dob) if isinstance(dob, str) else dob, sex or "U")) for pk, dob, sex in rows
    )


def deadline_after(
    calendar: WorkingDays, anchor: date, working_days: int | None, months: int | None
) -> date:
    if working_days is not None:
        return calendar.nth_working_day_after(anchor, working_days)
    assert months is not None
    return months_after(anchor, months)


class Evaluation:
    def __init__(
        self,
        definition: Definition,
        query: ItemQuery,
        periods: Sequence[Period],
        calendar: WorkingDays,
        breakdowns: bool,
        people: People,
        years: Sequence[Period] = (),
        shared: SharedReads | None = None,
    ) -> None:
        self.definition = definition
        self.source = SOURCES[definition.from_]
        # Columns by ORM name and by the definition's dotted path, so reads need no parsing.
        self.columns = {name: i for i, name in enumerate(query.names)}
        self.columns.update({name.replace("__", "."): i for i, name in enumerate(query.names)})
        self.index = PeriodIndex(periods)
        # Whole financial years after the own periods: indices len(periods) onwards.
        self.years = list(years)
        self.per_year = len(periods) // len(self.years) if self.years else 0
        self.all_periods = [*self.index.periods, *self.years]
        when = definition.when
        self.at_period_end = isinstance(when, Active) and when.at == "period_end"
        # Each item in at most one own period (a date or a deadline in it): a year's figures
        # are then the sums of its own periods' (`plus_years`), with no work per item.
        self.one_period_each = isinstance(when, InPeriod) or bool(definition.deadline)
        self.calendar = calendar
        self.breakdowns = breakdowns
        self.people = people
        self.ages = age_tests(definition)
        # A cache of the calendar's answers; not a bound method of self, whose cycle would
        # keep every evaluation (and the run's people) alive until a full garbage collection.
        self.deadline_after = lru_cache(maxsize=None)(partial(deadline_after, calendar))
        # The computation's shared table reads (`shared`), if it has them.
        self.shared = shared

    # -- reading fetched rows --------------------------------------------------------------
    def get(self, row: Sequence[Any], path: str) -> Any:
        return row[self.columns[path]]

    @cached_property
    def person_name(self) -> str:
        return person_lookup(self.source, "pk")

    @cached_property
    def person_column(self) -> int:
        return self.columns[self.person_name]

    @cached_property
    def people_arrays(self) -> PeopleArrays:
        people = self.people
        return people.arrays if isinstance(people, People) else PeopleArrays.of(people)

    def dob(self, row: Sequence[Any]) -> date | None:
        return self.people.get(row[self.person_column], NO_PERSON)[0]

    def passes_age_tests(self, row: Sequence[Any]) -> bool:
        dob = self.dob(row)
        for test in self.ages:
            on = self.get(row, test.age_on)
            if dob is None or on is None:
                return False
            low, high = test.between
            if not low <= age_on(dob, on) <= high:
                return False
        return True

    def groups(self, row: Sequence[Any]) -> Sequence[tuple[str, str]]:
        """The item's breakdown groups (always the overall one). Hot: runs once per item."""
        if not self.breakdowns:
            return ONLY_OVERALL
        dob, sex = self.people.get(row[self.person_column], NO_PERSON)
        on = row[self._age_on_column]
        age = None if dob is None or on is None else age_on(dob, on)
        found = [OVERALL, ("sex", sex), ("age", age_band(age))]
        if self._team_column is not None:
            found.append(("team", row[self._team_column] or NOT_RECORDED))
        return found

    @cached_property
    def _age_on_column(self) -> int:
        return self.columns[self.source.age_on]

    @cached_property
    def _team_column(self) -> int | None:
        return None if self.source.team is None else self.columns[self.source.team]

    # -- which periods an item belongs to --------------------------------------------------
    def member_periods_of_day(self, day: date | None) -> range:
        """The period a date falls in, if it is one of those computed."""
        if day is None:
            return NONE
        i = self.index.index(day)
        return range(i, i + 1) if 0 <= i < len(self.index) else NONE

    def member_periods(self, row: Sequence[Any]) -> range:
        """The item's periods: always a run of consecutive ones (perhaps none)."""
        when = self.definition.when
        if isinstance(when, InPeriod):
            return self.member_periods_of_day(self.get(row, when.date))
        assert isinstance(when, Active)
        start, end = self.get(row, when.start), self.get(row, when.end)
        if start is None:
            return NONE
        if when.at == "during":
            return self.index.during(start, end)
        first = start
        if when.due_by_period_end is not None:
            due = self.deadline(row, (when.due_by_period_end,))
            if due is None:
                return NONE
            first = max(first, due)
        if end is not None and first > end:
            return NONE
        return self.index.ends_within(first, end)

    def years_of(self, run: range) -> range:
        """The years (indices after the own periods) of an item whose own periods are `run`.

        Own periods tile the years in order, `per_year` to a year. A date, deadline or span
        in some own periods of a year is in the year; active on a year's last day is active
        on the last day of its last own period."""
        k = self.per_year
        if not k or not run:
            return NONE
        base, first = len(self.index), run.start // k
        last = run.stop // k if self.at_period_end else (run.stop - 1) // k + 1
        return range(base + first, base + last)

    def year_of(self, own: int) -> int:
        return len(self.index) + own // self.per_year

    def with_years(self, run: range) -> tuple[range, ...]:
        years = self.years_of(run)
        return (run, years) if years else (run,)

    def deadline(self, row: Sequence[Any], rules: Sequence[DeadlineRule]) -> date | None:
        for rule in rules:
            if rule.use is not None:
                given: date | None = self.get(row, rule.use)
                if given is not None:
                    return given
                continue
            if not all(field_passes(self.get(row, t.field), t) for t in rule.when):
                continue
            assert rule.after is not None
            anchor = self.get(row, rule.after)
            if anchor is None:
                return None
            return self.deadline_after(anchor, rule.working_days, rule.months)
        return None

    def items(self, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        for row in rows:
            if not self.ages or self.passes_age_tests(row):
                yield row


def tally_count(ev: Evaluation, columns: Columns) -> dict[Key, Any]:
    v = Vectors(ev, columns)
    first, stop, ok = v.member_runs()
    runs = Runs.where(ok & v.kept(), first, stop)
    groups = v.groups()
    if ev.definition.count == "people":
        return people_counts(v, groups, v.person(), runs)
    if ev.one_period_each:
        return plus_years(ev, span_counts(v.count, groups, [runs]))
    return span_counts(len(ev.all_periods), groups, v.with_years(runs))


def plus_years(ev: Evaluation, tallies: dict[Key, Any]) -> dict[Key, Any]:
    """The tallies with each year's added up from its own periods': right for items that
    belong to one own period each, and so to that period's year."""
    if not ev.years:
        return tallies
    out = dict(tallies)
    for (i, breakdown, group), tally in tallies.items():
        key = (ev.year_of(i), breakdown, group)
        out[key] = combined(out[key], tally) if key in out else tally
    return out


def amount_of(ev: Evaluation, row: Sequence[Any]) -> int | Decimal | None:
    amount = ev.definition.amount
    assert amount is not None
    if amount.field is not None:
        value: Decimal | None = ev.get(row, amount.field)
        return value
    if amount.days_between is not None:
        first, last = (ev.get(row, p) for p in amount.days_between)
        return None if first is None or last is None else (last - first).days
    assert amount.difference is not None
    minuend, subtrahend = (ev.get(row, p) for p in amount.difference)
    return None if minuend is None or subtrahend is None else minuend - subtrahend


def whole_amounts(definition: Definition) -> bool:
    """A mean of days between two dates of items dated in a period: tallied set-based
    (`tally_days_between`); other amounts (decimals) item by item (`tally_amounts`)."""
    amount = definition.amount
    return bool(amount and amount.days_between) and isinstance(definition.when, InPeriod)


def tally_days_between(ev: Evaluation, columns: Columns) -> dict[Key, Any]:
    """The set-based twin of `tally_amounts` for `whole_amounts`: (total, items, people)
    per key."""
    amount = ev.definition.amount
    assert amount is not None and amount.days_between is not None
    v = Vectors(ev, columns)
    first_day, last_day = (columns.days(path) for path in amount.days_between)
    days = np.where((first_day == NA) | (last_day == NA), 0, last_day - first_day)
    first, stop, ok = v.member_runs()
    runs = Runs.where(ok & v.kept() & (first_day != NA) & (last_day != NA), first, stop)
    groups = v.groups()
    items = plus_years(ev, span_counts(v.count, groups, [runs]))
    totals = plus_years(ev, span_sums(v.count, groups, runs, days))
    people = people_counts(v, groups, v.person(), runs)
    return {key: (totals[key], n, people[key]) for key, n in items.items()}


def tally_amounts(ev: Evaluation, rows: Iterable[Sequence[Any]]) -> dict[Key, Any]:
    """Sum and count of amounts: (total, items) per key."""
    totals: dict[Key, list[Any]] = defaultdict(lambda: [0, 0, set()])
    who = ev.person_column
    for row in ev.items(rows):
        amount = amount_of(ev, row)
        if amount is None:
            continue
        groups = ev.groups(row)
        run = ev.member_periods(row)
        for periods in (run,) if ev.one_period_each else ev.with_years(run):
            for i in periods:
                for breakdown, group in groups:
                    entry = totals[(i, breakdown, group)]
                    entry[0] += amount
                    entry[1] += 1
                    entry[2].add(row[who])
    found = {key: tuple(entry) for key, entry in totals.items()}
    if ev.one_period_each:
        found = plus_years(ev, found)
    return {key: (total, n, len(people)) for key, (total, n, people) in found.items()}


def tally_daily_sums(
    ev: Evaluation, per_day: Iterable[tuple[date, Any]], people: dict[int, int]
) -> dict[Key, Any]:
    """(total, days, people) per period from totals the database added up per day, and the
    people counted per period (by `people_by_period`)."""
    totals: dict[Key, list[Any]] = defaultdict(lambda: [Decimal(0), 0])
    for day, total in per_day:
        for i in ev.member_periods_of_day(day):
            entry = totals[(i, "", "")]
            entry[0] += Decimal(total)
            entry[1] += 1
    found = plus_years(ev, {key: tuple(entry) for key, entry in totals.items()})
    return {key: (*tally, people.get(key[0], 0)) for key, tally in found.items()}


def people_by_period(
    ev: Evaluation,
    spans: Iterable[tuple[Any, Any, date, date]],
    days_of: Callable[[list[Any]], Iterable[tuple[Any, date]]],
) -> dict[int, int]:
    """Distinct people per period (own and years) with an item dated in it, from each
    holder's (person, first day, last day). A holder whose days span at most two adjacent
    own periods has items in both; the days of the others are read to be exact."""
    v = Vectors(ev, Columns({}, 0))
    spans = [span for span in spans if span[2] is not None]  # else no item has a date
    holders = [holder for holder, _, _, _ in spans]
    persons: dict[Any, int] = {}
    person = np.array([persons.setdefault(p, len(persons)) for _, p, _, _ in spans], np.int64)
    start = v.index(as_days([first for _, _, first, _ in spans]))
    end = v.index(as_days([last for _, _, _, last in spans]))
    unsure = end - start > 1
    of_holder = dict(zip(holders, person.tolist(), strict=True))
    found = [(h, day) for h, day in days_of([holders[i] for i in np.flatnonzero(unsure)])]
    found = [(h, day) for h, day in found if day is not None]
    periods = np.concatenate(
        [start[~unsure], end[~unsure], v.index(as_days([day for _, day in found]))]
    )
    who = np.concatenate(
        [person[~unsure], person[~unsure], np.array([of_holder[h] for h, _ in found], np.int64)]
    )
    inside = (periods >= 0) & (periods < v.count)
    periods, who = periods[inside], who[inside]
    if ev.years:
        periods = np.concatenate([periods, v.count + periods // ev.per_year])
        who = np.concatenate([who, who])
    # Each (period, person) once, as one number.
    pairs = np.unique(periods * max(len(persons), 1) + who)
    counted = np.bincount(pairs // max(len(persons), 1), minlength=len(ev.all_periods))
    return {int(i): int(counted[i]) for i in np.flatnonzero(counted)}


def tally_timeliness(ev: Evaluation, columns: Columns) -> dict[Key, Any]:
    """(met, due) per key; items of P are those whose deadline is in P."""
    definition = ev.definition
    v = Vectors(ev, columns)
    deadline = v.deadlines(definition.deadline)
    i = v.index(deadline)
    ok = v.kept() & (deadline != NA) & (i >= 0) & (i < v.count)
    event_path = definition.event.field if definition.event else None
    event = columns.days(EVENT if event_path is None else event_path)
    met = (event != NA) & (event <= deadline)
    if definition.ends:
        ended = columns.days(definition.ends)
        # Never due: the order ended before the deadline without the event by its end.
        ok &= ~((ended != NA) & (ended < deadline) & ~((event != NA) & (event <= ended)))
    return plus_years(ev, share_counts(v.count, v.groups(), i, ok, met))


def tally_proportion(ev: Evaluation, columns: Columns, related: RelatedDays) -> dict[Key, Any]:
    """(with the property, population) per key."""
    prop = ev.definition.property
    assert prop is not None
    test = prop.related.test if prop.related else None
    v = Vectors(ev, columns)
    first, stop, ok = v.member_runs()
    ok &= v.kept()
    total = len(ev.all_periods)
    groups = v.groups()
    population = span_counts(total, groups, v.with_years(Runs.where(ok, first, stop)))
    having = ok & v.passes(prop.where)
    if test is None:
        holding = v.with_years(Runs.where(having, first, stop))
    elif test == "by_period_end":
        # Holds from the period in which the first related date falls, onwards.
        day = columns.days(RELATED)
        held = np.maximum(first, v.index(day))
        holding = v.with_years(Runs.where(having & (day != NA) & (held < stop), held, stop))
    else:
        holding = in_period_runs(v, columns, related, having, first, stop)
    met = span_counts(total, groups, holding)
    return {key: (met.get(key, 0), due) for key, due in population.items()}


def in_period_runs(
    v: Vectors,
    columns: Columns,
    related: RelatedDays,
    having: np.ndarray,
    first: np.ndarray,
    stop: np.ndarray,
) -> list[Runs]:
    """An item holds in each of its periods with a related date in it; and in a year with a
    related date in it while the item is active during the year, perhaps in other quarters."""
    row_of = {pk: row for row, pk in enumerate(columns.column("pk").tolist()) if having[row]}
    rows = np.fromiter(map(row_of.get, related.items, repeat(-1)), np.int64, len(related.items))
    known = (rows >= 0) & (related.days != NA)
    # Each (item, period) once, as one number (a period from -1 to `count`).
    width = v.count + 2
    pairs = np.unique(rows[known] * width + v.index(related.days[known]) + 1)
    rows, i = pairs // width, pairs % width - 1
    own = (i >= first[rows]) & (i < stop[rows])
    holding = [Runs(rows[own], i[own], i[own] + 1)]
    if v.ev.years:
        active = (first < stop) & having
        year_first, year_stop = v.year_runs(first, stop)
        inside = (i >= 0) & (i < v.count) & active[rows]
        width = len(v.ev.all_periods)
        year = np.unique(rows[inside] * width + v.count + i[inside] // v.ev.per_year)
        rows, y = year // width, year % width
        held = (y >= year_first[rows]) & (y < year_stop[rows])
        holding.append(Runs(rows[held], y[held], y[held] + 1))
    return holding


def tally_categories(ev: Evaluation, rows: Iterable[Sequence[Any]]) -> dict[Key, Any]:
    category = ev.definition.category
    assert category is not None
    counts: Counter[Key] = Counter()
    for row in ev.items(rows):
        code = ev.get(row, category.field)
        run = ev.member_periods(row)
        for periods in (run,) if ev.one_period_each else ev.with_years(run):
            for i in periods:
                counts[(i, "", code)] += 1
    return plus_years(ev, dict(counts)) if ev.one_period_each else dict(counts)


def rounded_total(total: int | Decimal) -> int | Decimal:
    return total if isinstance(total, int) else round_half_away(total, 2)


def cells(
    kind: Kind, ev: Evaluation, tallies: dict[Key, Any], codes: Sequence[str] = ()
) -> list[Cell]:
    """One cell per period (and group, and category): zeros where nothing was counted."""
    out: list[Cell] = []
    groups = (
        sorted({(b, g) for (_, b, g) in tallies} | {OVERALL}) if not kind.by_category else [OVERALL]
    )
    counts_people = kind.counts_people and ev.definition.count == "people"
    for i, period in enumerate(ev.all_periods):
        label = period.label
        if kind.by_category:
            total = sum(n for (j, _, _), n in tallies.items() if j == i)
            for code in codes:
                n = tallies.get((i, "", code), 0)
                out.append(Cell(label, n, total, percentage(n, total), category=code))
            continue
        for breakdown, group in groups:
            tally = tallies.get((i, breakdown, group))
            where = {"breakdown": breakdown, "group": group}
            if kind.share:  # met of due
                met, due = tally or (0, 0)
                out.append(
                    Cell(label, met, due, percentage(met, due), breakdown=breakdown, group=group)
                )
            elif kind.mean:  # a total over a number of items
                total, n, people = tally or (0, 0, 0)
                out.append(
                    Cell(label, rounded_total(total), n, mean(total, n), **where, people=people)
                )
            elif kind.total:
                total, _, people = tally or (0, 0, 0)
                total = rounded_total(total)
                out.append(Cell(label, total, None, Decimal(total), **where, people=people))
            else:  # a count
                n = tally or 0
                people = n if counts_people else None
                out.append(Cell(label, n, None, Decimal(n), **where, people=people))
    return out
