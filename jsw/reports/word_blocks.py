"""The Word pack's generated blocks: At a glance, scorecard, one section per objective and the
annexes, each a sub-document that the template places with a `{{p name }}` placeholder.

The words are the HTML/PDF pack's own (`html.context`, `present`, `words`): Word shows what
the PDF shows, `[c]` included. Headings use the template's Heading styles, tables are real
Word tables with a caption above, and every chart is a PNG with its text alternative.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from jsw.analysis.vocabulary import STATUS
from jsw.framework.kinds import kind_of
from jsw.reports import present
from jsw.reports.draw import chart_png
from jsw.reports.glance import Glance, Line, at_a_glance
from jsw.reports.html import MARKS
from jsw.reports.model import Pack, Row
from jsw.reports.periods import short
from jsw.reports.words import number

TEXT_WIDTH = Cm(16.0)  # A4 less 2.5 cm margins
CHART_WIDTH = Cm(14.0)
TABLE_FONT = Pt(8)
GLYPHS = {"circle": "●", "triangle": "▲", "diamond": "◆", "square": "■", "question": "?"}
HEADER_SHADE = "E7EAEE"  # a light grey behind header rows (black text: 15:1)
NO_VALUE = "\u2013"  # an en dash: no figure


@dataclass
class Counter:
    """Numbers the captions of one document: Table 1, Figure 1, ..."""

    tables: int = 0
    figures: int = 0


class Writer:
    """Adds headings, paragraphs, tables and charts to one sub-document."""

    def __init__(self, subdoc: Any, counter: Counter, level: int) -> None:
        self.doc = subdoc
        self.counter = counter
        self.level = level  # the level of this block's top headings (1, or 2 in an appendix)

    def heading(self, text: str, depth: int = 0, *, new_page: bool = False) -> None:
        heading = self.doc.add_heading(text, level=min(self.level + depth, 9))
        heading.paragraph_format.page_break_before = new_page

    def para(self, text: str = "", *, bold: str = "", style: str | None = None) -> Any:
        paragraph = self.doc.add_paragraph(style=style)
        if bold:
            paragraph.add_run(bold).bold = True
        if text:
            paragraph.add_run(text)
        return paragraph

    def status(self, paragraph: Any, status: str, word: str | None = None) -> None:
        """The status's shape in its colour, then its word: never colour alone."""
        symbol = STATUS[status]
        glyph = paragraph.add_run(GLYPHS[symbol.shape] + " ")
        glyph.font.color.rgb = RGBColor.from_string(symbol.colour.lstrip("#").upper())
        paragraph.add_run(word if word is not None else symbol.word)

    def bullets(self, lines: Sequence[str]) -> None:
        for line in lines:
            self.doc.add_paragraph(line, style="List Bullet")

    def caption(self, kind: str, text: str) -> None:
        if kind == "Table":
            self.counter.tables += 1
            count = self.counter.tables
        else:
            self.counter.figures += 1
            count = self.counter.figures
        paragraph = self.doc.add_paragraph(f"{kind} {count}: {text}", style="Caption")
        if kind == "Table":
            paragraph.paragraph_format.keep_with_next = True

    def table(
        self,
        caption: str,
        header: Sequence[str],
        rows: Sequence[Sequence[str | Cell | None]],
        widths: Sequence[float],
    ) -> Any:
        """A captioned table with a repeated header row; `widths` in cm. A `None` cell is
        merged into the cell on its left (a distribution's outcomes across three columns)."""
        self.caption("Table", caption)
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for index, width in enumerate(widths):
            table.columns[index].width = Cm(width)
        _repeat_header(table.rows[0])
        for cells, texts in zip(table.rows, [list(header), *rows], strict=True):
            _row_property(cells, "w:cantSplit")  # a row is never cut at a page's foot
            for index, (cell, text) in enumerate(zip(cells.cells, texts, strict=True)):
                cell.width = Cm(widths[index])
                if text is None:
                    cells.cells[index - 1].merge(cell)
                else:
                    _fill(cell, text, bold=cells is table.rows[0], writer=self)
        for cell in table.rows[0].cells:
            _shade(cell, HEADER_SHADE)
        self.doc.add_paragraph()
        return table

    def chart(self, row: Row) -> None:
        shape = self.doc.add_picture(io.BytesIO(chart_png(row)), width=CHART_WIDTH)
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", row.chart_text)
        doc_pr.set("name", f"Chart: {row.pi.title}")
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        span = f"{short(row.series[0].period)} to {short(row.series[-1].period)}"
        self.caption("Figure", f"{row.pi.title}: trend, {span}")


