"""Recording each import run as an `ImportBatch` with its issues, and reading them back.

A batch is written inside the import's own transaction, with the rows it stamps and its
issues: they commit together or not at all, and an import killed part-way leaves no batch
behind (never one "running" for ever). An import that stops is recorded afterwards, in a
transaction of its own, as failed or interrupted, with the issues found until then.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from jsw.records.importer.report import ImportReport, Issue
from jsw.records.importer.sources import shown_name
from jsw.records.models import ImportBatch, ImportIssue

_CHUNK = 2_000


def start_batch(source: str, replace: bool, mapping: Path | None) -> ImportBatch:
    return ImportBatch.objects.create(
        source=storable(source)[:1000],
        replace=replace,
        mapping=storable(str(mapping or ""))[:1000],
    )


def finish_batch(batch: ImportBatch, report: ImportReport) -> None:
    """Store the outcome and every issue of an import that ran to its end."""
    batch.finished_at = timezone.now()
    batch.summary = report.summary()
    batch.status = ImportBatch.Status.DONE
    batch.exit_code = report.exit_code
    batch.save()
    _store_issues(batch, report.issues)


def record_stopped(
    source: str, mapping: Path | None, report: ImportReport, reason: str, interrupted: bool
) -> ImportBatch:
    """A batch for an import that stopped: its issues so far, and nothing imported."""
    with transaction.atomic():
        batch = start_batch(source, report.replace, mapping)
        batch.finished_at = timezone.now()
        batch.summary = report.summary()
        batch.summary["failure"] = reason
        for counts in batch.summary["tables"].values():
            counts["imported"] = 0  # the transaction was rolled back: none were kept
        status = ImportBatch.Status
        batch.status = status.INTERRUPTED if interrupted else status.FAILED
        batch.exit_code = 2
        batch.save()
        _store_issues(batch, report.issues)
    return batch


def storable(text: str) -> str:
    """Text any database keeps: file names that were not UTF-8 and NUL characters escaped."""
    if text.isprintable():
        return text
    try:
        shown = shown_name(text)
    except UnicodeEncodeError:  # a lone surrogate that no file name decoded to
        shown = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return shown.replace("\x00", "\\x00")


def _storable_row(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {storable(str(key)): storable(str(value)) for key, value in row.items()}


def _store_issues(batch: ImportBatch, issues: Iterable[Issue]) -> None:
    pending: list[ImportIssue] = []
    for issue in issues:
        pending.append(_as_model(batch, issue))
        if len(pending) >= _CHUNK:
            ImportIssue.objects.bulk_create(pending)
            pending = []
    ImportIssue.objects.bulk_create(pending)


def _as_model(batch: ImportBatch, issue: Issue) -> ImportIssue:
    file = issue.file or ""
    if issue.sheet is not None:
        file = f"{file} [{issue.sheet}]"
    return ImportIssue(
        batch=batch,
        level=issue.level,
        table=issue.table or "",
        file=storable(file)[:1000],
        line=issue.line,
        column=storable(issue.column or "")[:200],
        value=storable(issue.value or ""),
        reason=storable(issue.reason),
        row=_storable_row(issue.row),
    )


def recent_batches(limit: int = 20) -> list[ImportBatch]:
    return list(ImportBatch.objects.order_by("-id")[:limit])


def batch_issues(batch_id: int) -> tuple[ImportBatch, list[ImportIssue]]:
    """The batch and its issues (rejections first); ImportBatch.DoesNotExist if none."""
    batch = ImportBatch.objects.get(pk=batch_id)
    issues = sorted(batch.issues.all(), key=lambda issue: (issue.level != "error", issue.pk))
    return batch, issues
