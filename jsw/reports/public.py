"""Public packs: which figures are `[c]` (filled in with the disclosure module)."""

from __future__ import annotations

from typing import Any

from jsw.reports.model import Pack


def protect(pack: Pack, *args: Any) -> Pack:
    return pack
