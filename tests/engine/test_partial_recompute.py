"""A recompute computes only the PIs whose inputs changed and carries the others' results
over; what it stores is, row for row, what a full recompute stores on the same data."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

import jsw.cli  # noqa: F401  (registers every command)
from jsw.cli.base import main
from jsw.framework.catalogue import PACKAGED_FILE, load_catalogue
from jsw.framework.kinds import kind_of
from jsw.indicators import engine, parallel
from jsw.indicators.models import ComputeRun, LocalHoliday, Result
from jsw.indicators.returns import set_return
from jsw.records.importer import run_import
from tests.conftest import EXAMPLE_SMALL
from tests.engine.partial import (
    changed_pis,
    full_rows,
    import_rows,
    recompute_and_compare,
    stored,
)
from tests.engine.test_parallel import jsw as run_jsw

CATALOGUE = load_catalogue()
EVERY_PI = {pi.id for pi in CATALOGUE.indicators}
RETURN_PIS = {pi.id for pi in CATALOGUE.indicators if not kind_of(pi.kind).counted}
COUNTED_PIS = EVERY_PI - RETURN_PIS
# The PIs whose deadlines count working days (the catalogue's `working_days:` rules).
WORKING_DAY_PIS = {
    "lscmi-20-days",
    "orders-with-cmp",
    "cpo-seen-1-day",
    "cpo-induction-5-days",
    "upw-start-7-days",
}
# The PIs that read contacts: their events, their related rows or their items; and
# orders-with-cmp, whose CPOs with supervision are read once with first-review-3-months's
# (the one read selects both PIs' earliest dates, its first review among them).
CONTACT_PIS = {
    "cpo-seen-1-day",
    "cpo-induction-5-days",
    "first-review-3-months",
    "reengagement-reviews",
    "orders-with-cmp",
}


@pytest.fixture
def computed(db) -> ComputeRun:
    run_import(EXAMPLE_SMALL)
    run = engine.recompute()
    assert set(run.computed) == EVERY_PI
    return run


def test_with_nothing_changed_every_pi_is_carried_over(computed):
    run = recompute_and_compare()
    assert run.computed == []
    assert run.carried_over == len(EVERY_PI)
    assert run.work == f"no PI computed, all {len(EVERY_PI)} carried over"
    assert not Result.objects.filter(run=computed).exists()


def test_entering_one_return_recomputes_only_that_pi(computed):
    set_return("mappa-clients", "2023-24", "31")
    run = recompute_and_compare()
    assert run.computed == ["mappa-clients"]
    assert Result.objects.get(
        run=run, indicator_id="mappa-clients", period="2023-24", breakdown=""
    ).value == (31)


def test_changing_a_return_in_place_recomputes_only_that_pi(computed):
    set_return("significant-reviews", "2023-24-Q4", "7")
    recompute_and_compare()
    set_return("significant-reviews", "2023-24-Q4", "8")
    assert recompute_and_compare().computed == ["significant-reviews"]


def test_importing_only_a_returns_file_recomputes_only_its_pis(computed, tmp_path):
    rows = [
        {"indicator_id": "qa-case-files", "period": "2023-24-Q3", "value": "5", "note": ""},
        {"indicator_id": "placement-feedback", "period": "2023-24", "value": "88", "note": ""},
    ]
    import_rows(tmp_path, "returns", rows)
    run = recompute_and_compare()
    assert set(run.computed) == {"qa-case-files", "placement-feedback"}


def test_importing_people_recomputes_every_counted_pi(computed, tmp_path):
    # People are read by every counted PI (person counts, sex and age breakdowns).
    before = stored(computed)
    person = {"person_id": "P000002", "date_of_birth": "1960-10-04", "sex": "F"}
    import_rows(tmp_path, "people", [person])
    run = recompute_and_compare()
    assert set(run.computed) == COUNTED_PIS
    assert changed_pis(before, stored(run))  # the edit mattered


def test_importing_contacts_recomputes_only_the_pis_that_read_them(computed, tmp_path):
    before = stored(computed)
    # Order O0000080 started on Sunday 30 April 2023 and was first seen on 8 May: an
    # induction on 1 May (a bank holiday) is in time for its first working day, 2 May.
    contact = {
        "contact_id": "C-new",
        "contact_date": "2023-05-01",
        "contact_type": "INDUCTION",
        "order_id": "O0000080",
    }
    import_rows(tmp_path, "contacts", [contact])
    run = recompute_and_compare()
    assert set(run.computed) == CONTACT_PIS
    assert changed_pis(before, stored(run)) == {"cpo-seen-1-day"}


def test_an_import_that_rejected_every_row_recomputes_nothing(computed, tmp_path):
    contact = {
        "contact_id": "C-bad",
        "contact_date": "2023-10-03",
        "contact_type": "REVIEW",
        "order_id": "no such order",
    }
    import_rows(tmp_path, "contacts", [contact])
    assert recompute_and_compare().computed == []


def test_an_import_with_replace_recomputes_every_counted_pi(computed, tmp_path):
    run_import(EXAMPLE_SMALL, replace=True)
    run = recompute_and_compare()
    # The returns file was imported again with the same figures: those PIs are current.
    assert set(run.computed) == COUNTED_PIS


def test_a_holiday_recomputes_only_the_pis_that_count_working_days(computed):
    before = stored(computed)
    # The day after order O0000081 started (Monday 1 May 2023, a bank holiday): its
    # face-to-face contact that day is then still in time, and so on.
    LocalHoliday.objects.create(date=date(2023, 5, 2), name="Local holiday")
    run = recompute_and_compare()
    assert set(run.computed) == WORKING_DAY_PIS
    assert changed_pis(before, stored(run)) & WORKING_DAY_PIS


def test_a_holiday_from_the_setting_counts_the_same(computed, settings):
    settings.JSW_LOCAL_HOLIDAYS = ["2023-10-02"]
    assert set(recompute_and_compare().computed) == WORKING_DAY_PIS


def test_a_catalogue_change_to_one_pi_recomputes_only_that_pi(computed, tmp_path, settings):
    text = PACKAGED_FILE.read_text(encoding="utf-8")
    rule = "deadline: [{after: start_date, working_days: 5}]"
    assert text.count(rule) == 1
    edited = tmp_path / "catalogue.yaml"
    edited.write_text(text.replace(rule, rule.replace("5", "6")), encoding="utf-8")
    settings.JSW_FRAMEWORK_FILE = str(edited)
    run = recompute_and_compare()
    assert run.computed == ["cpo-induction-5-days"]
    assert run.framework_fingerprint == load_catalogue().fingerprint
    assert run.framework_fingerprint != computed.framework_fingerprint


def test_other_years_compute_every_pi(computed):
    run = engine.recompute(computed.first_year - 1, computed.last_year)
    assert set(run.computed) == EVERY_PI
    assert stored(run) == full_rows(run.first_year, run.last_year)


def test_full_computes_every_pi(computed):
    run = engine.recompute(full=True)
    assert set(run.computed) == EVERY_PI
    assert run.work == "every PI computed"


def test_new_code_computes_every_pi(computed, monkeypatch):
    monkeypatch.setattr(engine.staleness, "code_version", lambda: "0.2.0+another-engine")
    assert set(recompute_and_compare().computed) == EVERY_PI


def test_a_run_made_before_runs_kept_stamps_is_followed_by_a_full_one(computed):
    ComputeRun.objects.filter(pk=computed.pk).update(pi_stamps={}, computed=[])
    assert set(engine.recompute().computed) == EVERY_PI


def test_a_pi_whose_results_are_missing_is_computed(computed):
    Result.objects.filter(run=computed, indicator_id="cpos-imposed").delete()
    assert recompute_and_compare().computed == ["cpos-imposed"]


def test_results_taken_meanwhile_by_another_recompute_mean_computing_every_pi(
    computed, monkeypatch
):
    set_return("mappa-clients", "2023-24", "31")
    compute = engine.compute

    def and_another_recompute_finishes(*args, **kwargs):
        done = compute(*args, **kwargs)
        Result.objects.filter(run=computed).delete()  # as another run's store would
        return done

    monkeypatch.setattr(engine, "compute", and_another_recompute_finishes)
    run = engine.recompute()
    assert set(run.computed) == EVERY_PI
    monkeypatch.undo()
    assert stored(run) == full_rows()


def test_ensure_results_recomputes_only_what_changed(computed):
    set_return("mappa-clients", "2023-24", "31")
    run = engine.ensure_results(computed.first_year, computed.last_year)
    assert run.computed == ["mappa-clients"]
    assert run.work == f"1 PI computed, {len(EVERY_PI) - 1} carried over"


def test_the_run_level_stamp_is_kept_for_the_worker_and_health(computed):
    set_return("mappa-clients", "2023-24", "31")
    assert engine.latest_run().data_stamp != engine.data_stamp(CATALOGUE)
    run = engine.recompute()
    assert run.data_stamp == engine.data_stamp(CATALOGUE)


def test_a_few_pis_are_computed_without_starting_workers(computed, monkeypatch, settings):
    settings.JSW_COMPUTE_WORKERS = 2
    monkeypatch.setattr(parallel, "worth_workers", lambda orders: True)

    def started(*args, **kwargs):
        raise AssertionError("workers started")

    monkeypatch.setattr(parallel, "run_in_workers", started)
    few = sorted(COUNTED_PIS)[: engine.PARALLEL_FROM_PIS - 1]
    assert set(engine.compute(2023, 2023, only=few)) == set(few)
    with pytest.raises(AssertionError, match="workers started"):
        engine.compute(2023, 2023)


@pytest.mark.django_db(transaction=True)
def test_jsw_compute_says_how_many_pis_it_computed():
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(EXAMPLE_SMALL)]).exit_code == 0
    assert runner.invoke(main, ["returns", "set", "mappa-clients", "2023-24", "31"]).exit_code == 0
    partial = runner.invoke(main, ["compute"])
    assert partial.exit_code == 0, partial.output
    assert f"1 PI computed, {len(EVERY_PI) - 1} carried over" in partial.output
    full = runner.invoke(main, ["compute", "--full"])
    assert "every PI computed" in full.output


def test_a_partial_recompute_in_worker_processes_stores_what_a_full_one_does(tmp_path):
    # Processes of their own, on a database file: workers see what the parent sees.
    people = tmp_path / "people"
    people.mkdir()
    (people / "people.csv").write_text("person_id,date_of_birth,sex\nP000002,1960-10-04,F\n")
    run_jsw(tmp_path, "import", str(EXAMPLE_SMALL))
    run_jsw(tmp_path, "import", "--no-compute", str(people))
    exports = {}
    for name, args, workers in (("partial", [], "2"), ("full", ["--full"], "1")):
        env = {"JSW_COMPUTE_WORKERS": workers, "JSW_PARALLEL_FROM_ORDERS": "0"}
        done = run_jsw(tmp_path, "compute", *args, **env)
        exports[name] = [
            run_jsw(tmp_path, "results", "--from", "2022-23", "--to", "2024-25", *by).stdout
            for by in ([], ["--by", "sex"], ["--by", "age"], ["--by", "team"])
        ]
        if name == "partial":
            assert f"{len(COUNTED_PIS)} PIs computed, {len(RETURN_PIS)} carried over" in done.stdout
    assert exports["partial"] == exports["full"]
