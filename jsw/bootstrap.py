"""Start Django for the command line: settings, then migrations on first use.

The database is created and brought up to date the first time any command touches it,
so a new user never runs a separate setup step.
"""

from __future__ import annotations

import os

import django


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
