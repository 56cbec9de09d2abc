"""The one vocabulary: every judgement has a word, a shape and a readable colour, and the
arrow of a direction of travel follows the value (reports.md, version 2)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jsw.analysis import vocabulary
from jsw.analysis.spc import ASSURANCES, POINT_TYPES, VARIATION_ICONS
from jsw.analysis.status import STATUSES, travel


def test_every_status_and_icon_has_words_and_a_shape():
    assert list(vocabulary.STATUS) == list(STATUSES)
    assert set(vocabulary.VARIATION) == set(VARIATION_ICONS)
    assert set(vocabulary.ASSURANCE) == set(ASSURANCES) - {"none"}
    assert set(vocabulary.POINT_TYPES) == set(POINT_TYPES)
    shapes = [vocabulary.STATUS[s].shape for s in STATUSES]
    assert len(set(shapes)) == len(shapes)  # statuses differ by shape, not colour alone
    words = [(s.key, s.word, s.shape) for s in vocabulary.STATUS.values()]
    assert words == [
        ("green", "On target", "circle"),
        ("amber", "Within tolerance", "triangle"),
        ("red", "Off target", "diamond"),
        ("data only", "Data only", "square"),
        ("unknown", "Unknown", "question"),
    ]
    letters = [(s.colour, s.letter) for s in vocabulary.VARIATION.values()]
    assert len(set(letters)) == len(letters)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


SYMBOLS = [
    *vocabulary.STATUS.values(),
    *vocabulary.VARIATION.values(),
    *vocabulary.ASSURANCE.values(),
    *vocabulary.POINT_TYPES.values(),
]


@pytest.mark.parametrize("symbol", SYMBOLS, ids=lambda s: s.key)
def test_every_colour_is_readable_as_text_on_white(symbol):
    # WCAG 2.1 contrast ratio against white (luminance 1): 4.5:1 for text.
    assert 1.05 / (_luminance(symbol.colour) + 0.05) >= 4.5


def test_one_amber():
    assert vocabulary.STATUS["amber"].colour == "#b25e00"


@pytest.mark.parametrize(
    ("now", "before", "direction", "shown"),
    [
        ("134.9", "139.3", "down", "▼ improving"),  # reports.md: a fall in average days
        ("6.6", "6.0", "down", "▲ worsening"),
        ("81.2", "78.0", "up", "▲ improving"),
        ("70", "78", "up", "▼ worsening"),
        ("234", "250", "none", "▼ lower"),
        ("260", "250", "none", "▲ higher"),
        ("5", "5", "up", "► no change"),
        ("5", "5", "none", "► no change"),
    ],
)
def test_the_arrow_follows_the_value_and_the_word_says_better_or_worse(
    now, before, direction, shown
):
    word = travel(Decimal(now), Decimal(before), direction)
    assert vocabulary.travel_text(word, direction) == shown


def test_no_arrow_without_a_word():
    assert vocabulary.travel_text("", "up") == ""
