"""Compute PIs in worker processes: the PIs are independent, the machine has cores.

Workers are started with `forkserver`, never `fork` (which copies a server's threads, locks
and open connections into the child). The fork server imports Django and the engine once
(`preload`), so each worker starts with them; it then opens its own connection to the
parent's database, runs a start function once (the engine plans its reads there) and then
the task for each item it is given. The caller can take items too
(`local`), so N workers' worth of cores need only N - 1 processes. Used only where a worker
sees exactly what the parent sees: a database file or server (not SQLite in memory), outside
any transaction, and with enough records to repay starting the workers.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing import forkserver
from typing import Any

from django.conf import settings
from django.db import connection

_state: dict[str, Any] = {}


def workers_wanted() -> int:
    """JSW_COMPUTE_WORKERS (checked with the other settings: a whole number, at least 1)."""
    return int(settings.JSW_COMPUTE_WORKERS)


PRELOAD = ["jsw.indicators.preload"]


def warm_up() -> None:
    """Start the workers' fork server now, before this process sets Django up: it imports
    Django and the engine (most of a second) on the other core meanwhile. Needs only the
    settings; does nothing where the workers would not be used at all."""
    if workers_wanted() < 2 or "forkserver" not in multiprocessing.get_all_start_methods():
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    forkserver.ensure_running()


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
    local: Callable[[Any], Any] | None = None,
) -> Iterator[tuple[Any, Any]]:
    """(item, task(item)) as they are done, in no particular order.

    `task` and `start` are `module:function` paths, imported in each worker once Django is
    set up there. With `local`, the caller computes items too, taking them from the back while
    `workers - 1` processes take them from the front (the order of `items` decides who does
    what)."""
    database = str(connection.settings_dict["NAME"])
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    processes = max(workers - 1, 1) if local else workers

    def pool() -> Any:
        return context.Pool(
            processes, initializer=_start_worker, initargs=(database, task, start, start_args)
        )

    if local is None:
        with pool() as started:
            yield from started.imap_unordered(_run, items)
        return
    yield from _shared(deque(items), pool, processes, local)


def _shared(
    items: deque[Any], make_pool: Callable[[], Any], processes: int, local: Callable[[Any], Any]
) -> Iterator[tuple[Any, Any]]:
    """Workers take items from the front, the caller from the back. The pool starts in a
    thread (the fork server first imports Django and the engine, most of a second) while the
    caller already computes; a worker's next item is handed over as soon as it finishes one
    (by the pool's result thread), so a worker never waits while the caller is busy."""
    lock = threading.Lock()
    finished: queue.SimpleQueue[Any] = queue.SimpleQueue()
    pools: list[Any] = []

    def hand_over() -> None:
        with lock:
            item = items.popleft() if items else None
            if item is None:
                return
        pools[0].apply_async(_run, (item,), callback=done, error_callback=finished.put)

    def done(result: tuple[Any, Any]) -> None:
        finished.put(result)
        hand_over()

    def start() -> None:
        try:
            pools.append(make_pool())
            # One each: a worker's next is handed over as it finishes (a millisecond), and an
            # item waiting in a busy worker's queue could have been the caller's.
            for _ in range(processes):
                hand_over()
        except BaseException as exc:  # reported to the caller, like a task's failure
            finished.put(exc)

    remaining = len(items)
    starter = threading.Thread(target=start, name="jsw-compute-pool", daemon=True)
    starter.start()
    try:
        while remaining:
            try:
                result = finished.get_nowait()
            except queue.Empty:
                with lock:
                    item = items.pop() if items else None
                result = (item, local(item)) if item is not None else finished.get()
            if isinstance(result, BaseException):
                raise result
            remaining -= 1
            yield result
    finally:
        starter.join()
        for started in pools:
            started.terminate()
            started.join()


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
