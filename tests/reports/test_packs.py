"""The packs as written by `jsw report`: file names, every due PI with its stored value in
the PDF, the Excel sheets equal to the stored results, and no person or order id anywhere."""

from __future__ import annotations

import csv
import re
import sqlite3
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl

from tests.reports.conftest import QUARTER, YEAR, jsw, pdf_text

DATA_HEADER = [
    "indicator_id",
    "period",
    "category",
    "breakdown",
    "group",
    "numerator",
    "denominator",
    "value",
    "status",
    "travel_previous",
    "travel_year",
]
SERIES_HEADER = [
    "indicator_id",
    "period",
    "value",
    "mean",
    "lower",
    "upper",
    "point_type",
    "rebase",
]
REVISIONS_HEADER = [
    "indicator_id",
    "period",
    "category",
    "published_value",
    "current_value",
    "published_in",
]
PERCENT_KINDS = ("timeliness", "proportion", "distribution", "mean")
ATTENTION_AND_IMPROVING = (
    "red", "special_cause_concern", "assurance_fail", "amber", "return_missing",
    "special_cause_improvement",
)  # fmt: skip


def stored(database: Path, period: str) -> dict[tuple[str, str], Decimal | None]:
    with sqlite3.connect(database) as conn:
        rows = conn.execute(
            "select indicator_id, category, value from indicators_result "
            "where period = ? and breakdown = ''",
            (period,),
        ).fetchall()
    return {(i, c): None if v is None else Decimal(str(v)) for i, c, v in rows}


def catalogue():
    from jsw.framework.catalogue import load_catalogue

    return load_catalogue()


def as_text(kind: str, value: Decimal) -> str:
    """The stored value as a board member reads it: one decimal for percentages and means,
    thousands separators for the rest (reports.md v2)."""
    if kind in PERCENT_KINDS:
        return f"{value:,.1f}"
    whole, _, decimals = f"{value.normalize():f}".partition(".")
    return f"{int(whole):,}" + (f".{decimals}" if decimals else "")


def test_the_commands_write_every_format_under_the_spec_file_names(packs):
    names = sorted(p.name for p in packs.iterdir())
    expected = [
        f"jsw-{stem}.{ext}"
        for stem in (
            f"annual-report-{YEAR}",
            f"annual-report-{YEAR}-public",
            f"board-pack-{QUARTER}",
            f"board-pack-{QUARTER}-public",
        )
        for ext in ("html", "pdf", "xlsx")
    ]
    assert names == sorted(expected)


def scorecard_rows(pdf: Path) -> dict[str, list[str]]:
    """Each PI's row of the PDF scorecard, by title: its lines as laid out, from the line
    where its title starts to the next PI's (Q4: every PI is due, in catalogue order)."""
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    lines = done.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Scorecard"))
    titles = [pi.title for pi in catalogue().indicators]
    found: list[tuple[str, int]] = []
    at = start
    for title in titles:
        at = next(i for i in range(at + 1, len(lines)) if _starts(title, lines[i]))
        found.append((title, at))
    ends = [i for _, i in found[1:]] + [found[-1][1] + 3]
    return {title: lines[i:end] for (title, i), end in zip(found, ends, strict=True)}


def _starts(title: str, line: str) -> bool:
    """Whether the line starts the title's row: its first column (the period a PI of
    another frequency shows beside its title left out) begins the title."""
    first = re.split(r"\s{2,}", line.strip())[0]
    first = re.sub(r"\s+\d{4}-\d{2}(-[QH]\d)?$", "", first)
    return len(first) >= 10 and line.startswith(first) and title.startswith(first)


def value_cell(row: list[str]) -> str:
    """The scorecard's Value column on the row's first line: the text after the title."""
    columns = re.split(r"\s{2,}", row[0].strip())
    return columns[1].replace(",", "") if len(columns) > 1 else ""


