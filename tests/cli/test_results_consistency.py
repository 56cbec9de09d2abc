"""`jsw results` never writes an empty or partial export because another process replaced
the run it was reading: it reads the new run, or fails with one clear line."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

import jsw.cli  # noqa: F401  (registers every command)
from jsw.cli.base import main
from jsw.indicators import export
from jsw.indicators.models import ComputeRun
from jsw.records.models import Order, Person

pytestmark = pytest.mark.django_db(transaction=True)
EXPORT = ["results", "--from", "2024-25", "--to", "2024-25", "--output", "out.csv"]


@pytest.fixture
def one_cpo():
    Person.objects.create(person_id="p1", sex="F", date_of_birth=date(2000, 1, 1))
    Order.objects.create(
        order_id="o1", person_id="p1", order_type="CPO", start_date=date(2024, 4, 2)
    )


def deleting_the_run(times: int):
    """results_csv, but the run is deleted (as a concurrent recompute does) while it is read."""
    real = export.results_csv
    calls = []

    def results_csv(run, *args):
        text = real(run, *args)
        calls.append(run.pk)
        if len(calls) <= times:
            ComputeRun.objects.filter(pk=run.pk).delete()
        return text

    return results_csv, calls


def test_a_run_deleted_while_it_is_read_is_recomputed_and_read_again(
    one_cpo, monkeypatch, tmp_path
):
    results_csv, calls = deleting_the_run(times=1)
    monkeypatch.setattr(export, "results_csv", results_csv)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, EXPORT)
    text = (tmp_path / "out.csv").read_text()
    assert done.exit_code == 0, done.output
    assert len(calls) == 2 and calls[0] != calls[1]
    assert "\ncpos-imposed,2024-25-Q1,,1,,1\n" in text
    assert ComputeRun.objects.filter(pk=calls[1]).exists()


def test_results_that_keep_moving_are_one_clear_message_and_no_file(one_cpo, monkeypatch, tmp_path):
    results_csv, calls = deleting_the_run(times=99)
    monkeypatch.setattr(export, "results_csv", results_csv)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, EXPORT)
    written = (tmp_path / "out.csv").exists()
    assert done.exit_code == 2
    assert "recomputed by another process" in done.output
    assert not written and len(calls) == 3
