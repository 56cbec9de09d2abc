"""`jsw framework`: show, check, export and trace the versions of the framework catalogue.

These commands need no database. The work (loading, checking, rendering) is in
`jsw.framework`; this module parses arguments and prints.
"""

from __future__ import annotations

from pathlib import Path

import click

from jsw.cli.base import UsageProblem, main
from jsw.framework.catalogue import Catalogue, configured_path, load_catalogue
from jsw.framework.issues import CatalogueError, CatalogueUnreadable
from jsw.framework.render import render_history, render_tree

EXIT_INVALID = 1
EXIT_UNREADABLE = 2


def current_catalogue() -> Catalogue:
    """The catalogue in use, or a clear refusal if its file is missing or invalid."""
    try:
        return load_catalogue()
    except CatalogueError as exc:
        raise UsageProblem(
            f"the framework catalogue {configured_path()} cannot be used "
            f"(JSW_FRAMEWORK_FILE names it when set):\n{exc}"
        ) from exc


@main.group(invoke_without_command=True)
@click.pass_context
def framework(ctx: click.Context) -> None:
    """Show the framework: objectives, outcomes, themes, OPIF indicators and PIs.

    The catalogue is the packaged one unless JSW_FRAMEWORK_FILE names another file.
    """
    if ctx.invoked_subcommand is None:
        click.echo(render_tree(current_catalogue()), nl=False)


@framework.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
def check(file: Path) -> None:
    """Check a catalogue FILE and print every problem found.

    Exit code 0 if it is valid, 1 if it has problems, 2 if it cannot be read.
    """
    try:
        catalogue = load_catalogue(file)
    except CatalogueUnreadable as exc:
        click.echo(f"Error: {exc}", err=True)
        raise SystemExit(EXIT_UNREADABLE) from exc
    except CatalogueError as exc:
        click.echo(str(exc))
        count = len(exc.issues)
        click.echo(f"{file}: {count} problem{'s' if count != 1 else ''}; not valid.", err=True)
        raise SystemExit(EXIT_INVALID) from exc
    click.echo(
        f"{file}: valid, framework version {catalogue.version}, "
        f"{len(catalogue.indicators)} PIs, sha256 {catalogue.fingerprint}"
    )


@framework.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False, writable=True),
    help="Write to this file instead of standard output.",
)
def export(output: Path | None) -> None:
    """Write the catalogue in use, byte for byte, for an administrator to edit.

    Save the edited copy as a new version, check it with `jsw framework check`, then set
    JSW_FRAMEWORK_FILE to its path.
    """
    catalogue = current_catalogue()
    if output is None:
        click.echo(catalogue.content, nl=False)
        return
    try:
        output.write_bytes(catalogue.content)
    except OSError as exc:
        raise UsageProblem(f"cannot write {output}: {exc.strerror or exc}") from exc
    click.echo(f"Wrote framework version {catalogue.version} to {output}.", err=True)


@framework.command()
def history() -> None:
    """List the framework's versions with their dates and changes."""
    click.echo(render_history(current_catalogue()), nl=False)


@framework.command()
@click.argument("indicator")
def show(indicator: str) -> None:
    """Show one PI: where it sits in the framework and how it is counted, in words."""
    from jsw.framework.render import render_indicator

    catalogue = current_catalogue()
    indicator_id = indicator.strip().lower()
    try:
        catalogue.indicator(indicator_id)
    except KeyError:
        raise UsageProblem(
            f"no PI {indicator!r} in framework version {catalogue.version}; "
            "`jsw framework` lists them"
        ) from None
    click.echo(render_indicator(catalogue, indicator_id), nl=False)
