"""The report model: a pack as plain dataclasses, built once and rendered by every format.

Everything a renderer shows is here already decided (statuses, travel words, icons, the
reading, which figures are `[c]`); renderers only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jsw.analysis.vocabulary import ASSURANCE_WORDS, STATUS_WORDS, VARIATION_WORDS
from jsw.framework.phrases import table_noun

SUPPRESSED = "[c]"

# The words of each judgement come from the one vocabulary (re-exported for the renderers).
__all__ = ["ASSURANCE_WORDS", "STATUS_WORDS", "SUPPRESSED", "VARIATION_WORDS"]


@dataclass(frozen=True)
class Key:
    """Which figure: a PI's result for a period, category and breakdown group."""

    indicator_id: str
    period: str
    category: str = ""
    breakdown: str = ""
    group: str = ""

    def as_list(self) -> list[str]:
        return [self.indicator_id, self.period, self.category, self.breakdown, self.group]


@dataclass
class Cell:
    """One stored result as the pack shows it; `hidden` names the parts shown as [c]."""

    key: Key
    numerator: Decimal | None = None
    denominator: int | None = None
    value: Decimal | None = None
    people: int | None = None
    hidden: set[str] = field(default_factory=set)
    # Set when the figure is missing altogether (no stored result).
    missing: bool = False
    note: str = ""  # e.g. "2 of 4 quarters entered"

    @property
    def value_hidden(self) -> bool:
        return "value" in self.hidden

    def shown(self, part: str) -> Decimal | int | str | None:
        """The part's number, or `[c]` when it is suppressed; blank stays blank (a `[c]`
        would tell the reader that a small figure exists)."""
        number: Decimal | int | None = getattr(self, part)
        if part in self.hidden and number is not None:
            return SUPPRESSED
        return number


@dataclass
class Pi:
    """What the pack needs to know about a PI from the catalogue."""

    id: str
    title: str
    objective: int
    frequency: str
    kind: str
    direction: str
    unit: str
    counting: str
    rule: str  # the counting rule in plain English (from the definition)
    # The parts of its figures that count people or things (disclosure control).
    counted_parts: tuple[str, ...] = ()
    # Its year is the sum of its quarters or halves (a return that counts things).
    year_is_sum: bool = False


@dataclass
class SeriesPoint:
    period: str
    value: Decimal
    mean: float | None = None
    lower: float | None = None
    upper: float | None = None
    point_type: str = ""
    rebase: str = ""  # the rebase's reason when a rebase starts here
    category: str = ""
    target: Decimal | None = None  # the target that judges this point (for the chart's line)


@dataclass
class Row:
    """One PI in the scorecard, with its section's chart, table, reading and commentary."""

    pi: Pi
    period: str
    current: list[Cell]  # one cell, or one per category for a distribution PI
    previous: list[Cell]
    last_year: list[Cell]
    previous_period: str
    last_year_period: str
    target: Decimal | None
    amber: Decimal | None
    status: str
    travel_previous: str
    travel_year: str
    variation: str  # blank: none shown (no SPC, trial limits, or suppressed)
    assurance: str
    trial: bool
    series: list[SeriesPoint]
    reading: str
    commentary: str = ""
    commentary_author: str = ""
    rebases: list[tuple[str, str]] = field(default_factory=list)
    parts: list[Cell] = field(default_factory=list)  # annual: its quarters or halves
    part_statuses: list[str] = field(default_factory=list)  # the status of each part
    # Annual report, a PI with periods shorter than a year and no whole-year target: how
    # many of the year's periods were green, amber and red (reports.md, version 2).
    part_counts: dict[str, int] | None = None
    trend: list[Cell] = field(default_factory=list)  # annual: five years of annual values
    chart_svg: str = ""
    sparkline_svg: str = ""
    chart_text: str = ""


@dataclass
class Objective:
    number: int
    title: str
    rows: list[Row]


@dataclass
class BreakdownTable:
    pi: Pi
    breakdown: str  # sex, age or team
    cells: list[Cell]


@dataclass
class TableQuality:
    table: str
    imported: int
    rejected: int
    reasons: list[tuple[str, int]]

    @property
    def label(self) -> str:
        """The table in words ("Unpaid work sessions"): packs are read by the board."""
        words = table_noun(self.table)
        return words[:1].upper() + words[1:]

    @property
    def counts_text(self) -> tuple[str, str]:
        """Rows imported and rejected with thousands separators, as every count is shown."""
        return f"{self.imported:,}", f"{self.rejected:,}"


@dataclass
class Revision:
    indicator_id: str
    period: str
    category: str
    published_value: Decimal | str | None
    current_value: Decimal | str | None
    published_in: str


@dataclass
class DataRow:
    """A row of the Excel `Data` sheet: one figure the pack uses, with its judgements."""

    cell: Cell
    status: str
    travel_previous: str
    travel_year: str


@dataclass
class Cover:
    service: str
    framework_name: str
    framework_version: str
    title: str
    period: str
    period_words: str
    data_as_at: str
    batches: list[str]
    state: str  # "Draft" or "Published <date>"
    public: bool


@dataclass
class Pack:
    kind: str  # quarterly or annual
    period: str
    cover: Cover
    objectives: list[Objective]
    breakdowns: list[BreakdownTable]
    quality: list[TableQuality]
    returns_missing: list[tuple[str, str]]
    revisions: list[Revision]
    definitions: list[Pi]
    data: list[DataRow] = field(default_factory=list)
    threshold: int = 5
    secondary_suppressed: int = 0
    primary_suppressed: int = 0

    @property
    def rows(self) -> list[Row]:
        return [row for objective in self.objectives for row in objective.rows]

    @property
    def file_stem(self) -> str:
        name = "jsw-board-pack" if self.kind == "quarterly" else "jsw-annual-report"
        return f"{name}-{self.period}{'-public' if self.cover.public else ''}"
