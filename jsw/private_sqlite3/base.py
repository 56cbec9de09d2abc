"""Django's SQLite backend, except that a new database file is created with mode 0600.

The records are criminal-justice personal data: a database file others on the machine can
read would be a leak. SQLite gives its -wal and -shm files the database file's mode, so
creating the file owner-only before SQLite opens it covers all three.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from django.db.backends.sqlite3 import base


def create_private(path: Path) -> None:
    """Create an empty file readable and writable by its owner only, if there is none."""
    if path.exists():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another process made it first: SQLite opens that one
    except OSError as exc:
        # Raised as SQLite's own error, so that Django reports it as a database error.
        raise sqlite3.OperationalError(f"cannot create {path}: {exc.strerror or exc}") from None
    os.close(descriptor)
    os.chmod(path, 0o600)  # whatever the umask took away, the owner can read and write


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        name = str(conn_params["database"])
        if not self.is_in_memory_db() and not name.startswith("file:"):
            create_private(Path(name))
        return super().get_new_connection(conn_params)
