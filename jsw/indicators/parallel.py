"""Compute PIs in worker processes: the PIs are independent, the machine has cores.

Workers are started with `forkserver`, never `fork` (which copies a server's threads, locks
and open connections into the child): each worker sets Django up, opens its own connection
to the parent's database, runs a start function once (the engine loads the catalogue,
calendar and people there) and then the task for each item it is given. Used only where a
worker sees exactly what the parent sees: a database file or server (not SQLite in memory),
outside any transaction, and with enough records to repay starting the workers.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db import connection

_state: dict[str, Any] = {}


def workers_wanted() -> int:
    """JSW_COMPUTE_WORKERS (checked with the other settings: a whole number, at least 1)."""
    return int(settings.JSW_COMPUTE_WORKERS)


def worth_workers(orders: int) -> bool:
    threshold = int(settings.JSW_PARALLEL_FROM_ORDERS)
    if orders < threshold or "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    if connection.in_atomic_block:
        return False  # a worker would not see this transaction's rows
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()  # type: ignore[attr-defined]
    return not in_memory


def run_in_workers(
    items: Iterable[Any],
    task: str,
    workers: int,
    start: str | None = None,
    start_args: tuple[Any, ...] = (),
) -> Iterator[tuple[Any, Any]]:
    """(item, task(item)) as workers finish them, in no particular order.

    `task` and `start` are `module:function` paths, imported in each worker once Django is
    set up there (a worker imports nothing of jsw before)."""
    database = str(connection.settings_dict["NAME"])
    context = multiprocessing.get_context("forkserver")
    with context.Pool(
        workers, initializer=_start_worker, initargs=(database, task, start, start_args)
    ) as pool:
        yield from pool.imap_unordered(_run, items)


def _start_worker(database: str, task: str, start: str | None, args: tuple[Any, ...]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jsw.settings")
    import django

    django.setup()
    from django.db import connections

    # The parent's database, which under tests is not the one the settings name.
    connections["default"].settings_dict["NAME"] = database
    _state["task"] = _function(task)
    if start is not None:
        _function(start)(*args)


def _function(path: str) -> Any:
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


def _run(item: Any) -> tuple[Any, Any]:
    return item, _state["task"](item)
