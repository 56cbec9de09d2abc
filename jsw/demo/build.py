"""Make the demo: write synthetic records, import them, compute every PI.

`fresh_folder` empties the demo folder before Django opens its database (the caller points
DATABASE_URL at the path it returns); `make_demo` then fills the database Django is connected
to. Each step reports one line through `progress`, so a command can print it and a web page
can show it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jsw.lib.errors import InputProblem

if TYPE_CHECKING:
    from jsw.indicators.engine import Progress as ComputeProgress
    from jsw.indicators.models import ComputeRun

DEMO_YEARS = 5  # the board pack's trend charts run from financial year Y - 4
DATABASE_FILE = "jsw.sqlite3"
Progress = Callable[[str], None]


class DemoProblem(InputProblem, ValueError):
    """The demo cannot be made; the message is one line for the user."""


@dataclass(frozen=True)
class DemoResult:
    folder: Path
    first_year: int
    last_year: int
    rows_written: int
    tables: int
    rows_imported: int
    run: ComputeRun


def fresh_folder(folder: Path) -> Path:
    """An empty demo folder (the demo is remade from its seed every time); its database path."""
    database = folder / DATABASE_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for leftover in (database, *folder.glob(f"{DATABASE_FILE}-*")):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(folder / "data", ignore_errors=True)
    except OSError as exc:
        raise DemoProblem(f"cannot prepare {folder}: {exc.strerror or exc}") from None
    return database


def _quiet(line: str) -> None:
    """No progress wanted."""


def make_demo(
    folder: Path,
    *,
    years: int = DEMO_YEARS,
    seed: int = 1,
    scale: float = 1.0,
    today: date | None = None,
    progress: Progress = _quiet,
    compute_progress: ComputeProgress | None = None,
    reports: bool = False,
) -> DemoResult:
    """Generate `years` financial years of records into `folder`/data, ending with the last
    complete one, import them into the connected database and compute every PI for them."""
    from jsw.indicators.engine import recompute
    from jsw.lib.periods import fy_label
    from jsw.records.importer import run_import
    from jsw.synth.calendar import last_complete_fy
    from jsw.synth.generator import SynthError, generate

    data = folder / "data"
    last_year = last_complete_fy(today or date.today())
    first_year = last_year - years + 1
    steps = 4 if reports else 3
    progress(
        f"1/{steps} Writing synthetic case records for {fy_label(first_year)} to "
        f"{fy_label(last_year)} to {data} ..."
    )
    try:
        counts = generate(data, seed=seed, years=years, scale=scale, end_year=last_year)
    except SynthError as exc:
        raise DemoProblem(str(exc)) from None
    written = sum(counts.values())
    progress(f"    {written:,} rows in {len(counts)} tables.")

    progress(f"2/{steps} Importing them ...")
    report = run_import(data)
    if report.exit_code != 0:
        raise DemoProblem(f"the demo data did not import cleanly (exit {report.exit_code})")
    imported = sum(t.imported for t in report.tables.values())
    progress(f"    {imported:,} rows imported, none rejected.")

    progress(f"3/{steps} Computing every PI ...")
    # Just the demo's years: the generator's run-in before them is only partly filled.
    run = recompute(first_year, last_year, progress=compute_progress, full=True)
    progress(
        f"    Computed every PI for {fy_label(run.first_year)} to {fy_label(run.last_year)} "
        f"(framework {run.framework_version}) in {run.seconds:.1f} s."
    )
    if reports:
        from jsw.demo.annotate import annotate, write_packs

        progress(f"4/{steps} Setting targets, rebases and commentary; writing the packs ...")
        annotate(last_year)
        write_packs(folder, progress)
    return DemoResult(folder, first_year, last_year, written, len(counts), imported, run)
