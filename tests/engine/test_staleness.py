"""Stored results are current only while everything they were computed from is unchanged:
each input below, changed in place (same count, same latest date), makes them stale."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from jsw.framework.catalogue import load_catalogue
from jsw.indicators import engine, staleness
from jsw.indicators.models import LocalHoliday, Result
from jsw.records.models import ImportBatch, Return

THIRTY_THREE_HOLIDAYS = [
    (date(2015, 4, 6) + timedelta(weeks=13 * n)).isoformat() for n in range(33)
]


def stamp() -> str:
    return staleness.data_stamp(load_catalogue())


def test_the_stamp_is_a_sha256_digest_that_fits_the_run_column(db):
    assert len(stamp()) == 64 and int(stamp(), 16) >= 0


def test_changing_one_of_33_configured_holidays_changes_the_stamp(db, settings):
    settings.JSW_LOCAL_HOLIDAYS = THIRTY_THREE_HOLIDAYS
    before = stamp()
    settings.JSW_LOCAL_HOLIDAYS = [
        *THIRTY_THREE_HOLIDAYS[:20],
        "2018-04-10",
        *THIRTY_THREE_HOLIDAYS[21:],
    ]
    assert stamp() != before


def test_a_configured_holiday_written_twice_or_out_of_order_is_the_same_calendar(db, settings):
    settings.JSW_LOCAL_HOLIDAYS = ["2024-04-15", "2024-07-22"]
    before = stamp()
    settings.JSW_LOCAL_HOLIDAYS = ["2024-07-22", "2024-04-15", "2024-04-15"]
    assert stamp() == before


def test_editing_a_stored_holidays_date_in_the_admin_changes_the_stamp(db):
    LocalHoliday.objects.create(date=date(2024, 4, 15), name="April holiday")
    LocalHoliday.objects.create(date=date(2024, 7, 22), name="Trades holiday")
    before = stamp()
    LocalHoliday.objects.filter(date=date(2024, 4, 15)).update(date=date(2024, 4, 8))
    assert stamp() != before


def test_renaming_a_stored_holiday_leaves_the_results_current(db):
    holiday = LocalHoliday.objects.create(date=date(2024, 4, 15), name="April holiday")
    before = stamp()
    holiday.name = "Spring holiday"
    holiday.save()
    assert stamp() == before


def test_a_return_edited_in_place_changes_the_stamp(db):
    Return.objects.create(indicator_id="mappa-clients", period="2023-24", value=Decimal(30))
    Return.objects.create(indicator_id="mappa-clients", period="2024-25", value=Decimal(31))
    before = stamp()
    # An update that leaves the count and the latest entered_at as they were.
    Return.objects.filter(period="2023-24").update(value=Decimal(29))
    assert stamp() != before


def test_every_finished_import_batch_counts_and_a_running_one_does_not(db):
    old = ImportBatch.objects.create(source="a", status="done", finished_at=timezone.now())
    ImportBatch.objects.create(source="b", status="done", finished_at=timezone.now())
    before = stamp()
    ImportBatch.objects.create(source="c")  # still running: its rows are not committed
    assert stamp() == before
    ImportBatch.objects.filter(pk=old.pk).update(status="failed")
    assert stamp() != before


def test_another_catalogue_changes_the_stamp(db):
    class Corrected:
        fingerprint = "0" * 64

    assert staleness.data_stamp(Corrected()) != stamp()  # type: ignore[arg-type]


def test_new_code_changes_the_stamp(db, monkeypatch):
    before = stamp()
    monkeypatch.setattr(staleness, "code_version", lambda: "0.2.0+another-engine")
    assert stamp() != before


def test_the_code_version_names_jsws_version_and_a_digest_of_the_engine_source():
    import jsw

    version = staleness.code_version()
    assert version.startswith(jsw.__version__ + "+")
    assert len(version.rsplit("+", 1)[1]) == 64


@pytest.fixture
def computed(db):
    engine.ensure_results(2024, 2024)
    return engine.latest_run()


def test_results_computed_before_a_holiday_moved_are_recomputed(computed, settings):
    settings.JSW_LOCAL_HOLIDAYS = ["2024-04-15"]
    again = engine.ensure_results(2024, 2024)
    assert again.pk != computed.pk
    assert engine.ensure_results(2024, 2024).pk == again.pk


def test_a_current_run_that_lost_its_results_is_recomputed(computed):
    Result.objects.filter(run=computed).delete()
    again = engine.ensure_results(2024, 2024)
    assert again.pk != computed.pk
    assert Result.objects.filter(run=again).exists()
