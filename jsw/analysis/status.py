"""Status against a target and direction of travel (reports.md, "Targets and status"); pure.

Also the words and shapes of every status and SPC icon, so that the board pack, the
dashboard and the spreadsheet never show a judgement by colour alone and all say it alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

GREEN, AMBER, RED, DATA_ONLY, UNKNOWN = "green", "amber", "red", "data only", "unknown"
STATUSES = (GREEN, AMBER, RED, DATA_ONLY, UNKNOWN)
DIRECTIONS = ("up", "down", "none")


def status(
    value: Decimal | None, target: Decimal | None, amber: Decimal | None, direction: str
) -> str:
    """The status of a stored (rounded) value against its target and amber tolerance."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    if value is None:
        return UNKNOWN
    if direction == "none" or target is None:
        return DATA_ONLY
    tolerance = amber or Decimal(0)
    if direction == "up":
        return GREEN if value >= target else AMBER if value >= target - tolerance else RED
    return GREEN if value <= target else AMBER if value <= target + tolerance else RED


def travel(value: Decimal | None, other: Decimal | None, direction: str) -> str | None:
    """value compared with an earlier one: improving/worsening/no change, or higher/lower."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    if value is None or other is None:
        return None
    if value == other:
        return "no change"
    higher = value > other
    if direction == "none":
        return "higher" if higher else "lower"
    return "improving" if higher == (direction == "up") else "worsening"


@dataclass(frozen=True)
class Symbol:
    """How a judgement is shown: its key, the words beside it and the shape drawn."""

    key: str
    words: str
    shape: str
    colour: str  # a hint for renderers; never the only signal


STATUS_SYMBOLS: dict[str, Symbol] = {
    GREEN: Symbol(GREEN, "On target", "circle", "#00703c"),
    AMBER: Symbol(AMBER, "Within tolerance", "triangle", "#f47738"),
    RED: Symbol(RED, "Off target", "diamond", "#d4351c"),
    DATA_ONLY: Symbol(DATA_ONLY, "Data only", "square", "#505a5f"),
    UNKNOWN: Symbol(UNKNOWN, "Unknown", "question mark", "#b1b4b6"),
}

# NHS "Making Data Count" icons: orange for concern, blue for improvement, purple for
# neutral, grey for common cause; the letter H or L and the shape carry the meaning too.
VARIATION_SYMBOLS: dict[str, Symbol] = {
    "common_cause": Symbol("common_cause", "Common cause variation", "circle", "#7b7d7d"),
    "improvement_high": Symbol(
        "improvement_high", "Special cause: improvement (high)", "circle H", "#00b0f0"
    ),
    "improvement_low": Symbol(
        "improvement_low", "Special cause: improvement (low)", "circle L", "#00b0f0"
    ),
    "concern_high": Symbol("concern_high", "Special cause: concern (high)", "circle H", "#e46c0a"),
    "concern_low": Symbol("concern_low", "Special cause: concern (low)", "circle L", "#e46c0a"),
    "neutral_high": Symbol("neutral_high", "Special cause: neither (high)", "circle H", "#490092"),
    "neutral_low": Symbol("neutral_low", "Special cause: neither (low)", "circle L", "#490092"),
}

ASSURANCE_SYMBOLS: dict[str, Symbol] = {
    "pass": Symbol("pass", "Consistently meets the target", "circle P", "#00b0f0"),
    "fail": Symbol("fail", "Consistently misses the target", "circle F", "#e46c0a"),
    "inconsistent": Symbol(
        "inconsistent", "Sometimes meets, sometimes misses the target", "circle ?", "#7b7d7d"
    ),
    "none": Symbol("none", "No target to assure against", "none", "#ffffff"),
}

# The words of each point type, for chart keys and the drafted reading.
POINT_TYPE_WORDS: dict[str, str] = {
    "common_cause": "common cause variation",
    "special_cause_improvement": "special cause variation: improvement",
    "special_cause_concern": "special cause variation: concern",
    "special_cause_neutral_high": "special cause variation: high",
    "special_cause_neutral_low": "special cause variation: low",
}
