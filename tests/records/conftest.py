"""Helpers for the import tests: write small extracts to a temporary folder and import them."""

from __future__ import annotations

from pathlib import Path

import pytest

from jsw.records.importer import ImportReport, run_import

PEOPLE = "person_id,date_of_birth,sex\nP1,1980-01-01,M\nP2,1990-06-15,F\n"
ORDERS = (
    "order_id,person_id,order_type,start_date,end_date,end_reason\n"
    "O1,P1,CPO,2023-04-03,,\n"
    "O2,P2,LICENCE,2023-05-01,,\n"
)
REQUIREMENTS = (
    "requirement_id,order_id,requirement_type,programme,hours\n"
    "R1,O1,UPW,,100\n"
    "R2,O1,SUPERVISION,,\n"
)
# Just enough parents for any child table's rules.
BASE = {"people": PEOPLE, "orders": ORDERS, "requirements": REQUIREMENTS}


def write_tables(folder: Path, tables: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def extract(tmp_path: Path):
    """Write tables (name -> CSV text) into a fresh folder and import it."""
    counter = iter(range(1000))

    def run(tables: dict[str, str], **options: object) -> ImportReport:
        folder = write_tables(tmp_path / f"extract{next(counter)}", tables)
        return run_import(folder, **options)  # type: ignore[arg-type]

    return run


def only_rejection(report: ImportReport) -> tuple[str | None, int | None, str | None, str | None]:
    """(file, line, column, value) of the single rejection; fails if there is not exactly one."""
    rejections = report.rejections
    assert len(rejections) == 1, [issue.describe() for issue in rejections]
    issue = rejections[0]
    return issue.file, issue.line, issue.column, issue.value
