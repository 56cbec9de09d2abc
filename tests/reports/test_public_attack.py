"""Public packs attacked by a reader written from reports.md's text (`attacker.py`), not from
jsw's disclosure code: every `[c]` of the `Data` sheet must keep at least two consistent
values, on the small service's public quarterly pack and annual report (written by the real
command) and on generated tables with breakdowns, quarters and years. The attacker is shown
to find each kind of hole the independent audit found, so its silence means something."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsw.framework.catalogue import load_catalogue
from jsw.reports.figures import Figures
from jsw.reports.model import Cell, Key
from jsw.reports.public import hidden_parts
from jsw.reports.rows import pi_of
from tests.reports.attacker import C, PiFacts, attack, data_sheet
from tests.reports.conftest import QUARTER, YEAR

SEEN = "cpo-seen-1-day"  # timeliness
CPOS = "cpos-imposed"  # count
OUTCOMES = "cpo-breach-outcomes"  # distribution
QUARTERS = tuple(f"2025-26-Q{q}" for q in range(1, 5))
FY = "2025-26"
GROUPS = ("F", "M", "U", "X")


def facts() -> dict[str, PiFacts]:
    """What the catalogue tells a reader: each PI's kind, and which returns count."""
    return {
        pi.id: PiFacts(pi.kind, pi.entered is not None and pi.entered.counts is not None)
        for pi in load_catalogue().indicators
    }


@pytest.mark.parametrize("stem", [f"board-pack-{QUARTER}", f"annual-report-{YEAR}"])
def test_no_c_in_a_public_pack_can_be_worked_back(packs, stem):
    public = data_sheet(packs / f"jsw-{stem}-public.xlsx")
    internal = data_sheet(packs / f"jsw-{stem}.xlsx")
    hidden = sum(1 for row in public.values() for x in row if x == C)
    assert hidden > 100  # a small service: many small figures to protect
    findings = attack(public, internal, facts())
    assert not findings, [str(f) for f in findings[:20]]


# -- the attacker finds what the audit found ---------------------------------------------


def seen(rows: dict[str, tuple]) -> dict[tuple, tuple]:
    """Data-sheet rows of cpo-seen-1-day by sex for one quarter: group -> (n, d, value)."""
    return {(SEEN, QUARTERS[3], "", "sex" if g else "", g): row for g, row in rows.items()}


def test_the_attacker_works_back_a_denominator_from_the_overall_and_the_other_groups():
    internal = seen(
        {
            "": (27, 41, 65.9),
            "F": (2, 4, 50.0),
            "M": (25, 37, 67.6),
            "U": (0, 0, None),
            "X": (0, 0, None),
        }
    )
    public = dict(internal)
    public[(SEEN, QUARTERS[3], "", "sex", "F")] = (C, C, C)
    public[(SEEN, QUARTERS[3], "", "sex", "M")] = (C, 37, C)
    found = {(f.where[0][4], f.where[1]) for f in attack(public, internal, facts())}
    assert ("F", "denominator") in found  # 41 - 37 - 0 - 0


def test_the_attacker_works_back_two_c_that_must_add_up_to_2():
    internal = seen(
        {
            "": (12, 12, 100.0),
            "F": (1, 1, 100.0),
            "M": (1, 1, 100.0),
            "X": (10, 10, 100.0),
            "U": (0, 0, None),
        }
    )
    public = dict(internal)
    for group in "FM":
        public[(SEEN, QUARTERS[3], "", "sex", group)] = (C, C, C)
    found = {(f.where[0][4], f.where[1]) for f in attack(public, internal, facts())}
    assert {("F", "denominator"), ("M", "denominator")} <= found  # each >= 1, adding to 2


def test_the_attacker_reports_c_where_there_is_no_figure():
    internal = {("significant-reviews", QUARTERS[0], "", "", ""): (None, None, 3)}
    public = {("significant-reviews", QUARTERS[0], "", "", ""): (C, None, C)}
    found = [f.what for f in attack(public, internal, facts())]
    assert "[c] where there is no figure" in found


# -- generated tables ----------------------------------------------------------------------


@st.composite
def services(draw: st.DrawFn) -> list[Cell]:
    """A timeliness PI and a count PI by sex for four quarters and the year, overall and by
    group, and a distribution by sex for the year. Groups add up to the overall figure, or
    (people moving between teams) not; the year is the sum of its quarters, or less (people
    counted once)."""
    small = st.integers(0, 9)
    cells: list[Cell] = []
    for indicator in (SEEN, CPOS):
        by_period: dict[str, dict[str, tuple[int, int]]] = {}
        for quarter in QUARTERS:
            groups = {}
            for group in GROUPS:
                d = draw(small)
                groups[group] = (draw(st.integers(0, d)), d)
            by_period[quarter] = groups
        by_period[FY] = {
            g: (
                max(0, sum(by_period[q][g][0] for q in QUARTERS) - draw(st.integers(0, 1))),
                sum(by_period[q][g][1] for q in QUARTERS),
            )
            for g in GROUPS
        }
        for period, groups in by_period.items():
            n, d = (sum(v[i] for v in groups.values()) for i in (0, 1))
            if draw(st.booleans()):  # the groups do not add up to the overall figure
                d += 1
            for group, (gn, gd) in {"": (n, d), **groups}.items():
                cells.append(_cell(indicator, period, "", group, gn, gd))
    categories = ("CONTINUED", "FINE", "REVOKED_CUSTODY")
    by_group = {g: [draw(small) for _ in categories] for g in GROUPS}
    overall = [sum(by_group[g][i] for g in GROUPS) for i in range(len(categories))]
    for group, numbers in {"": overall, **by_group}.items():
        for category, n in zip(categories, numbers, strict=True):
            cells.append(_cell(OUTCOMES, FY, category, group, n, sum(numbers)))
    return cells


def _cell(indicator: str, period: str, category: str, group: str, n: int, d: int) -> Cell:
    key = Key(indicator, period, category, "sex" if group else "", group)
    if indicator == CPOS:
        return Cell(key, Decimal(n), None, Decimal(n))
    value = None if d == 0 else (Decimal(100 * n) / d).quantize(Decimal("0.1"))
    return Cell(key, Decimal(n), d, value)


def sheets(cells: list[Cell]) -> tuple[dict, dict]:
    """The Data sheet of the public pack and of the internal one, as a reader sees them."""
    catalogue = load_catalogue()
    pis = {i: pi_of(catalogue.indicator(i)) for i in (SEEN, CPOS, OUTCOMES)}
    figures = Figures(cells)
    for cell in cells:
        figures.get(cell.key)
    figures.hidden, _ = hidden_parts(figures, pis, 5, set())
    public, internal = {}, {}
    for cell in cells:
        key = tuple(cell.key.as_list())
        shown = figures.get(cell.key)
        public[key] = tuple(_sheet(shown.shown(p)) for p in ("numerator", "denominator", "value"))
        internal[key] = tuple(
            _sheet(getattr(cell, p)) for p in ("numerator", "denominator", "value")
        )
    return public, internal


def _sheet(number: object) -> object:
    """As the Excel sheet holds it: a number, a blank or `[c]`."""
    return float(number) if isinstance(number, Decimal) else number


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(services())
def test_generated_tables_with_breakdowns_give_no_c_away(cells):
    public, internal = sheets(cells)
    findings = attack(public, internal, facts())
    assert not findings, [str(f) for f in findings[:10]]
