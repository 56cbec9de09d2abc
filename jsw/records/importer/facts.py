"""What an import knows about parent rows: those it accepted, rejected, or found stored.

Children are checked against their parents (an order's type, start and person; a
requirement's type and order). Only these few facts are kept, never whole rows, so a
large import stays within bounded memory. Stored facts are read once, on first need.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Generic, NamedTuple, TypeVar

from jsw.records.models import Order, Person, Requirement

T = TypeVar("T")

FOUND = "found"
REJECTED = "rejected"
MISSING = "missing"


# Named tuples: made in C for each of a million rows, and never false (never None).
class OrderFact(NamedTuple):
    order_type: str
    start_date: date
    person_id: str


class RequirementFact(NamedTuple):
    requirement_type: str
    order_id: str


class ParentIndex(Generic[T]):
    """Parents of one table: this import's accepted and rejected ids over the stored rows."""

    def __init__(self, load_stored: Callable[[], Iterable[tuple[str, T]]]) -> None:
        self.accepted: dict[str, T] = {}
        self.rejected: set[str] = set()
        self._load_stored = load_stored
        self._stored: dict[str, T] | None = None

    def accept(self, key: str, fact: T) -> None:
        self.accepted[key] = fact

    def reject(self, key: str) -> None:
        self.rejected.add(key)

    def find(self, key: str) -> tuple[str, T | None]:
        """(FOUND, fact), (REJECTED, None) or (MISSING, None).

        A parent rejected in this import counts as rejected even when an older version
        of it is stored: the child was sent to go with the new version.
        """
        if key in self.accepted:
            return FOUND, self.accepted[key]
        if key in self.rejected:
            return REJECTED, None
        stored = self.stored()
        if key in stored:
            return FOUND, stored[key]
        return MISSING, None

    def current(self, key: str) -> T | None:
        """The fact that will hold after this import: accepted here, else stored."""
        if key in self.accepted:
            return self.accepted[key]
        return self.stored().get(key)

    def not_found(self, keys: list[str]) -> list[int]:
        """The positions of the keys that `find` does not find."""
        accepted = self.accepted
        if all(map(accepted.__contains__, keys)):
            return []
        return [
            i for i, key in enumerate(keys) if key not in accepted and self.find(key)[0] != FOUND
        ]

    def current_many(self, keys: list[str]) -> list[T | None]:
        """`current` of each key."""
        found: list[T | None] = list(map(self.accepted.get, keys))
        if None in found:
            stored = self.stored()
            found = [
                stored.get(key) if fact is None else fact
                for fact, key in zip(found, keys, strict=True)
            ]
        return found

    def stored(self) -> dict[str, T]:
        if self._stored is None:
            self._stored = dict(self._load_stored())
        return self._stored


class Facts:
    """The parent indexes of one import."""

    def __init__(self) -> None:
        self.people: ParentIndex[bool] = ParentIndex(_stored_people)
        self.orders: ParentIndex[OrderFact] = ParentIndex(_stored_orders)
        self.requirements: ParentIndex[RequirementFact] = ParentIndex(_stored_requirements)


_CHUNK = 20_000


def _stored_people() -> Iterable[tuple[str, bool]]:
    for person_id in Person.objects.values_list("person_id", flat=True).iterator(_CHUNK):
        yield person_id, True


def _stored_orders() -> Iterable[tuple[str, OrderFact]]:
    rows = Order.objects.values_list("order_id", "order_type", "start_date", "person_id")
    for order_id, order_type, start_date, person_id in rows.iterator(_CHUNK):
        yield order_id, OrderFact(order_type, start_date, person_id)


def _stored_requirements() -> Iterable[tuple[str, RequirementFact]]:
    rows = Requirement.objects.values_list("requirement_id", "requirement_type", "order_id")
    for requirement_id, requirement_type, order_id in rows.iterator(_CHUNK):
        yield requirement_id, RequirementFact(requirement_type, order_id)
