"""What jsw says when the user's input is wrong, and the one line shown for any exception.

`InputProblem` is the one type for "your input is wrong" (a file, a setting, an argument):
it carries every `Problem` found, each with where it is (file, line, field), so the command
line can print them all with exit code 2 and the web app can list them (`issues`). Every
service's refusal is a kind of it: the catalogue's `CatalogueError`, the importer's
`MappingError`, `ReturnProblem`, `AnalysisProblem` (targets, rebases, commentary),
`ReportProblem`, `UploadProblem`, `UserProblem`, `DemoProblem`. Rows that an import rejects
one by one are not: those are recorded per row and the import goes on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong, and where: file, 1-based line (None: the whole file), field path."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [part for part in (where, self.field, self.message) if part]
        return ": ".join(parts)


class InputProblem(Exception):
    """The user's input cannot be used; `issues` says every reason found.

    `heading` says what could not be used (shown above the problems); `str()` is the
    problems, one a line.
    """

    heading: str = ""

    def __init__(self, problems: Sequence[Problem] | str, heading: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem("", None, "", problems)]
        self.issues = list(problems)
        if heading:
            self.heading = heading
        super().__init__("\n".join(str(problem) for problem in self.issues))

    def render(self) -> str:
        """The full message: the heading, then each problem on its own line."""
        body = str(self)
        return f"{self.heading}:\n{body}" if self.heading and body else self.heading or body


def first_line(exc: BaseException) -> str:
    """The first line of the exception's message, or its type's name if it has none."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
