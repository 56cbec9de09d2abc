"""The differential test's records: a small synthetic service, written in every accepted
variant of the import format, plus hand-made rows on every edge indicators.md names.

`jsw.synth` makes a few thousand orders with all tables filled. `vary` then rewrites its CSV
files the way real extracts come: codes in any case, ids with surrounding spaces, dates as
D/M/YYYY or with a midnight time. `add_edges` appends rows whose ids have inner spaces, each
one a boundary of a rule (bank holidays and substitute days, 29 February, period ends, orders
ending before a deadline, TRANSFERRED and DIED, UPW 100 and 101 hours, missing scores, an
induction before the first face-to-face contact...).
"""

from __future__ import annotations

import csv
import itertools
import random
from collections import defaultdict
from datetime import date
from pathlib import Path

from jsw.synth import generate
from tests.differential.records import CODES, DATES, IDS

FIRST_YEAR, LAST_YEAR = 2023, 2024  # the financial years computed: 2023-24 and 2024-25


def make_dataset(folder: Path, *, seed: int = 11, scale: float = 0.4) -> Path:
    generate(folder, seed=seed, years=2, scale=scale, end_year=LAST_YEAR)
    vary(folder, random.Random(seed))
    add_edges(folder)
    return folder


def vary(folder: Path, rng: random.Random) -> None:
    for path in folder.glob("*.csv"):
        if path.name == "returns.csv":
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header = rows[0]
        for row in rows[1:]:
            for i, column in enumerate(header):
                row[i] = varied(column, row[i], rng)
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)


def varied(column: str, value: str, rng: random.Random) -> str:
    if not value or rng.random() < 0.6:
        return value
    if column in IDS:
        return f" {value}  "
    if column in CODES:
        return rng.choice((value.lower(), value.title(), f" {value.capitalize()} "))
    if column in DATES:
        day = date.fromisoformat(value)
        return rng.choice((f"{day.day}/{day.month}/{day.year}", f"{value} 00:00:00"))
    return value


KEYS = {
    "people": "person_id",
    "orders": "order_id",
    "requirements": "requirement_id",
    "upw_sessions": "session_id",
    "assessments": "assessment_id",
    "contacts": "contact_id",
    "breaches": "breach_id",
    "questionnaires": "questionnaire_id",
    "services": "service_id",
}


