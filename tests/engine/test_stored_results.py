"""Results are stored with what they were computed from, and recomputed only when stale."""

from __future__ import annotations

from datetime import date

import pytest

from jsw.framework.catalogue import load_catalogue
from jsw.indicators import engine
from jsw.indicators.models import ComputeRun, LocalHoliday, Result
from jsw.indicators.returns import ReturnProblem, set_return
from jsw.records.models import Order, Person


@pytest.fixture
def one_cpo(db):
    Person.objects.create(person_id="p1", sex="F", date_of_birth=date(2000, 1, 1))
    Order.objects.create(
        order_id="o1", person_id="p1", order_type="CPO", start_date=date(2024, 4, 2), team="North"
    )


def overall(indicator_id: str, period: str) -> Result:
    return Result.objects.get(indicator_id=indicator_id, period=period, breakdown="", category="")


def test_a_run_records_the_framework_version_and_fingerprint(one_cpo):
    run = engine.recompute(2024, 2024)
    catalogue = load_catalogue()
    assert (run.framework_version, run.framework_fingerprint) == (
        catalogue.version,
        catalogue.fingerprint,
    )
    assert run.complete
    assert overall("cpos-imposed", "2024-25-Q1").value == 1


def test_a_new_run_replaces_the_stored_results(one_cpo):
    first = engine.recompute(2024, 2024)
    second = engine.recompute(2024, 2024)
    assert not Result.objects.filter(run=first).exists()
    assert Result.objects.filter(run=second).count() > 0


def test_fresh_results_are_not_recomputed(one_cpo):
    run = engine.ensure_results(2024, 2024)
    assert engine.ensure_results(2024, 2024).pk == run.pk


def test_a_return_entered_makes_the_results_stale(one_cpo):
    run = engine.ensure_results(2024, 2024)
    set_return("mappa-clients", "2024-25", "31")
    again = engine.ensure_results(2024, 2024)
    assert again.pk != run.pk
    assert overall("mappa-clients", "2024-25").value == 31


def test_a_local_holiday_makes_the_results_stale(one_cpo):
    run = engine.ensure_results(2024, 2024)
    LocalHoliday.objects.create(date=date(2024, 4, 15), name="April holiday")
    assert engine.ensure_results(2024, 2024).pk != run.pk


def test_years_outside_the_stored_run_are_computed_on_demand(one_cpo):
    engine.ensure_results(2024, 2024)
    run = engine.ensure_results(2021, 2024)
    assert (run.first_year, run.last_year) == (2021, 2024)
    assert overall("cpos-imposed", "2021-22-Q1").value == 0
    assert ComputeRun.objects.count() == 2


def test_breakdowns_are_stored_per_group(one_cpo):
    engine.recompute(2024, 2024)
    groups = dict(
        Result.objects.filter(indicator_id="cpos-imposed", period="2024-25-Q1")
        .exclude(breakdown="")
        .values_list("breakdown", "group")
    )
    assert groups == {"team": "North", "sex": "F", "age": "21-25"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("cpos-imposed", "2024-25-Q1", "3"), "counted from the records"),
        (("no-such-pi", "2024-25", "3"), "no such indicator"),
        (("mappa-clients", "2024-25-Q1", "3"), "is not an annual period"),
        (("mappa-clients", "2024-25", "-3"), "not a number"),
        (("mappa-clients", "2024-26", "3"), "2024-26"),
    ],
)
def test_a_bad_return_is_refused_with_its_reason(db, args, message):
    with pytest.raises(ReturnProblem) as error:
        set_return(*args)
    assert message in str(error.value)


def test_a_return_can_be_replaced(db):
    set_return("significant-reviews", "2024-25-Q2", "3")
    entered = set_return("significant-reviews", "2024-25-Q2", "4.5")
    assert entered.replaced == 3 and entered.value == 4.5


def test_local_holidays_come_from_the_setting_and_the_admin(db, settings):
    settings.JSW_LOCAL_HOLIDAYS = ["2024-04-15"]
    LocalHoliday.objects.create(date=date(2024, 7, 22), name="Trades holiday")
    calendar = engine.working_days()
    assert not calendar.is_working_day(date(2024, 4, 15))
    assert not calendar.is_working_day(date(2024, 7, 22))
    assert calendar.is_working_day(date(2024, 4, 16))
    # Friday 12 April: the 1st working day after it is now Tuesday 16 April.
    assert calendar.nth_working_day_after(date(2024, 4, 12), 1) == date(2024, 4, 16)


def test_a_hand_entered_return_is_held_to_the_imports_precision(db):
    # The import refuses more than 6 decimal places; so does `jsw returns set`.
    with pytest.raises(ReturnProblem, match="6 decimal places"):
        set_return("mappa-clients", "2024-25", "1.1234567")
