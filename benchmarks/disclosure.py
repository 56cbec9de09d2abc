"""Benchmark: disclosure control on a quarterly pack's worth of figures (about 9,000 cells).

The table is the one the tests protect (`tests/reports/test_disclosure_pack_sized.py`):
40 PIs, each with 25 breakdown groups for three quarters and five years of quarters.

    python benchmarks/disclosure.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jsw.reports.disclosure import suppress
from tests.reports.test_disclosure_pack_sized import quarterly_pack


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    table = quarterly_pack()
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        result = suppress(table)
        times.append(time.perf_counter() - started)
    print(
        f"{len(table.cells):,} cells: {len(result.primary):,} primary, "
        f"{len(result.secondary):,} secondary; {statistics.median(times):.2f} s median "
        f"of {args.runs} ({min(times):.2f}-{max(times):.2f} s)"
    )


if __name__ == "__main__":
    main()
