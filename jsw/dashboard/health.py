"""`/healthz`, for the proxy and monitoring: is the database reachable, is a worker alive,
are the results current. States only: no figures, no names, no login needed."""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection

log = logging.getLogger(__name__)


def check() -> tuple[bool, dict[str, str]]:
    """(healthy, a state for each part)."""
    from jsw.dashboard import jobs, worker
    from jsw.indicators import engine

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        workers = worker.alive_workers()
        if engine.latest_run() is None:
            results = "none"  # nothing imported yet
        elif jobs.recomputing():
            results = "recomputing"
        elif worker.results_stale():
            results = "stale"
        else:
            results = "current"
    except DatabaseError as exc:
        log.error("health: the database cannot be read", extra={"error": type(exc).__name__})
        return False, {"database": "unreachable"}
    states = {
        "database": "ok",
        "worker": "ok" if workers else "none alive",
        "results": results,
    }
    return bool(workers) and results != "stale", states
