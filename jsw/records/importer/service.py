"""`run_import`: read a folder, CSV file or workbook of case records and store them.

The first pass (`survey`) reads every file once and writes nothing. The second reads the
tables parents first, checks each row against the rules and its parents, and upserts the
accepted rows, all in one transaction: an interrupted import leaves none of its rows.
What to do afterwards (recomputing indicators, rendering) is the caller's business.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import DatabaseError, connection, transaction

from jsw.lib.errors import first_line
from jsw.records.importer import batches
from jsw.records.importer.facts import Facts, OrderFact, ParentIndex, RequirementFact
from jsw.records.importer.fingerprint import CHANGED, unchanged
from jsw.records.importer.layout import CellProblem, Layout, key_of
from jsw.records.importer.mapping import Mapping, load_mapping
from jsw.records.importer.report import ERROR, ImportReport, Issue
from jsw.records.importer.rules import RULES, Context
from jsw.records.importer.sources import FileProblem, find_tables
from jsw.records.importer.survey import Plan, drop_changed, survey
from jsw.records.importer.tables import TABLES
from jsw.records.importer.values import as_text
from jsw.records.importer.writer import TableWriter, bulk_writing, clear_case_records

Progress = Callable[[str, int, int | None], None]

PROGRESS_EVERY = 10_000
_ORDER = {table.name: index for index, table in enumerate(TABLES)}


class ImportFailed(RuntimeError):
    """The import stopped (a database error, a file changed while read); nothing was kept."""


class ReplaceRefused(ImportFailed):
    """`--replace` with files rejected whole: replacing would empty their tables."""


def run_import(
    path: Path,
    *,
    replace: bool = False,
    mapping: Path | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import PATH and return what happened; MappingError for an unusable mapping profile."""
    profile = load_mapping(mapping) if mapping is not None else None
    report = ImportReport(source=batches.storable(str(path)), replace=replace)
    try:
        _import(path, profile, report, mapping, progress)
    except (DatabaseError, FileProblem, ImportFailed) as exc:
        _record_stop(report, mapping, exc, interrupted=False)
        if isinstance(exc, ImportFailed):
            raise
        raise ImportFailed(first_line(exc)) from exc
    except BaseException as exc:  # Ctrl-C, or a fault: the transaction was rolled back
        _record_stop(report, mapping, exc, interrupted=isinstance(exc, KeyboardInterrupt))
        raise
    refresh_statistics(report)
    return report


# Planner statistics matter once tables are large: without them SQLite walks an index to read
# most of a table. Small imports leave them alone.
STATISTICS_AFTER_ROWS = 50_000


def refresh_statistics(report: ImportReport) -> None:
    imported = sum(counts.imported for counts in report.tables.values())
    if imported >= STATISTICS_AFTER_ROWS:
        # The import is committed: statistics that cannot be refreshed now will be next time.
        with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _import(
    path: Path,
    profile: Mapping | None,
    report: ImportReport,
    mapping: Path | None,
    progress: Progress | None,
) -> None:
    found = find_tables(path, profile)
    try:
        report.issues.extend(found.issues)
        report.files_rejected += sum(1 for issue in found.issues if issue.level == ERROR)
        context = Context()
        plans = drop_changed(survey(found.inputs, profile, report, context), report)
        if report.replace and report.files_rejected:
            raise ReplaceRefused(_replace_refusal(report))
        plans.sort(key=lambda plan: _ORDER[plan.input.table.name])
        # Every row's parents were checked above, so SQLite need not check each insert
        # (which triples the cost of writing); one set-based check at the end, inside the
        # transaction, still refuses to commit a dangling reference. The batch, its rows
        # and its issues are one transaction: all of them are kept, or none.
        with connection.constraint_checks_disabled(), transaction.atomic():
            batch = batches.start_batch(report.source, report.replace, mapping)
            report.batch_id = batch.pk
            if plans:
                _write_tables(plans, context, report, batch.pk, progress)
            batches.finish_batch(batch, report)
    finally:
        found.close()


def _write_tables(
    plans: list[Plan],
    context: Context,
    report: ImportReport,
    batch_id: int,
    progress: Progress | None,
) -> None:
    if report.replace:
        has_returns = any(plan.input.table.name == "returns" for plan in plans)
        clear_case_records(include_returns=has_returns)
    for plan in plans:
        _write_table(plan, context, report, batch_id, progress)
    connection.check_constraints(
        table_names=[plan.input.table.model._meta.db_table for plan in plans]
    )


