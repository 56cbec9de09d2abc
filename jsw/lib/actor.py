"""Who is acting, for the audit log: the web user of this request, or the person running a
command (their operating-system user name). No Django here: the CLI sets it before Django
starts, the web app per request."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_actor: ContextVar[str | None] = ContextVar("jsw_actor", default=None)


def current() -> str:
    return _actor.get() or _os_user()


@contextmanager
def acting_as(name: str) -> Iterator[None]:
    token = _actor.set(name)
    try:
        yield
    finally:
        _actor.reset(token)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password database
        return "unknown"
