"""`jsw report quarterly|annual` and `jsw reports`: thin calls into jsw.reports."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from jsw.cli.base import main, progress_enabled, with_database

F = TypeVar("F", bound=Callable[..., Any])


def _options(func: F) -> F:
    """The options both packs share."""
    for option in reversed(
        (
            click.option(
                "--format",
                "formats",
                default="pdf,html,xlsx",
                show_default=True,
                help="comma-separated: pdf, html, xlsx, docx (Word, from the Word template)",
            ),
            click.option(
                "--out",
                type=click.Path(file_okay=False, path_type=Path),
                default=Path("."),
                help="folder to write to [default: the working directory]",
            ),
            click.option("--public", is_flag=True, help="suppress small numbers for publication"),
            click.option("--publish", is_flag=True, help="store the pack's figures as published"),
            click.option(
                "--published", is_flag=True, help="re-render the published pack from its figures"
            ),
        )
    ):
        func = option(func)
    return func


@main.group()
def report() -> None:
    """Write the quarterly board pack or the annual report (PDF, HTML, Excel, Word)."""


@report.command()
@click.option(
    "--period", default=None, help="a quarter like 2025-26-Q2 [default: the latest complete]"
)
@_options
@with_database
def quarterly(period: str | None, **options: object) -> None:
    """The quarterly pack for the Performance Management Board."""
    _write("quarterly", period, **options)


@report.command()
@click.option(
    "--year", default=None, help="a financial year like 2025-26 [default: the latest complete]"
)
@_options
@with_database
def annual(year: str | None, **options: object) -> None:
    """The annual report to the Risk, Audit and Performance Committee."""
    _write("annual", year, **options)


def _write(kind: str, label: str | None, **options: object) -> None:
    from jsw.reports.service import (
        ReportProblem,
        Request,
        make_pack,
        parse_formats,
        word_template,
        write_pack,
    )

    started = time.perf_counter()
    show = progress_enabled()

    def progress(step: str) -> None:
        if show:
            click.echo(f"  {time.perf_counter() - started:5.1f}s {step} ...", err=True)

    formats = parse_formats(str(options["formats"]))
    if "docx" in formats:
        word_template(kind)  # a bad template setting: told at once, not after the pack
    request = Request(
        kind=kind,
        label=label.strip() if label else None,
        public=bool(options["public"]),
        publish=bool(options["publish"]),
        published=bool(options["published"]),
    )
    if request.publish and request.published:
        raise ReportProblem("--publish and --published cannot go together")
    pack = make_pack(request, progress)
    written = write_pack(pack, formats, options["out"], progress)  # type: ignore[arg-type]
    for path in written:
        click.echo(f"Wrote {path}")
    if request.publish:
        click.echo(f"Published: the figures of {pack.period} are kept (`jsw reports` lists them).")


@main.command("reports")
@with_database
def reports_list() -> None:
    """List the published packs."""
    from jsw.reports.models import PublishedPack

    packs = list(PublishedPack.objects.order_by("kind", "period", "public"))
    if not packs:
        click.echo("No pack has been published yet (`jsw report quarterly --publish`).")
        return
    click.echo(f"{'kind':<10} {'period':<11} {'edition':<9} {'framework':<9} published")
    for p in packs:
        edition = "public" if p.public else "internal"
        click.echo(
            f"{p.kind:<10} {p.period:<11} {edition:<9} {p.framework_version:<9} "
            f"{p.published_at:%Y-%m-%d %H:%M}"
        )