@dataclass
class Cell:
    """A table cell with a status mark before its text."""

    text: str
    status: str = ""


def _fill(cell: Any, text: str | Cell, *, bold: bool, writer: Writer) -> None:
    paragraph = cell.paragraphs[0]
    if isinstance(text, Cell):
        if text.status:
            writer.status(paragraph, text.status, text.text)
        else:
            paragraph.add_run(text.text)
    else:
        run = paragraph.add_run()
        for index, line in enumerate(text.split("\n")):
            if index:
                run.add_break()
            run.add_text(line)
        run.bold = bold
    for run in paragraph.runs:
        run.font.size = TABLE_FONT


def _shade(cell: Any, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row: Any) -> None:
    """The header row repeats on every page the table runs over."""
    _row_property(row, "w:tblHeader")


def _row_property(row: Any, name: str) -> None:
    mark = OxmlElement(name)
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


# --- the blocks ------------------------------------------------------------------------


def scorecard(writer: Writer, pack: Pack, context: dict[str, Any]) -> None:
    annual = pack.kind == "annual"
    writer.heading(f"Scorecard: {pack.cover.period_words}", new_page=True)
    writer.para(
        "Each indicator's latest value, its comparisons and the judgements drawn from it. "
        "A status is shown by a shape and a word: ● On target, ▲ Within tolerance, "
        "◆ Off target, ■ Data only, ? Unknown."
    )
    if annual:
        header = ["Indicator", "Year", "Quarters or halves", "Previous year", "Target",
                  "Status", "Travel", "Signals"]  # fmt: skip
        widths = [2.9, 2.2, 2.3, 2.0, 1.8, 1.7, 1.6, 1.5]
    else:
        header = ["Indicator", "Value", "Previous period", "Same period last year", "Target",
                  "Status", "Travel: previous; year", "Signals"]  # fmt: skip
        widths = [2.9, 2.2, 2.1, 2.1, 1.8, 1.7, 1.7, 1.5]
    for objective in context["scorecard"]:
        rows = [_score_row(line, annual) for line in objective["lines"]]
        writer.table(f"Objective {objective['number']}: {objective['title']}", header, rows,
                     widths)  # fmt: skip


def _figures(pairs: list[tuple[str, present.Shown]]) -> str:
    return "\n".join(
        f"{label + ': ' if label else ''}{shown or NO_VALUE}" for label, shown in pairs
    )


def _score_row(line: present.ScoreLine, annual: bool) -> list[str | Cell | None]:
    row = line.row
    signals = "; ".join(w for w in (line.variation.word, line.assurance.word) if w)
    status = Cell(line.status.word, row.status if line.status.word else "")
    if line.part_counts:  # a year without a whole-year target: its periods' statuses
        status.text += f"\n{line.part_counts}"
    travel = "; ".join(t for t in (line.travel_previous, line.travel_year) if t)
    if kind_of(row.pi.kind).by_category:  # its outcomes, across the three value columns
        outcomes = " · ".join(f"{label} {shown or NO_VALUE}" for label, shown in line.figures)
        return [row.pi.title, outcomes, None, None, line.target or NO_VALUE, status,
                travel, signals]  # fmt: skip
    if annual:
        parts = " · ".join(p.value or NO_VALUE for p in line.parts)
        return [row.pi.title, _figures(line.figures), parts, _figures(line.previous),
                line.target or NO_VALUE, status, line.travel_previous, signals]  # fmt: skip
    return [row.pi.title, _figures(line.figures), _figures(line.previous),
            _figures(line.last_year), line.target or NO_VALUE, status, travel,
            signals]  # fmt: skip


