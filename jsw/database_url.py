"""DATABASE_URL as Django's database settings, read strictly.

Two forms, nothing else: `sqlite:////absolute/path.sqlite3` (sqlite:/// and an absolute
path) and `postgres://user:password@host:port/name` (or postgresql://, with query options
such as sslmode=require). A URL that a lenient parser would read as something unintended is
refused: `sqlite://` or `sqlite:///` (a database in memory that vanishes when the command
ends), `sqlite:relative` or a relative path (whose meaning changes with the working
directory), a port that is not a number, a PostgreSQL URL without a database name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SQLITE_ENGINE = "jsw.private_sqlite3"  # Django's SQLite backend, files made owner-only
POSTGRES_ENGINE = "django.db.backends.postgresql"
SQLITE_FORM = "a SQLite URL is sqlite:/// then a file's absolute path (four slashes in all)"
PASSWORD = re.compile(r"(://[^:/@]*:)[^/]*@")  # user:password@ before the host
EXAMPLES = "sqlite:////srv/jsw/jsw.sqlite3 or postgres://user@host:5432/jsw"


def problem(url: str, why: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"DATABASE_URL {shown(url)}: {why}")


def shown(url: str) -> str:
    """The URL with any password hidden (it may be shown on a shared screen)."""
    return repr(PASSWORD.sub(r"\1***@", url))


def parse(url: str) -> dict[str, Any]:
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "sqlite":
        return _sqlite(url)
    if scheme in ("postgres", "postgresql"):
        return _postgres(url)
    raise ImproperlyConfigured(
        f"DATABASE_URL must start with sqlite:/// or postgres://, like {EXAMPLES}"
    )


def _sqlite(url: str) -> dict[str, Any]:
    if url in ("sqlite:", "sqlite:/", "sqlite://", "sqlite:///"):
        raise problem(
            url,
            "a database in memory would vanish when the command ends; give a file, "
            "like sqlite:////srv/jsw/jsw.sqlite3",
        )
    if not url.startswith("sqlite:///"):
        raise problem(url, SQLITE_FORM)
    rest = url[len("sqlite:///") :]
    if "?" in rest or "#" in rest:
        raise problem(url, "a SQLite URL takes no options (? or #)")
    path = Path(unquote(rest))
    if not path.is_absolute() or rest.endswith("/") or path.name in ("", ".", ".."):
        raise problem(url, SQLITE_FORM)
    return {"ENGINE": SQLITE_ENGINE, "NAME": str(path)}


def _postgres(url: str) -> dict[str, Any]:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise problem(url, f"cannot be read as a URL ({exc})") from None
    try:
        port = parts.port
    except ValueError:
        raise problem(url, "cannot be read: the port must be a number from 1 to 65535") from None
    if not url.split(":", 1)[1].startswith("//"):
        raise problem(url, "a PostgreSQL URL is postgres://user@host:port/name")
    name = unquote(parts.path.lstrip("/"))
    if not name or "/" in name:
        raise problem(url, "give the database's name after the host, like postgres://host/jsw")
    if parts.fragment:
        raise problem(url, "a PostgreSQL URL has no # part")
    options: dict[str, str] = {}
    if parts.query:
        try:
            options = dict(parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True))
        except ValueError:
            raise problem(
                url, "its options (after ?) must be name=value pairs joined by &"
            ) from None
    config: dict[str, Any] = {
        "ENGINE": POSTGRES_ENGINE,
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": unquote(parts.hostname or ""),
        "PORT": port or "",
    }
    if options:
        config["OPTIONS"] = options
    return config
