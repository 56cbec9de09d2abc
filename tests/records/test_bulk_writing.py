"""Large tables are written the fast way (SQLite: without their secondary indexes, built
again after; PostgreSQL: COPY into a temporary table, then one upsert) and end the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import DatabaseError, connection

from jsw.records.importer import ImportFailed, run_import
from jsw.records.importer import service as service_module
from jsw.records.importer import writer as writer_module
from jsw.records.models import Order
from tests.records.conftest import BASE, write_tables


def _indexes() -> set[tuple[str, str]]:
    """Every index of the order table, as the database describes it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s",
                ["records_order"],
            )
        else:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
                ["records_order"],
            )
        return {(name, sql or "") for name, sql in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_a_bulk_import_keeps_every_index_and_upserts_stored_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer_module, "BULK_ROWS", 1)
    monkeypatch.setattr(writer_module, "LOADING_ROWS", 1)
    before = _indexes()
    assert len(before) >= 4  # the key, the person link and the two of the model's Meta
    run_import(write_tables(tmp_path / "a", BASE))
    ended = BASE["orders"].replace("2023-05-01,,", "2023-05-01,2024-01-31,COMPLETED")
    report = run_import(write_tables(tmp_path / "b", {**BASE, "orders": ended}))
    assert report.exit_code == 0
    assert _indexes() == before
    assert list(Order.objects.order_by("pk").values_list("pk", "end_reason")) == [
        ("O1", ""),
        ("O2", "COMPLETED"),
    ]
    assert Order.objects.filter(batch_id=report.batch_id).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_bulk_import_that_fails_keeps_every_index_and_no_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer_module, "BULK_ROWS", 1)
    monkeypatch.setattr(writer_module, "LOADING_ROWS", 1)
    before = _indexes()
    real_finish = writer_module.TableWriter.finish

    def failing_finish(self: writer_module.TableWriter) -> None:
        real_finish(self)
        if self.table.name == "orders":
            raise DatabaseError("database or disk is full")

    monkeypatch.setattr(writer_module.TableWriter, "finish", failing_finish)
    with pytest.raises(ImportFailed):
        run_import(write_tables(tmp_path, BASE))
    assert _indexes() == before
    assert not Order.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_table_written_the_fast_way_after_one_written_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """People (2 rows) go the ordinary way, their checks queued; orders (3) the fast way."""
    monkeypatch.setattr(writer_module, "BULK_ROWS", 3)
    monkeypatch.setattr(writer_module, "LOADING_ROWS", 3)
    before = _indexes()
    orders = BASE["orders"] + "O3,P1,CPO,2023-06-01,,\n"
    report = run_import(write_tables(tmp_path, {**BASE, "orders": orders}))
    assert report.exit_code == 0
    assert _indexes() == before
    assert Order.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_table_written_the_fast_way_still_refuses_a_dangling_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import checks each order's person itself; were it to let one through, the link's
    constraint, added again over the whole table, refuses the commit."""
    monkeypatch.setattr(writer_module, "BULK_ROWS", 1)
    monkeypatch.setattr(writer_module, "LOADING_ROWS", 1)
    monkeypatch.setitem(service_module.RULES, "orders", ())  # the person check, switched off
    orders = BASE["orders"] + "O3,P9,CPO,2023-06-01,,\n"
    with pytest.raises(ImportFailed):
        run_import(write_tables(tmp_path, {**BASE, "orders": orders}))
    assert not Order.objects.exists()
