"""Benchmark: synthesise a dataset, import it, recompute every PI, write the quarterly pack;
on SQLite and PostgreSQL, end to end.

Each step runs as its own `jsw` process, so its wall time and peak memory (max RSS, from
os.wait4) are its own. Figures go to stdout and to benchmarks/results/<name>.md. The
`reference` step times the engine against the pandas reference (`pandas_reference.py`, which
needs the `bench` extra) in one process, on the imported data.

    python benchmarks/run.py --scale 15 --years 10            # Scotland, ten years, end to end
    python benchmarks/run.py --scale 7.5 --years 3 --steps import,reference
    python benchmarks/run.py --scale 7.5 --years 3 --steps import,compute,partial

PostgreSQL: a server on 127.0.0.1:5432 with trust authentication (user postgres); the
benchmark drops and creates the database `jsw_bench`.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
JSW = [sys.executable, "-c", "from jsw.cli import run; run()"]
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/jsw_bench"


@dataclass
class Step:
    name: str
    database: str
    seconds: float
    max_rss_mb: float
    note: str = ""


def run_step(name: str, database: str, args: list[str], env: dict[str, str]) -> Step:
    started = time.perf_counter()
    proc = subprocess.Popen([*JSW, *args], env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"{name} failed with exit code {proc.returncode}:\n{output}")
    return Step(name, database, seconds, usage.ru_maxrss / 1024, output.strip().splitlines()[-1])


END_TO_END = ("import", "compute", "quarterly pack")


def run_reference(database: str, env: dict[str, str]) -> Step:
    """The engine and the pandas reference on the same PIs, in one process."""
    started = time.perf_counter()
    script = [sys.executable, str(HERE / "pandas_reference.py"), "--runs", "1"]
    proc = subprocess.Popen(script, env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"the reference failed:\n{output}")
    seconds = time.perf_counter() - started
    return Step("engine vs pandas", database, seconds, usage.ru_maxrss / 1024, output.strip())


def a_return(end_year: str) -> tuple[str, str]:
    """The catalogue's first return PI and its last period of `end_year`."""
    from jsw.framework.catalogue import load_catalogue
    from jsw.framework.kinds import kind_of
    from jsw.lib.periods import parse_financial_year, periods_between

    pi = next(pi for pi in load_catalogue().indicators if not kind_of(pi.kind).counted)
    year = parse_financial_year(end_year)
    return pi.id, periods_between(year, year, pi.frequency)[-1].label


def count_rows(folder: Path) -> int:
    total = 0
    for path in folder.glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            total += sum(1 for _ in csv.reader(handle)) - 1
    return total


def reset_postgres() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS jsw_bench")
        conn.execute("CREATE DATABASE jsw_bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=15)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end-year", default="2025-26")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--steps", default="import,compute,report")
    parser.add_argument("--work", type=Path, default=HERE / "data")
    parser.add_argument("--name", default="")
    args = parser.parse_args()

    data = args.work / f"scale{args.scale:g}-years{args.years}-seed{args.seed}"
    env = {**os.environ, "SECRET_KEY": "benchmark-only", "CI": "1"}
    steps: list[Step] = []
    if not (data / "orders.csv").exists():
        data.mkdir(parents=True, exist_ok=True)
        steps.append(
            run_step(
                "synth",
                "-",
                [
                    "synth", "--out", str(data), "--seed", str(args.seed), "--years",
                    str(args.years), "--scale", str(args.scale), "--end-year", args.end_year,
                ],
                env,
            )
        )  # fmt: skip
    rows = count_rows(data)
    print(f"dataset: {data} ({rows:,} rows)", flush=True)

    for database in args.databases.split(","):
        if database == "sqlite":
            folder = args.work / "sqlite"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            env["DATABASE_URL"] = f"sqlite:///{folder / 'jsw.sqlite3'}"
        else:
            reset_postgres()
            env["DATABASE_URL"] = PG_URL
            run_step("migrate", database, ["migrate"], env)  # PostgreSQL: only jsw migrate
        if "import" in args.steps:
            # --no-compute: the import alone; the recompute is timed as its own step.
            step = run_step("import", database, ["import", "--no-compute", str(data)], env)
            step.note = f"{rows / step.seconds:,.0f} rows/s"
            steps.append(step)
        if "compute" in args.steps:
            steps.append(run_step("compute", database, ["compute"], env))
        if "partial" in args.steps:
            # A recompute after one return changed (twice), then a full one on the same data.
            pi, period = a_return(args.end_year)
            for value in ("1", "2"):
                run_step("enter a return", database, ["returns", "set", pi, period, value], env)
                steps.append(run_step("compute, one return changed", database, ["compute"], env))
            steps.append(run_step("compute --full", database, ["compute", "--full"], env))
        if "report" in args.steps:
            out = args.work / "packs"
            shutil.rmtree(out, ignore_errors=True)
            pack = ["report", "quarterly", "--format", "pdf,html,xlsx", "--out", str(out)]
            steps.append(run_step("quarterly pack", database, pack, env))
        ends = [s for s in steps if s.database == database and s.name in END_TO_END]
        if len(ends) == len(END_TO_END):
            total = sum(s.seconds for s in ends)
            peak = max(s.max_rss_mb for s in ends)
            steps.append(Step("end to end", database, total, peak, " + ".join(END_TO_END)))
        if "reference" in args.steps:
            steps.append(run_reference(database, env))

    lines = [
        f"# Benchmark: scale {args.scale:g}, {args.years} years, seed {args.seed} ({rows:,} rows)",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        f", {time.strftime('%Y-%m-%d')}.",
        "",
        "| step | database | wall time (s) | peak memory (MB) | note |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    lines += [
        f"| {s.name} | {s.database} | {s.seconds:.1f} | {s.max_rss_mb:.0f} | {s.note} |"
        for s in steps
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    name = args.name or f"scale{args.scale:g}-years{args.years}"
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"{name}.md").write_text(report)


if __name__ == "__main__":
    main()
