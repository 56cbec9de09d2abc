"""The calendar rules of `evaluate`, applied to whole columns at once (numpy).

Each function here is the set-based twin of a per-item rule of `evaluate`: which run of
periods an item belongs to, its deadline, its breakdown groups, and counts over runs of
periods as difference arrays. Runs are kept as arrays of row, first period and the period
after the last (`Runs`); an item with no periods is simply not in them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from jsw.framework.definition import Active, DeadlineRule, FieldTest, InPeriod
from jsw.indicators.columns import NA, Columns, from_date, to_date
from jsw.indicators.compiler import field_passes
from jsw.indicators.groups import AGE_GROUPS, BANDS_BY_AGE, NOT_RECORDED
from jsw.indicators.runs import Key

if TYPE_CHECKING:
    from jsw.indicators.evaluate import Evaluation

# Each age (0 to 41, older ages clipped to 41) -> its band's position in AGE_GROUPS.
_BAND_OF_AGE = np.array([AGE_GROUPS.index(band) for band in BANDS_BY_AGE])
_NOT_RECORDED_BAND = AGE_GROUPS.index(NOT_RECORDED)


class Runs(NamedTuple):
    rows: np.ndarray  # the item's row, for its groups
    start: np.ndarray
    stop: np.ndarray

    @classmethod
    def where(cls, ok: np.ndarray, start: np.ndarray, stop: np.ndarray) -> Runs:
        return cls(np.flatnonzero(ok), start[ok], stop[ok])


class Groups(NamedTuple):
    breakdown: str
    names: list[str]
    codes: np.ndarray  # per row: position in names


def ages(born: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Whole years completed on `on` (as `jsw.lib.dates.age_on`); garbage where either is
    blank, which callers mask."""
    b, o = born.astype("datetime64[D]"), on.astype("datetime64[D]")
    by, oy = b.astype("datetime64[Y]").astype(np.int64), o.astype("datetime64[Y]").astype(np.int64)
    bm, om = b.astype("datetime64[M]"), o.astype("datetime64[M]")
    b_day = (b - bm).astype(np.int64)
    o_day = (o - om).astype(np.int64)
    b_month, o_month = bm.astype(np.int64) % 12, om.astype(np.int64) % 12
    before = (o_month < b_month) | ((o_month == b_month) & (o_day < b_day))
    return oy - by - before


