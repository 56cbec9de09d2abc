"""The SQLite database is private to its owner, and a second writer waits, then says what
is happening instead of "database is locked ... a fault in jsw"."""

from __future__ import annotations

import os
import sqlite3
import stat
import time

import pytest

from tests.cli.test_entry_point import jsw


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask():
    """The common umask, under which files are made world-readable unless jsw says not."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_the_database_its_wal_files_and_the_secret_are_readable_by_their_owner_only(
    tmp_path, usual_umask
):
    database = tmp_path / "data" / "jsw.sqlite3"
    done = jsw(tmp_path, "returns", "list", DATABASE_URL=f"sqlite:///{database}", SECRET_KEY="")
    assert done.returncode == 0, done.stderr
    assert mode(database) == 0o600
    assert mode(tmp_path / "data" / "jsw.secret") == 0o600
    # The -wal and -shm files exist while a connection is open; SQLite copies the mode.
    with sqlite3.connect(database) as connection:
        connection.execute("create table t (x)")
        wal, shm = (database.with_name(database.name + suffix) for suffix in ("-wal", "-shm"))
        assert wal.exists() and shm.exists()
        assert mode(wal) == mode(shm) == 0o600
    connection.close()


@pytest.fixture
def locked(tmp_path):
    """A database another process is writing to: a connection holding the write lock."""
    url = f"sqlite:///{tmp_path / 'jsw.sqlite3'}"
    assert jsw(tmp_path, "returns", "list", DATABASE_URL=url).returncode == 0
    holder = sqlite3.connect(tmp_path / "jsw.sqlite3", isolation_level=None)
    holder.execute("begin immediate")
    yield url
    holder.execute("rollback")
    holder.close()


@pytest.mark.parametrize(
    "args", [["returns", "set", "mappa-clients", "2024-25", "3"], ["compute"], ["results"]]
)
def test_a_writer_waits_for_the_timeout_then_says_another_one_is_writing(tmp_path, locked, args):
    started = time.perf_counter()
    done = jsw(tmp_path, *args, DATABASE_URL=locked, JSW_SQLITE_TIMEOUT="1")
    waited = time.perf_counter() - started
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.strip() == (
        "Error: another import or computation is writing to the database; "
        "try again when it has finished"
    )
    assert waited >= 1


def test_reading_does_not_wait_for_a_writer(tmp_path, locked):
    done = jsw(tmp_path, "returns", "list", DATABASE_URL=locked, JSW_SQLITE_TIMEOUT="1")
    assert done.returncode == 0, done.stderr
