"""The HTML renderer: one self-contained file (inline CSS, inline SVG charts and icons).

The PDF renderer prints this same HTML, so what a board member reads on screen and on paper
is one document.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from jsw.analysis.vocabulary import TRAVEL_KEY
from jsw.framework.kinds import kind_of
from jsw.indicators.export import group_order
from jsw.lib.numbers import plain
from jsw.lib.periods import FREQUENCY_NAMES
from jsw.reports import icons, present
from jsw.reports.glance import at_a_glance
from jsw.reports.model import (
    ASSURANCE_WORDS,
    STATUS_WORDS,
    SUPPRESSED,
    VARIATION_WORDS,
    Pack,
    Pi,
    Row,
    SeriesPoint,
)
from jsw.reports.words import DIRECTION_WORDS, group_label, number, unit_of, with_unit

CSS = Path(__file__).with_name("templates") / "reports" / "pack.css"
MARKS = {
    "special_cause_improvement": "▲ improvement",
    "special_cause_concern": "▼ concern",
    "special_cause_neutral_high": "◆ high",
    "special_cause_neutral_low": "■ low",
}
# The chart key's items (icons.CHART_KEY, in order), by what a chart draws.
CHART_ITEMS = (
    "value", "mean", "limits", "target", "special_cause_improvement", "special_cause_concern",
    "special_cause_neutral_high", "special_cause_neutral_low", "rebase",
)  # fmt: skip


@dataclass
class PointLine:
    period: str
    category: str
    value: str
    mean: str
    limits: str
    mark: str
    css: str


def _point(pi: Pi, p: SeriesPoint) -> PointLine:
    limits = ""
    if p.lower is not None and p.upper is not None:
        limits = f"{with_unit(pi, p.lower)} to {with_unit(pi, p.upper)}"
    mark = " · ".join(m for m in (MARKS.get(p.point_type, ""), "rebase" if p.rebase else "") if m)
    return PointLine(
        period=p.period,
        category=present.category_label(p.category),
        value=number(pi, p.value),  # the unit is in the column's heading
        mean=with_unit(pi, p.mean),
        limits=limits,
        mark=mark,
        css="special" if p.point_type in MARKS else "",
    )


def _chart(row: Row, for_print: bool) -> SafeString:
    """The chart inline for screens; for print, the same SVG as an image (WeasyPrint draws
    it as vectors without cascading the page's styles over every path: several times
    faster)."""
    if not row.chart_svg:
        return SafeString("")
    if not for_print:
        return mark_safe(row.chart_svg)  # noqa: S308  (our own matplotlib SVG)
    data = base64.b64encode(row.chart_svg.encode("utf-8")).decode("ascii")
    return format_html('<img class="chart-image" alt="{}" src="data:image/svg+xml;base64,{}">',
                       row.chart_text, data)  # fmt: skip


def _matrix(points: list[PointLine]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """A distribution's values as a table: a row per category, a column per period."""
    periods = sorted({p.period for p in points})
    found = {(p.category, p.period): p.value for p in points}
    categories = list(dict.fromkeys(p.category for p in points))
    return periods, [(c, [found.get((c, p), "") for p in periods]) for c in categories]


def value_heading(pi: Pi) -> str:
    """`Value (%)`, `Value (days)`: the unit of a table's values, said once."""
    unit = unit_of(pi).strip()
    return f"Value ({unit})" if unit else "Value"


def _text_table(points: list[PointLine], distribution: bool, heading: str = "Value") -> str:
    """The numbers as aligned lines of text: on paper they read as a table and lay out many
    times faster than one (a pack has forty of them)."""
    if distribution:
        periods, rows = _matrix(points)
        width = max([len(label) for label, _ in rows] + [7]) + 1
        lines = [f"{'Outcome':<{width}}" + "".join(f"{p:>9}" for p in periods)]
        lines += [
            f"{label:<{width}}" + "".join(f"{v:>9}" for v in values) for label, values in rows
        ]
    else:
        width = max([len(p.value) for p in points] + [len(heading)]) + 1
        lines = [f"{'Period':<11}{heading:>{width}}  Signal"]
        lines += [f"{p.period:<11}{p.value:>{width}}  {p.mark}".rstrip() for p in points]
    return "\n".join(lines)


