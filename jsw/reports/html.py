"""The HTML renderer: one self-contained file (inline CSS, inline SVG charts and icons).

The PDF renderer prints this same HTML, so what a board member reads on screen and on paper
is one document.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from jsw.indicators.export import group_order
from jsw.lib.numbers import plain
from jsw.lib.periods import FREQUENCY_NAMES
from jsw.reports import icons, present
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
from jsw.reports.words import number, with_unit

CSS = Path(__file__).with_name("templates") / "reports" / "pack.css"
DIRECTION_WORDS = {"up": "higher is better", "down": "lower is better", "none": "no direction"}
MARKS = {
    "special_cause_improvement": "▲ improvement",
    "special_cause_concern": "▼ concern",
    "special_cause_neutral_high": "◆ high",
    "special_cause_neutral_low": "■ low",
}


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
        limits = f"{p.lower:.1f} to {p.upper:.1f}"
    return PointLine(
        period=p.period,
        category=present.category_label(p.category),
        value=number(pi, p.value),
        mean="" if p.mean is None else f"{p.mean:.1f}",
        limits=limits,
        mark=MARKS.get(p.point_type, "") + (f" rebase: {p.rebase}" if p.rebase else ""),
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


def _text_table(points: list[PointLine], distribution: bool) -> str:
    """The numbers as aligned lines of text: on paper they read as a table and lay out many
    times faster than one (a pack has forty of them)."""
    if distribution:
        lines = [f"{'Period':<11}{'Outcome':<24}{'Value':>7}"]
        lines += [f"{p.period:<11}{p.category[:23]:<24}{p.value:>7}" for p in points]
    else:
        lines = [f"{'Period':<11}{'Value':>9}  Signal"]
        lines += [f"{p.period:<11}{p.value:>9}  {p.mark}".rstrip() for p in points]
    return "\n".join(lines)


def _limits_notes(pi: Pi, points: list[SeriesPoint]) -> list[str]:
    """One line per SPC group (a rebase starts a new one): its mean and process limits."""
    notes = []
    for index, p in enumerate(points):
        if p.mean is None or (index and not p.rebase):
            continue
        text = f"From {p.period}: mean {p.mean:.1f}"
        if p.lower is not None and p.upper is not None:
            text += f", process limits {p.lower:.1f} to {p.upper:.1f}"
        notes.append(text + (f" (rebased: {p.rebase})" if p.rebase else ""))
    return notes


def _section_pi(row: Row, for_print: bool) -> dict[str, Any]:
    pi = row.pi
    points = [_point(pi, p) for p in row.series]
    return {
        "for_print": for_print,
        "text_table": _text_table(points, pi.kind == "distribution") if for_print else "",
        "limits": _limits_notes(pi, row.series),
        "row": row,
        "line": present.score_line(row),
        "frequency": FREQUENCY_NAMES[pi.frequency],
        "chart": _chart(row, for_print),
        "points": points,
        "has_spc": pi.kind != "distribution",
        "distribution": pi.kind == "distribution",
    }


def _key() -> dict[str, Any]:
    return {
        "statuses": [{"icon": icons.status_icon(s), "word": w} for s, w in STATUS_WORDS.items()],
        "variation": [
            {"icon": icons.variation_icon(v), "word": VARIATION_WORDS[v]}
            for v in ("common_cause", "improvement_high", "concern_low", "neutral_high")
        ],
        "assurance": [
            {"icon": icons.assurance_icon(a), "word": w} for a, w in ASSURANCE_WORDS.items()
        ],
        "chart": icons.CHART_KEY,
    }


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
                lines.append({"label": label, "id": pi.id, "cells": [found.get(g) for g in groups]})
        tables.append(
            {"title": f"By {heading}, {pack.cover.period_words}", "groups": groups, "lines": lines}
        )
    return tables


def _revision_value(pi: Pi | None, value: Any) -> str:
    if value is None:
        return "blank"
    if isinstance(value, str):
        return value
    return with_unit(pi, value) if pi is not None else plain(value)


def context(pack: Pack, for_print: bool = False) -> dict[str, Any]:
    pis = {row.pi.id: row.pi for row in pack.rows}
    definitions = [
        {
            "id": pi.id,
            "title": pi.title,
            "rule": pi.rule,
            "counting": pi.counting,
            "frequency_name": FREQUENCY_NAMES[pi.frequency],
            "direction_words": DIRECTION_WORDS[pi.direction],
        }
        for pi in pack.definitions
    ]
    return {
        "css": SafeString(CSS.read_text(encoding="utf-8")),
        "for_print": for_print,
        "cover": pack.cover,
        "annual": pack.kind == "annual",
        "public_note": present.public_note(pack.threshold, pack.secondary_suppressed),
        "key": _key(),
        "objectives": pack.objectives,
        "scorecard": [
            {
                "number": o.number,
                "title": o.title,
                "lines": [present.score_line(row) for row in o.rows],
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
        "returns_missing": pack.returns_missing,
        "revisions": [
            {
                "indicator_id": r.indicator_id,
                "period": r.period,
                "category": r.category,
                "published": _revision_value(pis.get(r.indicator_id), r.published_value),
                "current": _revision_value(pis.get(r.indicator_id), r.current_value),
                "published_in": r.published_in,
            }
            for r in pack.revisions
        ],
        "definitions": definitions,
        "suppressed": SUPPRESSED,
    }


def render_html(pack: Pack, for_print: bool = False) -> str:
    return render_to_string("reports/pack.html", context(pack, for_print))
