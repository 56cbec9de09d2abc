"""`jsw demo`: a separate demo database with three years of synthetic records, computed.

It calls the same services as `jsw synth`, `jsw import` and `jsw compute`; it never touches
the database that DATABASE_URL names.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import click

from jsw.cli.base import UsageProblem, main, progress_enabled, start_django

DEMO_YEARS = 3


def _fresh(folder: Path) -> Path:
    """An empty demo folder (the demo is remade from its seed every time)."""
    database = folder / "jsw.sqlite3"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for leftover in (database, *folder.glob("jsw.sqlite3-*")):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(folder / "data", ignore_errors=True)
    except OSError as exc:
        raise UsageProblem(f"cannot prepare {folder}: {exc.strerror or exc}") from None
    return database


@main.command()
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("jsw-demo"),
    show_default=True,
    help="where the demo database and its data go",
)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--scale", type=float, default=1.0, show_default=True, help="1 = Aberdeen's size")
def demo(folder: Path, seed: int, scale: float) -> None:
    """Make a demo: synthetic records for three financial years, imported and computed."""
    from jsw.synth.generator import SynthError

    folder = folder.resolve()
    database = _fresh(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    start_django()

    from jsw.cli.indicators import recompute_and_report
    from jsw.indicators import engine, export
    from jsw.lib.periods import fy_label
    from jsw.records.importer import run_import
    from jsw.synth.calendar import last_complete_fy
    from jsw.synth.generator import generate

    data = folder / "data"
    last_year = last_complete_fy(date.today())
    first_year = last_year - DEMO_YEARS + 1
    click.echo(
        f"1/3 Writing synthetic case records for {fy_label(first_year)} to {fy_label(last_year)}"
        f" to {data} ..."
    )
    try:
        counts = generate(data, seed=seed, years=DEMO_YEARS, scale=scale, end_year=last_year)
    except SynthError as exc:
        raise UsageProblem(str(exc)) from None
    click.echo(f"    {sum(counts.values()):,} rows in {len(counts)} tables.")

    click.echo("2/3 Importing them ...")
    report = run_import(data)
    if report.exit_code != 0:
        raise UsageProblem(f"the demo data did not import cleanly (exit {report.exit_code})")
    imported = sum(t.imported for t in report.tables.values())
    click.echo(f"    {imported:,} rows imported, none rejected.")

    click.echo("3/3 Computing every PI ...")
    # Just the demo's years: the generator's run-in before them is only partly filled.
    recompute_and_report(first_year, last_year)
    run = engine.latest_run()
    assert run is not None
    from jsw.framework.catalogue import load_catalogue

    lines = export.latest_lines(run, load_catalogue(), engine.extract_date())
    click.echo("\nLatest complete periods:\n")
    click.echo(export.render_table(lines), nl=False)
    first, last = fy_label(run.first_year), fy_label(run.last_year)
    click.echo(
        f"""
Next, with the demo database:
  export DATABASE_URL=sqlite:///{database}
  jsw results                          each PI's latest complete period
  jsw results --by team                the same, per team (also: sex, age)
  jsw results --from {first} --to {last} --output results.csv
  jsw framework                        the framework the PIs belong to
  jsw imports                          what was imported, and any rejected rows
"""
    )
    if progress_enabled():
        click.echo("(Your own database, if any, was not touched.)", err=True)
