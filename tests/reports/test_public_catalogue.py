"""Which figures a public pack protects comes from the catalogue: a new catalogue version
that adds a return that counts has its small values hidden, with no change to the code."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.framework.editing import PACKAGED_TEXT, edit
from tests.reports.conftest import QUARTER, jsw

NEW_RETURN = """
  - id: home-visits
    title: Home visits made to people on orders
    objective: 1
    opif: "2.1"
    frequency: Q
    kind: return
    source: return
    counting: entered
    direction: none
    unit: visits
"""
COUNTS = "    entered: {counts: things, year: sum}\n"


def catalogue_with_a_new_return(folder: Path, counts: bool) -> Path:
    """The packaged catalogue as version 1.1, with one more quarterly return."""
    text = edit(PACKAGED_TEXT, 'version: "1.0"', 'version: "1.1"')
    text = edit(
        text,
        "  history:\n",
        '  history:\n    - {version: "1.1", date: 2026-12-01, changes: "Home visits return"}\n',
    )
    text = edit(
        text, "\n  # Objective 2\n", NEW_RETURN + (COUNTS if counts else "") + "\n  # Objective 2\n"
    )
    path = folder / f"catalogue-{'counts' if counts else 'plain'}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def public_data(database: Path, out: Path) -> dict[str, tuple]:
    """The new return's rows of the public pack's `Data` sheet: period -> (numerator,
    denominator, value)."""
    done = jsw(
        database,
        "report",
        "quarterly",
        "--period",
        QUARTER,
        "--public",
        "--format",
        "xlsx",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(out / f"jsw-board-pack-{QUARTER}-public.xlsx", read_only=True)
    return {
        row[1]: row[5:8]
        for row in book["Data"].iter_rows(values_only=True)
        if row[0] == "home-visits"
    }


@pytest.mark.parametrize("counts", [True, False])
def test_a_new_return_that_counts_has_its_small_values_hidden(
    service_copy, tmp_path, monkeypatch, counts
):
    catalogue = catalogue_with_a_new_return(tmp_path, counts)
    monkeypatch.setenv("JSW_FRAMEWORK_FILE", str(catalogue))
    done = jsw(service_copy, "framework", "check", str(catalogue))
    assert done.returncode == 0, done.stdout + done.stderr
    for period, value in (("2024-25-Q3", "12"), (QUARTER, "3"), ("2024-25-Q2", "0")):
        done = jsw(service_copy, "returns", "set", "home-visits", period, value)
        assert done.returncode == 0, done.stderr
    rows = public_data(service_copy, tmp_path / "packs")
    assert rows["2024-25-Q3"] == (None, None, 12)
    assert rows["2024-25-Q2"] == (None, None, 0)  # zero is shown
    # A count of 3 is [c] when the catalogue says the return counts; its blank numerator
    # stays blank. A return that does not count (a score, a percentage) shows its 3.
    assert rows[QUARTER] == ((None, None, "[c]") if counts else (None, None, 3))
    assert rows.get("2024-25-Q1") is None or rows["2024-25-Q1"][2] is None
