"""What can be wrong with a catalogue file, said with its file, line and field.

`Issue` is one problem; `CatalogueError` carries all of them so that the command line and
the web app can show every problem at once rather than the first. Both are the project's one
"input is wrong" type (`jsw.lib.errors`).
"""

from __future__ import annotations

from dataclasses import dataclass

from jsw.lib.errors import InputProblem, Problem

Path_ = tuple[str | int, ...]


# A problem with the catalogue file: the project's one "input is wrong" problem type.
Issue = Problem


@dataclass(frozen=True)
class Finding:
    """A problem found by a named rule: where in the file (a field path) and what."""

    path: Path_
    message: str


class CatalogueError(InputProblem):
    """The catalogue file cannot be used; `issues` says every reason found."""

    heading = "the framework catalogue cannot be used"


class CatalogueUnreadable(CatalogueError):
    """The file could not be read at all (missing, a directory, no permission)."""


def field_name(path: Path_) -> str:
    """`("indicators", 3, "frequency")` -> `indicators[3].frequency`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