def test_each_scorecard_row_of_the_pdf_shows_its_pis_stored_value(packs, service):
    rows = scorecard_rows(packs / f"jsw-board-pack-{QUARTER}.pdf")
    periods = {"Q": QUARTER, "H": "2024-25-H2", "A": YEAR}
    values = {frequency: stored(service, period) for frequency, period in periods.items()}
    checked = 0
    for pi in catalogue().indicators:  # Q4: every PI is due (quarterly, H2 and the year)
        row = " ".join(rows[pi.title]).replace(",", "")
        for (indicator, category), value in values[pi.frequency].items():
            if indicator != pi.id or value is None:
                continue
            if category:  # a distribution: every category's share somewhere in its row
                assert f"{as_text(pi.kind, value)}%" in row, (pi.id, category, value)
            else:
                shown = as_text(pi.kind, value).replace(",", "")
                assert value_cell(rows[pi.title]).startswith(shown), (pi.id, shown)
            checked += 1
    assert checked >= 35


def test_the_excel_sheets_have_the_spec_headers_and_equal_the_stored_results(packs, service):
    book = openpyxl.load_workbook(packs / f"jsw-board-pack-{QUARTER}.xlsx", read_only=True)
    assert book.sheetnames == ["Summary", "Scorecard", "Data", "Series", "Revisions"]
    data = list(book["Data"].iter_rows(values_only=True))
    assert list(data[0][: len(DATA_HEADER)]) == DATA_HEADER
    assert list(next(book["Series"].iter_rows(values_only=True))[:8]) == SERIES_HEADER
    assert list(next(book["Revisions"].iter_rows(values_only=True))[:6]) == REVISIONS_HEADER
    with sqlite3.connect(service) as conn:
        results = {
            (i, p, c, b, g): (n, d, v)
            for i, p, c, b, g, n, d, v in conn.execute(
                'select indicator_id, period, category, breakdown, "group", numerator, '
                "denominator, value from indicators_result"
            )
        }
    checked = 0
    for row in data[1:]:
        key = tuple(cell or "" for cell in row[:5])
        numbers = tuple(None if x is None else Decimal(str(x)) for x in results[key])
        shown = tuple(None if x is None else Decimal(str(x)) for x in row[5:8])
        assert shown == numbers, key
        assert row[8] in ("green", "amber", "red", "data only", "unknown"), key
        checked += 1
    assert checked > 500
    quarter_rows = [row for row in data[1:] if row[1] == QUARTER and not row[3]]
    assert {row[0] for row in quarter_rows} >= {"cpos-imposed", "lscmi-20-days"}


def test_every_number_in_the_data_sheet_is_a_number_and_no_cell_is_a_formula(packs):
    book = openpyxl.load_workbook(packs / f"jsw-board-pack-{QUARTER}.xlsx")
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
    for row in book["Data"].iter_rows(min_row=2, values_only=True):
        for number in row[5:8]:
            assert number is None or isinstance(number, int | float), row


def data_rows(path: Path) -> dict[tuple, tuple]:
    """The Data sheet: (indicator_id, period, category, breakdown, group) -> (numerator,
    denominator, value)."""
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book["Data"].iter_rows(values_only=True))[1:]
    return {tuple(c or "" for c in row[:5]): tuple(row[5:8]) for row in rows}


def ids_of(folder: Path) -> set[str]:
    ids = set()
    for table, column in (("people", "person_id"), ("orders", "order_id")):
        with open(folder / f"{table}.csv", newline="", encoding="utf-8") as handle:
            ids |= {row[column] for row in csv.DictReader(handle)}
    return ids


def test_no_person_or_order_id_appears_in_any_pack_in_any_format(packs, service):
    ids = ids_of(service.parent / "data")
    assert len(ids) > 100
    pattern = re.compile(r"\b[PO]\d{6,7}\b")
    for path in packs.iterdir():
        if path.suffix == ".pdf":
            texts = [pdf_text(path)]
        elif path.suffix == ".html":
            texts = [path.read_text(encoding="utf-8")]
        else:
            book = openpyxl.load_workbook(path, read_only=True)
            texts = [
                " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
                for sheet in book
            ]
        for text in texts:
            found = set(pattern.findall(text)) & ids
            assert not found, (path.name, sorted(found)[:3])
            assert not any(i in text for i in list(ids)[:300]), path.name