def _replace_refusal(report: ImportReport) -> str:
    rejected = [issue for issue in report.rejections if issue.line is None]
    files = "; ".join(f"{issue.where()}: {issue.reason}" for issue in rejected)
    return (
        "--replace needs the whole extract, and these files were rejected, so nothing "
        f"was changed: {files}"
    )


def _write_table(
    plan: Plan, context: Context, report: ImportReport, batch_id: int, progress: Progress | None
) -> None:
    table = plan.input.table
    counts = report.counts(table.name)
    with bulk_writing(table, plan.total):
        _write_rows(plan, context, report, batch_id, progress)
    _check_unchanged(plan)
    if progress is not None:
        progress(table.name, counts.read, plan.total)


def _write_rows(
    plan: Plan, context: Context, report: ImportReport, batch_id: int, progress: Progress | None
) -> None:
    table = plan.input.table
    counts = report.counts(table.name)
    writer = TableWriter(table, batch_id)
    index = _parent_index(table.name, context.facts)
    fact = _FACTS.get(table.name)
    rows = plan.input.open_rows()
    next(rows)  # the header, read in the first pass
    for line, cells in rows:
        counts.read += 1
        values, key, problem = _check_row(plan, cells, context)
        if problem is not None:
            counts.rejected += 1
            report.issues.append(_rejection(plan, line, cells, problem))
            if index is not None and key is not None:
                index.reject(key)
        else:
            writer.add(values)
            if index is not None and fact is not None:
                index.accept(key, fact(values))
        if progress is not None and counts.read % PROGRESS_EVERY == 0:
            progress(table.name, counts.read, plan.total)
    counts.imported = counts.read - counts.rejected
    writer.finish()


def _check_unchanged(plan: Plan) -> None:
    """ImportFailed if the file's bytes are not those the first pass read."""
    path, before = plan.input.path, plan.fingerprint
    if path is not None and before is not None and not unchanged(path, before):
        raise ImportFailed(f"{plan.input.file} {CHANGED}: import it again once it is complete")


def _check_row(
    plan: Plan, cells: list[Any], context: Context
) -> tuple[dict[str, Any], Any, CellProblem | None]:
    """The row's values, its key (None if unreadable) and the first problem, if any."""
    layout = plan.layout
    width_problem = layout.width_problem(cells)
    if width_problem is not None:
        return {}, layout.key(cells), width_problem
    values, problem = layout.read(cells)
    key = key_of(layout.table, values)
    if key is not None and key in plan.duplicates:
        return values, key, _duplicate(plan, cells)
    if problem is not None:
        return values, key, problem
    for rule in RULES[layout.table.name]:
        found = rule(values, context)
        if found is not None:
            column, reason = found
            return values, key, CellProblem(column, _as_read(layout, column, cells), reason)
    return values, key, None


def _duplicate(plan: Plan, cells: list[Any]) -> CellProblem:
    names = plan.input.table.key
    shown = " ".join(_as_read(plan.layout, name, cells) for name in names)
    what = "id" if len(names) == 1 else " and ".join(names)
    reason = f"the same {what} is in more than one row of this import: all of them are rejected"
    return CellProblem(names[0] if len(names) == 1 else ", ".join(names), shown, reason)


def _as_read(layout: Layout, column: str, cells: list[Any]) -> str:
    index = layout.position(column)
    return as_text(cells[index]) if index is not None and index < len(cells) else ""


def _rejection(plan: Plan, line: int, cells: list[Any], problem: CellProblem) -> Issue:
    table_input = plan.input
    return Issue(
        ERROR,
        problem.reason,
        table=table_input.table.name,
        file=table_input.file,
        line=line,
        column=problem.column,
        value=problem.value,
        sheet=table_input.sheet,
        row=plan.layout.as_read(cells),
    )


def _parent_index(table: str, facts: Facts) -> ParentIndex[Any] | None:
    indexes: dict[str, ParentIndex[Any]] = {
        "people": facts.people,
        "orders": facts.orders,
        "requirements": facts.requirements,
    }
    return indexes.get(table)


_FACTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "people": lambda row: True,
    "orders": lambda row: OrderFact(row["order_type"], row["start_date"], row["person_id"]),
    "requirements": lambda row: RequirementFact(row["requirement_type"], row["order_id"]),
}


def _record_stop(
    report: ImportReport, mapping: Path | None, exc: BaseException, interrupted: bool
) -> None:
    reason = "interrupted" if interrupted else first_line(exc)
    # If the database itself is failing, the original error says more than this one.
    with contextlib.suppress(DatabaseError):
        report.batch_id = batches.record_stopped(
            report.source, mapping, report, reason, interrupted
        ).pk
