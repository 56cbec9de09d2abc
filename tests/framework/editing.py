"""Helpers to break a copy of the packaged catalogue and see what the loader says."""

from __future__ import annotations

from pathlib import Path

import pytest

from jsw.framework.catalogue import PACKAGED_FILE, load_catalogue
from jsw.framework.issues import CatalogueError, Issue

PACKAGED_TEXT = PACKAGED_FILE.read_text(encoding="utf-8")


def edit(text: str, old: str, new: str, after: str = "") -> str:
    """Replace the first `old` found after the first `after` (the start if not given)."""
    start = text.index(after) if after else 0
    at = text.index(old, start)
    return text[:at] + new + text[at + len(old) :]


def line_of(text: str, snippet: str, nth: int = 1) -> int:
    """The 1-based line of the nth occurrence of `snippet`."""
    at = -1
    for _ in range(nth):
        at = text.index(snippet, at + 1)
    return text.count("\n", 0, at) + 1


def issues_of(path: Path) -> list[Issue]:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    return caught.value.issues


def issue_at(issues: list[Issue], field: str) -> Issue:
    matching = [issue for issue in issues if issue.field == field]
    assert len(matching) == 1, f"{field} not reported once in {[str(i) for i in issues]}"
    return matching[0]


def write(folder: Path, text: str, name: str = "catalogue.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