def test_the_public_pack_says_what_c_means_and_suppresses_small_counts(packs):
    text = pdf_text(packs / f"jsw-board-pack-{QUARTER}-public.pdf")
    assert "[c]: suppressed" in text and "threshold of 5" in text
    public = data_rows(packs / f"jsw-board-pack-{QUARTER}-public.xlsx")
    internal = data_rows(packs / f"jsw-board-pack-{QUARTER}.xlsx")
    counted = {pi.id: pi.counted_parts for pi in catalogue().indicators}
    small = 0
    for key, row in internal.items():
        for part, number, shown in zip(
            ("numerator", "denominator", "value"), row, public[key], strict=True
        ):
            part = "value" if part == "numerator" and "value" in counted[key[0]] else part
            if part in counted[key[0]] and number is not None and 1 <= number <= 4:
                assert shown == "[c]", (key, part, number)
                small += 1
    assert small > 50  # a small service: many small counts, of every kind


def test_the_public_pdf_shows_c_in_every_scorecard_cell_the_data_sheet_hides(packs):
    """Each due PI's value (and numerator) in the PDF scorecard is [c] exactly where the
    public Data sheet has [c] for the period, and never the internal figure."""
    rows = scorecard_rows(packs / f"jsw-board-pack-{QUARTER}-public.pdf")
    public = data_rows(packs / f"jsw-board-pack-{QUARTER}-public.xlsx")
    periods = {"Q": QUARTER, "H": "2024-25-H2", "A": YEAR}
    hidden = 0
    for pi in catalogue().indicators:
        if pi.kind == "distribution":
            continue
        numerator, _, value = public[(pi.id, periods[pi.frequency], "", "", "")]
        cell = value_cell(rows[pi.title])
        if value == "[c]":
            assert cell.startswith("[c]"), (pi.id, cell)
            hidden += 1
        elif value is not None:
            assert not cell.startswith("[c]"), (pi.id, cell)
        if numerator == "[c]" and pi.kind in ("timeliness", "proportion", "mean"):
            assert "([c] of" in cell, (pi.id, cell)
    assert hidden >= 10


def test_the_annual_report_shows_every_pi_for_the_year(packs, service):
    text = pdf_text(packs / f"jsw-annual-report-{YEAR}.pdf")
    assert "Annual performance report" in text
    for pi in catalogue().indicators:
        assert pi.title in text, pi.id


def test_a_period_that_is_not_a_quarter_is_one_line_and_exit_2(service):
    done = jsw(service, "report", "quarterly", "--period", "2024-25-Q5", "--format", "html")
    assert done.returncode == 2
    assert done.stderr.startswith("Error: ") and "Traceback" not in done.stderr
    done = jsw(service, "report", "quarterly", "--period", "2024-25", "--format", "html")
    assert done.returncode == 2 and "not a quarter" in done.stderr


def test_the_three_formats_show_the_same_figures_and_judgements(packs):
    """Each scorecard row of the Excel sheet (value, status, travel, variation) is the row the
    HTML shows for that PI, and its value and status are in the PDF's text too."""
    stem = packs / f"jsw-board-pack-{QUARTER}"
    html = (stem.with_suffix(".html")).read_text(encoding="utf-8")
    pdf_rows = scorecard_rows(stem.with_suffix(".pdf"))
    book = openpyxl.load_workbook(stem.with_suffix(".xlsx"), read_only=True)
    rows = list(book["Scorecard"].iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "objective")
    header = rows[header_at]
    kinds = {pi.id: pi.kind for pi in catalogue().indicators}
    compared = 0
    for values in rows[header_at + 1 :]:
        row = dict(zip(header, values, strict=False))
        pi_id = row["indicator_id"]
        if not pi_id or row["category"] or row["value"] is None:
            continue  # distributions are compared per category by the Data sheet test
        value = as_text(kinds[pi_id], Decimal(str(row["value"])))
        found = re.search(rf'<tr>\s*<th scope="row"><a href="#pi-{pi_id}">(.*?)</tr>', html, re.S)
        assert found, pi_id
        shown = re.sub(r"<[^>]+>", " ", found.group(1))
        assert value in shown and row["status"] in shown, (pi_id, value, row["status"])
        for word in (row["travel_previous"], row["variation"]):
            if word:
                assert word in shown, (pi_id, word)
        cell = value_cell(pdf_rows[row["indicator"]])
        assert cell.startswith(value.replace(",", "")), (pi_id, value, cell)
        compared += 1
    assert compared >= 30


