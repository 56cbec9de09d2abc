"""Django's secret key: SECRET_KEY, or for a laptop a key generated once into a file.

Without SECRET_KEY, a key is generated into `jsw.secret` beside the SQLite database, readable
by its owner only, and read from there afterwards. That is refused where it would be wrong:
with PostgreSQL (the database outlives the machine the file is on, and several machines may
serve it) and in a web server with DEBUG off (`bootstrap.mark_serving`). A file that cannot
be read, is empty, or cannot be written is one clear configuration message.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from jsw.env import env_str

SECRET_KEY_FILE = "jsw.secret"  # noqa: S105  (a file name, not a secret)
HOW = (
    "set SECRET_KEY to a long random text, e.g. the output of: "
    "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
)


def secret_key(sqlite_file: Path | None, *, debug: bool, serving: bool) -> str:
    """SECRET_KEY if given; else the key in the file beside `sqlite_file` (made if need be)."""
    key = env_str("SECRET_KEY")
    if key:
        return key
    if sqlite_file is None:
        raise ImproperlyConfigured(f"with a PostgreSQL database, {HOW}")
    if serving and not debug:
        raise ImproperlyConfigured(f"a web server needs its own secret key: {HOW}")
    return read_or_create(sqlite_file.parent / SECRET_KEY_FILE)


def read_or_create(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return create(path)
    except UnicodeDecodeError:
        raise ImproperlyConfigured(f"the secret key file {path} is not text; {HOW}") from None
    except OSError as exc:
        raise ImproperlyConfigured(
            f"cannot read the secret key file {path}: {exc.strerror or exc}; make it readable "
            "by this user, or set SECRET_KEY"
        ) from None
    key = text.strip()
    if not key:
        raise ImproperlyConfigured(
            f"the secret key file {path} is empty; delete it to have a new key made (users "
            "signed in to the web app sign in again), or set SECRET_KEY"
        )
    return key


def create(path: Path) -> str:
    """A new key in a new file, readable by its owner only."""
    key = secrets.token_urlsafe(50)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return read_or_create(path)  # another process made it a moment ago
    except OSError as exc:
        raise ImproperlyConfigured(
            f"cannot write a new secret key to {path}: {exc.strerror or exc}; set SECRET_KEY, "
            f"or let this user write in {path.parent}"
        ) from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(key + "\n")
    os.chmod(path, 0o600)
    return key
