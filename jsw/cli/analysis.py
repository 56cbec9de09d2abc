"""`jsw spc`, `jsw targets`, `jsw rebase` and `jsw commentary`: thin calls into jsw.analysis.

`jsw spc` charts any `period,value` file and needs no database, so it never starts Django.
"""

from __future__ import annotations

import getpass
import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from jsw.cli.base import UsageProblem, main, with_database


def _decimal(value: str | None, option: str) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise UsageProblem(f"{option}: {value!r} is not a number") from None
    if not number.is_finite():
        raise UsageProblem(f"{option}: {value!r} is not a finite number")
    return number


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--improvement",
    type=click.Choice(["increase", "decrease", "neutral"]),
    default="neutral",
    show_default=True,
    help="which way is better",
)
@click.option("--target", metavar="X", help="target, for the assurance icon")
@click.option(
    "--fix-after", type=click.IntRange(min=1), metavar="N", help="baseline: first N points"
)
@click.option("--rebase-at", multiple=True, metavar="PERIOD", help="start a new group here")
@click.option("--screen-outliers", is_flag=True, help="drop moving ranges >= 3.267 x average")
@click.option("--shift", type=click.IntRange(min=2), default=7, show_default=True, metavar="N")
@click.option("--trend", type=click.IntRange(min=2), default=7, show_default=True, metavar="N")
@click.option("--json", "as_json", is_flag=True, help="print the chart as JSON (the only output)")
def spc(
    file: Path,
    improvement: str,
    target: str | None,
    fix_after: int | None,
    rebase_at: tuple[str, ...],
    screen_outliers: bool,
    shift: int,
    trend: int,
    as_json: bool,
) -> None:
    """XmR chart (NHS "Making Data Count") of FILE, a CSV with the header period,value."""
    from jsw.analysis.series_file import SeriesFileProblem, read_series
    from jsw.analysis.spc import xmr

    try:
        periods, values = read_series(file)
        result = xmr(
            values,
            periods,
            improvement=improvement,
            target=_decimal(target, "--target"),
            fix_after=fix_after,
            rebase_at=rebase_at,
            screen_outliers=screen_outliers,
            shift=shift,
            trend=trend,
        )
    except (SeriesFileProblem, ValueError) as exc:
        raise UsageProblem(str(exc)) from None
    if as_json:
        click.echo(json.dumps(result.as_json(), indent=1))
        return
    for point in result.points:
        flags = ",".join(point.rules)
        click.echo(f"{point.period:<14} {point.value:>12g} {point.point_type:<28} {flags}")
    trial = " (trial limits)" if result.trial else ""
    click.echo(f"variation: {result.variation_icon}; assurance: {result.assurance}{trial}")


def _author(name: str | None) -> str:
    return name if name is not None else getpass.getuser()


def _plain(value: object) -> str:
    from jsw.lib.numbers import plain

    return plain(value) if isinstance(value, Decimal | int) else str(value)


@main.group()
def targets() -> None:
    """Targets of the PIs, for a financial year or one period."""


@targets.command(name="set")
@click.argument("indicator")
@click.argument("period")
@click.argument("target")
@click.option("--amber", metavar="N", help="tolerance, 0 or more, in the PI's unit (default 0)")
@click.option(
    "--whole-year",
    is_flag=True,
    help="judge the whole-year figure (the annual report's) instead of each period; "
    "PERIOD must be a financial year",
)
@click.option("--author", metavar="NAME", help="who sets it (default: your user name)")
@with_database
def targets_set(
    indicator: str,
    period: str,
    target: str,
    amber: str | None,
    whole_year: bool,
    author: str | None,
) -> None:
    """Set TARGET for a PI and a financial year (2025-26) or one period (2025-26-Q3).

    A year's target judges each period of the PI in that year. With --whole-year it judges
    the PI's figure for the whole year instead (the annual report's value), which is a
    different quantity for a PI measured by quarter or half-year. A PI whose direction is
    none takes no target.
    """
    from jsw.analysis.targets import set_target

    checked = set_target(
        indicator, period, target, amber, actor=_author(author), whole_year=whole_year
    )
    click.echo(
        f"{checked.indicator_id} {checked.period} ({_scope_words(checked.scope)}): "
        f"target {_plain(checked.value)}, amber {_plain(checked.amber)}"
    )


@targets.command(name="remove")
@click.argument("indicator")
@click.argument("period")
@click.option("--whole-year", is_flag=True, help="the whole-year target of that year")
@click.option("--author", metavar="NAME", help="who removes it (default: your user name)")
@with_database
def targets_remove(indicator: str, period: str, whole_year: bool, author: str | None) -> None:
    """Remove the target of a PI for a financial year or one period (audited)."""
    from jsw.analysis.targets import remove_target

    removed = remove_target(indicator, period, actor=_author(author), whole_year=whole_year)
    click.echo(f"{removed.indicator_id} {removed.period}: target {_plain(removed.value)} removed")


