"""Benchmark: the engine against a plain pandas implementation of the same PIs, same data,
same run.

The reference reads each record table once with pandas and counts with vectorised code: it
covers the catalogue's `count` PIs (items or people, a date in the period or active during
it, field and age tests, every period of their frequency and each financial year, with the
team, sex and age breakdowns), which is 21 of the 22 (`not_exists` is left out). The engine
computes the same PIs in one process; both answers are compared cell by cell before the
times are reported, so the reference is known to do the same work.

    pip install -e .[bench]     # pandas, for this script only
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python benchmarks/pandas_reference.py

Prints the two times and their ratio (engine / pandas; the goal is at most 0.5).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import numpy as np
import pandas as pd

TABLES = {
    "people": ("records_person", ["person_id", "date_of_birth", "sex"]),
    "orders": (
        "records_order",
        [
            "order_id",
            "person_id",
            "order_type",
            "start_date",
            "end_date",
            "end_reason",
            "team",
            "domestic_abuse",
        ],
    ),
    "requirements": (
        "records_requirement",
        ["requirement_id", "order_id", "requirement_type", "programme"],
    ),
    "assessments": (
        "records_assessment",
        [
            "assessment_id",
            "person_id",
            "order_id",
            "assessment_type",
            "start_date",
            "completed_date",
        ],
    ),
    "contacts": ("records_contact", ["contact_id", "order_id", "contact_type", "contact_date"]),
    "questionnaires": (
        "records_questionnaire",
        ["questionnaire_id", "order_id", "questionnaire_type", "received_date"],
    ),
    "services": (
        "records_service",
        ["service_id", "person_id", "service", "referral_date", "end_date"],
    ),
}
DATES = {
    "date_of_birth",
    "start_date",
    "end_date",
    "completed_date",
    "contact_date",
    "received_date",
    "referral_date",
}
BANDS = np.array(
    [
        *(["under 16"] * 16),
        "16-17",
        "16-17",
        "18-20",
        "18-20",
        "18-20",
        *(["21-25"] * 5),
        *(["26-30"] * 5),
        *(["31-40"] * 10),
        "over 40",
    ]
)


class Frames:
    """Each table read once, with its parent's columns joined as `order.start_date`."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.cache: dict[str, pd.DataFrame] = {}

    def table(self, name: str) -> pd.DataFrame:
        if name not in self.cache:
            db_table, columns = TABLES[name]
            sql = f"SELECT {', '.join(columns)} FROM {db_table}"
            frame = pd.read_sql_query(sql, self.connection)
            for column in DATES & set(columns):
                frame[column] = pd.to_datetime(frame[column]).values.astype("datetime64[D]")
            self.cache[name] = frame
        return self.cache[name]

    def source(self, name: str) -> pd.DataFrame:
        """The table with its order's and person's columns, as the engine's paths name them."""
        key = f"{name}+"
        if key not in self.cache:
            frame = self.table(name)
            if "order_id" in frame and name != "orders":
                orders = self.table("orders").add_prefix("order.")
                frame = frame.merge(
                    orders, left_on="order_id", right_on="order.order_id", how="left"
                )
                if "person_id" not in frame:
                    frame["person_id"] = frame["order.person_id"]
            people = self.table("people").add_prefix("person.")
            frame = frame.merge(
                people, left_on="person_id", right_on="person.person_id", how="left"
            )
            self.cache[key] = frame
        return self.cache[key]