CHART_KEY = (
    "In each chart the grey line and dots are the values, the solid line the mean, the dashed "
    "lines the process limits and the dotted red line the target; a vertical line marks a "
    "rebase. Special-cause points: ▲ improvement (blue), ▼ concern (orange), ◆ high and "
    "■ low (purple: the indicator has no better direction). Trial limits are worked out "
    "from fewer than 13 points. Each chart's values are in the table below it."
)


def sections(writer: Writer, pack: Pack, context: dict[str, Any]) -> None:
    for index, objective in enumerate(context["sections"]):
        writer.heading(f"Objective {objective['number']}: {objective['title']}", new_page=True)
        if not index:
            writer.para(CHART_KEY, bold="Reading the charts. ")
        for item in objective["pis"]:
            _pi_section(writer, item)


def _pi_section(writer: Writer, item: dict[str, Any]) -> None:
    row: Row = item["row"]
    line: present.ScoreLine = item["line"]
    writer.heading(row.pi.title, depth=1)
    paragraph = writer.para()
    if line.status.word:
        writer.status(paragraph, row.status, line.status.word + ". ")
        paragraph.runs[-1].bold = True
    paragraph.add_run(row.reading + (f"; {line.part_counts}" if line.part_counts else "") + ".")
    paragraph.paragraph_format.keep_with_next = True  # the reading stays with its chart
    if row.series:
        writer.chart(row)
        _numbers(writer, row)
    else:
        writer.para(row.chart_text)
    if item["limits"]:
        writer.para("; ".join(item["limits"]) + ".")
    if row.rebases:
        writer.para("; ".join(f"{short(p)}: {reason}" for p, reason in row.rebases) + ".",
                    bold="Rebased: ")  # fmt: skip
    if row.commentary:
        writer.para(row.commentary, bold="Commentary: ", style="Quote")
        if row.commentary_author:
            writer.para(f"— {row.commentary_author}")


def _numbers(writer: Writer, row: Row) -> None:
    """The series as a grid: a row per year, a column per quarter or half (per outcome for
    a distribution), each value with its special-cause mark."""
    pi = row.pi
    unit = "%" if kind_of(pi.kind).share else pi.unit
    title = f"{pi.title}: values" + (f" ({unit})" if unit else "")
    if kind_of(pi.kind).by_category:
        categories = list(dict.fromkeys(p.category for p in row.series))
        periods = list(dict.fromkeys(p.period for p in row.series))
        found = {(p.period, p.category): number(pi, p.value) for p in row.series}
        header = ["Period", *[present.category_label(c) for c in categories]]
        rows = [[short(period), *[found.get((period, c), NO_VALUE) for c in categories]]
                for period in periods]  # fmt: skip
    else:
        title += " and signals"
        columns = list(dict.fromkeys(p.period[8:] or "Year" for p in row.series))
        years = list(dict.fromkeys(p.period[:7] for p in row.series))
        found = {}
        for p in row.series:
            mark = MARKS.get(p.point_type, "")
            found[(p.period[:7], p.period[8:] or "Year")] = number(pi, p.value) + (
                f"\n{mark}" if mark else ""
            )
        if columns == ["Year"]:  # an annual series: one row of years
            header = ["Year", *years]
            rows = [["Value", *[found[(year, "Year")] for year in years]]]
        else:
            header = ["Year", *columns]
            rows = [[year, *[found.get((year, c), NO_VALUE) for c in columns]] for year in years]
    first = 2.2
    rest = min(3.4, (TEXT_WIDTH.cm - first) / max(1, len(header) - 1))
    writer.table(title, header, rows, [first, *[rest] * (len(header) - 1)])


def annexes(writer: Writer, pack: Pack, context: dict[str, Any]) -> None:
    _breakdowns(writer, pack, context)
    _quality(writer, context)
    _definitions(writer, context)


def _breakdowns(writer: Writer, pack: Pack, context: dict[str, Any]) -> None:
    writer.heading("Breakdowns annex", new_page=True)
    tables = context["breakdowns"]
    if not tables:
        writer.para("No due indicator has breakdowns for this period.")
        return
    writer.para(
        f"Due indicators that have breakdowns, by sex, age band and team, for "
        f"{pack.cover.period_words}. Each group's numerator and denominator are in the "
        "Excel pack's Data sheet."
    )
    for table in tables:
        groups = table["groups"]
        rows = [
            [line["label"], *[(figure.value or NO_VALUE) if figure else NO_VALUE
                              for figure in line["cells"]]]
            for line in table["lines"]
        ]  # fmt: skip
        rest = min(3.0, (TEXT_WIDTH.cm - 5.0) / max(1, len(groups)))
        writer.table(table["title"], ["Indicator", *groups], rows, [5.0, *[rest] * len(groups)])


