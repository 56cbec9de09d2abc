"""A plain-Python reference evaluation of the 40 PIs, written from indicators.md's words.

Slow and obvious on purpose: for every PI and period it walks the rows read by `records`,
applies the definition's sentence literally, and counts. It shares no code with the engine,
so where the two agree on many records, both follow the spec. Breakdowns follow
docs/indicators.md (team of the order, sex, age band on the item's own date).

`evaluate(records, first_year, last_year)` gives {(pi, period, category, breakdown, group):
(numerator, denominator, value)}, numbers as text in their shortest form, blanks as "".
Breakdown rows are given only where something was counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from fractions import Fraction
from typing import Any

from tests.differential.records import (
    Period,
    Records,
    Row,
    age_on,
    months_after,
    nth_working_day_after,
    periods,
)
from tests.differential.spec_tables import FREQUENCY, KIND, OUTCOMES, SUCCESSFUL, band, share, text

Key = tuple[str, str, str, str, str]
Figures = tuple[str, str, str, str]  # numerator, denominator, value, people
Groups = list[tuple[str, str]]


class Reference:
    def __init__(self, records: Records) -> None:
        self.records = records
        self.people = records.by_id("people", "person_id")
        self.orders = records.by_id("orders", "order_id")
        self.requirements_of = records.children("requirements", "order_id")
        self.contacts_of = records.children("contacts", "order_id")
        self.sessions_of = records.children("upw_sessions", "requirement_id")
        self.breaches_of = records.children("breaches", "order_id")
        self.assessments_of = records.children("assessments", "order_id")

    # -- who an item is, for breakdowns ----------------------------------------------------
    def groups(self, person_id: str, on: date, team: Any = None, teams: bool = True) -> Groups:
        person = self.people[person_id]
        born = person["date_of_birth"]
        found = [
            ("", ""),
            ("sex", person["sex"] or "U"),
            ("age", band(None if born is None else age_on(born, on))),
        ]
        if teams:
            found.append(("team", team or "not recorded"))
        return found

    def of_order(self, order: Row, on: date | None = None) -> Groups:
        return self.groups(order["person_id"], on or order["start_date"], order["team"])

    def order(self, row: Row) -> Row:
        return self.orders[row["order_id"]]

    def orders_of(self, *types: str) -> list[Row]:
        return [o for o in self.records["orders"] if o["order_type"] in types]

    def upw_requirements(self) -> list[Row]:
        return [r for r in self.records["requirements"] if r["requirement_type"] == "UPW"]

    def has_requirement(self, order: Row, kind: str, programme: str | None = None) -> bool:
        return any(
            r["requirement_type"] == kind and (programme is None or r["programme"] == programme)
            for r in self.requirements_of[order["order_id"]]
        )

    def first_contact(self, order: Row, *types: str) -> date | None:
        contacts = self.contacts_of[order["order_id"]]
        return min(
            (c["contact_date"] for c in contacts if c["contact_type"] in types), default=None
        )

    # -- counts: items, or people ------------------------------------------------------------
    def counted_items(self, pi: str, p: Period) -> list[Groups]:
        orders, reqs = self.records["orders"], self.records["requirements"]
        order_counts: dict[str, Callable[[Row], bool]] = {
            "cpos-imposed": lambda o: o["order_type"] == "CPO" and p.holds(o["start_date"]),
            "fwo-imposed": lambda o: o["order_type"] == "FWO" and p.holds(o["start_date"]),
            "da-cpos-non-caledonian": lambda o: (
                o["order_type"] == "CPO"
                and bool(o["domestic_abuse"])
                and p.holds(o["start_date"])
                and not self.has_requirement(o, "PROGRAMME", "CALEDONIAN")
            ),
        }
        for kind in ("DIVERSION", "BAIL_SUPERVISION", "PROBLEM_SOLVING", "SDS"):
            name = {"BAIL_SUPERVISION": "bail", "PROBLEM_SOLVING": "problem-solving"}.get(
                kind, kind.lower()
            )
            order_counts[f"{name}-successful"] = lambda o, k=kind: (
                o["order_type"] == k and p.holds(o["end_date"]) and o["end_reason"] in SUCCESSFUL
            )
        if pi in order_counts:
            return [self.of_order(o) for o in orders if order_counts[pi](o)]
        if pi in ("upw-requirements", "caledonian-requirements"):
            wanted = [
                r
                for r in reqs
                if p.holds(self.order(r)["start_date"])
                and (
                    r["requirement_type"] == "UPW"
                    if pi == "upw-requirements"
                    else r["requirement_type"] == "PROGRAMME" and r["programme"] == "CALEDONIAN"
                )
            ]
            return [self.of_order(self.order(r)) for r in wanted]
        if pi == "caledonian-assessments":
            return [
                self.groups(a["person_id"], a["start_date"], self.assessment_team(a))
                for a in self.records["assessments"]
                if a["assessment_type"] == "CALEDONIAN" and p.holds(a["completed_date"])
            ]
        if pi == "reengagement-reviews":
            return [
                self.of_order(self.order(c), c["contact_date"])
                for c in self.records["contacts"]
                if c["contact_type"] == "REENGAGEMENT_REVIEW" and p.holds(c["contact_date"])
            ]
        if pi in ("supervision-eqs", "upw-eqs"):
            kind = "SUPERVISION" if pi == "supervision-eqs" else "UPW"
            return [
                self.of_order(self.order(q), q["received_date"])
                for q in self.records["questionnaires"]
                if q["questionnaire_type"] == kind and p.holds(q["received_date"])
            ]
        assert pi == "support-work-referrals", pi
        return [
            self.groups(s["person_id"], s["referral_date"], teams=False)
            for s in self.records["services"]
            if s["service"] == "SUPPORT_WORK" and p.holds(s["referral_date"])
        ]

    def assessment_team(self, a: Row) -> Any:
        return self.orders[a["order_id"]]["team"] if a["order_id"] else None

    def counted_people(self, pi: str, p: Period) -> list[tuple[str, Groups]] | None:
        active = {
            "people-on-cpos": "CPO",
            "diversion-people": "DIVERSION",
            "bail-people": "BAIL_SUPERVISION",
            "problem-solving-people": "PROBLEM_SOLVING",
            "sds-people": "SDS",
        }
        if pi in active:
            return [
                (o["person_id"], self.of_order(o))
                for o in self.orders_of(active[pi])
                if p.active(o["start_date"], o["end_date"])
            ]
        if pi == "licence-releases":
            return [
                (o["person_id"], self.of_order(o))
                for o in self.orders_of("LICENCE")
                if p.holds(o["start_date"])
            ]
        if pi == "cpo-16-17":
            found = []
            for o in self.orders_of("CPO"):
                born = self.people[o["person_id"]]["date_of_birth"]
                if (
                    born is not None
                    and age_on(born, o["start_date"]) in (16, 17)
                    and p.active(o["start_date"], o["end_date"])
                ):
                    found.append((o["person_id"], self.of_order(o)))
            return found
        if pi == "womens-centre":
            return [
                (s["person_id"], self.groups(s["person_id"], s["referral_date"], teams=False))
                for s in self.records["services"]
                if s["service"] == "WOMENS_CENTRE"
                and self.people[s["person_id"]]["sex"] == "F"
                and p.active(s["referral_date"], s["end_date"])
            ]
        return None

    # -- timeliness: (deadline, event, end of the order or None, groups) ----------------------
    def timeliness_items(self, pi: str) -> Iterable[tuple[date, date | None, date | None, Groups]]:
        if pi == "lscmi-20-days":
            for a in self.records["assessments"]:
                if a["assessment_type"] == "LSCMI":
                    ended = self.orders[a["order_id"]]["end_date"] if a["order_id"] else None
                    yield (
                        nth_working_day_after(a["start_date"], 20),
                        a["completed_date"],
                        ended,
                        self.groups(a["person_id"], a["start_date"], self.assessment_team(a)),
                    )
            return
        if pi in ("cpo-seen-1-day", "cpo-induction-5-days", "first-review-3-months"):
            for o in self.orders_of("CPO"):
                if pi == "cpo-seen-1-day":
                    due = nth_working_day_after(o["start_date"], 1)
                    event = self.first_contact(o, "FACE_TO_FACE", "INDUCTION")
                elif pi == "cpo-induction-5-days":
                    due = nth_working_day_after(o["start_date"], 5)
                    event = self.first_contact(o, "INDUCTION")
                else:
                    if not self.has_requirement(o, "SUPERVISION"):
                        continue
                    due = months_after(o["start_date"], 3)
                    event = self.first_contact(o, "REVIEW")
                yield due, event, o["end_date"], self.of_order(o)
            return
        for r in self.upw_requirements():
            o = self.order(r)
            if pi == "upw-start-7-days":
                due = nth_working_day_after(o["start_date"], 7)
                sessions = self.sessions_of[r["requirement_id"]]
                event = min((s["session_date"] for s in sessions), default=None)
            else:
                assert pi == "upw-completed-in-time", pi
                months = 3 if r["hours"] <= 100 else 6
                due = r["due_date"] or months_after(o["start_date"], months)
                event = r["completed_date"]
            yield due, event, o["end_date"], self.of_order(o)

    # -- proportions: (has the property, groups) for each item of the population -------------
    def population(self, pi: str, p: Period) -> list[tuple[bool, Groups]]:
        found = []
        for o in self.orders_of("CPO"):
            if pi == "orders-with-cmp":
                if not (
                    self.has_requirement(o, "SUPERVISION")
                    and o["start_date"] <= p.end
                    and (o["end_date"] is None or o["end_date"] >= p.end)
                    and nth_working_day_after(o["start_date"], 20) <= p.end
                ):
                    continue
                holds = any(
                    a["assessment_type"] == "LSCMI"
                    and a["cmp_date"] is not None
                    and a["cmp_date"] <= p.end
                    for a in self.assessments_of[o["order_id"]]
                )
            elif pi == "cpo-successful-completions":
                if not p.holds(o["end_date"]) or o["end_reason"] in ("TRANSFERRED", "DIED"):
                    continue
                holds = o["end_reason"] in SUCCESSFUL
            else:
                assert pi == "cpo-breach-applications", pi
                if not p.active(o["start_date"], o["end_date"]):
                    continue
                holds = any(p.holds(b["application_date"]) for b in self.breaches_of[o["order_id"]])
            found.append((holds, self.of_order(o)))
        return found

    # -- amounts -------------------------------------------------------------------------------
    def amounts(self, pi: str, p: Period) -> list[tuple[Fraction, str]]:
        """Each amount, with the person it is about."""
        if pi in ("upw-hours", "upw-individual-hours"):
            person_of = {
                r["requirement_id"]: self.order(r)["person_id"] for r in self.upw_requirements()
            }
            return [
                (Fraction(s["hours"]), person_of[s["requirement_id"]])
                for s in self.records["upw_sessions"]
                if p.holds(s["session_date"])
                and (pi == "upw-hours" or s["placement_type"] == "INDIVIDUAL")
            ]
        if pi == "upw-average-days":
            return [
                (
                    Fraction((r["completed_date"] - self.order(r)["start_date"]).days),
                    self.order(r)["person_id"],
                )
                for r in self.upw_requirements()
                if p.holds(r["completed_date"])
            ]
        assert pi == "eq-score-change", pi
        return [
            (Fraction(q["score_after"] - q["score_before"]), self.order(q)["person_id"])
            for q in self.records["questionnaires"]
            if q["questionnaire_type"] == "SUPERVISION"
            and p.holds(q["received_date"])
            and q["score_before"] is not None
            and q["score_after"] is not None
        ]


def evaluate(records: Records, first_year: int, last_year: int) -> dict[Key, Figures]:
    ref = Reference(records)
    entered = {(r["indicator_id"], r["period"]): r["value"] for r in records["returns"]}
    out: dict[Key, Figures] = {}

    def put(
        pi: str, label: str, tally: dict[tuple[str, str], tuple[int, int]], kind: str, people: bool
    ) -> None:
        for (breakdown, group), (met, due) in tally.items():
            if kind == "count":
                figures = (str(met), "", str(met), str(met) if people else "")
            else:
                figures = (str(met), str(due), share(met, due), "")
            out[(pi, label, "", breakdown, group)] = figures
        if ("", "") not in tally:
            empty = ("0", "", "0", "0" if people else "") if kind == "count" else ("0", "0", "", "")
            out[(pi, label, "", "", "")] = empty

    for pi, frequency in FREQUENCY.items():
        kind = KIND.get(pi, "count")
        timely = list(ref.timeliness_items(pi)) if kind == "timeliness" else []
        own = periods(first_year, last_year, frequency)
        # Quarterly and 6-monthly counted PIs: each year as one period too.
        years = periods(first_year, last_year, "A") if frequency != "A" and kind != "return" else []
        for p in own + years:
            tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
            if kind == "return":
                value = entered.get((pi, p.label))
                out[(pi, p.label, "", "", "")] = (
                    "",
                    "",
                    text(value, 6) if value is not None else "",
                    "",
                )
                continue
            if kind in ("sum", "mean"):
                measured = ref.amounts(pi, p)
                total = sum((amount for amount, _ in measured), Fraction(0))
                people = str(len({person for _, person in measured}))
                if kind == "sum":
                    out[(pi, p.label, "", "", "")] = (text(total, 2), "", text(total, 2), people)
                else:
                    mean = total / len(measured) if measured else None
                    figures = (text(total, 2), str(len(measured)), text(mean, 1), people)
                    out[(pi, p.label, "", "", "")] = figures
                continue
            if kind == "distribution":
                codes = [
                    b["outcome"]
                    for b in records["breaches"]
                    if ref.order(b)["order_type"] == "CPO" and p.holds(b["outcome_date"])
                ]
                for code in OUTCOMES:
                    n = codes.count(code)
                    out[(pi, p.label, code, "", "")] = (
                        str(n),
                        str(len(codes)),
                        share(n, len(codes)),
                        "",
                    )
                continue
            if kind == "timeliness":
                for due, event, ended, groups in timely:
                    if not p.holds(due):
                        continue
                    if ended is not None and ended < due and not (event and event <= ended):
                        continue  # never due
                    for group in groups:
                        tally[group][0] += event is not None and event <= due
                        tally[group][1] += 1
            elif kind == "proportion":
                for holds, groups in ref.population(pi, p):
                    for group in groups:
                        tally[group][0] += holds
                        tally[group][1] += 1
            counted = ref.counted_people(pi, p) if kind == "count" else None
            if kind == "count":
                if counted is None:
                    for groups in ref.counted_items(pi, p):
                        for group in groups:
                            tally[group][0] += 1
                else:
                    seen = {(person, group) for person, groups in counted for group in groups}
                    for _, group in seen:
                        tally[group][0] += 1
            put(pi, p.label, {g: (m, d) for g, (m, d) in tally.items()}, kind, counted is not None)
    return out
