"""Random files and random cells through the whole importer: whatever arrives, no exception
escapes, every row read is imported or rejected, and nothing stored breaks a value rule.

Hypothesis writes small extracts (random unicode, quotes, huge numbers, odd dates, random
bytes) and imports them in-process; the properties below must hold for every one.
"""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsw.lib.safe_text import hidden_character
from jsw.records import models as records
from jsw.records.importer import ImportReport, run_import
from jsw.records.importer.checks import EARLIEST_EVENT, latest_event
from jsw.records.importer.tables import BY_NAME, RETURN_VALUE_LIMIT

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    derandomize=True,  # the same examples on every run: CI never fails by chance
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TABLES = ("people", "orders", "requirements", "upw_sessions", "contacts", "returns")

ODD_CELLS = [
    "",
    " ",
    "P1",
    "O1",
    "R1",
    "CPO",
    "UPW",
    "GROUP",
    "INDUCTION",
    "F",
    "mappa-clients",
    "2023-24",
    "9998-99",
    "2023-04-03",
    "03/04/2023",
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "31/02/2024",
    "2024-04-03 10:00",
    "100",
    "12",
    "11.999999999999999999999999999999",
    "1e5",
    "-1",
    "9" * 40,
    "0." + "0" * 30 + "1",
    '"',
    '""',
    "P1\u200b",
    "\u202eP1",
    "\x1b[31m",
    "=cmd|' /C calc'!A0",
    "a\nb",
    "a\r\nb",
    "\t",
]

cells = st.one_of(
    st.sampled_from(ODD_CELLS),
    st.text(max_size=12),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.dates().map(date.isoformat),
)


@st.composite
def extracts(draw: st.DrawFn) -> dict[str, list[list[str]]]:
    """Table name -> rows (the first is the header, its contract columns in any order)."""
    chosen = draw(st.lists(st.sampled_from(TABLES), min_size=1, max_size=4, unique=True))
    tables = {}
    for name in chosen:
        header = draw(st.permutations([column.name for column in BY_NAME[name].columns]))
        width = st.integers(len(header) - 1, len(header) + 1)
        rows = draw(
            st.lists(width.flatmap(lambda n: st.lists(cells, min_size=n, max_size=n)), max_size=6)
        )
        tables[name] = [list(header), *rows]
    return tables


def write_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)  # quotes any cell with \r or \n
    return out.getvalue()


def assert_counts_add_up(report: ImportReport) -> None:
    for name, counts in report.tables.items():
        assert counts.read == counts.imported + counts.rejected, name
    assert report.exit_code in (0, 1, 2)


def assert_nothing_stored_breaks_a_value_rule() -> None:
    for table in BY_NAME.values():
        ids = [column.name for column in table.columns if column.kind == "id"]
        texts = [column.name for column in table.columns if column.kind == "text"]
        for row in table.model.objects.values(*ids, *texts):
            for name in ids:
                assert hidden_character(row[name] or "") is None, (table.name, row)
            for name in texts:
                allowed = "\r\n" if name == "note" else ""
                assert hidden_character(row[name] or "", allowed) is None, (table.name, row)
        dates = [column.name for column in table.columns if column.kind == "date"]
        for row in table.model.objects.values(*dates):
            for name, value in row.items():
                if value is None:
                    continue
                if name == "date_of_birth":
                    assert value >= date(1900, 1, 1), row
                else:
                    assert EARLIEST_EVENT <= value <= latest_event(), (table.name, row)
    for value in records.Return.objects.values_list("value", flat=True):
        assert 0 <= value < RETURN_VALUE_LIMIT


@FUZZ
@given(extract=extracts())
def test_random_cells_are_imported_or_rejected_and_nothing_stored_is_wrong(
    extract: dict[str, list[list[str]]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, rows in extract.items():
            (Path(folder) / f"{name}.csv").write_text(write_csv(rows), encoding="utf-8")
        report = run_import(Path(folder))
    assert_counts_add_up(report)
    for name, rows in extract.items():
        if name in report.tables:  # not rejected whole (a NUL byte)
            assert report.tables[name].read == len(rows) - 1  # every row is counted
    assert_nothing_stored_breaks_a_value_rule()


@FUZZ
@given(
    table=st.sampled_from(TABLES),
    header=st.booleans(),
    content=st.binary(max_size=300),
)
def test_random_bytes_never_end_in_an_exception(table: str, header: bool, content: bytes) -> None:
    head = ",".join(column.name for column in BY_NAME[table].columns).encode() + b"\n"
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / f"{table}.csv").write_bytes((head if header else b"") + content)
        report = run_import(Path(folder))
    assert_counts_add_up(report)
    assert_nothing_stored_breaks_a_value_rule()
