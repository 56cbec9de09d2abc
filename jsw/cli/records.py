"""`jsw import` and `jsw imports`: load case records and look back at past imports.

The commands parse arguments, show progress and render; the work is `run_import`'s.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jsw.cli.base import UsageProblem, main, progress_enabled, with_database
from jsw.lib.errors import first_line

if TYPE_CHECKING:
    from jsw.records.importer import ImportReport

# Files smaller than this finish before a progress line would help.
PROGRESS_FROM_ROWS = 50_000


@main.command(name="import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--replace",
    is_flag=True,
    help="Make the stored case records exactly those of PATH (a full extract). Stored "
    "returns stay unless PATH has a returns table.",
)
@click.option(
    "--mapping",
    type=click.Path(path_type=Path),
    help="A mapping profile (YAML) for an extract in another layout; see docs/import.md.",
)
@click.option("--json", "as_json", is_flag=True, help="Print only the summary, as JSON.")
@click.option(
    "--no-compute",
    is_flag=True,
    help="Do not recompute the PIs afterwards (`jsw compute` or `jsw results` will).",
)
@with_database
def import_records(
    path: Path, replace: bool, mapping: Path | None, as_json: bool, no_compute: bool
) -> None:
    """Import case records from PATH: a folder of <table>.csv files, one CSV file, or an
    .xlsx workbook with a sheet per table (records.md).

    Rejected rows are listed with their values as read: the output is case-level.
    Exit 0: every row imported; 1: some rows or files rejected; 2: nothing imported.
    """
    report = _run(path, replace, mapping)
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        from jsw.records.importer.render import render_report

        click.echo(render_report(report))
    if report.exit_code < 2 and not no_compute:
        from jsw.cli.indicators import recompute_and_report

        # On stderr under --json, so that standard output stays one JSON document.
        recompute_and_report(err=as_json)
    # sys.exit, not click's Exit: `jsw`'s entry point runs click in non-standalone mode,
    # where an Exit's code is returned and lost rather than used.
    sys.exit(report.exit_code)


def _run(path: Path, replace: bool, mapping: Path | None) -> ImportReport:
    from django.db import DatabaseError

    from jsw.records.importer import ImportFailed, run_import

    line = ProgressLine()
    try:
        return run_import(
            path, replace=replace, mapping=mapping, progress=line if progress_enabled() else None
        )
    except ImportFailed as exc:
        raise UsageProblem(f"the import stopped and nothing of it was kept: {exc}") from exc
    except DatabaseError as exc:
        raise UsageProblem(f"database error: {first_line(exc)}") from exc
    finally:
        line.end()


class ProgressLine:
    """One line on stderr, rewritten in place, for tables large enough to take a while."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, table: str, done: int, total: int | None) -> None:
        if total is not None and total < PROGRESS_FROM_ROWS:
            return
        of = f" of {total:,}" if total else ""
        click.echo(f"\r{table}: {done:,}{of} rows checked   ", err=True, nl=False)
        self.shown = True

    def end(self) -> None:
        if self.shown:
            click.echo("", err=True)
            self.shown = False


@main.group(name="imports", invoke_without_command=True)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="How many recent imports to list.",
)
@click.pass_context
@with_database
def imports(ctx: click.Context, limit: int) -> None:
    """List recent imports: when, from where, how, and how many rows were kept."""
    if ctx.invoked_subcommand is not None:
        return
    from jsw.records.importer.batches import recent_batches
    from jsw.records.importer.render import render_batches

    click.echo(render_batches(recent_batches(limit)))


@imports.command(name="show")
@click.argument("batch_id", metavar="N", type=int)
@with_database
def show(batch_id: int) -> None:
    """Show import N's rejections and warnings, with the values as read.

    Case-level output: it contains the identifiers of rejected rows.
    """
    from jsw.records.importer.batches import batch_issues
    from jsw.records.importer.render import render_batch_issues
    from jsw.records.models import ImportBatch

    try:
        batch, issues = batch_issues(batch_id)
    except ImportBatch.DoesNotExist as exc:
        raise UsageProblem(f"no import {batch_id}: see `jsw imports` for the list") from exc
    click.echo(render_batch_issues(batch, issues))
