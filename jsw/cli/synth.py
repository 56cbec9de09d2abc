"""`jsw synth`: write a synthetic dataset in the import contract's format.

Only parses arguments, shows progress and prints the summary; the work is `jsw.synth`.
"""

from __future__ import annotations

from pathlib import Path

import click

from jsw.cli.base import UsageProblem, main, progress_enabled


@main.command()
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the ten <table>.csv files to (created if missing).",
)
@click.option("--seed", default=1, show_default=True, help="Same seed and options, same files.")
@click.option("--years", default=3, show_default=True, help="Complete financial years covered.")
@click.option(
    "--scale", default=1.0, show_default=True, help="1 is about Aberdeen, 15 about Scotland."
)
@click.option(
    "--end-year",
    default=None,
    metavar="FY",
    help="Last financial year covered, like 2024-25 [default: the last one complete].",
)
def synth(out_dir: Path, seed: int, years: int, scale: float, end_year: str | None) -> None:
    """Write realistic synthetic case records (no real person in them) to a folder."""
    from jsw.lib.periods import parse_financial_year
    from jsw.synth import generate

    try:
        end = parse_financial_year(end_year) if end_year is not None else None
    except ValueError as exc:
        raise UsageProblem(f"--end-year: {exc}") from exc
    counts = generate(
        out_dir,
        seed=seed,
        years=years,
        scale=scale,
        end_year=end,
        progress=show_progress if progress_enabled() else None,
    )
    width = max(len(table) for table in counts)
    for table, rows in counts.items():
        click.echo(f"{table:<{width}}  {rows:>10,}")
    click.echo(f"{'total':<{width}}  {sum(counts.values()):>10,}  rows written to {out_dir}")


def show_progress(year: str, rows: int) -> None:
    click.echo(f"{year}: {rows:,} rows so far", err=True)