def _limits_notes(pi: Pi, points: list[SeriesPoint]) -> list[str]:
    """One line per SPC group (a rebase starts a new one): its mean and process limits."""
    notes = []
    for index, p in enumerate(points):
        if p.mean is None or (index and not p.rebase):
            continue
        text = f"From {p.period}: mean {with_unit(pi, p.mean)}"
        if p.lower is not None and p.upper is not None:
            text += f", process limits {with_unit(pi, p.lower)} to {with_unit(pi, p.upper)}"
        notes.append(text + (" (after the rebase)" if p.rebase else ""))
    return notes


def _section_pi(row: Row, for_print: bool) -> dict[str, Any]:
    pi = row.pi
    points = [_point(pi, p) for p in row.series]
    return {
        "for_print": for_print,
        "text_table": _text_table(points, kind_of(pi.kind).by_category, value_heading(pi))
        if for_print
        else "",
        "value_heading": value_heading(pi),
        "matrix": _matrix(points) if kind_of(pi.kind).by_category else None,
        "limits": _limits_notes(pi, row.series),
        "row": row,
        "line": present.score_line(row),
        "frequency": FREQUENCY_NAMES[pi.frequency],
        "chart": _chart(row, for_print),
        "points": points,
        "has_spc": not kind_of(pi.kind).by_category,
        "distribution": kind_of(pi.kind).by_category,
        "key": key(rows=[row], chart=True, scorecard=False),
    }


def _chart_items(row: Row) -> set[str]:
    """What the row's trend chart draws (a distribution has its own legend)."""
    if not row.chart_svg or kind_of(row.pi.kind).by_category or not row.series:
        return set()
    drawn = {"value"} | {p.point_type for p in row.series if p.point_type in MARKS}
    if any(p.mean is not None for p in row.series):
        drawn.add("mean")
    if any(p.lower is not None for p in row.series):
        drawn.add("limits")
    if row.target is not None:
        drawn.add("target")
    if any(p.rebase for p in row.series):
        drawn.add("rebase")
    return drawn


def key(rows: list[Row], *, chart: bool, scorecard: bool) -> dict[str, Any]:
    """The key to the symbols these rows show on the page, and to no others."""
    lines = [present.score_line(row) for row in rows]
    statuses = {row.status for row, line in zip(rows, lines, strict=True) if line.status.word}
    used: dict[str, Any] = {
        "statuses": [
            {"icon": icons.status_icon(s), "word": w}
            for s, w in STATUS_WORDS.items()
            if s in statuses
        ]
    }
    if scorecard:
        variations = {row.variation for row in rows if row.variation}
        assurances = {row.assurance for row in rows if row.assurance}
        used["variation"] = [
            {"icon": icons.variation_icon(v), "word": w}
            for v, w in VARIATION_WORDS.items()
            if v in variations
        ]
        used["assurance"] = [
            {"icon": icons.assurance_icon(a), "word": w}
            for a, w in ASSURANCE_WORDS.items()
            if a in assurances
        ]
        used["travel"] = any(line.travel_previous or line.travel_year for line in lines)
        used["trial"] = any(line.variation.word == "Trial limits" for line in lines)
    if chart:
        drawn = set().union(*(_chart_items(row) for row in rows))
        used["chart"] = [
            item for name, item in zip(CHART_ITEMS, icons.CHART_KEY, strict=True) if name in drawn
        ]
    used["travel_words"] = TRAVEL_KEY
    return used


def _breakdown_tables(pack: Pack) -> list[dict[str, Any]]:
    """One table per breakdown: a row per PI (and category), a column per group."""
    tables = []
    for name, heading in (("sex", "sex"), ("age", "age band"), ("team", "team")):
        mine = [t for t in pack.breakdowns if t.breakdown == name]
        if not mine:
            continue
        groups = sorted({c.key.group for t in mine for c in t.cells}, key=group_order)
        lines = []
        for table in mine:
            pi = table.pi
            by_category: dict[str, dict[str, present.Shown]] = {}
            for cell in table.cells:
                by_category.setdefault(cell.key.category, {})[cell.key.group] = present.shown(
                    pi, cell
                )
            for category, found in by_category.items():
                label = pi.title + (f": {present.category_label(category)}" if category else "")
                lines.append({"label": label, "cells": [found.get(g) for g in groups]})
        tables.append(
            {
                "title": f"By {heading}, {pack.cover.period_words}",
                "groups": [group_label(name, g) for g in groups],
                "lines": lines,
            }
        )
    return tables


