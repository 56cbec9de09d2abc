"""The strict shape of the framework catalogue file (`catalogue.yaml`).

Pydantic models, frozen and closed to unknown keys, that the loader validates the YAML
against. Cross-references (does a PI's objective exist? are ids unique?) are not checked
here but by the named rules in `jsw.framework.rules`, so that every problem is reported.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from jsw.framework.definition import Definition
from jsw.framework.kinds import kind_of
from jsw.lib.periods import FREQUENCY_NAMES

Frequency = Literal["Q", "H", "A"]
Kind = Literal["count", "sum", "timeliness", "proportion", "mean", "distribution", "return"]
Source = Literal["records", "return"]
Direction = Literal["up", "down", "none"]


def _one_or_many(value: Any) -> Any:
    """A single OPIF code may be written alone instead of as a list of one."""
    return [value] if isinstance(value, str) else value


# Lists arrive from YAML as Python lists; strict mode would refuse them for a tuple.
Texts = Annotated[tuple[str, ...], Field(strict=False)]
Codes = Annotated[tuple[str, ...], Field(strict=False, min_length=1), BeforeValidator(_one_or_many)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Revision(Strict):
    version: str
    date: datetime.date
    changes: str


class Governance(Strict):
    name: str
    version: str
    approved: datetime.date
    approved_by: str
    implemented: datetime.date
    owner: str
    purpose: str = ""
    use: Texts = ()
    history: Annotated[tuple[Revision, ...], Field(strict=False, min_length=1)]


class Connection(Strict):
    id: str
    name: str
    description: str


class OpifIndicator(Strict):
    code: str
    title: str


class Objective(Strict):
    number: int
    title: str
    outcomes: Texts
    themes: Texts
    connections: Texts = ()


class Entered(Strict):
    """What a return PI's entered figure is (its kind cannot say: a return may be a count, a
    percentage or anything else the service enters)."""

    # The figure counts people or things: a counted figure, protected when small in a
    # public pack (reports.md, "Disclosure control").
    counts: Literal["people", "things"] | None = None
    # The year of a quarterly or 6-monthly return is the sum of its periods (when every
    # period is entered), as for a return that counts things (reports.md, the annual report).
    year: Literal["sum"] | None = None


class Indicator(Strict):
    id: str
    title: str
    objective: int
    opif: Codes
    frequency: Frequency
    kind: Kind
    source: Source
    counting: str
    direction: Direction
    unit: str | None = None
    note: str | None = None
    connections: Texts = ()
    # How the PI is counted, in the engine's language (jsw.framework.definition).
    definition: Annotated[Definition | None, Field(strict=False)] = None
    # For a return PI: what its entered figure is.
    entered: Entered | None = None

    @property
    def frequency_name(self) -> str:
        return FREQUENCY_NAMES[self.frequency]

    @property
    def counted_parts(self) -> tuple[str, ...]:
        """The parts of its figures that count people or things: its kind's, or for a return
        the value when the catalogue says it counts."""
        if self.entered is not None and self.entered.counts is not None:
            return ("value",)
        return kind_of(self.kind).counted_parts

    @property
    def year_is_sum(self) -> bool:
        """Whether its year is the sum of its quarters or halves (a return that says so)."""
        return self.entered is not None and self.entered.year == "sum"


class CatalogueFile(Strict):
    governance: Governance
    connections: Annotated[tuple[Connection, ...], Field(strict=False)]
    opif_indicators: Annotated[tuple[OpifIndicator, ...], Field(strict=False)]
    objectives: Annotated[tuple[Objective, ...], Field(strict=False, min_length=1)]
    indicators: Annotated[tuple[Indicator, ...], Field(strict=False, min_length=1)]