def ages(born: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Whole years from birth to `on` (NaN where either is missing)."""
    b, o = pd.DatetimeIndex(born), pd.DatetimeIndex(on)
    years = o.year - b.year - ((o.month < b.month) | ((o.month == b.month) & (o.day < b.day)))
    return np.asarray(years, dtype="float64")


def supported(definition: Any) -> bool:
    where = [c.model_dump(exclude_defaults=True, by_alias=True) for c in definition.where]
    simple = all("field" in c or "age_on" in c for c in where)
    when = definition.when
    return simple and when is not None and getattr(when, "at", "during") == "during"


def count_pi(frames: Frames, pi: Any, periods: list[Any], years: list[Any]) -> dict[tuple, int]:
    """(period label, breakdown, group) -> count, for one count PI; zeros left out."""
    from jsw.indicators.sources import SOURCES

    definition = pi.definition
    frame = frames.source(definition.from_)
    mask = np.ones(len(frame), dtype=bool)
    for test in definition.where:
        data = test.model_dump(exclude_defaults=True, by_alias=True)
        if "age_on" in data:
            age = ages(frame["person.date_of_birth"].values, frame[data["age_on"]].values)
            low, high = data["between"]
            mask &= (age >= low) & (age <= high)
        elif "in" in data:
            mask &= frame[data["field"]].isin(data["in"]).to_numpy()
        elif "is" in data:
            mask &= frame[data["field"]].astype(bool).to_numpy() == data["is"]
    frame = frame[mask]
    starts = np.array([p.start for p in periods], dtype="datetime64[D]")
    last_day = np.datetime64(periods[-1].end, "D")
    count = len(periods)
    per_year = count // len(years) if years else 0

    def index(days: np.ndarray) -> np.ndarray:
        found = np.searchsorted(starts, days, side="right") - 1
        return np.where(days > last_day, count, found)

    when = definition.when
    if hasattr(when, "date"):
        day = frame[when.date].values
        has = ~pd.isna(day)
        own = index(day[has])
        keep = (own >= 0) & (own < count)
        rows = frame[has][keep]
        first, last = own[keep], own[keep]
    else:
        start, end = frame[when.start].values, frame[when.end].values
        has = ~pd.isna(start)
        first = np.maximum(index(start[has]), 0)
        end_index = index(np.where(pd.isna(end[has]), last_day, end[has]))
        last = np.minimum(end_index, count - 1)
        keep = first <= last
        rows, first, last = frame[has][keep], first[keep], last[keep]

    source = SOURCES[definition.from_]
    groups = [("", np.full(len(rows), ""))]
    groups.append(("sex", rows["person.sex"].fillna("U").replace("", "U").to_numpy()))
    age = ages(rows["person.date_of_birth"].values, rows[source.age_on].values)
    bands = np.where(
        np.isnan(age), "not recorded", BANDS[np.clip(np.nan_to_num(age), 0, 41).astype(int)]
    )
    groups.append(("age", bands))
    if source.team:
        team = rows[source.team].fillna("").to_numpy()
        groups.append(("team", np.where(team == "", "not recorded", team)))

    labels = [p.label for p in periods] + [y.label for y in years]
    out: dict[tuple, int] = {}
    people = definition.count == "people"
    person = rows["person_id"].to_numpy()
    for breakdown, group in groups:
        spans = pd.DataFrame({"group": group, "first": first, "last": last, "person": person})
        if years:
            by_year = spans.assign(first=count + first // per_year, last=count + last // per_year)
            spans = pd.concat([spans, by_year], ignore_index=True)
        if people:
            # Each (person, group, period) once: spell out the periods of each run.
            lengths = (spans["last"] - spans["first"] + 1).to_numpy()
            period = np.repeat(spans["first"].to_numpy(), lengths) + (
                np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
            )
            pairs = pd.DataFrame(
                {
                    "group": np.repeat(spans["group"].to_numpy(), lengths),
                    "period": period,
                    "person": np.repeat(spans["person"].to_numpy(), lengths),
                }
            ).drop_duplicates()
            counted = pairs.groupby(["period", "group"]).size()
        else:
            # Difference arrays: +1 where a run starts, -1 after it ends, then running sums.
            codes, names = pd.factorize(spans["group"])
            steps = np.zeros((len(names), len(labels) + 1), dtype=np.int64)
            np.add.at(steps, (codes, spans["first"].to_numpy()), 1)
            np.add.at(steps, (codes, spans["last"].to_numpy() + 1), -1)
            totals = np.cumsum(steps, axis=1)[:, : len(labels)]
            g, i = np.nonzero(totals)
            counted = pd.Series(totals[g, i], index=pd.MultiIndex.from_arrays([i, names[g]]))
        for (i, name), n in counted.items():
            if n:
                out[(labels[int(i)], breakdown, name)] = int(n)
    return out


def engine_counts(cells: list[Any]) -> dict[tuple, int]:
    return {(c.period, c.breakdown, c.group): int(c.numerator) for c in cells if c.numerator}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="best of N, for each side")
    args = parser.parse_args()
    from jsw import bootstrap

    bootstrap.setup(migrate=False)
    from django.db import connection

    from jsw.framework.catalogue import load_catalogue
    from jsw.indicators import engine
    from jsw.lib.periods import periods_between

    catalogue = load_catalogue()
    first, last = engine.data_years()
    pis = [
        pi
        for pi in catalogue.indicators
        if pi.kind == "count" and pi.definition is not None and supported(pi.definition)
    ]
    connection.ensure_connection()

    def run_engine() -> dict[str, dict[tuple, int]]:
        # As `jsw compute` does in one process: people, calendar and shared reads loaded once.
        computation = engine.Computation(catalogue, first, last, breakdowns=True)
        return {pi.id: engine_counts(computation.compute(pi.id)) for pi in pis}

    def run_pandas() -> dict[str, dict[tuple, int]]:
        frames = Frames(connection.connection)
        found = {}
        for pi in pis:
            periods = periods_between(first, last, pi.frequency)
            years = periods_between(first, last, "A") if pi.frequency in ("Q", "H") else []
            found[pi.id] = count_pi(frames, pi, periods, years)
        return found

    timings: dict[str, list[float]] = {"engine": [], "pandas": []}
    answers = {}
    for _ in range(args.runs):
        for name, run in (("engine", run_engine), ("pandas", run_pandas)):
            started = time.perf_counter()
            answers[name] = run()
            timings[name].append(time.perf_counter() - started)
    differ = [i for i in answers["engine"] if answers["engine"][i] != answers["pandas"][i]]
    if differ:
        raise SystemExit(f"the reference and the engine differ on {', '.join(differ)}")
    best = {name: min(times) for name, times in timings.items()}
    print(
        f"{len(pis)} count PIs, {first}-{last}: engine {best['engine']:.2f} s, "
        f"pandas {best['pandas']:.2f} s (best of {args.runs}), "
        f"ratio {best['engine'] / best['pandas']:.2f} (same answers)"
    )


if __name__ == "__main__":
    main()
