"""Start Django for the command line: settings, then the database's migrations.

A SQLite database (a laptop, the demo) is created and brought up to date the first time any
command touches it, so a new user never runs a separate setup step. A PostgreSQL database (a
service) is never migrated by surprise: until `jsw migrate` has run, every other command
changes nothing and refuses with a message that says so.

A web server marks itself (`mark_serving`) before the settings load: a key generated into a
file may do for a laptop's commands, but a server answering requests with DEBUG off must be
given its SECRET_KEY.
"""

from __future__ import annotations

import os

import django

from jsw.lib.errors import InputProblem

_serving = False


def mark_serving() -> None:
    """Called by jsw.wsgi (and any command that serves HTTP) before the settings load."""
    global _serving
    _serving = True


def serving() -> bool:
    return _serving


class NotMigrated(InputProblem, RuntimeError):
    """A PostgreSQL database that this version of jsw has not been migrated onto."""


def setup(migrate: bool = True) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jsw.settings")
    django.setup()
    if migrate:
        migrate_if_needed()


def pending() -> int:
    """How many migrations the database lacks (reading only: creates nothing)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def migrate_if_needed() -> None:
    from django.db import connection

    missing = pending()
    if not missing:
        return
    if connection.vendor != "sqlite":
        raise NotMigrated(
            f"the database is not ready for this version of jsw ({missing} migration"
            f"{'s' if missing != 1 else ''} to apply): run `jsw migrate` first "
            "(after `jsw backup FILE`, if it holds data)"
        )
    migrate()


def migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