def _revision_value(pi: Pi | None, value: Any) -> str:
    if value is None:
        return "blank"
    if isinstance(value, str):
        return value
    return with_unit(pi, value) if pi is not None else plain(value)


def glance_context(pack: Pack) -> dict[str, Any]:
    """The "At a glance" page: status counts with icon and word, the lines, the revisions."""
    glance = at_a_glance(pack)
    statuses = [
        {"icon": icons.status_icon(s), "word": STATUS_WORDS[s], "count": n}
        for s, n in glance.statuses
    ]
    return {
        "total": sum(n for _, n in glance.statuses),
        "statuses": statuses,
        "attention": glance.attention,
        "improving": glance.improving,
        "revised": glance.revised,
        "suppressed": glance.suppressed,
        "key": {"statuses": [{"icon": s["icon"], "word": s["word"]} for s in statuses]},
    }


def context(pack: Pack, for_print: bool = False) -> dict[str, Any]:
    pis = {row.pi.id: row.pi for row in pack.rows}
    definitions = [
        {
            "id": pi.id,
            "title": pi.title,
            "rule": pi.rule,
            "frequency_name": FREQUENCY_NAMES[pi.frequency],
            "direction_words": DIRECTION_WORDS[pi.direction],
        }
        for pi in pack.definitions
    ]
    titles = {pi.id: pi.title for pi in pack.definitions}
    return {
        "css": SafeString(CSS.read_text(encoding="utf-8")),
        "for_print": for_print,
        "cover": pack.cover,
        "annual": pack.kind == "annual",
        "public_note": present.public_note(pack.threshold, pack.secondary_suppressed),
        "glance": glance_context(pack),
        "objectives": pack.objectives,
        "scorecard": [
            {
                "number": o.number,
                "title": o.title,
                "lines": [present.score_line(row) for row in o.rows],
                "key": key(o.rows, chart=False, scorecard=True),
            }
            for o in pack.objectives
        ],
        "sections": [
            {
                "number": o.number,
                "title": o.title,
                "pis": [_section_pi(r, for_print) for r in o.rows],
            }
            for o in pack.objectives
        ],
        "breakdowns": _breakdown_tables(pack),
        "quality": pack.quality,
        "returns_missing": [(titles.get(i, i), p) for i, p in pack.returns_missing],
        "revisions": [
            {
                "title": titles.get(r.indicator_id, r.indicator_id),
                "indicator_id": r.indicator_id,
                "period": r.period,
                "category": present.category_label(r.category),
                "published": _revision_value(pis.get(r.indicator_id), r.published_value),
                "current": _revision_value(pis.get(r.indicator_id), r.current_value),
                "published_in": r.published_in,
            }
            for r in pack.revisions
        ],
        "definitions": definitions,
        "suppressed": SUPPRESSED,
    }


_INLINE_SVG = re.compile(r"<svg\b([^>]*)>(.*?)</svg>", re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_CLASS = re.compile(r'\bclass="([^"]*)"')


def _as_image(match: re.Match[str]) -> str:
    """An inline SVG (icon, sparkline) as an <img> with its title as alt text: WeasyPrint
    parses each distinct image once and does not cascade the page's styles into it (a pack
    has hundreds of icons), and tags it as a figure with that alt text."""
    attributes, body = match.group(1), match.group(2)
    title = _TITLE.search(body)
    if "xmlns=" not in attributes:
        attributes = ' xmlns="http://www.w3.org/2000/svg"' + attributes
    data = base64.b64encode(f"<svg{attributes}>{body}</svg>".encode()).decode("ascii")
    css = _CLASS.search(attributes)
    return str(
        format_html(
            '<img class="{}" alt="{}" src="data:image/svg+xml;base64,{}">',
            css.group(1) if css else "",
            html.unescape(title.group(1)) if title else "",
            data,
        )
    )


def render_html(pack: Pack, for_print: bool = False) -> str:
    page = render_to_string("reports/pack.html", context(pack, for_print))
    return _INLINE_SVG.sub(_as_image, page) if for_print else page
