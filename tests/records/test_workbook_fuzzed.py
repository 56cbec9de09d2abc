"""Random workbooks through the whole importer: random sheets, cell types, merged ranges,
formulas with and without saved values, error cells, shared strings past the end, chart
sheets. Whatever arrives: no exception escapes, every row read is imported or rejected (with
exactly one rejection), the run is recorded, and nothing stored is a formula's text, an
error value or anything the models' own rules refuse.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.db import models
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from jsw.records.importer import ImportReport, run_import
from jsw.records.importer.tables import BY_NAME
from jsw.records.importer.writer import clear_case_records
from jsw.records.models import ImportBatch
from tests.records.xlsx_parts import MAIN, build_xlsx, sheet_xml

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TABLES = ("people", "orders", "requirements", "contacts")
# Style 1 is a date format, so that numbers in it are date cells.
STYLES = (
    f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
    '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'
)
SHARED = ["P1", "CPO"]
WORDS = ["P1", "P2", "O1", "R1", "CPO", "UPW", "F", "M", "INDUCTION", "2023-04-03", "3/4/2023",
         "100", " P1 ", "", "Y", "yes"]  # fmt: skip
NUMBERS = ["417", "417.0", "4.17E2", "1E999", "-1E999", "NaN", "inf", "1e-300", "12", "7.25",
           "-3", "45000", "1E10", "abc", ""]  # fmt: skip
# Text without "=" or "#": a stored value with either came from a formula or an error cell.
TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", min_codepoint=32, exclude_categories=("Cs",), exclude_characters="=#<>&"
    ),
    max_size=8,
)


@st.composite
def cell_xml(draw: st.DrawFn, ref: str) -> str:
    kind = draw(st.sampled_from(["word", "text", "number", "date", "bool", "error", "formula",
                                 "formula_no_value", "array", "shared", "blank"]))  # fmt: skip
    if kind in ("word", "text"):
        value = draw(st.sampled_from(WORDS) if kind == "word" else TEXT)
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    if kind in ("number", "date"):
        style = ' s="1"' if kind == "date" else ""
        return f'<c r="{ref}"{style}><v>{draw(st.sampled_from(NUMBERS))}</v></c>'
    if kind == "bool":
        return f'<c r="{ref}" t="b"><v>{draw(st.sampled_from(["0", "1", "2", "x"]))}</v></c>'
    if kind == "error":
        return (
            f'<c r="{ref}" t="e"><v>{draw(st.sampled_from(["#N/A", "#VALUE!", "#REF!"]))}</v></c>'
        )
    if kind == "formula":
        return f'<c r="{ref}" t="str"><f>A1&amp;"x"</f><v>{draw(st.sampled_from(WORDS))}</v></c>'
    if kind == "formula_no_value":
        return f'<c r="{ref}"><f>SUM(A1:A2)</f></c>'
    if kind == "array":
        return f'<c r="{ref}"><f t="array" ref="{ref}">1+1</f><v>2</v></c>'
    if kind == "shared":
        return f'<c r="{ref}" t="s"><v>{draw(st.integers(0, 3))}</v></c>'
    return ""


def column_letter(index: int) -> str:
    return chr(65 + index)


@st.composite
def sheets(draw: st.DrawFn, table: str) -> str:
    names = [column.name for column in BY_NAME[table].columns]
    header = draw(st.permutations(names))
    if draw(st.booleans()):
        header = [*header, "notes"]
    if draw(st.integers(0, 5)) == 0:  # now and then a required column is missing
        header = header[1:]
    header_cells = "".join(
        f'<c r="{column_letter(i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for i, name in enumerate(header)
    )
    rows = [f'<row r="1">{header_cells}</row>']
    count = draw(st.integers(0, 5))
    for number in range(2, count + 2):
        width = draw(st.integers(0, len(header) + 1))
        cells = "".join(draw(cell_xml(f"{column_letter(i)}{number}")) for i in range(width))
        rows.append(f'<row r="{number}">{cells}</row>')
    merges = draw(st.lists(merged_range(count + 1, len(header) + 1), max_size=2))
    after = ""
    if merges:
        after = f'<mergeCells count="{len(merges)}">{"".join(merges)}</mergeCells>'
    return sheet_xml("".join(rows), after, dimension=draw(st.sampled_from([None, "A1"])))


@st.composite
def merged_range(draw: st.DrawFn, last_row: int, last_column: int) -> str:
    top = draw(st.integers(1, last_row))
    left = draw(st.integers(0, last_column - 1))
    bottom = draw(st.integers(top, last_row))
    right = draw(st.integers(left, last_column - 1))
    return f'<mergeCell ref="{column_letter(left)}{top}:{column_letter(right)}{bottom}"/>'


@st.composite
def workbooks(draw: st.DrawFn) -> tuple[dict[str, str], dict[str, str]]:
    """(sheet name -> sheet XML, chart sheet name -> chart XML)."""
    chosen = draw(st.lists(st.sampled_from(TABLES), min_size=1, max_size=3, unique=True))
    spelled = {
        name: draw(st.sampled_from([name, name.title(), f" {name.upper()} "])) for name in chosen
    }
    book = {spelled[name]: draw(sheets(name)) for name in chosen}
    if draw(st.booleans()):
        book["Notes"] = sheet_xml("")
    charts = {}
    if draw(st.integers(0, 4)) == 0:
        charts[draw(st.sampled_from(["Chart1", "contacts"]))] = f'<chartsheet xmlns="{MAIN}"/>'
    return book, charts


def assert_every_row_is_accounted_for(report: ImportReport) -> None:
    assert report.exit_code in (0, 1, 2)
    for name, counts in report.tables.items():
        assert counts.read == counts.imported + counts.rejected, name
        row_rejections = [
            issue for issue in report.rejections if issue.table == name and issue.line is not None
        ]
        assert len(row_rejections) == counts.rejected, name


def assert_nothing_stored_is_wrong() -> None:
    for table in BY_NAME.values():
        for record in table.model.objects.all():
            record.full_clean(validate_unique=False)  # choices, lengths, blanks, constraints
            for field in table.model._meta.concrete_fields:
                if isinstance(field, models.CharField) and not field.is_relation:
                    text = getattr(record, field.attname)
                    assert "=" not in text and "#" not in text, (table.name, field.name, text)
                    assert text == text.strip(), (table.name, field.name, text)


@FUZZ
@given(book=workbooks())
def test_random_workbooks_are_imported_or_refused_and_nothing_stored_is_wrong(
    book: tuple[dict[str, str], dict[str, str]],
) -> None:
    clear_case_records(include_returns=True)
    ImportBatch.objects.all().delete()
    sheets_xml, charts = book
    with tempfile.TemporaryDirectory() as folder:
        path = build_xlsx(Path(folder) / "extract.xlsx", sheets_xml, charts=charts,
                          shared_strings=SHARED, styles=STYLES)  # fmt: skip
        report = run_import(path)
    event(f"exit code {report.exit_code}")  # shown by --hypothesis-show-statistics
    assert_every_row_is_accounted_for(report)
    assert ImportBatch.objects.get(pk=report.batch_id).status == "done"
    assert_nothing_stored_is_wrong()
