"""Plain-text renderings of an import report and of stored batches, for the command line.

Rejections carry the values as read (ids among them): these texts are case-level output,
for the people who correct the extract, not for reports. Text from the data (values, file,
sheet and column names) may hold terminal escape sequences: every text is returned with
control characters shown escaped (`\\x1b`), so printing it cannot drive the terminal.
"""

from __future__ import annotations

from django.utils import timezone

from jsw.lib.safe_text import for_terminal
from jsw.records.importer.report import ImportReport, Issue
from jsw.records.models import ImportBatch, ImportIssue

FIRST_REJECTIONS = 10


def render_report(report: ImportReport, limit: int = FIRST_REJECTIONS) -> str:
    mode = "replace" if report.replace else "upsert"
    lines = [f"Import of {report.source} ({mode}, batch {report.batch_id})"]
    if report.tables:
        lines += ["", f"{'table':<16}{'read':>10}{'imported':>10}{'rejected':>10}"]
        for name, counts in report.tables.items():
            lines.append(
                f"{name:<16}{counts.read:>10,}{counts.imported:>10,}{counts.rejected:>10,}"
            )
    lines += _issues("Warnings", report.warnings, limit)
    lines += _issues("Rejections", report.rejections, limit)
    if len(report.rejections) > limit or len(report.warnings) > limit:
        lines.append(f"See all of them with: jsw imports show {report.batch_id}")
    lines += ["", _outcome(report)]
    return _printable(lines)


def _issues(title: str, issues: list[Issue], limit: int) -> list[str]:
    if not issues:
        return []
    heading = f"{title} ({len(issues):,})" + (
        f", the first {limit}:" if len(issues) > limit else ":"
    )
    return ["", heading] + [f"  {issue.describe()}" for issue in issues[:limit]]


def _outcome(report: ImportReport) -> str:
    code = report.exit_code
    if code == 0:
        return "Every row was imported."
    if code == 1:
        return "Some rows or files were rejected; all other rows were imported."
    return "Nothing could be imported."


def render_batches(batches: list[ImportBatch]) -> str:
    if not batches:
        return "No imports yet."
    lines = [
        f"{'batch':>6}  {'started':<16}  {'mode':<7}  {'status':<11}  {'exit':>4}"
        f"  {'read':>9}  {'imported':>9}  {'rejected':>9}  source"
    ]
    for batch in batches:
        read, imported, rejected = batch.totals()
        started = timezone.localtime(batch.started_at).strftime("%Y-%m-%d %H:%M")
        mode = "replace" if batch.replace else "upsert"
        code = "" if batch.exit_code is None else str(batch.exit_code)
        lines.append(
            f"{batch.pk:>6}  {started:<16}  {mode:<7}  {batch.status:<11}  {code:>4}"
            f"  {read:>9,}  {imported:>9,}  {rejected:>9,}  {batch.source}"
        )
    return _printable(lines)


def render_batch_issues(batch: ImportBatch, issues: list[ImportIssue]) -> str:
    mode = "replace" if batch.replace else "upsert"
    lines = [f"Batch {batch.pk}: {batch.source} ({mode}, {batch.status}, exit {batch.exit_code})"]
    failure = (batch.summary or {}).get("failure")
    if failure:
        lines.append(f"Stopped: {failure}")
    if not issues:
        lines.append("No rejections or warnings.")
    for issue in issues:
        lines.append(f"{issue.level:<8} {_describe(issue)}")
    return _printable(lines)


def _printable(lines: list[str]) -> str:
    return "\n".join(for_terminal(line) for line in lines)


def _describe(issue: ImportIssue) -> str:
    text = issue.file or "(import)"
    if issue.line is not None:
        # Workbook issues name their sheet in brackets, and count sheet rows, not lines.
        text += f", {'row' if text.endswith(']') else 'line'} {issue.line}"
    if issue.column:
        text += f", {issue.column} {issue.value!r}"
    return f"{text}: {issue.reason}"