class Vectors:
    """One evaluation's rules over one set of columns."""

    def __init__(self, ev: Evaluation, columns: Columns) -> None:
        self.ev = ev
        self.columns = columns
        self.length = len(columns)
        periods = ev.index.periods
        self.starts = np.array([from_date(p.start) for p in periods], dtype=np.int64)
        self.ends = np.array([from_date(p.end) for p in periods], dtype=np.int64)
        self.count = len(periods)

    # -- dates among the periods -----------------------------------------------------------
    def index(self, days: np.ndarray) -> np.ndarray:
        """As `PeriodIndex.index`: -1 before the first period (and for a blank), `count`
        after the last."""
        found = np.searchsorted(self.starts, days, side="right") - 1
        return np.where(days > self.ends[-1], self.count, found)

    def kept(self) -> np.ndarray:
        """Rows that pass the definition's age tests (all, if it has none)."""
        keep = np.ones(self.length, dtype=bool)
        if not self.ev.ages:
            return keep
        born = self.born()
        for test in self.ev.ages:
            on = self.columns.days(test.age_on)
            age = ages(born, on)
            low, high = test.between
            keep &= (born != NA) & (on != NA) & (age >= low) & (age <= high)
        return keep

    def born(self) -> np.ndarray:
        return self.ev.people_arrays.born[self.person()]

    def person(self) -> np.ndarray:
        return self.columns.column(self.ev.person_name)

    def member_runs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(first, stop, ok) per row: as `Evaluation.member_periods`."""
        when = self.ev.definition.when
        n = self.count
        if isinstance(when, InPeriod):
            day = self.columns.days(when.date)
            i = self.index(day)
            return i, i + 1, (day != NA) & (i >= 0) & (i < n)
        assert isinstance(when, Active)
        start, end = self.columns.days(when.start), self.columns.days(when.end)
        ok, open_ended = start != NA, end == NA
        if when.at == "during":
            first = np.maximum(self.index(start), 0)
            last = np.where(open_ended, n - 1, np.minimum(self.index(end), n - 1))
            return first, last + 1, ok & (first <= last)
        first_day = start
        if when.due_by_period_end is not None:
            due = self.deadlines((when.due_by_period_end,))
            ok &= due != NA
            first_day = np.maximum(start, due)
        ok &= open_ended | (first_day <= end)
        first = np.maximum(self.index(first_day), 0)
        # Periods whose last day is on or before the end.
        last = self.index(end)
        inside = (last >= 0) & (last < n)
        last = last - (inside & (self.ends[np.clip(last, 0, n - 1)] > end))
        last = np.where(open_ended, n - 1, np.minimum(last, n - 1))
        return first, last + 1, ok & (first <= last)

    def year_runs(self, first: np.ndarray, stop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """As `Evaluation.years_of`, for runs that are not empty."""
        k, base = self.ev.per_year, self.count
        last = stop // k if self.ev.at_period_end else (stop - 1) // k + 1
        return base + first // k, base + last

    def with_years(self, runs: Runs) -> list[Runs]:
        if not self.ev.years:
            return [runs]
        start, stop = self.year_runs(runs.start, runs.stop)
        ok = stop > start
        return [runs, Runs(runs.rows[ok], start[ok], stop[ok])]

    # -- deadlines -------------------------------------------------------------------------
    def deadlines(self, rules: Sequence[DeadlineRule]) -> np.ndarray:
        """As `Evaluation.deadline`: the first rule that applies decides (blank if none)."""
        out = np.full(self.length, NA, dtype=np.int64)
        decided = np.zeros(self.length, dtype=bool)
        for rule in rules:
            if rule.use is not None:
                given = self.columns.days(rule.use)
                take = ~decided & (given != NA)
                out[take] = given[take]
                decided |= take
                continue
            applies = ~decided & self.passes(rule.when)
            assert rule.after is not None
            anchor = self.columns.days(rule.after)
            good = applies & (anchor != NA)
            out[good] = self.after(anchor[good], rule)
            decided |= applies
        return out

    def after(self, anchors: np.ndarray, rule: DeadlineRule) -> np.ndarray:
        """The rule's working days or months after each anchor, worked out once per day."""
        days, where = np.unique(anchors, return_inverse=True)
        shift = self.ev.deadline_after
        found = [from_date(shift(to_date(d), rule.working_days, rule.months)) for d in days]
        return np.array(found, dtype=np.int64)[where]

    def passes(self, tests: Sequence[FieldTest]) -> np.ndarray:
        ok = np.ones(self.length, dtype=bool)
        for test in tests:
            ok &= self.columns.passes(test.field, partial(field_passes, test=test))
        return ok

    # -- groups and counts -----------------------------------------------------------------
    def groups(self) -> list[Groups]:
        """As `Evaluation.groups`: overall, and with breakdowns sex, age band and team."""
        found = [Groups("", [""], np.zeros(self.length, dtype=np.int64))]
        if not self.ev.breakdowns:
            return found
        person = self.person()
        people = self.ev.people_arrays
        found.append(Groups("sex", people.sexes, people.sex[person]))
        born, on = people.born[person], self.columns.days(self.ev.source.age_on)
        age = np.clip(ages(born, on), 0, 41)
        bands = np.where((born == NA) | (on == NA), _NOT_RECORDED_BAND, _BAND_OF_AGE[age])
        found.append(Groups("age", list(AGE_GROUPS), bands))
        if self.ev.source.team is not None:
            names, codes = self.columns.codes(self.ev.source.team)
            labels = [name or NOT_RECORDED for name in names]  # blank: not recorded
            teams = list(dict.fromkeys(labels))
            where = np.array([teams.index(label) for label in labels], dtype=np.int64)
            found.append(Groups("team", teams, where[codes]))
        return found


def span_counts(periods: int, groups: list[Groups], runs: list[Runs]) -> dict[Key, int]:
    """Items per period and group, each counted in every period of its runs: difference
    arrays, +1 where a run starts and -1 after it ends, then running sums."""
    width = periods + 1
    out: dict[Key, int] = {}
    for group in groups:
        size = len(group.names) * width
        steps = np.zeros(size, dtype=np.int64)
        for run in runs:
            at = group.codes[run.rows] * width
            steps += np.bincount(at + run.start, minlength=size)
            steps -= np.bincount(at + run.stop, minlength=size)
        _put(out, group, np.cumsum(steps.reshape(-1, width), axis=1)[:, :periods])
    return out


