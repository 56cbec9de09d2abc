"""Nothing lost: --replace with rejected files, write failures, interrupted imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import DatabaseError, connection

from jsw.records.importer import ImportFailed, run_import
from jsw.records.importer import batches as batches_module
from jsw.records.importer import service as service_module
from jsw.records.importer import writer as writer_module
from jsw.records.models import ImportBatch, ImportIssue, Order, Person
from tests.records.conftest import BASE, write_tables

# One rejected row, so that a run has issues to store.
PEOPLE_WITH_A_REJECTION = "person_id,sex\nP1,F\nP2,M\nP3,Q\n"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "broken_orders",
    [
        b"order_id,person_id,order_type\nO1,P1,CPO\n",  # a missing column
        "order_id,person_id,order_type,start_date\nO1,P1,CPO,2023-01-0\xe9\n".encode("latin-1"),
        b"order_id,person_id,order_type,start_date\nO1,P1,CPO,\x002023-01-01\n",
    ],
    ids=["missing-column", "not-utf8", "nul-byte"],
)
def test_replace_with_a_file_rejected_whole_changes_nothing_and_names_the_file(
    tmp_path: Path, broken_orders: bytes
) -> None:
    assert run_import(write_tables(tmp_path / "first", BASE)).exit_code == 0
    second = write_tables(tmp_path / "second", {"people": "person_id\nP9\n"})
    (second / "orders.csv").write_bytes(broken_orders)
    with pytest.raises(ImportFailed, match=r"--replace needs the whole extract.*orders\.csv"):
        run_import(second, replace=True)
    assert sorted(Person.objects.values_list("pk", flat=True)) == ["P1", "P2"]
    assert Order.objects.count() == 2
    batch = ImportBatch.objects.order_by("-id").first()
    assert batch is not None and (batch.status, batch.exit_code) == ("failed", 2)
    assert batch.issues.get(level="error").file == "orders.csv"


@pytest.mark.django_db
def test_replace_with_every_file_readable_still_replaces(tmp_path: Path) -> None:
    assert run_import(write_tables(tmp_path / "first", BASE)).exit_code == 0
    report = run_import(
        write_tables(tmp_path / "second", {"people": "person_id\nP9\n"}), replace=True
    )
    assert report.exit_code == 0
    assert list(Person.objects.values_list("pk", flat=True)) == ["P9"]


def _fail_once(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> dict[str, int]:
    """Make owner.name raise a database error the first time it is called."""
    real = getattr(owner, name)
    calls = {"n": 0}

    def failing(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 1:
            raise DatabaseError("database or disk is full")
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)
    return calls


# Each write step, and whether the rows were checked (and their rejections known) before it.
WRITE_STEPS = [
    (batches_module, "start_batch", False),
    (service_module, "clear_case_records", False),
    (writer_module.TableWriter, "flush", True),
    (writer_module.TableWriter, "finish", True),
    (connection, "check_constraints", True),
    (batches_module, "finish_batch", True),
    (batches_module, "_store_issues", True),
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("owner", "name", "rows_checked"), WRITE_STEPS, ids=[step[1] for step in WRITE_STEPS]
)
def test_a_write_failure_at_any_step_keeps_no_rows_and_records_the_failure_with_its_issues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, owner: object, name: str, rows_checked: bool
) -> None:
    write_tables(tmp_path, {"people": PEOPLE_WITH_A_REJECTION})
    calls = _fail_once(monkeypatch, owner, name)
    with pytest.raises(ImportFailed, match="disk is full"):
        run_import(tmp_path, replace=True)
    assert calls["n"] >= 1
    assert Person.objects.count() == 0
    batch = ImportBatch.objects.get()  # only the record of the failure; no "done" batch
    assert (batch.status, batch.exit_code) == ("failed", 2)
    assert batch.summary["failure"] == "database or disk is full"
    if rows_checked:
        assert batch.summary["tables"]["people"] == {"read": 3, "imported": 0, "rejected": 1}
        assert list(batch.issues.values_list("value", flat=True)) == ["Q"]
    else:
        assert batch.summary["tables"] == {}


@pytest.mark.django_db(transaction=True)
def test_the_batch_is_written_in_the_same_transaction_as_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tables(tmp_path, {"people": PEOPLE_WITH_A_REJECTION})
    seen: list[tuple[bool, list[str]]] = []
    real_flush = writer_module.TableWriter.flush

    def watching_flush(self: writer_module.TableWriter) -> None:
        statuses = list(ImportBatch.objects.values_list("status", flat=True))
        seen.append((connection.in_atomic_block, statuses))
        real_flush(self)

    monkeypatch.setattr(writer_module.TableWriter, "flush", watching_flush)
    report = run_import(tmp_path)
    # Inside the transaction: a process killed here would take the batch with its rows.
    assert seen == [(True, ["running"])]
    batch = ImportBatch.objects.get()
    assert (batch.pk, batch.status, batch.exit_code) == (report.batch_id, "done", 1)
    assert ImportIssue.objects.filter(batch=batch).count() == 1
    assert Person.objects.filter(batch=batch).count() == 2


@pytest.mark.django_db(transaction=True)
def test_an_import_interrupted_by_ctrl_c_keeps_nothing_and_is_shown_as_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tables(tmp_path, {"people": PEOPLE_WITH_A_REJECTION})

    def interrupted(self: writer_module.TableWriter) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writer_module.TableWriter, "flush", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_import(tmp_path)
    assert Person.objects.count() == 0
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.exit_code, batch.summary["failure"]) == (
        "interrupted",
        2,
        "interrupted",
    )


@pytest.mark.django_db
def test_batches_left_running_by_earlier_versions_are_marked_interrupted() -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("jsw.records.migrations.0003_batch_status_interrupted")
    running = ImportBatch.objects.create(source="old", status="running")
    done = ImportBatch.objects.create(source="new", status="done", exit_code=0)
    migration.mark_running_as_interrupted(apps, None)
    running.refresh_from_db()
    done.refresh_from_db()
    assert (running.status, running.exit_code) == ("interrupted", 2)
    assert (done.status, done.exit_code) == ("done", 0)
