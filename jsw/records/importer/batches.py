"""Recording each import run as an `ImportBatch` with its issues, and reading them back.

The batch is created before the import's transaction and finished after it, so a failed
import still leaves a record of what was tried and why it stopped.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.utils import timezone

from jsw.records.importer.report import ImportReport, Issue
from jsw.records.models import ImportBatch, ImportIssue

_CHUNK = 2_000


def start_batch(path: Path, replace: bool, mapping: Path | None) -> ImportBatch:
    return ImportBatch.objects.create(
        source=str(path)[:1000],
        replace=replace,
        mapping=str(mapping or "")[:1000],
    )


def finish_batch(batch: ImportBatch, report: ImportReport, failed: str = "") -> None:
    """Store the outcome and every issue; `failed` is why the import stopped, if it did."""
    batch.finished_at = timezone.now()
    batch.summary = report.summary()
    if failed:
        batch.status = ImportBatch.Status.FAILED
        batch.summary["failure"] = failed
        for counts in batch.summary["tables"].values():
            counts["imported"] = 0  # the transaction was rolled back: none were kept
        batch.exit_code = 2
    else:
        batch.status = ImportBatch.Status.DONE
        batch.exit_code = report.exit_code
    batch.save()
    _store_issues(batch, report.issues)


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
        file=file[:1000],
        line=issue.line,
        column=(issue.column or "")[:200],
        value=issue.value or "",
        reason=issue.reason,
        row=issue.row,
    )


def recent_batches(limit: int = 20) -> list[ImportBatch]:
    return list(ImportBatch.objects.order_by("-id")[:limit])


def batch_issues(batch_id: int) -> tuple[ImportBatch, list[ImportIssue]]:
    """The batch and its issues (rejections first); ImportBatch.DoesNotExist if none."""
    batch = ImportBatch.objects.get(pk=batch_id)
    issues = sorted(batch.issues.all(), key=lambda issue: (issue.level != "error", issue.pk))
    return batch, issues
