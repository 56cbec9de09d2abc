"""Computing in worker processes gives exactly what one process gives, and is only used
where a worker sees the same data as the parent."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import transaction

from jsw.indicators import parallel
from tests.conftest import EXAMPLE_SMALL

JSW = [sys.executable, "-c", "from jsw.cli import run; run()"]


def jsw(folder, *args, **env):
    base = {**os.environ, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}"}
    done = subprocess.run(
        [*JSW, *args], cwd=folder, env={**base, **env}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done


def test_two_workers_write_the_same_results_as_one(tmp_path):
    jsw(tmp_path, "import", "--no-compute", str(EXAMPLE_SMALL))
    exports = {}
    for workers in ("1", "2"):
        env = {"JSW_COMPUTE_WORKERS": workers, "JSW_PARALLEL_FROM_ORDERS": "0"}
        jsw(tmp_path, "compute", **env)
        for name, extra in (("all", []), ("sex", ["--by", "sex"]), ("team", ["--by", "team"])):
            out = tmp_path / f"{name}-{workers}.csv"
            jsw(
                tmp_path,
                "results",
                "--from",
                "2023-24",
                "--to",
                "2023-24",
                *extra,
                "--output",
                str(out),
            )
            exports[(name, workers)] = out.read_bytes()
    for name in ("all", "sex", "team"):
        assert exports[(name, "1")] == exports[(name, "2")], name
    assert exports[("all", "2")] == (EXAMPLE_SMALL / "expected-results.csv").read_bytes()


def double(n: int) -> int:
    return n * 2


def test_workers_return_every_result():
    done = dict(parallel.run_in_workers([1, 2, 3, 4], "tests.engine.test_parallel:double", 2))
    assert done == {1: 2, 2: 4, 3: 6, 4: 8}


def leave_a_mark(item: tuple[str, int]) -> int:
    folder, n = item
    Path(folder, str(n)).touch()
    return n * 2


def wait_for_a_mark(folder: Path) -> None:
    """The caller waits (at most half a minute) until a worker has done an item: the pool
    starts in the background, and the caller must not finish everything before it."""
    deadline = time.monotonic() + 30
    while not any(folder.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)


def test_the_caller_and_a_worker_do_every_item_once(tmp_path):
    """With `local`, the caller takes items from the back while a worker takes them from the
    front: every item is done exactly once, by one or the other."""
    seen_here: list[int] = []

    def here(item: tuple[str, int]) -> int:
        wait_for_a_mark(tmp_path)
        seen_here.append(item[1])
        return item[1] * 2

    items = [(str(tmp_path), n) for n in range(12)]
    task = "tests.engine.test_parallel:leave_a_mark"
    done = list(parallel.run_in_workers(items, task, 2, local=here))
    assert sorted((n, value) for (_, n), value in done) == [(n, n * 2) for n in range(12)]
    by_worker = {int(path.name) for path in tmp_path.iterdir()}
    assert by_worker and seen_here  # both did some
    assert by_worker.isdisjoint(seen_here) and len(by_worker) + len(seen_here) == 12
    assert seen_here == sorted(seen_here, reverse=True)  # the caller from the back


def fail_on_three(item: tuple[str, int]) -> int:
    folder, n = item
    if n == 3:
        Path(folder, "failed").touch()
        raise ValueError("three")
    return n


def test_a_workers_failure_reaches_the_caller(tmp_path):
    def here(item: tuple[str, int]) -> int:
        wait_for_a_mark(tmp_path)
        return item[1]

    items = [(str(tmp_path), n) for n in (3, 1, 2)]
    with pytest.raises(ValueError, match="three"):
        list(
            parallel.run_in_workers(
                items, "tests.engine.test_parallel:fail_on_three", 2, local=here
            )
        )


def parent_of_worker(_: int) -> int:
    return os.getppid()


def test_workers_are_not_forked_from_the_caller():
    """A server's threads, locks and connections must not be copied into a worker: workers
    are children of the fork server, never of the process that asks for them."""
    parents = dict(
        parallel.run_in_workers([1, 2], "tests.engine.test_parallel:parent_of_worker", 2)
    )
    assert os.getpid() not in parents.values()


@pytest.mark.django_db
def test_no_workers_inside_a_transaction(settings):
    settings.JSW_PARALLEL_FROM_ORDERS = 0
    with transaction.atomic():
        assert not parallel.worth_workers(orders=1_000_000)


def test_no_workers_for_small_data(settings):
    settings.JSW_PARALLEL_FROM_ORDERS = 20_000
    assert not parallel.worth_workers(orders=10)


def test_the_number_of_workers_is_a_setting(settings):
    settings.JSW_COMPUTE_WORKERS = 3
    assert parallel.workers_wanted() == 3
