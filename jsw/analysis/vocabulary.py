"""The one vocabulary of judgements: the words, shapes and colours of every status, SPC icon,
point type, direction of travel and "At a glance" reason.

The packs (PDF, HTML, Word), the spreadsheet and the dashboard all read these tables, so a
judgement reads and looks the same everywhere. No judgement is shown by colour alone: each
has a shape (and the SPC icons a letter) and a word. Every colour here has a contrast of at
least 4.5:1 on white, so it serves for text and icons alike.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Symbol:
    """How one judgement is shown: the word beside it, the shape drawn and its colour."""

    key: str
    word: str  # beside the icon, capitalised: "On target"
    phrase: str  # inside a sentence: "on target"
    shape: str  # circle, triangle, diamond, square, question, lettered circle/square
    colour: str
    letter: str = ""  # drawn inside the SPC icons


GREEN_COLOUR = "#00703c"
AMBER_COLOUR = "#b25e00"  # 4.67:1 on white (the lighter #f47738 is 2.8:1: unreadable)
RED_COLOUR = "#c0221b"
GREY_COLOUR = "#505a5f"
IMPROVEMENT_COLOUR = "#1d70b8"
CONCERN_COLOUR = "#a94f00"
NEUTRAL_COLOUR = "#490092"


def _symbols(*symbols: Symbol) -> dict[str, Symbol]:
    return {symbol.key: symbol for symbol in symbols}


# reports.md: a circle "On target", a triangle "Within tolerance", a diamond "Off target",
# a square "Data only", a question mark "Unknown".
STATUS = _symbols(
    Symbol("green", "On target", "on target", "circle", GREEN_COLOUR),
    Symbol("amber", "Within tolerance", "within tolerance", "triangle", AMBER_COLOUR),
    Symbol("red", "Off target", "off target", "diamond", RED_COLOUR),
    Symbol("data only", "Data only", "data only", "square", GREY_COLOUR),
    Symbol("unknown", "Unknown", "unknown", "question", GREY_COLOUR),
)

# The NHS "Making Data Count" variation icons (the latest point's type): blue for
# improvement, orange for concern, purple for neither, grey for common cause; H or L says
# which side.
VARIATION = _symbols(
    Symbol(
        "common_cause", "Common cause variation", "common cause variation", "circle",
        GREY_COLOUR, "~",
    ),
    Symbol(
        "improvement_high", "Special cause improvement (high)",
        "special cause improvement (high)", "circle", IMPROVEMENT_COLOUR, "H",
    ),
    Symbol(
        "improvement_low", "Special cause improvement (low)",
        "special cause improvement (low)", "circle", IMPROVEMENT_COLOUR, "L",
    ),
    Symbol(
        "concern_high", "Special cause concern (high)", "special cause concern (high)",
        "circle", CONCERN_COLOUR, "H",
    ),
    Symbol(
        "concern_low", "Special cause concern (low)", "special cause concern (low)",
        "circle", CONCERN_COLOUR, "L",
    ),
    Symbol(
        "neutral_high", "Special cause variation (high)", "special cause variation (high)",
        "circle", NEUTRAL_COLOUR, "H",
    ),
    Symbol(
        "neutral_low", "Special cause variation (low)", "special cause variation (low)",
        "circle", NEUTRAL_COLOUR, "L",
    ),
)  # fmt: skip

ASSURANCE = _symbols(
    Symbol(
        "pass", "Target consistently met", "target consistently met", "square",
        IMPROVEMENT_COLOUR, "P",
    ),
    Symbol(
        "fail", "Target consistently not met", "target consistently not met", "square",
        CONCERN_COLOUR, "F",
    ),
    Symbol(
        "inconsistent", "Target may or may not be met", "target may or may not be met",
        "square", GREY_COLOUR, "?",
    ),
)  # fmt: skip

# Each chart point's type: the marker drawn and its words (the charts' key).
POINT_TYPES = _symbols(
    Symbol("common_cause", "Common cause", "common cause", "dot", GREY_COLOUR),
    Symbol(
        "special_cause_improvement", "Special cause: improvement",
        "special cause improvement", "triangle up", IMPROVEMENT_COLOUR,
    ),
    Symbol(
        "special_cause_concern", "Special cause: concern", "special cause concern",
        "triangle down", CONCERN_COLOUR,
    ),
    Symbol(
        "special_cause_neutral_high", "Special cause: high", "special cause (high)",
        "diamond", NEUTRAL_COLOUR,
    ),
    Symbol(
        "special_cause_neutral_low", "Special cause: low", "special cause (low)", "square",
        NEUTRAL_COLOUR,
    ),
)  # fmt: skip

# Why a PI is listed "At a glance": the order of `Needs attention`, then `Improving`.
ATTENTION_REASONS = ("red", "special_cause_concern", "assurance_fail", "amber", "return_missing")
IMPROVING_REASON = "special_cause_improvement"
REASON_WORDS = {
    "red": "Off target",
    "special_cause_concern": "Special cause concern: the latest point is unusual, and worse",
    "assurance_fail": "The process will not meet the target as it stands",
    "amber": "Within tolerance, short of the target",
    "return_missing": "Return not entered",
    "special_cause_improvement": "Special cause improvement: the latest point is unusual, "
    "and better",
}

# Direction of travel: the arrow follows the value (higher, lower, level); the word says
# whether that is better or worse for the PI's direction (reports.md, version 2).
HIGHER, LOWER, LEVEL = "▲", "▼", "►"
TRAVEL_WORDS = ("improving", "worsening", "no change", "higher", "lower")
DIRECTION_WORDS = {"up": "higher is better", "down": "lower is better", "none": "no direction"}


def travel_arrow(word: str, direction: str) -> str:
    """The arrow of a direction-of-travel word for a PI of `direction`: ▲ when the value
    rose, ▼ when it fell, ► when it did not change; blank for a blank word."""
    if not word:
        return ""
    if word == "no change":
        return LEVEL
    if word in ("higher", "lower"):
        return HIGHER if word == "higher" else LOWER
    rose = (word == "improving") == (direction == "up")
    return HIGHER if rose else LOWER


def travel_text(word: str, direction: str) -> str:
    """`▼ improving` for a fall in a lower-is-better PI; blank for a blank word."""
    return f"{travel_arrow(word, direction)} {word}" if word else ""


TRAVEL_KEY = (
    f"{HIGHER} the value rose, {LOWER} it fell, {LEVEL} no change; the word says whether "
    "that is better (improving) or worse (worsening)"
)

STATUS_WORDS = {key: symbol.word for key, symbol in STATUS.items()}
VARIATION_WORDS = {key: symbol.word for key, symbol in VARIATION.items()}
ASSURANCE_WORDS = {key: symbol.word for key, symbol in ASSURANCE.items()}
