"""The Excel renderer (XlsxWriter): sheets `Summary`, `Scorecard`, `Data`, `Series`,
`Revisions`.

No formulas; numbers stored as numbers (the unrounded SPC figures too), shown through a
number format by unit (`0.0"%"`, `#,##0`, `0.0" days"`) so that a cell reads as the pack
does; blank cells for blank figures; `[c]` where a figure is suppressed. The data sheets'
headers start with the spec's columns, in that order; the title and unit come after them.
Every sheet prints landscape, fitted to the page width, with its header row repeated.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from jsw.framework.kinds import kind_of
from jsw.reports import present
from jsw.reports.glance import at_a_glance
from jsw.reports.model import ASSURANCE_WORDS, STATUS_WORDS, VARIATION_WORDS, Cell, Pack, Pi
from jsw.reports.words import DIRECTION_WORDS, one_place, percent, target_text

DATA_HEADER = (
    "indicator_id", "period", "category", "breakdown", "group", "numerator", "denominator",
    "value", "status", "travel_previous", "travel_year", "title", "unit",
)  # fmt: skip
SERIES_HEADER = (
    "indicator_id", "period", "value", "mean", "lower", "upper", "point_type", "rebase",
    "category", "title", "unit",
)  # fmt: skip
REVISIONS_HEADER = (
    "indicator_id", "period", "category", "published_value", "current_value", "published_in",
    "title", "unit",
)  # fmt: skip
SCORECARD_HEADER = (
    "objective", "indicator_id", "indicator", "period", "category", "numerator", "denominator",
    "value", "previous_period", "previous_value", "last_year_period", "last_year_value",
    "target", "status", "travel_previous", "travel_year", "variation", "assurance", "unit",
    "amber", "direction", "target_words", "periods_green", "periods_amber", "periods_red",
)  # fmt: skip
# Columns holding a PI's values (shown in its unit); other numbers are counts.
VALUE_COLUMNS = {
    "value", "mean", "lower", "upper", "previous_value", "last_year_value", "target", "amber",
    "published_value", "current_value",
}  # fmt: skip
COUNT_FORMAT = "#,##0"


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
    formats = Formats(book)
    pis = {pi.id: pi for pi in pack.definitions}
    summary = book.add_worksheet("Summary")
    _scorecard(book.add_worksheet("Scorecard"), pack, formats)
    _table(book.add_worksheet("Data"), DATA_HEADER, _data(pack, pis), formats)
    _table(book.add_worksheet("Series"), SERIES_HEADER, _series(pack), formats)
    _table(book.add_worksheet("Revisions"), REVISIONS_HEADER, _revisions(pack, pis), formats)
    _summary(summary, pack, formats)
    book.close()
    return out.getvalue()


def number_format(pi: Pi | None) -> str:
    """The Excel number format of a PI's values: `0.0"%"`, `0.0" days"`, `#,##0" orders"`."""
    if pi is None:
        return "General"
    if percent(pi):
        return '0.0"%"'
    # A sum (hours) keeps its stored decimals; counts and returns are whole numbers.
    digits = "#,##0.0" if one_place(pi) else "#,##0.0#" if kind_of(pi.kind).total else "#,##0"
    return f'{digits}" {pi.unit}"' if pi.unit else digits


class Formats:
    """The workbook's cell formats, made once each."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.made: dict[tuple[str, bool], Any] = {}
        self.bold = book.add_format({"bold": True, "bottom": 1, "text_wrap": True})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})

    def number(self, pattern: str) -> Any:
        key = (pattern, False)
        if key not in self.made:
            self.made[key] = self.book.add_format({"num_format": pattern, "valign": "top"})
        return self.made[key]


def _unit(pi: Pi | None) -> str:
    if pi is None:
        return ""
    return "%" if percent(pi) else pi.unit


def _write(sheet: Any, line: int, column: int, value: Any, style: Any = None) -> None:
    if value is None or value == "":
        return
    if isinstance(value, str):
        sheet.write_string(line, column, value, style)
    else:
        sheet.write_number(line, column, value, style)


def _table(
    sheet: Any, header: tuple[str, ...], rows: list[tuple[Pi | None, list[Any]]], formats: Formats
) -> None:
    sheet.write_row(0, 0, header, formats.bold)
    counts = formats.number(COUNT_FORMAT)
    for number, (pi, row) in enumerate(rows, start=1):
        values = formats.number(number_format(pi))
        for column, value in enumerate(row):
            style = values if header[column] in VALUE_COLUMNS else counts
            _write(sheet, number, column, value, style)
    sheet.freeze_panes(1, 1)
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, len(header) - 1, 13)
    sheet.set_column(header.index("title"), header.index("title"), 50)
    _print_setup(sheet, len(rows), len(header))


def _print_setup(sheet: Any, rows: int, columns: int, header_row: int = 0) -> None:
    """Landscape A4, fitted to the page width, the header row on every page."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.print_area(0, 0, max(rows + header_row, header_row), columns - 1)
    sheet.set_footer("&L&A&RPage &P of &N")


def _data(pack: Pack, pis: dict[str, Pi]) -> list[tuple[Pi | None, list[Any]]]:
    rows: list[tuple[Pi | None, list[Any]]] = []
    for data in pack.data:
        cell, key = data.cell, data.cell.key
        pi = pis.get(key.indicator_id)
        rows.append(
            (
                pi,
                [
                    key.indicator_id, key.period, key.category, key.breakdown, key.group,
                    _part(cell, "numerator"), _part(cell, "denominator"), _part(cell, "value"),
                    data.status, data.travel_previous, data.travel_year,
                    pi.title if pi else "", _unit(pi),
                ],
            )
        )  # fmt: skip
    return rows


def _series(pack: Pack) -> list[tuple[Pi | None, list[Any]]]:
    rows: list[tuple[Pi | None, list[Any]]] = []
    for row in pack.rows:
        for p in row.series:
            rows.append(
                (
                    row.pi,
                    [
                        row.pi.id, p.period, _number(p.value), p.mean, p.lower, p.upper,
                        p.point_type, p.rebase, p.category, row.pi.title, _unit(row.pi),
                    ],
                )
            )  # fmt: skip
    return rows


def _revisions(pack: Pack, pis: dict[str, Pi]) -> list[tuple[Pi | None, list[Any]]]:
    rows: list[tuple[Pi | None, list[Any]]] = []
    for r in pack.revisions:
        pi = pis.get(r.indicator_id)
        rows.append(
            (
                pi,
                [
                    r.indicator_id, r.period, r.category, _number(r.published_value),
                    _number(r.current_value), r.published_in, pi.title if pi else "", _unit(pi),
                ],
            )
        )  # fmt: skip
    return rows


def _scorecard(sheet: Any, pack: Pack, formats: Formats) -> None:
    bold = formats.bold
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
        "Status: "
        + "; ".join(STATUS_WORDS.values())
        + ". The PDF and HTML draw each as a shape: circle, triangle, diamond, square, "
        "question mark."
    )
    sheet.write_string(line, 0, key)
    line += 2
    header_row = line
    sheet.write_row(line, 0, SCORECARD_HEADER, bold)
    sheet.freeze_panes(line + 1, 3)
    counts = formats.number(COUNT_FORMAT)
    for row in pack.rows:
        pi = row.pi
        values_format = formats.number(number_format(pi))
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
                _unit(pi), _number(row.amber if row.target is not None else None),
                DIRECTION_WORDS[pi.direction],
                "" if row.target is None else target_text(pi, row.target, row.amber),
                *_part_counts(row.part_counts, hidden),
            ]  # fmt: skip
            for column, value in enumerate(values):
                name = SCORECARD_HEADER[column]
                style = values_format if name in VALUE_COLUMNS else counts
                _write(sheet, line, column, value, formats.wrap if column == 2 else style)
    sheet.set_column(0, 1, 12)
    sheet.set_column(2, 2, 50)
    sheet.set_column(3, len(SCORECARD_HEADER) - 1, 14)
    _print_setup(sheet, line - header_row, len(SCORECARD_HEADER), header_row)
    sheet.print_area(0, 0, line, len(SCORECARD_HEADER) - 1)


def _part_counts(counts: dict[str, int] | None, hidden: bool) -> list[int | None]:
    """How many of the year's periods were green, amber and red (annual report, a year
    without a whole-year target); blank otherwise."""
    if counts is None or hidden:
        return [None, None, None]
    return [counts.get(status, 0) for status in ("green", "amber", "red")]


def _match(cells: list[Cell], cell: Cell) -> Any:
    for other in cells:
        if other.key.category == cell.key.category:
            return _part(other, "value")
    return None


SUMMARY_HEADER = (
    "indicator_id", "title", "reason", "reason_words", "period", "value", "unit", "target",
    "target_words",
)  # fmt: skip


def _summary(sheet: Any, pack: Pack, formats: Formats) -> None:
    """The "At a glance" lines, one row each in the page's order."""
    sheet.write_row(0, 0, SUMMARY_HEADER, formats.bold)
    pis = {pi.id: pi for pi in pack.definitions}
    lines = at_a_glance(pack).lines
    for number, line in enumerate(lines, start=1):
        values = formats.number(number_format(pis.get(line.indicator_id)))
        row = [
            line.indicator_id, line.title, line.reason, line.reason_words, line.period,
            _number(line.value), line.unit, _number(line.target), line.target_text,
        ]  # fmt: skip
        for column, value in enumerate(row):
            style = values if SUMMARY_HEADER[column] in VALUE_COLUMNS else None
            _write(sheet, number, column, value, style)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 50)
    sheet.set_column(2, len(SUMMARY_HEADER) - 1, 16)
    _print_setup(sheet, len(lines), len(SUMMARY_HEADER))
