"""The annual report's three errors found on the demo (issue 11), each on a small pack built
from hand-made figures: the rebase drawn at its recorded period with its reason; quarterly
returns not listed as missing when all four quarters are entered; a whole-year proportion
judged only against a whole-year target, with the quarters' statuses counted beside it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jsw.analysis.rebases import set_rebase
from jsw.analysis.targets import Targets, set_target
from jsw.framework.catalogue import load_catalogue
from jsw.lib.periods import parse_period
from jsw.records.models import Return
from jsw.reports import build
from jsw.reports.figures import Figures
from jsw.reports.glance import at_a_glance
from jsw.reports.model import Cell, Key, Pack, Row
from jsw.reports.present import score_line

pytestmark = pytest.mark.django_db

YEAR = "2025-26"
YEARS = ("2021-22", "2022-23", "2023-24", "2024-25", "2025-26")
QUARTERS = tuple(f"{YEAR}-Q{n}" for n in (1, 2, 3, 4))
SEEN = "cpo-seen-1-day"  # quarterly timeliness, up
BREACH = "cpo-breach-applications"  # quarterly proportion, down
RETURNS = ("significant-reviews", "qa-case-files")  # quarterly returns that count things


def share(pid: str, period: str, numerator: int, denominator: int) -> Cell:
    value = (Decimal(100) * numerator / denominator).quantize(Decimal("0.1"))
    return Cell(Key(pid, period), Decimal(numerator), denominator, value)


def annual_pack(cells: list[Cell]) -> Pack:
    catalogue = load_catalogue()
    plan = build.plan_annual(catalogue, parse_period(YEAR), Targets.load())
    provenance = build.Provenance(None, [], "test", "Draft")
    return build.build(plan, Figures(cells), provenance, public=False)


def row_of(pack: Pack, pid: str) -> Row:
    return next(row for row in pack.rows if row.pi.id == pid)


def test_a_rebase_is_drawn_at_the_year_holding_its_quarter_with_its_recorded_reason():
    set_rebase(SEEN, "2024-25-Q1", "new duty rota for first appointments", actor="ann")
    cells = [share(SEEN, year, 80 - i, 100) for i, year in enumerate(YEARS)]
    row = row_of(annual_pack(cells), SEEN)
    marked = [(p.period, p.rebase) for p in row.series if p.rebase]
    assert marked == [("2024-25", "new duty rota for first appointments")]
    # The group starts at 2024-25: its two points share a mean of their own.
    means = [p.mean for p in row.series]
    assert means[3] == means[4] == pytest.approx(76.5) and means[0] == pytest.approx(79)


def test_quarterly_returns_entered_for_every_quarter_are_not_missing_for_the_year():
    for pid in RETURNS:
        for n, quarter in enumerate(QUARTERS, start=1):
            Return.objects.create(indicator_id=pid, period=quarter, value=n)
    Return.objects.create(indicator_id="mappa-clients", period=YEAR, value=295)
    missing = annual_pack([]).returns_missing
    assert not [pair for pair in missing if pair[0] in RETURNS]
    assert ("mappa-clients", YEAR) not in missing
    assert ("placement-feedback", YEAR) in missing  # an annual return not entered


def test_a_quarterly_return_with_a_quarter_missing_is_listed_for_that_quarter():
    for quarter in QUARTERS[:3]:
        Return.objects.create(indicator_id=RETURNS[0], period=quarter, value=1)
    missing = annual_pack([]).returns_missing
    assert [pair for pair in missing if pair[0] == RETURNS[0]] == [(RETURNS[0], QUARTERS[3])]


# The demo's figures: every quarter well under a 10% target, the year (a breach at any time
# in the year) far above it: a different quantity.
BREACHES = [
    share(BREACH, QUARTERS[0], 36, 493),  # 7.3%
    share(BREACH, QUARTERS[1], 37, 480),  # 7.7%
    share(BREACH, QUARTERS[2], 29, 483),  # 6.0%
    share(BREACH, QUARTERS[3], 12, 180),  # 6.7%
    share(BREACH, YEAR, 321, 1909),  # 16.8%
]


def test_a_whole_year_proportion_is_not_judged_against_the_quarters_target():
    set_target(BREACH, YEAR, "10", "2", actor="ann")
    set_target(BREACH, "2025-26-Q4", "6", "0.5", actor="ann")  # the fourth quarter's own: red
    row = row_of(annual_pack(BREACHES), BREACH)
    assert row.current[0].value == Decimal("16.8")
    assert (row.status, row.target) == ("data only", None)
    assert row.part_statuses == ["green", "green", "green", "red"]
    assert row.part_counts == {"green": 3, "amber": 0, "red": 1}
    glance = at_a_glance(annual_pack(BREACHES))
    assert BREACH not in {line.indicator_id for line in glance.lines}


def test_a_whole_year_target_judges_the_whole_year_figure():
    set_target(BREACH, YEAR, "10", "2", actor="ann")
    set_target(BREACH, YEAR, "18", "1", actor="ann", whole_year=True)
    row = row_of(annual_pack(BREACHES), BREACH)
    assert (row.status, row.target, row.amber) == ("green", Decimal(18), Decimal(1))
    assert row.part_counts is None  # judged itself: no count beside it
    assert row.part_statuses == ["green"] * 4
    set_target(BREACH, YEAR, "16", "0.5", actor="ann", whole_year=True)
    assert row_of(annual_pack(BREACHES), BREACH).status == "red"


def test_the_scorecard_says_how_the_quarters_did_beside_a_year_without_its_own_target():
    set_target(BREACH, YEAR, "10", "2", actor="ann")
    set_target(BREACH, "2025-26-Q4", "6", "0.5", actor="ann")
    line = score_line(row_of(annual_pack(BREACHES), BREACH))
    assert line.status.word == "Data only"
    assert line.part_counts == "quarters: 3 on target, 0 within tolerance, 1 off target"


def test_no_count_beside_a_year_whose_periods_had_no_target_either():
    row = row_of(annual_pack(BREACHES), BREACH)
    assert row.status == "data only" and row.part_counts is None
    assert score_line(row).part_counts == ""
