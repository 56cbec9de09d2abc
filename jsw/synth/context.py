"""What every part of one generation run shares: random streams, calendar, profile, sink.

Each concern draws from its own `random.Random` stream, seeded from the run's seed and
the stream's name, so the output is the same for the same arguments on any machine and
never depends on the global random state or the clock.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from jsw.lib.workdays import WorkingDays
from jsw.synth.profile import Profile
from jsw.synth.sink import Sink

T = TypeVar("T")

STREAMS = ("arrivals", "people", "orders", "upw", "events", "returns")


def make_stream(seed: int, name: str) -> random.Random:
    # Seeding with text is stable across runs and machines (it is hashed with SHA-512).
    return random.Random(f"jsw-synth/{seed}/{name}")  # noqa: S311  (test data, not secrets)


def pick(rng: random.Random, weights: Mapping[T, float]) -> T:
    """One key of `weights`, drawn in proportion to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw; large means are split, since a sum of Poissons is Poisson."""
    count = 0
    while mean > 0:
        part = min(mean, 30.0)
        mean -= part
        limit = math.exp(-part)
        product = rng.random()
        while product > limit:
            count += 1
            product *= rng.random()
    return count


@dataclass
class Context:
    profile: Profile
    scale: float
    calendar: WorkingDays
    sink: Sink
    streams: dict[str, random.Random]

    @classmethod
    def create(
        cls, profile: Profile, scale: float, seed: int, calendar: WorkingDays, sink: Sink
    ) -> Context:
        streams = {name: make_stream(seed, name) for name in STREAMS}
        return cls(profile, scale, calendar, sink, streams)

    def rng(self, name: str) -> random.Random:
        return self.streams[name]


def chance(rng: random.Random, share: float) -> bool:
    return rng.random() < share


def choose(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]
