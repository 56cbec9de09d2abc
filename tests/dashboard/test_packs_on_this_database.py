"""The board pack made in the browser, on the database under test (SQLite or PostgreSQL):
every format (Word too) downloads, and the Excel `Data` sheet holds the stored results."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
from docx import Document

from jsw.indicators.engine import latest_run
from jsw.indicators.models import Result
from tests.dashboard.conftest import made_pack

QUARTER = "2023-24-Q4"


def _download(client, fmt: str) -> bytes:
    response = made_pack(client, {"kind": "quarterly", "period": QUARTER, "format": fmt})
    assert response["Content-Disposition"].endswith(f'jsw-board-pack-{QUARTER}.{fmt}"')
    return response.content


def test_every_format_downloads_and_the_data_sheet_equals_the_stored_results(
    client_as, computed, transactional_db
) -> None:
    client = client_as("board")
    assert _download(client, "pdf").startswith(b"%PDF")
    assert b"<html" in _download(client, "html")[:500].lower()
    word = Document(io.BytesIO(_download(client, "docx")))
    assert word.paragraphs[1].text == (
        "Quarterly performance report to the Performance Management Board"
    )
    book = openpyxl.load_workbook(io.BytesIO(_download(client, "xlsx")), read_only=True)
    rows = book["Data"].iter_rows(values_only=True)
    header = next(rows)
    assert header[:8] == (
        "indicator_id",
        "period",
        "category",
        "breakdown",
        "group",
        "numerator",
        "denominator",
        "value",
    )
    stored = {
        (r.indicator_id, r.period, r.category, r.breakdown, r.group): r
        for r in Result.objects.filter(run=latest_run(), period=QUARTER)
    }
    checked = 0
    for row in rows:
        if row[1] != QUARTER:
            continue
        key = tuple(cell or "" for cell in row[:5])
        result = stored[key]
        for shown, kept in ((row[5], result.numerator), (row[7], result.value)):
            if kept is None:
                assert shown in (None, ""), key
            else:
                assert Decimal(str(shown)) == kept, key
        checked += 1
    assert checked > 40
