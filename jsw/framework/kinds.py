"""The kinds of PI, in one registry: what each needs in its definition and how it reads.

The catalogue's rules, the plain-English rendering, the engine and the exports all ask this
registry rather than branching on a kind's name. It knows nothing of the engine (whose tally
per kind is kept in the engine), only what a kind *is*.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The optional parts of a definition that depend on the kind.
PARTS = ("amount", "deadline", "event", "ends", "property", "category")


@dataclass(frozen=True)
class Kind:
    name: str
    # The definition parts this kind must have, and those it may have besides.
    needs: tuple[str, ...]
    may: tuple[str, ...] = ()
    # Counted from the records (has a definition), or entered for the period (a return).
    counted: bool = True
    # Its cell is a share: numerator of denominator, and a percentage.
    share: bool = False
    # One share per category and no single value: no target, status, travel or SPC chart.
    by_category: bool = False
    # A total of an amount (hours, days): may have decimals, unlike a count.
    total: bool = False
    # A mean: a total over a number of items.
    mean: bool = False
    # Broken down by sex, age band and team as well as overall.
    breakdowns: bool = False
    # The parts of its figures that count people or things (`numerator`, `denominator`,
    # `value`), which disclosure control hides when small; a count's numerator is its value.
    counted_parts: tuple[str, ...] = ()
    # A share of one population with a "not met" complement (denominator - numerator) that a
    # reader can work out, unlike a distribution, whose categories share a total.
    complement: bool = False
    # `count: people` is allowed.
    counts_people: bool = False
    # How the value is written: a percentage, a plain number.
    unit: Literal["percent", "number"] = "number"
    # How a cell's value is described in words.
    value_words: str = ""
    # The plain-English definition, filled in by `describe` from the definition's parts:
    # {items} what is counted, {when} how an item belongs to the period, {who} "people
    # with " and {once} when people are counted, {amount}, {deadline}, {event}, {ends}, {having},
    # {category} and {codes}.
    sentence: str = ""
    # How long the engine takes over a PI of this kind, relative to the others: the costliest
    # are handed to the parallel workers first, so that none is left with a long one at the end.
    cost: int = 0

    @property
    def takes(self) -> tuple[str, ...]:
        return self.needs + self.may


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "count",
            cost=5,
            needs=(),
            breakdowns=True,
            counted_parts=("value",),
            counts_people=True,
            value_words="the number counted",
            sentence="The number of {who}{items} {when}{once}.",
        ),
        Kind(
            "sum",
            cost=2,
            needs=("amount",),
            total=True,
            value_words="the total",
            sentence="The total {amount} of {items} {when}.",
        ),
        Kind(
            "timeliness",
            cost=7,
            needs=("deadline", "event"),
            may=("ends",),
            share=True,
            breakdowns=True,
            counted_parts=("numerator", "denominator"),
            complement=True,
            unit="percent",
            value_words="the percentage on time (met of due)",
            sentence=(
                "Of the {items} whose deadline ({deadline}) falls in the period, the "
                "percentage whose {event} is on or before the deadline.{ends}"
            ),
        ),
        Kind(
            "proportion",
            cost=6,
            needs=("property",),
            share=True,
            breakdowns=True,
            counted_parts=("numerator", "denominator"),
            complement=True,
            unit="percent",
            value_words="the percentage with the property (of the population)",
            sentence="Of the {items} {when}, the percentage {having}.",
        ),
        Kind(
            "mean",
            cost=4,
            needs=("amount",),
            mean=True,
            counted_parts=("denominator",),
            value_words="the average (total over the number of items)",
            sentence="The average {amount}, over the {items} {when}.",
        ),
        Kind(
            "distribution",
            cost=3,
            needs=("category",),
            share=True,
            by_category=True,
            counted_parts=("numerator", "denominator"),
            unit="percent",
            value_words="each category's percentage of the items",
            sentence="The share of the {items} {when}, by {category}: {codes}.",
        ),
        Kind(
            "return",
            cost=1,
            needs=(),
            counted=False,
            value_words="the figure entered",
            sentence=(
                "A figure the service enters for the period (a return), not counted from "
                "the records; blank until it is entered."
            ),
        ),
    )
}


def kind_of(name: str) -> Kind:
    """The registry entry (a KeyError for a name the schema would have refused)."""
    return KINDS[name]
