"""What can be wrong with a catalogue file, said with its file, line and field.

`Issue` is one problem; `CatalogueError` carries all of them so that the command line and
the web app can show every problem at once rather than the first.
"""

from __future__ import annotations

from dataclasses import dataclass

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Issue:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


@dataclass(frozen=True)
class Finding:
    """A problem found by a named rule: where in the file (a field path) and what."""

    path: Path_
    message: str


class CatalogueError(Exception):
    """The catalogue file cannot be used; `issues` says every reason found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


class CatalogueUnreadable(CatalogueError):
    """The file could not be read at all (missing, a directory, no permission)."""


def field_name(path: Path_) -> str:
    """`("indicators", 3, "frequency")` -> `indicators[3].frequency`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
