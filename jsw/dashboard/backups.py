"""`jsw backup FILE` and `jsw restore FILE`: the whole database in one file, readable by its
owner only, as it was at one moment (an import running meanwhile is in it whole or not at
all); a backup that is damaged, or of the wrong kind, is refused and the database left as it
was. Both are written to the audit log.

SQLite: SQLite's online backup API, into a plain single-file database. PostgreSQL:
`pg_dump --format=custom` and `pg_restore --single-transaction` (all or nothing); their
version must be at least the server's.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection

from jsw.analysis.models import record
from jsw.lib.actor import current
from jsw.lib.errors import InputProblem

log = logging.getLogger(__name__)
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupProblem(InputProblem, RuntimeError):
    """A backup or restore that cannot be done; the message says why (exit 2)."""


def _database() -> dict[str, Any]:
    return dict(settings.DATABASES["default"])


def _sqlite() -> bool:
    return str(_database()["ENGINE"]).endswith("sqlite3")


def _private(path: Path) -> Path:
    """A new, empty file beside `path` that only its owner can read, to be renamed onto it."""
    if path.is_dir():
        raise BackupProblem(f"{path} is a folder: give a file name")
    if not path.parent.is_dir():
        raise BackupProblem(f"{path.parent} does not exist")
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return partial


def backup(path: Path) -> None:
    partial = _private(path)
    try:
        if _sqlite():
            _sqlite_backup(partial)
        else:
            _pg_dump(partial)
        os.chmod(partial, 0o600)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    size = path.stat().st_size
    _audit("backup", path, {"bytes": size})
    log.info("backup written", extra={"bytes": size})


def restore(path: Path) -> None:
    if not path.is_file():
        raise BackupProblem(f"{path} is not a file")
    with path.open("rb") as file:
        head = file.read(16)
    if _sqlite():
        if not head.startswith(SQLITE_MAGIC):
            raise BackupProblem(f"{path} is not a jsw backup of a SQLite database")
        _check_sqlite(path)
        _sqlite_restore(path)
    else:
        if not head.startswith(PG_MAGIC):
            raise BackupProblem(f"{path} is not a jsw backup of a PostgreSQL database")
        _pg_restore(path)
    connection.close()  # the restored database may differ in every table
    _audit("restore", path, None)
    log.warning("database restored from a backup")


def _audit(subject: str, path: Path, after: dict[str, Any] | None) -> None:
    """In the audit log, when the database has one (a backup may be taken before the first
    migration, or before an upgrade's)."""
    try:
        record(current(), "created", subject, path.name[:200], after=after)
    except DatabaseError as exc:
        log.warning("not audited: the database has no audit log yet", extra={"error": str(exc)})


# -- SQLite ----------------------------------------------------------------------------


def _sqlite_backup(partial: Path) -> None:
    source = sqlite3.connect(str(_database()["NAME"]), timeout=60)
    target = sqlite3.connect(str(partial))
    try:
        # One step: the copy is one read transaction, a single moment of the database.
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
        target.commit()
    finally:
        target.close()
        source.close()
    _check_sqlite(partial)


def _check_sqlite(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            (verdict,) = db.execute("PRAGMA integrity_check(1)").fetchone()
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        db.close()
    except sqlite3.DatabaseError as exc:
        raise BackupProblem(f"{path} is damaged ({exc}): nothing was restored") from None
    if verdict != "ok":
        raise BackupProblem(f"{path} is damaged ({verdict}): nothing was restored")
    if "django_migrations" not in tables:
        raise BackupProblem(f"{path} is not a jsw database: nothing was restored")


def _sqlite_restore(path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    target = sqlite3.connect(str(_database()["NAME"]), timeout=60)
    try:
        # The copy replaces the whole database in one write transaction.
        source.backup(target)
    finally:
        target.close()
        source.close()


# -- PostgreSQL ------------------------------------------------------------------------


def _pg_env() -> dict[str, str]:
    db = _database()
    env = {**os.environ, "PGDATABASE": str(db["NAME"])}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    for option, value in (db.get("OPTIONS") or {}).items():
        if option == "sslmode":
            env["PGSSLMODE"] = str(value)
    return env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupProblem(f"{name} is not installed (Debian: apt install postgresql-client)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        (server,) = cursor.fetchone()
    done = subprocess.run([found, "--version"], capture_output=True, text=True, check=True)  # noqa: S603  (PostgreSQL's own tool, no shell)
    version = re.search(r"(\d+)\.\d+", done.stdout)
    tool = int(version.group(1)) if version else 0
    if tool < int(server) // 10000:
        raise BackupProblem(
            f"{name} {tool} is older than the server ({int(server) // 10000}): install the "
            "server's version of postgresql-client"
        )
    return found


def _pg_dump(partial: Path) -> None:
    # One snapshot of the whole database: an import running meanwhile is in it or not.
    command = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"]
    done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)  # noqa: S603  (PostgreSQL's own tool, no shell)
    if done.returncode != 0:
        raise BackupProblem(f"pg_dump failed: {done.stderr.strip()}")


def _pg_restore(path: Path) -> None:
    tool = _pg_tool("pg_restore")
    listed = subprocess.run([tool, "--list", str(path)], capture_output=True, text=True)  # noqa: S603  (PostgreSQL's own tool, no shell)
    if listed.returncode != 0 or "django_migrations" not in listed.stdout:
        raise BackupProblem(f"{path} is damaged or not a jsw backup: nothing was restored")
    connection.close()
    # All or nothing: any error rolls the whole restore back, the database as it was.
    command = [
        tool,
        "--single-transaction",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--dbname",
        str(_database()["NAME"]),
        str(path),
    ]
    done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)  # noqa: S603  (PostgreSQL's own tool, no shell)
    if done.returncode != 0:
        raise BackupProblem(
            f"{path} could not be restored ({_first_error(done.stderr)}): the database was "
            "left as it was"
        )


def _first_error(text: str) -> str:
    lines = [line for line in text.splitlines() if "error" in line.lower()]
    return (lines[0] if lines else text.strip()[:200]).strip()