def _quality(writer: Writer, context: dict[str, Any]) -> None:
    writer.heading("Data quality annex", new_page=True)
    rows = [
        [q.label, *q.counts_text,
         "; ".join(f"{reason} ({n:,})" for reason, n in q.reasons) or NO_VALUE]
        for q in context["quality"]
    ]  # fmt: skip
    if not rows:
        rows = [["No import batches", "", "", ""]]
    writer.table("Rows imported and rejected per table, in the import batches used",
                 ["Table", "Imported", "Rejected", "Commonest reasons for rejection"], rows,
                 [3.0, 1.8, 1.8, 9.4])  # fmt: skip
    writer.heading("Returns not entered", depth=1)
    missing = context["returns_missing"]
    if missing:
        writer.bullets([f"{pi}: {period}" for pi, period in missing])
    else:
        writer.para("Every return the pack shows has been entered.")
    writer.heading("Revised since published", depth=1)
    revisions = context["revisions"]
    if not revisions:
        writer.para("No published figure has been revised.")
        return
    rows = [
        [r["indicator_id"], r["period"], r["category"], r["published"], r["current"],
         r["published_in"]]
        for r in revisions
    ]  # fmt: skip
    writer.table("Figures changed by a later import since a pack showing them was published",
                 ["Indicator", "Period", "Category", "Published", "Now", "Published in"],
                 rows, [3.4, 2.2, 2.6, 2.4, 2.4, 3.0])  # fmt: skip


def _definitions(writer: Writer, context: dict[str, Any]) -> None:
    writer.heading("Definitions annex", new_page=True)
    for pi in context["definitions"]:
        writer.para(
            f" ({pi['id']}; {pi['frequency_name']}; {pi['direction_words']})",
            bold=pi["title"],
        ).paragraph_format.keep_with_next = True
        writer.para(pi["rule"])


def glance_block(writer: Writer, pack: Pack, context: dict[str, Any]) -> None:
    """The page a board member reads first (`glance.at_a_glance`: the PDF's own lines)."""
    glance = at_a_glance(pack)
    writer.heading("At a glance")
    writer.para(
        f"{len(pack.rows)} indicators are due in this {_pack_name(pack)} "
        f"({pack.cover.period_words})."
    )
    rows: list[list[str | Cell]] = [
        [Cell(STATUS[status].word, status), f"{count:,}"] for status, count in glance.statuses
    ]
    writer.table("Due indicators by status", ["Status", "Indicators"], rows, [5.0, 2.5])
    writer.heading("Needs attention", depth=1)
    _lines(writer, glance.attention, "No indicator needs attention.", "Needs attention")
    writer.heading("Improving", depth=1)
    _lines(writer, glance.improving, "No indicator shows a special-cause improvement.",
           "Improving")  # fmt: skip
    glance_notes(writer, glance)


def _lines(writer: Writer, lines: list[Line], none: str, caption: str) -> None:
    if not lines:
        writer.para(none)
        return
    rows = [[line.title, line.value_text or NO_VALUE, line.target_text or NO_VALUE,
             line.reason_words] for line in lines]  # fmt: skip
    writer.table(caption, ["Indicator", "Value", "Target", "Why"], rows, [5.4, 2.0, 3.4, 5.2])


def glance_notes(writer: Writer, glance: Glance) -> None:
    revised = (
        "No published figure has been revised since it was published."
        if not glance.revised
        else f"{glance.revised:,} published figure(s) have been revised since they were "
        "published (see the data quality annex)."
    )
    writer.para(revised)
    if glance.suppressed:
        writer.para(
            f"{glance.suppressed:,} indicator(s) whose value is suppressed ([c]) are left out "
            "of these lists."
        )


def _pack_name(pack: Pack) -> str:
    return "report" if pack.kind == "annual" else "pack"
