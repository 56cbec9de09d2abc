"""The deployment guide's files, read from docs/deploy.md as a council's IT would copy them."""

from __future__ import annotations

import re
from pathlib import Path

GUIDE = Path(__file__).resolve().parent.parent.parent / "docs" / "deploy.md"


def guide_block(first_line: str) -> str:
    """The fenced block of the guide whose first line starts with `first_line`."""
    text = GUIDE.read_text()
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S):
        if block.startswith(first_line):
            return str(block)
    raise AssertionError(f"docs/deploy.md has no block starting {first_line!r}")


def guide_settings() -> dict[str, str]:
    """The guide's /etc/jsw/jsw.env, as systemd's EnvironmentFile reads it."""
    pairs = {}
    for line in guide_block("# /etc/jsw/jsw.env").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            pairs[name.strip()] = value.strip()
    return pairs
