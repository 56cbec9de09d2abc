"""Running jsw's own processes (server, worker, backup) against a database of their own, of
the same engine as the database under test."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

JSW = [sys.executable, "-c", "from jsw.cli import run; run()"]


class Database:
    """A database for jsw processes, read back with plain SQL."""

    def __init__(self, url: str) -> None:
        self.url = url

    @property
    def postgres(self) -> bool:
        return self.url.startswith("postgres")

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        if self.postgres:
            import psycopg

            with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as conn:
                return list(conn.execute(sql).fetchall())  # type: ignore[arg-type]
        with sqlite3.connect(self.url.removeprefix("sqlite:///")) as conn:
            return conn.execute(sql).fetchall()

    def value(self, sql: str) -> Any:
        rows = self.query(sql)
        return rows[0][0] if rows else None


def _admin_url() -> str:
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgresql://{user}@{host}:{port}/postgres"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """An empty database of the engine under test, for jsw processes to use."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        yield Database(f"sqlite:///{tmp_path / 'jsw.sqlite3'}")
        return
    import psycopg

    name = f"jsw_ops_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_admin_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    db = settings.DATABASES["default"]
    url = f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:"
    yield Database(f"{url}{db.get('PORT') or 5432}/{name}")
    with psycopg.connect(_admin_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def jsw_env(database: Database, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "SECRET_KEY": "test-only-not-a-secret",
        "DATABASE_URL": database.url,
        "CI": "1",
        **extra,
    }


def jsw(
    database: Database, *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*JSW, *args],
        env=jsw_env(database),
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )
