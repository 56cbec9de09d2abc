"""Inline SVG icons for statuses, variation and assurance: each a distinct shape with a
letter or sign, always shown beside its word (never colour alone)."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString

from jsw.analysis import vocabulary
from jsw.reports.model import ASSURANCE_WORDS, STATUS_WORDS, VARIATION_WORDS

STATUS_COLOURS = {key: symbol.colour for key, symbol in vocabulary.STATUS.items()}

_SHAPES = {
    "green": '<circle cx="8" cy="8" r="7" fill="{c}"/>',
    "amber": '<polygon points="8,1 15,15 1,15" fill="{c}"/>',
    "red": '<polygon points="8,0.5 15.5,8 8,15.5 0.5,8" fill="{c}"/>',
    "data only": '<rect x="1.5" y="1.5" width="13" height="13" fill="{c}"/>',
    "unknown": (
        '<circle cx="8" cy="8" r="7" fill="#fff" stroke="{c}" stroke-width="1.5"/>'
        '<text x="8" y="12" font-size="11" font-weight="bold" text-anchor="middle" '
        'fill="{c}" font-family="DejaVu Sans, sans-serif">?</text>'
    ),
}

# (colour, letter) of the Making Data Count icons.
VARIATION = {key: (s.colour, s.letter) for key, s in vocabulary.VARIATION.items()}
ASSURANCE = {key: (s.colour, s.letter) for key, s in vocabulary.ASSURANCE.items()}


def status_icon(status: str) -> SafeString:
    shape = _SHAPES[status].format(c=STATUS_COLOURS[status])
    return SafeString(
        '<svg class="icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" '
        f'focusable="false"><title>{STATUS_WORDS[status]}</title>{shape}</svg>'
    )


def _lettered(colour: str, letter: str, square: bool, title: str) -> SafeString:
    outline = (
        f'<rect x="1" y="1" width="16" height="16" rx="3" fill="#fff" stroke="{colour}" '
        'stroke-width="2"/>'
        if square
        else f'<circle cx="9" cy="9" r="8" fill="#fff" stroke="{colour}" stroke-width="2"/>'
    )
    return format_html(
        '<svg class="icon" width="16" height="16" viewBox="0 0 18 18" aria-hidden="true" '
        'focusable="false"><title>{}</title>{}<text x="9" y="13" font-size="10" '
        'font-weight="bold" text-anchor="middle" fill="{}" '
        'font-family="DejaVu Sans, sans-serif">{}</text></svg>',
        title,
        SafeString(outline),
        colour,
        letter,
    )


def variation_icon(name: str) -> SafeString:
    colour, letter = VARIATION[name]
    return _lettered(colour, letter, square=False, title=VARIATION_WORDS[name])


def assurance_icon(name: str) -> SafeString:
    colour, letter = ASSURANCE[name]
    return _lettered(colour, letter, square=True, title=ASSURANCE_WORDS[name])


def _key_item(drawing: str, words: str) -> dict[str, SafeString | str]:
    return {
        "icon": SafeString(
            '<svg class="icon" width="22" height="12" viewBox="0 0 22 12" aria-hidden="true" '
            f'focusable="false"><title>{words}</title>{drawing}</svg>'
        ),
        "word": words,
    }


# The lines and markers of the trend charts (charts.MARKERS), for the chart key.
_GREY, _BETTER = vocabulary.GREY_COLOUR, vocabulary.IMPROVEMENT_COLOUR
_WORSE, _NEITHER = vocabulary.CONCERN_COLOUR, vocabulary.NEUTRAL_COLOUR
_WORDS = {key: symbol.word for key, symbol in vocabulary.POINT_TYPES.items()}
CHART_KEY = [
    _key_item('<line x1="1" y1="6" x2="21" y2="6" stroke="#555" stroke-width="1.5"/>'
              f'<circle cx="11" cy="6" r="2.5" fill="{_GREY}"/>', "Value (common cause)"),
    _key_item('<line x1="1" y1="6" x2="21" y2="6" stroke="#333" stroke-width="1.5"/>', "Mean"),
    _key_item('<line x1="1" y1="6" x2="21" y2="6" stroke="#777" stroke-width="1.5" '
              'stroke-dasharray="4 2"/>', "Process limits"),
    _key_item('<line x1="1" y1="6" x2="21" y2="6" stroke="#b10e1e" stroke-width="2" '
              'stroke-dasharray="1.5 2"/>', "Target"),
    _key_item(f'<polygon points="11,1 16,11 6,11" fill="{_BETTER}" stroke="#000" '
              'stroke-width="0.5"/>', _WORDS["special_cause_improvement"]),
    _key_item(f'<polygon points="6,1 16,1 11,11" fill="{_WORSE}" stroke="#000" '
              'stroke-width="0.5"/>', _WORDS["special_cause_concern"]),
    _key_item(f'<polygon points="11,0.5 16,6 11,11.5 6,6" fill="{_NEITHER}" stroke="#000" '
              'stroke-width="0.5"/>', _WORDS["special_cause_neutral_high"]),
    _key_item(f'<rect x="6.5" y="1.5" width="9" height="9" fill="{_NEITHER}" stroke="#000" '
              'stroke-width="0.5"/>', _WORDS["special_cause_neutral_low"]),
    _key_item('<line x1="11" y1="0" x2="11" y2="12" stroke="#000" stroke-width="1.5"/>',
              "Rebase"),
]  # fmt: skip
