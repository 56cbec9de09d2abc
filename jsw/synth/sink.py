"""Where generated rows go: one CSV writer per table, ids, counts, and the extract date.

Files are written in the contract's canonical form (UTF-8 without a byte-order mark, a
header row in records.md's column order, LF line ends, ISO dates) as rows are produced,
so memory stays bounded whatever the size.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any

COLUMNS: dict[str, tuple[str, ...]] = {
    "people": ("person_id", "date_of_birth", "sex"),
    "orders": (
        "order_id",
        "person_id",
        "order_type",
        "start_date",
        "end_date",
        "end_reason",
        "domestic_abuse",
        "team",
    ),
    "requirements": (
        "requirement_id",
        "order_id",
        "requirement_type",
        "programme",
        "hours",
        "due_date",
        "completed_date",
    ),
    "upw_sessions": (
        "session_id",
        "requirement_id",
        "session_date",
        "hours",
        "placement_type",
        "provider",
    ),
    "assessments": (
        "assessment_id",
        "person_id",
        "order_id",
        "assessment_type",
        "start_date",
        "completed_date",
        "cmp_date",
    ),
    "contacts": ("contact_id", "order_id", "contact_type", "contact_date"),
    "breaches": ("breach_id", "order_id", "application_date", "outcome_date", "outcome"),
    "questionnaires": (
        "questionnaire_id",
        "order_id",
        "questionnaire_type",
        "received_date",
        "score_before",
        "score_after",
    ),
    "services": ("service_id", "person_id", "service", "referral_date", "end_date"),
    "returns": ("indicator_id", "period", "value", "note"),
}

# Id prefix and digits per table; ids are pseudonymous running numbers.
ID_FORMS: dict[str, tuple[str, int]] = {
    "people": ("P", 6),
    "orders": ("O", 7),
    "requirements": ("R", 7),
    "upw_sessions": ("S", 8),
    "assessments": ("A", 7),
    "contacts": ("C", 8),
    "breaches": ("B", 7),
    "questionnaires": ("Q", 7),
    "services": ("V", 7),
}

BUFFER_BYTES = 1 << 20


class Sink:
    """Open CSV writers for every table of one output folder."""

    def __init__(self, out_dir: Path, extract_date: date, history_from: date) -> None:
        self.extract_date = extract_date
        self.history_from = history_from
        self.muted = False
        self.counts = dict.fromkeys(COLUMNS, 0)
        self._next = dict.fromkeys(ID_FORMS, 0)
        self._files: list[IO[str]] = []
        self._writers: dict[str, Any] = {}
        try:
            for table, columns in COLUMNS.items():
                handle = open(  # noqa: SIM115  (closed in close())
                    out_dir / f"{table}.csv",
                    "w",
                    encoding="utf-8",
                    newline="",
                    buffering=BUFFER_BYTES,
                )
                self._files.append(handle)
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(columns)
                self._writers[table] = writer
        except OSError:
            self.close()  # the files already opened
            raise

    def new_id(self, table: str) -> str:
        self._next[table] += 1
        prefix, digits = ID_FORMS[table]
        return f"{prefix}{self._next[table]:0{digits}d}"

    def write(self, table: str, row: tuple[Any, ...]) -> None:
        """Write one row; None is written blank, dates as YYYY-MM-DD."""
        if self.muted:
            return
        self._writers[table].writerow(row)
        self.counts[table] += 1

    def known(self, day: date | None) -> date | None:
        """`day` if it has happened by the extract date, else None (not yet recorded)."""
        if day is None or day > self.extract_date:
            return None
        return day

    @contextmanager
    def order_scope(self, end: date) -> Iterator[None]:
        """Leave out an order and all it holds if it ended before `history_from`.

        Such orders are still generated (the random streams and the people pool stay
        the same) but not written: the extract holds the history it needs, not all of it.
        """
        self.muted = end < self.history_from
        try:
            yield
        finally:
            self.muted = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def close(self) -> None:
        for handle in self._files:
            handle.close()
