"""The language in which a PI's counting rule is written in the catalogue.

A definition names the items (`from` a records table, filtered by `where`), when an item
belongs to a period (`when`, or a `deadline` for timeliness), and what is counted, summed,
averaged or categorised. The engine compiles it to ORM queries (see `compiler`); this module is
only the schema: strict, so that a typo in the catalogue fails loudly.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Table = Literal[
    "people",
    "orders",
    "requirements",
    "upw_sessions",
    "assessments",
    "contacts",
    "breaches",
    "questionnaires",
    "services",
]
# A field of the item's table, or of a parent through dots: `order.start_date`, `person.sex`.
Path = Annotated[str, Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")]
Scalar = str | int | bool


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FieldTest(Strict):
    """A test of one field: exactly one of the comparisons."""

    field: Path
    in_: tuple[Scalar, ...] | None = Field(default=None, alias="in")
    not_in: tuple[Scalar, ...] | None = None
    is_: bool | None = Field(default=None, alias="is")
    blank: bool | None = None
    lte: int | None = None
    gte: int | None = None

    @model_validator(mode="after")
    def _one_comparison(self) -> FieldTest:
        given = [
            n
            for n in ("in_", "not_in", "is_", "blank", "lte", "gte")
            if getattr(self, n) is not None
        ]
        if len(given) != 1:
            raise ValueError("a field test needs exactly one of: in, not_in, is, blank, lte, gte")
        return self


class AgeTest(Strict):
    """The person's age in whole years on a date of the item (evaluated in Python)."""

    age_on: Path
    between: tuple[int, int]


class Related(Strict):
    """Rows of another table that point at the item (by their foreign key to it)."""

    from_: Table = Field(alias="from")
    where: tuple[RelatedCondition, ...] = ()


class ExistsTest(Strict):
    exists: Related | None = None
    not_exists: Related | None = None

    @model_validator(mode="after")
    def _one(self) -> ExistsTest:
        if (self.exists is None) == (self.not_exists is None):
            raise ValueError("give exactly one of exists, not_exists")
        return self


# Age tests read the item's person, so they apply to the items only, not to related rows.
RelatedCondition = FieldTest | ExistsTest
Condition = FieldTest | AgeTest | ExistsTest
Related.model_rebuild()


class InPeriod(Strict):
    """The item belongs to P when the date is in P."""

    date: Path


class Active(Strict):
    """The item belongs to P when active during P, or (`at: period_end`) on its last day."""

    start: Path
    end: Path
    at: Literal["during", "period_end"] = "during"
    # Extra population rule: this deadline falls on or before P's last day.
    due_by_period_end: DeadlineRule | None = None


class DeadlineRule(Strict):
    """One way of setting a deadline: a field's date, or N working days or months after a date."""

    use: Path | None = None
    after: Path | None = None
    working_days: int | None = Field(default=None, ge=1, le=400)
    months: int | None = Field(default=None, ge=1, le=120)
    when: tuple[FieldTest, ...] = ()

    @model_validator(mode="after")
    def _shape(self) -> DeadlineRule:
        if self.use is not None:
            if self.after or self.working_days or self.months:
                raise ValueError(
                    "`use` takes the field's date as it is: no after/working_days/months"
                )
        elif self.after is None or (self.working_days is None) == (self.months is None):
            raise ValueError("give `use`, or `after` with exactly one of working_days, months")
        return self


Active.model_rebuild()


class FirstRelated(Related):
    """The earliest date among related rows."""

    date: Path


class Event(Strict):
    field: Path | None = None
    first: FirstRelated | None = None

    @model_validator(mode="after")
    def _one(self) -> Event:
        if (self.field is None) == (self.first is None):
            raise ValueError("an event is a `field` or the `first` related date")
        return self


class RelatedDate(FirstRelated):
    """A property that holds when a related row has a date in P, or on or before P's end."""

    test: Literal["in_period", "by_period_end"]


class Property(Strict):
    where: tuple[FieldTest, ...] = ()
    related: RelatedDate | None = None

    @model_validator(mode="after")
    def _some(self) -> Property:
        if not self.where and self.related is None:
            raise ValueError("a property needs `where` or `related`")
        return self


class Amount(Strict):
    field: Path | None = None
    days_between: tuple[Path, Path] | None = None
    difference: tuple[Path, Path] | None = None

    @model_validator(mode="after")
    def _one(self) -> Amount:
        if sum(x is not None for x in (self.field, self.days_between, self.difference)) != 1:
            raise ValueError("an amount is one of: field, days_between, difference")
        return self


class Category(Strict):
    field: Path
    codes: tuple[str, ...]


class Definition(Strict):
    from_: Table = Field(alias="from")
    where: tuple[Condition, ...] = ()
    when: InPeriod | Active | None = None
    count: Literal["items", "people"] = "items"
    deadline: tuple[DeadlineRule, ...] = ()
    event: Event | None = None
    # Timeliness: an item whose order ended before its deadline, without the event by then,
    # is not counted. The path to that end date (blank: never ended).
    ends: Path | None = None
    property: Property | None = None
    amount: Amount | None = None
    category: Category | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Definition:
        timeliness = bool(self.deadline)
        if timeliness == (self.when is not None):
            raise ValueError(
                "give `when` (which period an item belongs to) or a `deadline`, not both"
            )
        if timeliness and self.event is None:
            raise ValueError("a deadline needs an `event`")
        if self.deadline and self.deadline[-1].when:
            raise ValueError("the last deadline rule must apply always (no `when`)")
        return self


def parse_definition(data: dict[str, Any]) -> Definition:
    return Definition.model_validate(data)
