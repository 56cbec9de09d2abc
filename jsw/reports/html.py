"""The HTML renderer: one self-contained file (inline CSS, inline SVG charts and icons).

The PDF renderer prints this same HTML, so what a board member reads on screen and on paper
is one document.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
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


def _section_pi(row: Row) -> dict[str, Any]:
    pi = row.pi
    return {
        "row": row,
        "line": present.score_line(row),
        "frequency": FREQUENCY_NAMES[pi.frequency],
        "chart": mark_safe(row.chart_svg),  # noqa: S308  (our own matplotlib SVG)
        "points": [_point(pi, p) for p in row.series],
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


def context(pack: Pack) -> dict[str, Any]:
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
            {"number": o.number, "title": o.title, "pis": [_section_pi(r) for r in o.rows]}
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


def render_html(pack: Pack) -> str:
    return render_to_string("reports/pack.html", context(pack))
