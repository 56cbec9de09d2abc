"""Each stored run holds every quarterly and 6-monthly counted PI's figure for the whole
financial year as one period, and the people behind sums, means and counts of people.

    CPO                     active in            year 2024-25
    A: 2 Apr - 30 Sep 2024  Q1, Q2               A once
    B: 1 May 2024 (ended)   Q1 (ends 31 May)     B once, though B has two CPOs:
       3 Jan 2025, open     Q4
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

import jsw.cli  # noqa: F401  (registers every command)
from jsw.cli.base import main
from jsw.framework.catalogue import load_catalogue
from jsw.indicators import engine
from jsw.indicators.models import Result
from jsw.lib.workdays import WorkingDays
from tests.conftest import EXAMPLE_SMALL
from tests.indicators.factories import contact, order, person, session, upw

pytestmark = pytest.mark.django_db


def stored(indicator_id: str, period: str) -> Result:
    return Result.objects.get(indicator_id=indicator_id, period=period, breakdown="", category="")


def test_a_person_active_in_two_quarters_counts_once_in_the_year() -> None:
    order(date(2024, 4, 2), end=date(2024, 9, 30))
    twice = person()
    order(date(2024, 5, 1), end=date(2024, 5, 31), who=twice)
    order(date(2025, 1, 3), who=twice)

    engine.recompute(2024, 2024)

    quarters = [stored("people-on-cpos", f"2024-25-Q{n}").numerator for n in (1, 2, 3, 4)]
    assert quarters == [2, 1, 0, 1]
    year = stored("people-on-cpos", "2024-25")
    assert (year.numerator, year.value, year.people) == (2, 2, 2)


def test_a_timeliness_year_is_the_sum_of_its_quarters() -> None:
    # Seen within one working day: met in Q1, not met in Q2, met in Q4 (due Mon 31 March).
    for start, seen in [
        (date(2024, 6, 27), date(2024, 6, 28)),
        (date(2024, 6, 28), date(2024, 7, 2)),
        (date(2025, 3, 28), date(2025, 3, 31)),
    ]:
        contact(order(start), "FACE_TO_FACE", seen)
    order(date(2025, 3, 31))  # due 1 April 2025: the next year

    engine.recompute(2024, 2024)

    quarters = [stored("cpo-seen-1-day", f"2024-25-Q{n}") for n in (1, 2, 3, 4)]
    year = stored("cpo-seen-1-day", "2024-25")
    assert year.numerator == sum(q.numerator for q in quarters) == 2
    assert year.denominator == sum(q.denominator for q in quarters) == 3
    assert year.value == Decimal("66.7")


def test_a_sum_says_how_many_people_it_comes_from() -> None:
    one, other = person(), person()
    first = upw(order(date(2024, 4, 2), who=one))
    again = upw(order(date(2024, 10, 1), who=one))
    session(first, date(2024, 4, 3), "3")
    session(again, date(2025, 3, 31), "4.5")
    session(upw(order(date(2024, 4, 2), who=other)), date(2024, 4, 4), "2")
    session(upw(order(date(2023, 4, 3))), date(2024, 3, 31), "7")  # the year before

    engine.recompute(2024, 2024)

    hours = stored("upw-hours", "2024-25")
    assert (hours.numerator, hours.people) == (Decimal("9.50"), 2)
    assert stored("upw-individual-hours", "2024-25").people == 0


def test_the_breakdowns_of_a_year_are_those_of_its_quarters() -> None:
    order(date(2024, 4, 2), team="North")
    order(date(2024, 10, 1), team="South")

    engine.recompute(2024, 2024)

    groups = Result.objects.filter(indicator_id="cpos-imposed", period="2024-25", breakdown="team")
    assert {(r.group, r.numerator) for r in groups} == {("North", 1), ("South", 1)}


def test_annual_pis_and_returns_get_no_second_year_row() -> None:
    order(date(2024, 4, 2))

    engine.recompute(2024, 2024)

    assert Result.objects.filter(indicator_id="upw-hours", period="2024-25").count() == 1
    assert not Result.objects.filter(indicator_id="significant-reviews", period="2024-25").exists()


def test_any_pi_can_be_computed_for_any_period_type() -> None:
    order(date(2024, 4, 2))
    order(date(2024, 10, 1))

    cells = engine.compute_indicator(
        load_catalogue().indicator("cpos-imposed"), 2024, 2024, WorkingDays(), frequency="H"
    )

    overall = {c.period: c.numerator for c in cells if not c.breakdown}
    assert overall == {"2024-25-H1": 1, "2024-25-H2": 1}


@pytest.mark.django_db(transaction=True)
def test_the_export_and_the_results_table_show_no_year_rows_of_quarterly_pis(tmp_path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(EXAMPLE_SMALL)]).exit_code == 0
    output = tmp_path / "results.csv"
    exported = runner.invoke(
        main, ["results", "--from", "2023-24", "--to", "2023-24", "--output", str(output)]
    )
    table = runner.invoke(main, ["results"])

    assert exported.exit_code == 0, exported.output
    assert stored("cpos-imposed", "2023-24").numerator > 0  # stored, but not shown
    assert "cpos-imposed,2023-24," not in output.read_text()
    assert output.read_bytes() == (EXAMPLE_SMALL / "expected-results.csv").read_bytes()
    assert table.exit_code == 0, table.output
    shown = [line.split()[:2] for line in table.output.splitlines()]
    assert ["cpos-imposed", "2023-24-Q4"] in shown
    assert ["cpos-imposed", "2023-24"] not in shown
