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

    @property
    def frequency_name(self) -> str:
        return FREQUENCY_NAMES[self.frequency]


class CatalogueFile(Strict):
    governance: Governance
    connections: Annotated[tuple[Connection, ...], Field(strict=False)]
    opif_indicators: Annotated[tuple[OpifIndicator, ...], Field(strict=False)]
    objectives: Annotated[tuple[Objective, ...], Field(strict=False, min_length=1)]
    indicators: Annotated[tuple[Indicator, ...], Field(strict=False, min_length=1)]