def test_the_excel_file_reads_and_prints_well(packs):
    book = openpyxl.load_workbook(packs / f"jsw-board-pack-{QUARTER}.xlsx")
    assert book.sheetnames[0] == "Summary"
    summary = next(book["Summary"].iter_rows(values_only=True))
    assert list(summary[:3]) == ["indicator_id", "title", "reason"]
    header = [c.value for c in book["Data"][1]]
    assert header[: len(DATA_HEADER)] == DATA_HEADER and {"title", "unit"} <= set(header)
    formats = {}
    for row in book["Data"].iter_rows(min_row=2):
        by_name = dict(zip(header, row, strict=False))
        if isinstance(by_name["value"].value, int | float):
            formats.setdefault(by_name["unit"].value, set()).add(by_name["value"].number_format)
    assert formats["%"] == {'0.0"%"'}
    assert formats["days"] == {'#,##0.0" days"'}
    assert formats["orders"] == {'#,##0" orders"'}
    for sheet in book:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows, sheet.title
        assert sheet.freeze_panes, sheet.title


def page_text(path: Path, page: int) -> str:
    done = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(done.stdout.split())


def test_at_a_glance_follows_the_cover_and_matches_the_summary_sheet(packs):
    stem = packs / f"jsw-board-pack-{QUARTER}"
    glance = page_text(stem.with_suffix(".pdf"), 2)
    assert glance.split(" Page ")[0].count("At a glance") == 1 and "Needs attention" in glance
    counts = re.findall(r"(\d+) (on target|within tolerance|off target|data only|unknown)", glance)
    assert len(counts) == 5 and sum(int(n) for n, _ in counts) == len(catalogue().indicators)
    book = openpyxl.load_workbook(stem.with_suffix(".xlsx"), read_only=True)
    rows = list(book["Summary"].iter_rows(values_only=True))[1:]
    html = stem.with_suffix(".html").read_text(encoding="utf-8")
    section = html[html.index('id="at-a-glance"') : html.index('id="scorecard"')]
    shown = re.findall(r'<a href="#pi-([a-z0-9-]+)">', section)
    assert shown == [row[0] for row in rows]
    at = -1
    for row in rows:  # in the page's order on the PDF page, each named by its title
        at = glance.index(row[1], at + 1)
        assert row[2] in ATTENTION_AND_IMPROVING, row


def test_no_direction_of_travel_is_given_beside_a_suppressed_figure(packs):
    """ "Lower than [c]" would bound the hidden figure: travel is blank beside one."""
    book = openpyxl.load_workbook(packs / f"jsw-board-pack-{QUARTER}-public.xlsx", read_only=True)
    rows = list(book["Scorecard"].iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "objective")
    checked = 0
    for values in rows[header_at + 1 :]:
        row = dict(zip(rows[header_at], values, strict=False))
        for other, travel in (
            ("previous_value", "travel_previous"),
            ("last_year_value", "travel_year"),
        ):
            if "[c]" in (row["value"], row[other]):
                assert not row[travel], (row["indicator_id"], other)
                checked += 1
    assert checked >= 10


def test_the_data_quality_annex_names_tables_in_words_with_separated_counts(packs, service):
    html = (packs / f"jsw-board-pack-{QUARTER}.html").read_text(encoding="utf-8")
    annex = html[html.index("Data quality annex") :]
    with sqlite3.connect(service) as db:
        sessions = db.execute("select count(*) from records_upwsession").fetchone()[0]
    assert sessions >= 1000  # so that the separator shows
    assert "upw_sessions" not in annex
    assert f'Unpaid work sessions</th><td class="num">{sessions:,}</td>' in annex