def span_sums(
    periods: int, groups: list[Groups], runs: Runs, amounts: np.ndarray
) -> dict[Key, int]:
    """Whole-number amounts added up per period and group, for items in one period each."""
    out: dict[Key, int] = {}
    for group in groups:
        size = len(group.names) * periods
        at = group.codes[runs.rows] * periods + runs.start
        # Exact: the totals stay far below 2**53 (days between two dates, for millions).
        totals = np.bincount(at, weights=amounts[runs.rows], minlength=size)
        totals = np.rint(totals).astype(np.int64).reshape(-1, periods)
        counted = np.bincount(at, minlength=size).reshape(-1, periods)
        g, i = np.nonzero(counted)
        for gi, pi, total in zip(g.tolist(), i.tolist(), totals[g, i].tolist(), strict=True):
            out[(pi, group.breakdown, group.names[gi])] = total
    return out


def share_counts(
    periods: int, groups: list[Groups], index: np.ndarray, ok: np.ndarray, met: np.ndarray
) -> dict[Key, tuple[int, int]]:
    """(met, due) per period and group, for items due in one period each."""
    out: dict[Key, tuple[int, int]] = {}
    for group in groups:
        at = group.codes[ok] * periods + index[ok]
        size = len(group.names) * periods
        due = np.bincount(at, minlength=size).reshape(-1, periods)
        done = np.bincount(at[met[ok]], minlength=size).reshape(-1, periods)
        g, i = np.nonzero(due)
        found = zip(g.tolist(), i.tolist(), done[g, i].tolist(), due[g, i].tolist(), strict=True)
        for gi, pi, m, d in found:
            out[(pi, group.breakdown, group.names[gi])] = (m, d)
    return out


def people_counts(
    vectors: Vectors, groups: list[Groups], person: np.ndarray, runs: Runs
) -> dict[Key, int]:
    """People per period and group, each once: a person's runs in a group are merged, then
    counted like items (`evaluate.tally_people`); a year is counted from the merged runs."""
    periods = vectors.count + len(vectors.ev.years)
    width = periods + 1
    out: dict[Key, int] = {}
    for group in groups:
        size = len(group.names)
        key = person[runs.rows] * size + group.codes[runs.rows]
        unions = [merged(key, runs.start, runs.stop)]
        if vectors.ev.years:
            keys, start, stop = unions[0]
            first, last = vectors.year_runs(start, stop)
            ok = last > first
            unions.append(merged(keys[ok], first[ok], last[ok]))
        steps = np.zeros(size * width, dtype=np.int64)
        for keys, start, stop in unions:
            at = (keys % size) * width
            steps += np.bincount(at + start, minlength=size * width)
            steps -= np.bincount(at + stop, minlength=size * width)
        _put(out, group, np.cumsum(steps.reshape(-1, width), axis=1)[:, :periods])
    return out


def merged(
    key: np.ndarray, start: np.ndarray, stop: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The union of each key's runs, as disjoint runs (apart by at least one period)."""
    if not len(key):
        return key, start, stop
    order = np.lexsort((start, key))
    key, start, stop = key[order], start[order], stop[order]
    new_key = np.ones(len(key), dtype=bool)
    new_key[1:] = key[1:] != key[:-1]
    # The furthest stop so far within each key: offset each key's stops above the last's.
    segment = np.cumsum(new_key) - 1
    big = int(stop.max()) + 1
    furthest = np.maximum.accumulate(stop + segment * big) - segment * big
    begins = new_key.copy()
    begins[1:] |= start[1:] > furthest[:-1]
    at = np.flatnonzero(begins)
    return key[at], start[at], np.maximum.reduceat(stop, at)


def _put(out: dict[Key, int], group: Groups, totals: np.ndarray) -> None:
    g, i = np.nonzero(totals)
    for gi, pi, n in zip(g.tolist(), i.tolist(), totals[g, i].tolist(), strict=True):
        out[(pi, group.breakdown, group.names[gi])] = n
