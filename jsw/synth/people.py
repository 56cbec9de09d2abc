"""People: new pseudonymous people, and the recent ones who come back on another order.

Only a bounded ring of recent people is kept in memory, enough for realistic repeat
orders (about 1.2 orders per person) without holding the whole dataset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from jsw.lib.dates import age_on, months_after
from jsw.synth.context import Context, chance, choose

TEAMS = ("North", "South", "Central")
POOL_PER_SCALE = 1500


@dataclass
class Person:
    person_id: str
    sex: str
    date_of_birth: date | None
    written: bool = False


class PersonPool:
    """Hands out a person for each new order: someone known again, or someone new."""

    def __init__(self, context: Context) -> None:
        self._context = context
        self._capacity = max(50, round(POOL_PER_SCALE * context.scale))
        self._ring: list[Person] = []
        self._next_slot = 0

    def for_order(self, start: date) -> Person:
        rng = self._context.rng("people")
        if self._ring and chance(rng, self._context.profile.repeat_person):
            return choose(rng, self._ring)
        return self.new(start)

    def new(self, start: date) -> Person:
        """A new person, aged plausibly on `start`; written with their first written order."""
        person = Person(self._context.sink.new_id("people"), self._sex(), self._birth(start))
        self._remember(person)
        return person

    def write(self, person: Person) -> None:
        """Write the person's row unless it is written already or the sink is muted."""
        sink = self._context.sink
        if person.written or sink.muted:
            return
        sink.write("people", (person.person_id, person.date_of_birth, person.sex))
        person.written = True

    def _sex(self) -> str:
        profile = self._context.profile
        draw = self._context.rng("people").random()
        if draw < profile.female:
            return "F"
        draw -= profile.female
        if draw < profile.sex_other:
            return "X"
        if draw < profile.sex_other + profile.sex_unknown:
            return "U"
        return "M"

    def _birth(self, start: date) -> date | None:
        profile = self._context.profile
        rng = self._context.rng("people")
        if chance(rng, profile.no_date_of_birth):
            return None
        if chance(rng, profile.aged_16_17):
            age = rng.choice((16, 17))
        else:
            low, high, mode = profile.age_range
            age = int(rng.triangular(low, high, mode))
        # Aged exactly `age` whole years on `start`: born within the year before that birthday.
        return months_after(start, -12 * age) - timedelta(days=rng.randint(0, 364))

    def _remember(self, person: Person) -> None:
        if len(self._ring) < self._capacity:
            self._ring.append(person)
        else:
            self._ring[self._next_slot] = person
            self._next_slot = (self._next_slot + 1) % self._capacity


def age_of(person: Person, day: date) -> int | None:
    birth = person.date_of_birth
    return None if birth is None else age_on(birth, day)


def team_for(context: Context, person: Person, order_type: str, start: date) -> str:
    rng = context.rng("orders")
    age = age_of(person, start)
    if chance(rng, 0.02):
        return ""
    if person.sex == "F" and chance(rng, 0.6):
        return "Women's Team"
    if age is not None and age < 21 and chance(rng, 0.7):
        return "Young People"
    if order_type == "LICENCE" and chance(rng, 0.7):
        return "Throughcare"
    return choose(rng, TEAMS)
