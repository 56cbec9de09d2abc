"""Structured logs: one JSON object per line on standard error, for journald or any log
collector. Each line carries the request id, the user and the job it belongs to, when there
is one. Logs name no person from the records: ids of users, jobs, batches and PIs only.

Tracebacks are logged without the exception's message (see `traceback_of`).

`bind(...)` sets the context (the request middleware and the worker call it); every line
logged meanwhile, by jsw or by Django, gets those fields.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_context: ContextVar[dict[str, str]] = ContextVar("jsw_log_context", default={})  # noqa: B039
# Attributes every LogRecord has: anything else given in `extra` is a field of the line.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


@contextmanager
def bind(**fields: object) -> Iterator[None]:
    """Add fields (request_id, user, job ...) to every line logged in this context."""
    token = _context.set({**_context.get(), **{k: str(v) for k, v in fields.items()}})
    try:
        yield
    finally:
        _context.reset(token)


class StderrHandler(logging.StreamHandler):
    """Standard error as it is when a line is written (a test harness may swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        return None


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        line.update(_context.get())
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value if isinstance(value, int | float | bool) else str(value)
        if record.exc_info and record.exc_info[1] is not None:
            line["traceback"] = traceback_of(record.exc_info[1])
        return json.dumps(line, ensure_ascii=False)


def traceback_of(exc: BaseException) -> str:
    """Where it failed (every frame, chained exceptions too) and the exception's type, but not
    its message: a database error can quote the row it refused, and rows are personal data."""
    parts: list[str] = []
    current: BaseException | None = exc
    while current is not None and len(parts) < 10:
        frames = "".join(traceback.format_tb(current.__traceback__))
        kind = type(current)
        parts.append(
            f"Traceback (most recent call last):\n{frames}{kind.__module__}.{kind.__qualname__}"
        )
        current = current.__cause__ or current.__context__
    return "\n\nDuring the handling of the above:\n".join(reversed(parts))


LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def settings(level: str = "INFO") -> dict[str, Any]:
    """Django's LOGGING: everything to standard error as JSON lines."""
    if level not in LEVELS:
        raise ImproperlyConfigured(f"JSW_LOG_LEVEL must be one of {', '.join(LEVELS)}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "stderr": {"()": StderrHandler, "formatter": "json"},
        },
        "root": {"handlers": ["stderr"], "level": "WARNING"},
        "loggers": {
            "jsw": {"level": level, "propagate": True},
            # Tracebacks of server errors (Django sends them only to e-mail by default).
            "django": {"level": "WARNING", "propagate": True},
            "django.request": {"level": "ERROR", "propagate": True},
            "django_tasks": {"level": "WARNING", "propagate": True},
            "django_tasks_db": {"level": "WARNING", "propagate": True},
            "waitress": {"level": "INFO", "propagate": True},
        },
    }
