"""The PDF packs as printed: every word inside its page's text area, no two words drawn over
each other, and every figure (chart, icon, sparkline) with a text alternative in the tagged
structure tree (PDF/UA)."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from tests.reports.conftest import QUARTER, YEAR

PACKS = [
    f"jsw-board-pack-{QUARTER}.pdf",
    f"jsw-annual-report-{YEAR}.pdf",
    f"jsw-board-pack-{QUARTER}-public.pdf",
]
# The narrowest side margin of any page (9 mm), less a point for rounding.
SIDE_MARGIN = 9 / 25.4 * 72 - 1
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Word, slack: float = 0.5) -> bool:
        return (
            min(self.x1, other.x1) - max(self.x0, other.x0) > slack
            and min(self.y1, other.y1) - max(self.y0, other.y0) > slack
        )


def pages_and_words(pdf: Path) -> list[tuple[float, float, list[Word]]]:
    done = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    root = ET.fromstring(done.stdout)
    pages = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        words = [
            Word(
                number,
                w.text or "",
                *(float(w.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")),
            )
            for w in page.iter(f"{XHTML}word")
        ]
        pages.append((float(page.get("width", 0)), float(page.get("height", 0)), words))
    return pages


@pytest.mark.parametrize("name", PACKS)
def test_every_word_is_inside_its_page_text_area(packs, name):
    pages = pages_and_words(packs / name)
    assert len(pages) > 5
    outside = [
        (w.page, w.text, round(w.x0), round(w.x1))
        for width, height, words in pages
        for w in words
        if w.x0 < SIDE_MARGIN or w.x1 > width - SIDE_MARGIN or w.y0 < 0 or w.y1 > height
    ]
    assert not outside, outside[:10]


@pytest.mark.parametrize("name", PACKS)
def test_no_word_is_drawn_over_another(packs, name):
    clashes = []
    for _width, _height, words in pages_and_words(packs / name):
        ordered = sorted(words, key=lambda w: w.x0)
        for i, word in enumerate(ordered):
            for other in ordered[i + 1 :]:
                if other.x0 >= word.x1:
                    break
                if word.overlaps(other):
                    clashes.append((word.page, word.text, other.text))
    assert not clashes, clashes[:10]


def figures(pdf: Path) -> list[pikepdf.Dictionary]:
    """Every /Figure element of the structure tree."""
    found = []
    with pikepdf.open(pdf) as document:
        stack = [document.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == pikepdf.Name.Figure:
                    found.append(str(node.get("/Alt", "")))
                kids = node.get("/K")
                if kids is not None:
                    stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    return found


@pytest.mark.parametrize("name", PACKS)
def test_every_figure_in_the_structure_tree_has_alt_text(packs, name):
    alts = figures(packs / name)
    assert len(alts) > 40  # charts, icons, sparklines
    assert all(alt.strip() for alt in alts), sum(1 for alt in alts if not alt.strip())
    assert any(alt.startswith("Chart of ") for alt in alts)
    assert any(alt.startswith("Trend of ") for alt in alts)  # the sparklines
    assert "On target" in alts or "Data only" in alts  # the status icons
