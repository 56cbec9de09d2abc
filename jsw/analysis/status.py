"""Status against a target and direction of travel (reports.md, "Targets and status"); pure.

How each judgement is shown (words, shapes, colours, arrows) is in `vocabulary`.
"""

from __future__ import annotations

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
