"""Python's cycle collector paused while large work runs."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def without_cycle_collection() -> Iterator[None]:
    """The cycle collector off while the block runs.

    An import or a recompute keeps millions of small objects (row tuples, dictionaries of
    people and ids) alive for a while: the collector, started every few hundred new objects,
    would walk them again and again (a fifth of an import's time, a thirtieth of a
    recompute's) to find the few cycles, which it frees once the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
