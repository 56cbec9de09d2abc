"""`jsw demo`: a separate demo database with synthetic records, imported and computed.

The work is `jsw.demo.make_demo`; this command points Django at the demo's own database
(never the one DATABASE_URL names), prints the steps and renders the latest results.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from jsw.cli.base import UsageProblem, main, progress_enabled, start_django
from jsw.demo import DEMO_YEARS, fresh_folder, make_demo


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
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--no-serve", is_flag=True, help="stop before serving the dashboard (for scripts)")
def demo(folder: Path, seed: int, scale: float, port: int, no_serve: bool) -> None:
    """Make a demo: synthetic records for recent financial years, imported and computed, its
    board pack and annual report, one login per role; then serve the dashboard."""
    from jsw.cli.indicators import pi_progress
    from jsw.dashboard.server import port_in_use

    busy = None if no_serve else port_in_use("127.0.0.1", port)
    if busy:  # refused before the minute of work that would end in a server that cannot start
        raise UsageProblem(busy)
    folder = folder.resolve()
    database = fresh_folder(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    start_django()
    made = make_demo(
        folder,
        years=DEMO_YEARS,
        seed=seed,
        scale=scale,
        progress=click.echo,
        compute_progress=pi_progress(),
        reports=True,
    )

    from jsw.framework.catalogue import load_catalogue
    from jsw.indicators import engine, export
    from jsw.lib.periods import fy_label

    lines = export.latest_lines(made.run, load_catalogue(), engine.extract_date())
    click.echo("\nLatest complete periods:\n")
    click.echo(export.render_table(lines), nl=False)
    first, last = fy_label(made.first_year), fy_label(made.last_year)
    click.echo(
        f"""
Next, with the demo database:{_activate_hint()}
  export DATABASE_URL=sqlite:///{database}
  jsw results                          each PI's latest complete period
  jsw results --by team                the same, per team (also: sex, age)
  jsw results --from {first} --to {last} --output results.csv
  jsw framework                        the framework the PIs belong to
  jsw imports                          what was imported, and any rejected rows
  jsw report quarterly --period P      a quarter's board pack (PDF, HTML, Excel)

The latest board pack and annual report are in {folder / "reports"}.
"""
    )
    from jsw.demo.logins import demo_logins

    logins = demo_logins()
    click.echo("Dashboard logins (new passwords each time the demo is made):")
    for login in logins:
        click.echo(f"  {login.role:<14} user {login.name:<20} password {login.password}")
    if progress_enabled():
        click.echo("(Your own database, if any, was not touched.)", err=True)
    if no_serve:
        click.echo(f"\nServe the dashboard with: DATABASE_URL=sqlite:///{database} jsw serve")
        return
    from jsw.dashboard.server import default_processes
    from jsw.dashboard.supervisor import serve_processes

    busy = port_in_use("127.0.0.1", port)
    if busy:  # taken while the demo was being made
        raise UsageProblem(busy)
    click.echo(f"\nThe dashboard: http://127.0.0.1:{port}/ (Ctrl-C to stop)\n", err=False)
    code = serve_processes("127.0.0.1", port, processes=default_processes())
    if code:
        raise click.exceptions.Exit(code)


def _activate_hint() -> str:
    """How to make `jsw` a command, when the virtual environment that holds it is not active."""
    if shutil.which("jsw"):
        return ""
    scripts = Path(sys.executable).parent
    return f"""
  source {scripts / "activate"}   (jsw is not on your PATH yet; or write {scripts / "jsw"})"""
