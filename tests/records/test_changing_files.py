"""A file that changes between the import's two passes (an extract still being written)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jsw.records.importer import ImportFailed, run_import
from jsw.records.importer import service as service_module
from jsw.records.importer import survey as survey_module
from jsw.records.importer.sources import BlockStream
from jsw.records.models import ImportBatch, Order, Person
from tests.records.conftest import BASE, write_tables

pytestmark = pytest.mark.django_db(transaction=True)


def after_survey(monkeypatch: pytest.MonkeyPatch, change: Callable[[], None]) -> None:
    """Run `change` once the first pass has read every file, before anything is written."""
    real = service_module.survey

    def surveyed(*args, **kwargs):  # type: ignore[no-untyped-def]
        plans = real(*args, **kwargs)
        change()
        return plans

    monkeypatch.setattr(service_module, "survey", surveyed)


def while_reading(
    monkeypatch: pytest.MonkeyPatch, table: str, which_read: int, change: Callable[[], None]
) -> None:
    """Run `change` after the header of `table`'s n-th read (1: survey, 2: writing)."""
    real = survey_module._survey_one
    reads = {"n": 0}

    def surveyed(table_input, mapping):  # type: ignore[no-untyped-def]
        if table_input.table.name == table:
            opener = table_input.open_blocks  # a CSV file's
            assert opener is not None

            def open_blocks() -> BlockStream:
                reads["n"] += 1
                blocks = opener()
                yield next(blocks)  # the header, alone
                if reads["n"] == which_read:
                    change()
                yield from blocks

            table_input.open_blocks = open_blocks
        return real(table_input, mapping)

    real_text = survey_module.simple_text

    def simple_text(path: Path) -> Iterator[str]:  # the first pass's own reading
        pieces = real_text(path)
        if path.name != f"{table}.csv":
            return pieces
        reads["n"] += 1
        return _then(pieces, change if reads["n"] == which_read else None)

    monkeypatch.setattr(survey_module, "_survey_one", surveyed)
    monkeypatch.setattr(survey_module, "simple_text", simple_text)


def _then(pieces: Iterator[str], change: Callable[[], None] | None) -> Iterator[str]:
    yield next(pieces)  # the header and the rows after it in the piece
    if change is not None:
        change()
    yield from pieces


def append_person(folder: Path) -> Callable[[], None]:
    def change() -> None:
        with (folder / "people.csv").open("a", encoding="utf-8") as handle:
            handle.write("P7,1970-01-01,F\n")

    return change


def test_a_file_changed_after_the_first_pass_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tables(tmp_path, {"people": BASE["people"], "orders": BASE["orders"]})
    after_survey(monkeypatch, append_person(tmp_path))
    report = run_import(tmp_path)
    assert report.exit_code == 1
    refused = [(issue.file, issue.reason) for issue in report.rejections if issue.line is None]
    assert refused == [
        ("people.csv", "changed while jsw was reading it (is it still being written?)")
    ]
    assert Person.objects.count() == 0
    assert Order.objects.count() == 0  # their people were refused with the file


def test_a_file_changed_while_the_first_pass_reads_it_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tables(tmp_path, {"people": BASE["people"]})
    while_reading(monkeypatch, "people", 1, append_person(tmp_path))
    report = run_import(tmp_path)
    assert report.exit_code == 2
    assert report.rejections[0].reason.startswith("changed while jsw was reading it")
    assert Person.objects.count() == 0


def test_a_file_changed_while_its_rows_are_written_stops_the_import_and_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tables(tmp_path, {"people": BASE["people"], "orders": BASE["orders"]})
    while_reading(monkeypatch, "people", 2, append_person(tmp_path))
    with pytest.raises(ImportFailed, match=r"people\.csv changed while jsw was reading it"):
        run_import(tmp_path)
    assert (Person.objects.count(), Order.objects.count()) == (0, 0)
    assert ImportBatch.objects.get().status == "failed"


def test_a_change_that_keeps_the_size_and_time_is_found_by_the_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tables(tmp_path, {"people": "person_id\nP1\n"})
    people = tmp_path / "people.csv"
    stat = people.stat()

    def same_size_and_time() -> None:
        people.write_text("person_id\nP2\n", encoding="utf-8")
        os.utime(people, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    after_survey(monkeypatch, same_size_and_time)
    with pytest.raises(ImportFailed, match="changed while jsw was reading it"):
        run_import(tmp_path)
    assert Person.objects.count() == 0


def test_an_unchanged_extract_imports_as_usual(tmp_path: Path) -> None:
    write_tables(tmp_path, BASE)
    assert run_import(tmp_path).exit_code == 0
