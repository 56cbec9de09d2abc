"""Start Django for the command line: settings, then migrations on first use.

The database is created and brought up to date the first time any command touches it,
so a new user never runs a separate setup step.

A web server marks itself (`mark_serving`) before the settings load: a key generated into a
file may do for a laptop's commands, but a server answering requests with DEBUG off must be
given its SECRET_KEY.
"""

from __future__ import annotations

import os

import django

_serving = False


def mark_serving() -> None:
    """Called by jsw.wsgi (and any command that serves HTTP) before the settings load."""
    global _serving
    _serving = True


def serving() -> bool:
    return _serving


def setup(migrate: bool = True) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jsw.settings")
    django.setup()
    if migrate:
        migrate_if_needed()


def migrate_if_needed() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    if executor.migration_plan(targets):
        call_command("migrate", interactive=False, verbosity=0)
