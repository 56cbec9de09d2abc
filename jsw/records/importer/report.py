"""The outcome of one import: counts per table, rejections and warnings, the exit code.

One `ImportReport` is what the CLI renders as text or JSON and what the batch records;
`Issue` is the one shape for everything that went wrong with the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jsw.lib.safe_text import shorten

ERROR = "error"
WARNING = "warning"

# A rejected cell can be millions of characters (a quote left open swallows the file): the
# messages and the stored rejection keep this many, and say how long it was.
VALUE_SHOWN = 200
REASON_SHOWN = 2000


@dataclass(slots=True)
class Issue:
    level: str
    reason: str
    table: str | None = None
    file: str | None = None
    line: int | None = None
    column: str | None = None
    value: str | None = None
    sheet: str | None = None
    # The rejected row as read (header -> cell text), kept for inspection.
    row: dict[str, str] | None = None

    def __post_init__(self) -> None:
        self.reason = shorten(self.reason, REASON_SHOWN)  # it may list a file's headers
        if self.value is not None:
            self.value = shorten(self.value, VALUE_SHOWN)
        if self.row is not None:
            self.row = {name: shorten(text, VALUE_SHOWN) for name, text in self.row.items()}

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "table": self.table,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }
        if self.sheet is not None:
            data["sheet"] = self.sheet
        return data

    def where(self) -> str:
        place = self.file or "(import)"
        if self.sheet is not None:
            place += f", sheet {self.sheet}"
        if self.line is not None:
            place += f", {'row' if self.sheet is not None else 'line'} {self.line}"
        return place

    def describe(self) -> str:
        """One line: where, which column and value, and why."""
        text = self.where()
        if self.column:
            text += f", {self.column}"
            if self.value is not None:
                text += f" {self.value!r}"
        return f"{text}: {self.reason}"


@dataclass
class TableCounts:
    read: int = 0
    imported: int = 0
    rejected: int = 0

    def to_json(self) -> dict[str, int]:
        return {"read": self.read, "imported": self.imported, "rejected": self.rejected}


@dataclass
class ImportReport:
    source: str
    replace: bool = False
    tables: dict[str, TableCounts] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    files_read: int = 0
    files_rejected: int = 0
    batch_id: int | None = None

    @property
    def rejections(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.level == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.level == WARNING]

    @property
    def exit_code(self) -> int:
        """0: every row imported; 1: some rows or files rejected; 2: nothing importable."""
        if self.files_read == 0:
            return 2
        if self.files_rejected or any(counts.rejected for counts in self.tables.values()):
            return 1
        return 0

    def counts(self, table: str) -> TableCounts:
        return self.tables.setdefault(table, TableCounts())

    def to_json(self) -> dict[str, Any]:
        return {
            "tables": {name: counts.to_json() for name, counts in self.tables.items()},
            "rejections": [issue.to_json() for issue in self.rejections],
            "warnings": [issue.to_json() for issue in self.warnings],
        }

    def summary(self) -> dict[str, Any]:
        """What the batch keeps: the counts, and how many files were read and rejected."""
        return {
            "tables": {name: counts.to_json() for name, counts in self.tables.items()},
            "files_read": self.files_read,
            "files_rejected": self.files_rejected,
            "rejections": len(self.rejections),
            "warnings": len(self.warnings),
        }
