"""Compute PIs in forked worker processes: the PIs are independent, the machine has cores.

Used only where a child process sees exactly what the parent sees: a database file or server
(not SQLite in memory), outside any transaction, and with enough records to repay the fork.
Each worker inherits the loaded catalogue, calendar and people and opens its own connection.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.db import connection, connections

_shared: dict[str, Any] = {}


def workers_wanted() -> int:
    """JSW_COMPUTE_WORKERS (checked with the other settings: a whole number, at least 1)."""
    return int(settings.JSW_COMPUTE_WORKERS)


def can_fork(orders: int) -> bool:
    threshold = int(settings.JSW_PARALLEL_FROM_ORDERS)
    if orders < threshold or "fork" not in multiprocessing.get_all_start_methods():
        return False
    if connection.in_atomic_block:
        return False  # a child would not see this transaction's rows
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()  # type: ignore[attr-defined]
    return not in_memory


def _compute_one(indicator_id: str) -> tuple[str, Any]:
    compute_one: Callable[[str], Any] = _shared["compute_one"]
    return indicator_id, compute_one(indicator_id)


def run_in_workers(
    indicator_ids: list[str], compute_one: Callable[[str], Any], workers: int
) -> Iterator[tuple[str, Any]]:
    """(id, result) as workers finish them, in no particular order."""
    _shared["compute_one"] = compute_one
    connections.close_all()  # every process opens its own
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(workers) as pool:
            yield from pool.imap_unordered(_compute_one, indicator_ids)
    finally:
        _shared.clear()
