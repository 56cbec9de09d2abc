"""The Excel renderer (XlsxWriter): sheets `Scorecard`, `Data`, `Series`, `Revisions`.

No formulas; numbers stored as numbers; blank cells for blank figures; `[c]` where a
figure is suppressed. The data sheets' headers are the spec's, exactly, in that order.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from jsw.reports import present
from jsw.reports.model import ASSURANCE_WORDS, STATUS_WORDS, VARIATION_WORDS, Cell, Pack

DATA_HEADER = (
    "indicator_id", "period", "category", "breakdown", "group", "numerator", "denominator",
    "value", "status", "travel_previous", "travel_year",
)  # fmt: skip
SERIES_HEADER = (
    "indicator_id", "period", "value", "mean", "lower", "upper", "point_type", "rebase",
    "category",
)  # fmt: skip
REVISIONS_HEADER = (
    "indicator_id", "period", "category", "published_value", "current_value", "published_in",
)  # fmt: skip
SCORECARD_HEADER = (
    "objective", "indicator_id", "indicator", "period", "category", "numerator", "denominator",
    "value", "previous_period", "previous_value", "last_year_period", "last_year_value",
    "target", "status", "travel_previous", "travel_year", "variation", "assurance",
)  # fmt: skip


def _number(x: Decimal | int | float | str | None) -> Any:
    """A number as an Excel number; None as a blank; `[c]` as text."""
    if x is None or isinstance(x, str):
        return x
    if isinstance(x, Decimal):
        return int(x) if x == x.to_integral_value() else float(x)
    return x


def _part(cell: Cell, part: str) -> Any:
    return _number(cell.shown(part))


def render_xlsx(pack: Pack) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    book.set_properties({"title": pack.cover.title, "subject": pack.cover.period_words})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    _scorecard(book.add_worksheet("Scorecard"), pack, bold, wrap)
    _table(book.add_worksheet("Data"), DATA_HEADER, _data(pack), bold)
    _table(book.add_worksheet("Series"), SERIES_HEADER, _series(pack), bold)
    _table(book.add_worksheet("Revisions"), REVISIONS_HEADER, _revisions(pack), bold)
    book.close()
    return out.getvalue()


def _table(sheet: Any, header: tuple[str, ...], rows: list[list[Any]], bold: Any) -> None:
    sheet.write_row(0, 0, header, bold)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                sheet.write_string(number, column, value)
            else:
                sheet.write_number(number, column, value)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, len(header) - 1, 13)


def _data(pack: Pack) -> list[list[Any]]:
    rows = []
    for data in pack.data:
        cell, key = data.cell, data.cell.key
        rows.append(
            [
                key.indicator_id, key.period, key.category, key.breakdown, key.group,
                _part(cell, "numerator"), _part(cell, "denominator"), _part(cell, "value"),
                data.status, data.travel_previous, data.travel_year,
            ]
        )  # fmt: skip
    return rows


def _series(pack: Pack) -> list[list[Any]]:
    rows = []
    for row in pack.rows:
        for p in row.series:
            rows.append(
                [
                    row.pi.id, p.period, _number(p.value), p.mean, p.lower, p.upper,
                    p.point_type, p.rebase, p.category,
                ]
            )  # fmt: skip
    return rows


def _revisions(pack: Pack) -> list[list[Any]]:
    return [
        [
            r.indicator_id, r.period, r.category, _number(r.published_value),
            _number(r.current_value), r.published_in,
        ]
        for r in pack.revisions
    ]  # fmt: skip


def _scorecard(sheet: Any, pack: Pack, bold: Any, wrap: Any) -> None:
    cover = pack.cover
    sheet.write_string(0, 0, cover.title, bold)
    sheet.write_string(1, 0, f"{cover.service}: {cover.period_words}")
    sheet.write_string(
        2, 0, f"{cover.framework_name}, version {cover.framework_version}; data as at "
        f"{cover.data_as_at}; {cover.state}"
    )  # fmt: skip
    line = 3
    if cover.public:
        note = present.public_note(pack.threshold, pack.secondary_suppressed)
        sheet.write_string(line, 0, note, bold)
        line += 1
    key = (
        "Status key: "
        + "; ".join(f"{w} ({s})" for s, w in STATUS_WORDS.items())
        + ". Shapes in the PDF and HTML: circle, triangle, diamond, square, question mark."
    )
    sheet.write_string(line, 0, key)
    line += 2
    sheet.write_row(line, 0, SCORECARD_HEADER, bold)
    sheet.freeze_panes(line + 1, 3)
    for row in pack.rows:
        for cell in row.current:
            line += 1
            hidden = cell.value_hidden
            previous = _match(row.previous, cell)
            last_year = _match(row.last_year, cell)
            values = [
                row.pi.objective, row.pi.id, row.pi.title, row.period, cell.key.category,
                _part(cell, "numerator"), _part(cell, "denominator"), _part(cell, "value"),
                row.previous_period, previous, row.last_year_period, last_year,
                _number(row.target), "" if hidden else STATUS_WORDS[row.status],
                "" if hidden else row.travel_previous, "" if hidden else row.travel_year,
                "" if hidden else VARIATION_WORDS.get(row.variation, ""),
                "" if hidden else ASSURANCE_WORDS.get(row.assurance, ""),
            ]  # fmt: skip
            for column, value in enumerate(values):
                if value is None or value == "":
                    continue
                if isinstance(value, str):
                    sheet.write_string(line, column, value, wrap if column == 2 else None)
                else:
                    sheet.write_number(line, column, value)
    sheet.set_column(0, 1, 12)
    sheet.set_column(2, 2, 50)
    sheet.set_column(3, len(SCORECARD_HEADER) - 1, 14)


def _match(cells: list[Cell], cell: Cell) -> Any:
    for other in cells:
        if other.key.category == cell.key.category:
            return _part(other, "value")
    return None