def _scope_words(scope: str) -> str:
    return "the whole-year figure" if scope == "whole-year" else "each period"


@targets.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--author", metavar="NAME", help="who imports them (default: your user name)")
@with_database
def targets_import(file: Path, author: str | None) -> None:
    """Import targets from a CSV file with the header indicator_id,period,target,amber
    (optionally followed by scope: periods, the default, or whole-year).

    Good rows are stored and bad rows listed with their line and reason. Exit code 0: every
    row stored, 1: some rows rejected, 2: the file cannot be used.
    """
    from jsw.analysis.targets import import_targets

    result = import_targets(file, actor=_author(author))
    for line, reason in result.rejected:
        click.echo(f"line {line}: {reason}")
    click.echo(f"{len(result.stored)} targets stored, {len(result.rejected)} rows rejected.")
    # sys.exit, as `jsw import` does: the entry point runs click in non-standalone mode.
    sys.exit(result.exit_code)


@targets.command(name="list")
@click.argument("indicator", required=False)
@with_database
def targets_list(indicator: str | None) -> None:
    """List the targets, of every PI or of one."""
    from jsw.analysis.targets import list_targets

    rows = list_targets(indicator)
    if not rows:
        click.echo("No targets set.")
    for t in rows:
        click.echo(
            f"{t.indicator_id:<28} {t.period:<12} {t.scope:<10} {_plain(t.value):>10}  "
            f"amber {_plain(t.amber)}"
        )


@main.command()
@click.argument("indicator", required=False)
@click.argument("period", required=False)
@click.option("--reason", metavar="TEXT", help="why the process changed (required)")
@click.option("--list", "show", is_flag=True, help="list the rebases (of INDICATOR, if given)")
@click.option("--remove", is_flag=True, help="remove the rebase of INDICATOR at PERIOD")
@click.option("--author", metavar="NAME", help="who records it (default: your user name)")
@with_database
def rebase(
    indicator: str | None,
    period: str | None,
    reason: str | None,
    show: bool,
    remove: bool,
    author: str | None,
) -> None:
    """Record that a PI's SPC chart starts a new group at PERIOD, with the reason.

    jsw rebase PI PERIOD --reason TEXT; jsw rebase --list [PI]; jsw rebase PI PERIOD --remove.
    """
    from jsw.analysis import rebases

    if show:
        rows = rebases.rebases_for(indicator) if indicator else rebases.all_rebases()
        if not rows:
            click.echo("No rebases recorded.")
        for r in rows:
            click.echo(f"{r.indicator_id:<28} {r.period:<12} {r.reason}")
        return
    if indicator is None or period is None:
        raise UsageProblem("give a PI and a period (jsw rebase PI PERIOD --reason TEXT)")
    if remove:
        rebases.remove_rebase(indicator, period, actor=_author(author))
        click.echo(f"Removed the rebase of {indicator} at {period}.")
        return
    if reason is None:
        raise UsageProblem("a rebase needs a reason: --reason TEXT")
    recorded = rebases.set_rebase(indicator, period, reason, actor=_author(author))
    click.echo(f"{recorded.indicator_id} rebased at {recorded.period}: {recorded.reason}")


@main.group()
def commentary() -> None:
    """The owner's commentary on a PI's period (every change kept)."""


@commentary.command(name="set")
@click.argument("indicator")
@click.argument("period")
@click.argument("text")
@click.option("--author", metavar="NAME", help="default: your user name")
@with_database
def commentary_set(indicator: str, period: str, text: str, author: str | None) -> None:
    """Set the commentary TEXT for a PI and PERIOD (earlier versions are kept)."""
    from jsw.analysis.commentary import set_commentary

    entry = set_commentary(indicator, period, text, author=_author(author))
    click.echo(f"Commentary for {entry.indicator_id} {entry.period} saved ({entry.author}).")


@commentary.command(name="show")
@click.argument("indicator")
@click.option("--period", metavar="PERIOD", help="one period only")
@click.option("--history", is_flag=True, help="every version, not only the latest")
@with_database
def commentary_show(indicator: str, period: str | None, history: bool) -> None:
    """Show a PI's commentary: the latest for each period, or every version."""
    from jsw.analysis.commentary import commentary_history

    rows = commentary_history(indicator, period)
    if not rows:
        click.echo("No commentary.")
    shown: set[str] = set()
    for entry in rows:
        when = f"{entry.author}, {entry.created_at:%Y-%m-%d %H:%M}"
        if entry.period not in shown:
            shown.add(entry.period)
            click.echo(f"{entry.period}  {when}\n  {entry.text}")
        elif history:
            click.echo(f"  earlier ({when}): {entry.text}")
