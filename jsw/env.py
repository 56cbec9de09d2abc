"""Reading the environment: every setting goes through these helpers.

A value that could mean two things is refused with one line naming the variable
(`ImproperlyConfigured`, which the command line shows as a configuration message, exit 2):
`DEBUG=maybe`, `JSW_COMPUTE_WORKERS=two`, `JSW_COMPUTE_WORKERS=0`. An empty value is the same
as no value. Nothing here loads Django's settings, so the command line can use it early.
"""

from __future__ import annotations

import os
import re
from datetime import date

from django.core.exceptions import ImproperlyConfigured

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


def env_str(name: str, default: str = "") -> str:
    """The value without surrounding spaces; `default` when unset or empty."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool = False) -> bool:
    raw = env_str(name)
    if not raw:
        return default
    value = raw.lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int, *, minimum: int = 1, maximum: int | None = None) -> int:
    """A whole number from `minimum` (1 unless said) up to `maximum`, in digits."""
    raw = env_str(name)
    if not raw:
        return default
    bounds = f"at least {minimum}" if maximum is None else f"from {minimum} to {maximum}"
    wanted = f"{name} must be a whole number {bounds}; got {raw!r}"
    if WHOLE_NUMBER.fullmatch(raw) is None:
        raise ImproperlyConfigured(wanted)
    value = int(raw)
    if value < minimum or (maximum is not None and value > maximum):
        raise ImproperlyConfigured(wanted)
    return value


def env_list(name: str, default: str = "") -> list[str]:
    """Comma-separated items, spaces around them removed, empty items dropped."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_dates(name: str) -> list[str]:
    """Comma-separated ISO dates (YYYY-MM-DD), checked, as written."""
    values = env_list(name)
    for value in values:
        try:
            if len(value) != 10:
                raise ValueError
            date.fromisoformat(value)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {value!r} is not a date: expected YYYY-MM-DD, like 2025-12-24"
            ) from None
    return values