class Edges:
    """Rows appended to the synthetic tables; ids with inner spaces, codes in any case."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, str]]] = defaultdict(list)
        self.numbers = itertools.count(1)
        self.person_of: dict[str, str] = {}

    def add(self, table: str, prefix: str, **values: str) -> str:
        row_id = f"edge {prefix} {next(self.numbers)}"
        key = KEYS[table]
        self.rows[table].append({key: row_id, **values})
        return row_id

    def person(self, born: str = "1990-06-15", sex: str = "m") -> str:
        return self.add("people", "p", date_of_birth=born, sex=sex)

    def order(
        self,
        start: str,
        kind: str = "Cpo",
        end: str = "",
        reason: str = "",
        *,
        who: str | None = None,
        abuse: str = "n",
        team: str = "Edge team",
    ) -> str:
        if end and not reason:
            reason = "completed"
        person = who or self.person()
        order = self.add(
            "orders",
            "o",
            person_id=person,
            order_type=kind,
            start_date=start,
            end_date=end,
            end_reason=reason,
            domestic_abuse=abuse,
            team=team,
        )
        self.person_of[order] = person
        return order

    def requirement(self, order: str, kind: str = "supervision", **values: str) -> str:
        return self.add("requirements", "r", order_id=order, requirement_type=kind, **values)

    def session(self, requirement: str, day: str, hours: str = "3", where: str = "group") -> None:
        self.add(
            "upw_sessions",
            "s",
            requirement_id=requirement,
            session_date=day,
            hours=hours,
            placement_type=where,
        )

    def contact(self, order: str, kind: str, day: str) -> None:
        self.add("contacts", "c", order_id=order, contact_type=kind, contact_date=day)


def add_edges(folder: Path) -> None:
    e = Edges()
    # Bank holidays and their substitutes: the 1st working day after the start.
    for start, seen in [
        ("2024-12-24", "27/12/2024"),  # Christmas, Boxing Day: due Fri 27 Dec, met
        ("2024-11-29", "2024-12-03"),  # St Andrew's observed Mon 2 Dec: due Tue 3 Dec, met
        ("2024-11-29", "2024-12-04"),  # a day late
        ("2023-12-22", "2023-12-27"),  # due Wed 27 Dec 2023
        ("2023-12-29", "3/1/2024"),  # 1 and 2 January: due Wed 3 Jan, met
        ("2024-03-28", "2024-04-01"),  # Good Friday; Easter Monday works: due 1 Apr, Q1
        ("2024-06-28", "2024-07-01 00:00:00"),  # over the weekend into Q2
        ("2024-05-03", "2024-05-07"),  # May Day Mon 6 May
    ]:
        e.contact(e.order(start), "face_to_FACE", seen)
    # An induction before the first face-to-face contact is the sighting.
    for start in ("2024-02-16", "2024-09-06", "2025-02-17"):
        cpo = e.order(start)
        e.contact(cpo, "Induction", start)
        e.contact(cpo, "FACE_TO_FACE", "2025-03-28" if start == "2025-02-17" else "2024-12-20")
    # Orders ending before their deadline.
    ended = e.order("2024-10-07", end="2024-10-07", reason="TRANSFERRED")
    e.contact(ended, "FACE_TO_FACE", "2024-10-08")  # after the end: never due
    ended = e.order("2024-10-07", end="2024-10-07", reason="died")
    e.contact(ended, "INDUCTION", "2024-10-07")  # on the end date: met
    e.order("2024-10-07", end="2024-10-08")  # ends on the deadline unseen: not met
    upw_ended = e.order("2024-10-07", end="2024-10-09", reason="revoked_breach")
    e.requirement(upw_ended, "UPW", hours="60")  # no session before the end: never due
    e.add(
        "assessments",
        "a",
        person_id=e.person_of[upw_ended],
        order_id=upw_ended,
        assessment_type="lscmi",
        start_date="2024-10-07",
        completed_date="2024-10-10",
    )
    e.add(
        "assessments", "a", person_id=e.person(), assessment_type="LSCMI", start_date="2025-01-06"
    )
    # Endings of CPOs in Q3 2024-25: successful or not; TRANSFERRED and DIED leave the count.
    for reason in (
        "COMPLETED",
        "early_discharge",
        "TRANSFERRED",
        "DIED",
        "REVOKED_BREACH",
        "OTHER",
    ):
        e.order("2023-05-02", end="2024-12-31", reason=reason)
    for kind in ("DIVERSION", "Bail_Supervision", "PROBLEM_SOLVING", "sds", "fwo", "licence"):
        e.order("2024-04-01", kind, end="2024-06-30", reason="completed", team="")
        e.order("2024-07-01", kind, end="2024-10-01", reason="REVOKED_OTHER")
    # UPW hours: 100 and 101, a court's due date, 29 February.
    for start, hours, done, due in [
        ("2024-04-15", "100", "2024-07-15", ""),  # due 15 Jul: met
        ("2024-04-15", "100", "2024-07-16", ""),  # not met
        ("2024-04-15", "101", "2024-10-15", ""),  # due 15 Oct: met
        ("2024-04-15", "101", "2024-10-16", ""),  # not met
        ("2024-04-15", "100", "2024-05-02", "2024-05-01"),  # the due date rules: not met
        ("2023-11-30", "100", "2024-02-29", ""),  # due 29 Feb: met
        ("2023-08-31", "101", "2024-03-01", ""),  # due 29 Feb: not met
        ("2023-08-31", "100.0", "", ""),  # due 30 Nov, never done
    ]:
        cpo = e.order(start)
        req = e.requirement(cpo, "upw", hours=hours, due_date=due, completed_date=done)
        e.session(req, start, "2.25", "INDIVIDUAL")
        e.session(req, done or "2024-01-05", "0.5", "other_activity")
    # First reviews 3 months after 29 February, and on it.
    for start, review in [("2024-02-29", "2024-05-29"), ("2023-11-30", "2024-03-01")]:
        cpo = e.order(start)
        e.requirement(cpo, "SUPERVISION")
        e.contact(cpo, "review", review)
    # Ages on 29 February: born 29 Feb 2008 is 16 on 28 Feb 2025 and 17 on 1 Mar 2025.
    leapling = e.person("2008-02-29", "f")
    for start in ("2024-02-28", "2025-02-28", "2025-03-01"):
        e.order(start, who=leapling)
    e.order("2024-05-01", who=e.person("", ""))  # no date of birth, no sex
    # Orders with a case management plan, at a quarter's end.
    for start, plan, end in [
        ("2024-06-01", "2024-06-30", "2024-06-30"),  # 20th working day Fri 28 Jun; plan on P.end
        ("2024-06-03", "2024-07-01", ""),  # 20th working day 1 Jul: Q2's population only
    ]:
        cpo = e.order(start, end=end)
        e.requirement(cpo, "Supervision")
        e.add(
            "assessments",
            "a",
            person_id=e.person_of[cpo],
            order_id=cpo,
            assessment_type="LSCMI",
            start_date=start,
            completed_date=plan,
            cmp_date=plan,
        )
    # Domestic abuse CPOs with and without a Caledonian programme; Caledonian assessments.
    for programme in ("caledonian", "MFMC"):
        cpo = e.order("2024-08-01", abuse="yes")
        e.requirement(cpo, "programme", programme=programme)
    e.add(
        "assessments",
        "a",
        person_id=e.person(),
        assessment_type="Caledonian",
        start_date="2024-08-01",
        completed_date="30/9/2024",
    )
    # Breaches: a CPO's decided in the year, a DTTO's (not a CPO), one undecided.
    cpo, dtto = e.order("2024-04-02"), e.order("2024-04-02", "dtto")
    for order, outcome in [(cpo, "fine"), (cpo, "Revoked_Custody"), (dtto, "FINE")]:
        e.add(
            "breaches",
            "b",
            order_id=order,
            application_date="2024-05-01",
            outcome_date="2025-03-31",
            outcome=outcome,
        )
    e.add("breaches", "b", order_id=cpo, application_date="2024-06-30")
    # Questionnaires with missing scores.
    for before, after in [("46", "64.5"), ("50", ""), ("", "70"), ("", ""), ("80", "12")]:
        e.add(
            "questionnaires",
            "q",
            order_id=cpo,
            questionnaire_type="supervision",
            received_date="2024-09-30",
            score_before=before,
            score_after=after,
        )
    # Services: the Women's Centre counts women only; referrals at the year's end.
    for sex, end in [("F", "2024-07-01"), ("m", ""), ("f", "")]:
        e.add(
            "services",
            "v",
            person_id=e.person(sex=sex),
            service="womens_centre",
            referral_date="2024-06-30",
            end_date=end,
        )
    e.add("services", "v", person_id=e.person(), service="support_work", referral_date="2025-03-31")
    append(folder, e.rows)


def append(folder: Path, rows: dict[str, list[dict[str, str]]]) -> None:
    for table, new in rows.items():
        path = folder / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        with path.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, restval="")
            writer.writerows(new)
