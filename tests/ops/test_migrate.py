"""PostgreSQL is migrated only by `jsw migrate`: any other command on an unmigrated database
creates nothing and says to run it (exit 2). SQLite is still migrated on first use."""

from __future__ import annotations

from tests.ops.conftest import Database, jsw


def _tables(database: Database) -> int:
    if database.postgres:
        return database.value(
            "select count(*) from information_schema.tables where table_schema = 'public'"
        )
    return database.value("select count(*) from sqlite_master where type = 'table'")


def test_only_jsw_migrate_migrates_postgresql(database: Database) -> None:
    listed = jsw(database, "returns", "list")
    if database.postgres:
        assert listed.returncode == 2
        assert "run `jsw migrate`" in listed.stderr
        assert _tables(database) == 0  # nothing created, not even the migrations table
        migrated = jsw(database, "migrate")
        assert migrated.returncode == 0, migrated.stderr
        assert "Applied" in migrated.stdout
        listed = jsw(database, "returns", "list")
    assert listed.returncode == 0, listed.stderr
    assert _tables(database) > 10
    again = jsw(database, "migrate")
    assert again.returncode == 0 and "up to date" in again.stdout
