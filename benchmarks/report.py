"""Benchmark: the quarterly board pack in all three formats, on an imported, computed dataset.

Times the real command (`jsw report quarterly --format pdf,html,xlsx`, its own process, wall
time) a few times, then one in-process run split into its steps (model, charts, HTML, PDF,
Excel). Figures go to stdout and to benchmarks/results/report-<name>.md.

    # once (about 2 minutes on SQLite at this size, plus the recompute):
    jsw synth --out /tmp/bench-data --scale 15 --years 10
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 jsw import /tmp/bench-data
    # then:
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python benchmarks/report.py --name scale15-years10

The target: under 10 s for the three formats on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
JSW = [sys.executable, "-c", "from jsw.cli import run; run()"]


def command_runs(period: str | None, runs: int) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds of the process and its children) per run; on a busy
    machine the CPU time is the better estimate of the wall time on an idle one."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            args = ["report", "quarterly", "--format", "pdf,html,xlsx", "--out", out]
            if period:
                args += ["--period", period]
            started = time.perf_counter()
            proc = subprocess.Popen([*JSW, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - started
            if os.waitstatus_to_exitcode(status) != 0:
                assert proc.stderr is not None
                sys.exit(f"jsw report failed:\n{proc.stderr.read().decode()}")
            times.append((wall, usage.ru_utime + usage.ru_stime))
    return times


def steps(period: str | None) -> dict[str, float]:
    """One run in this process, split into its steps (Django started outside the timing)."""
    from jsw import bootstrap

    bootstrap.setup()
    from jsw.reports import service
    from jsw.reports.html import render_html
    from jsw.reports.pdf import render_pdf
    from jsw.reports.xlsx import render_xlsx

    marks: dict[str, float] = {}
    current = "starting"
    last = time.perf_counter()

    def progress(step: str) -> None:
        """Each progress line starts a step: the time since the last one is that step's."""
        nonlocal current, last
        now = time.perf_counter()
        marks[current] = marks.get(current, 0.0) + now - last
        current, last = step, now

    started = time.perf_counter()
    pack = service.make_pack(service.Request("quarterly", period), progress)
    progress("done")
    timings = {"model (results, judgements, charts)": time.perf_counter() - started}
    timings |= {f"  {name}": seconds for name, seconds in marks.items()}
    for name, render in (("HTML", render_html), ("PDF", None), ("Excel", render_xlsx)):
        begun = time.perf_counter()
        if render is None:
            render_pdf(pack)
        else:
            render(pack)
        timings[name] = time.perf_counter() - begun
    timings["total in process"] = time.perf_counter() - started
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default="report")
    parser.add_argument("--period", default=None, help="default: the latest complete quarter")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("set DATABASE_URL to an imported, computed dataset")
    os.environ.setdefault("CI", "1")
    times = command_runs(args.period, args.runs)
    cpu = time.process_time()
    split = steps(args.period)
    split["CPU time of the in-process run"] = time.process_time() - cpu
    lines = [
        f"# Quarterly board pack benchmark: {args.name}",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average at the end "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}.",
        "",
        f"`jsw report quarterly --format pdf,html,xlsx` (its own process, {args.runs} runs): "
        f"wall median {statistics.median(w for w, _ in times):.1f} s "
        f"(min {min(w for w, _ in times):.1f} s); CPU time median "
        f"{statistics.median(c for _, c in times):.1f} s (min {min(c for _, c in times):.1f} s).",
        "",
        "| step (one run in process) | seconds |",
        "| --- | --- |",
        *[f"| {name} | {seconds:.2f} |" for name, seconds in split.items()],
        "",
    ]
    text = "\n".join(lines)
    print(text)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"report-{args.name}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
