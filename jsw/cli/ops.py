"""`jsw migrate`, `jsw backup` and `jsw restore`: running jsw as a service."""

from __future__ import annotations

from pathlib import Path

import click

from jsw.cli.base import main, start_django


@main.command()
def migrate() -> None:
    """Bring the database up to date with this version of jsw (PostgreSQL needs this after
    every install or upgrade; SQLite is migrated on first use)."""
    import logging

    from jsw import bootstrap

    start_django(migrate=False)
    missing = bootstrap.pending()
    if not missing:
        click.echo("The database is up to date.")
        return
    bootstrap.migrate()
    logging.getLogger("jsw.ops").info("database migrated", extra={"migrations": missing})
    click.echo(f"Applied {missing} migration{'s' if missing != 1 else ''}.")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(file: Path) -> None:
    """Write the whole database to FILE (readable by its owner only), as it is at one moment:
    an import running meanwhile is in it whole or not at all."""
    start_django(migrate=False)
    from jsw.dashboard import backups

    backups.backup(file)
    click.echo(f"Backed up to {file}.")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def restore(file: Path) -> None:
    """Replace the whole database with the backup in FILE (stop `jsw serve` first). A damaged
    backup is refused and the database left as it was."""
    start_django(migrate=False)
    from jsw.dashboard import backups

    backups.restore(file)
    click.echo(f"Restored from {file}.")
