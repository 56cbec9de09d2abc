"""Published packs: `--published` re-renders the figures as published however the data
changed since, and a later pack lists the changed figure under "Revised since published"."""

from __future__ import annotations

import openpyxl

from tests.reports.conftest import jsw

QUARTER = "2024-25-Q3"


def data_row(path, indicator_id, period):
    book = openpyxl.load_workbook(path, read_only=True)
    for row in book["Data"].iter_rows(values_only=True):
        if row[0] == indicator_id and row[1] == period and not row[3]:
            return row
    raise AssertionError(f"no Data row for {indicator_id} {period}")


def test_a_published_pack_re_renders_with_its_figures_after_the_data_changed(service_copy):
    out = service_copy.parent
    first = jsw(service_copy, "report", "quarterly", "--period", QUARTER, "--format", "xlsx",
                "--out", str(out / "first"), "--publish")  # fmt: skip
    assert first.returncode == 0, first.stderr
    listed = jsw(service_copy, "reports")
    assert "quarterly" in listed.stdout and QUARTER in listed.stdout
    name = f"jsw-board-pack-{QUARTER}.xlsx"
    published = data_row(out / "first" / name, "significant-reviews", QUARTER)

    changed = jsw(service_copy, "returns", "set", "significant-reviews", QUARTER, "1234")
    assert changed.returncode == 0, changed.stderr

    again = jsw(service_copy, "report", "quarterly", "--period", QUARTER, "--format", "xlsx",
                "--out", str(out / "again"), "--published")  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert data_row(out / "again" / name, "significant-reviews", QUARTER) == published

    draft = jsw(service_copy, "report", "quarterly", "--period", "2024-25-Q4", "--format",
                "xlsx,html", "--out", str(out / "later"))  # fmt: skip
    assert draft.returncode == 0, draft.stderr
    later = out / "later" / "jsw-board-pack-2024-25-Q4.xlsx"
    assert data_row(later, "significant-reviews", QUARTER)[7] == 1234
    revisions = list(openpyxl.load_workbook(later)["Revisions"].iter_rows(values_only=True))
    assert ("significant-reviews", QUARTER, None, published[7], 1234, f"quarterly {QUARTER}") in [
        tuple(row[:6]) for row in revisions
    ]
    html = (out / "later" / "jsw-board-pack-2024-25-Q4.html").read_text(encoding="utf-8")
    assert "Revised since published" in html


def test_re_rendering_a_pack_never_published_is_a_clear_message(service_copy):
    done = jsw(service_copy, "report", "quarterly", "--period", QUARTER, "--published",
               "--format", "html")  # fmt: skip
    assert done.returncode == 2
    assert "no published quarterly pack for 2024-25-Q3" in done.stderr
