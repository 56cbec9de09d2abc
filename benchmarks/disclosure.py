"""Benchmark: disclosure control, on a made-up pack-sized table and on a real public pack.

Without `--pack`: the table the tests protect (`tests/reports/test_disclosure_pack_sized.py`),
40 PIs, each with 25 breakdown groups for three quarters and five years of quarters (about
9,000 cells).

With `--pack quarterly|annual`: the public pack of the connected database (DATABASE_URL), made
as `jsw report --public` makes it; reports the disclosure step (describing the figures,
suppressing, marking) and the whole model, each as wall and CPU time. On a busy machine the
CPU time is the better estimate of the wall time on an idle one.

    python benchmarks/disclosure.py [--runs 3]
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python benchmarks/disclosure.py --pack quarterly
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(function: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def made_up(runs: int) -> None:
    from jsw.reports.disclosure import suppress
    from tests.reports.test_disclosure_pack_sized import quarterly_pack

    table = quarterly_pack()
    walls, cpus = [], []
    for _ in range(runs):
        result, wall, cpu = timed(lambda: suppress(table))
        walls.append(wall)
        cpus.append(cpu)
    print(
        f"made-up pack: {len(table.cells):,} cells: {len(result.primary):,} primary, "
        f"{len(result.secondary):,} secondary; wall {statistics.median(walls):.2f} s, "
        f"CPU {statistics.median(cpus):.2f} s (median of {runs})"
    )


def real_pack(kind: str, label: str | None, runs: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jsw.settings")
    import django

    django.setup()
    from jsw.reports import public
    from jsw.reports.service import Request, make_pack

    spent: list[tuple[float, float, int, int]] = []
    describe = public.describe
    hidden_parts = public.hidden_parts

    def measured(figures, pis, threshold, forced):  # type: ignore[no-untyped-def]
        table = describe(figures, pis)
        (hidden, secondary), wall, cpu = timed(
            lambda: hidden_parts(figures, pis, threshold, forced)
        )
        spent.append((wall, cpu, len(table.cells), secondary))
        return hidden, secondary

    public.hidden_parts = measured  # type: ignore[assignment]
    for _ in range(runs):
        pack, wall, cpu = timed(lambda: make_pack(Request(kind, label, public=True)))
        step = spent[-1]
        print(
            f"public {kind} pack {pack.period}: {step[2]:,} cells, {step[3]} secondary; "
            f"disclosure wall {step[0]:.2f} s, CPU {step[1]:.2f} s; whole model (with "
            f"charts) wall {wall:.2f} s, CPU {cpu:.2f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pack", choices=("quarterly", "annual"))
    parser.add_argument("--period", help="the quarter or year (default: the latest)")
    args = parser.parse_args()
    if args.pack:
        real_pack(args.pack, args.period, args.runs)
    else:
        made_up(args.runs)


if __name__ == "__main__":
    main()
