"""Read stored results from a run that is current, and still whole when the reading ends.

Another process may recompute at any moment, and a recompute deletes the previous run's
results in one transaction. A read that began before that delete committed is whole if the
run's results are still there after it ended; otherwise the read is thrown away and repeated
on the new run, so an export is never empty or half-filled because a run disappeared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from jsw.indicators.models import ComputeRun, Result

T = TypeVar("T")
ATTEMPTS = 3


class ResultsMoved(RuntimeError):
    """The results were replaced under every attempt to read them; the message is for users."""


def read_current(
    first_year: int,
    last_year: int,
    read: Callable[[ComputeRun], T],
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[ComputeRun, T]:
    """`read(run)` on a current run covering these years (recomputed first if stale)."""
    from jsw.indicators.engine import ensure_results

    for _ in range(ATTEMPTS):
        run = ensure_results(first_year, last_year, progress=progress)
        value = read(run)
        if Result.objects.filter(run_id=run.pk).exists():
            return run, value
    raise ResultsMoved(
        f"the results were recomputed by another process {ATTEMPTS} times while being read;"
        " try again when the other import or computation has finished"
    )
