"""Two recomputes that store their results at the same time (the worker's job and `jsw
compute`, say): the later one to store is the latest run, and it holds every PI's results.

Without an order between them, PostgreSQL let a partial run carry the kept PIs' rows over while
a full run was storing, and the full run then deleted those rows as "another run's": the
latest run was left with the one PI it had computed. (SQLite runs one write transaction at a
time by itself.)"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from click.testing import CliRunner
from django.db import connection

import jsw.cli  # noqa: F401  (registers every command)
from jsw.cli.base import main
from jsw.framework.catalogue import load_catalogue
from jsw.indicators import engine
from jsw.indicators.models import Result
from jsw.indicators.returns import set_return
from tests.conftest import EXAMPLE_SMALL


@pytest.mark.django_db(transaction=True)
def test_a_partial_run_storing_while_a_full_one_stores_leaves_every_pi(monkeypatch):
    if connection.vendor == "sqlite":
        # Not applicable: SQLite's write transactions exclude each other from their start,
        # and the suite's in-memory SQLite answers a second writer with an error at once.
        pytest.skip("PostgreSQL only: SQLite never runs two write transactions at once")
    assert CliRunner().invoke(main, ["import", "--no-compute", str(EXAMPLE_SMALL)]).exit_code == 0
    engine.recompute()
    set_return("mappa-clients", "2023-24", "9")  # the partial run computes this PI alone

    full_is_storing = threading.Event()
    store = engine.store_results
    full_thread: list[threading.Thread] = []

    def slow_store(run: Any, results: Any) -> None:
        store(run, results)
        if threading.current_thread() in full_thread:
            full_is_storing.set()
            time.sleep(0.5)  # the partial run stores meanwhile, if nothing orders them

    monkeypatch.setattr(engine, "store_results", slow_store)
    failures: list[BaseException] = []

    def recompute(**options: Any) -> None:
        try:
            engine.recompute(**options)
        except BaseException as exc:  # reported below, with the figures
            failures.append(exc)
        finally:
            connection.close()

    full = threading.Thread(target=recompute, kwargs={"full": True})
    full_thread.append(full)
    full.start()
    assert full_is_storing.wait(30)
    partial = threading.Thread(target=recompute)
    partial.start()
    full.join(60)
    partial.join(60)

    assert failures == []
    latest = engine.latest_run()
    assert latest is not None
    stored = set(Result.objects.filter(run=latest).values_list("indicator_id", flat=True))
    assert stored == {pi.id for pi in load_catalogue().indicators}
    assert not Result.objects.exclude(run=latest).exists()
    mappa = Result.objects.get(run=latest, indicator_id="mappa-clients", period="2023-24")
    assert mappa.value == 9
