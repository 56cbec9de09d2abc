"""`run_import`: read a folder, CSV file or workbook of case records and store them.

The first pass (`survey`) reads every file once and writes nothing. The second reads the
tables parents first, checks each row against the rules and its parents, and upserts the
accepted rows, all in one transaction: an interrupted import leaves none of its rows.
What to do afterwards (recomputing indicators, rendering) is the caller's business.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from itertools import compress
from pathlib import Path
from typing import Any

from django.db import DatabaseError, connection, transaction

from jsw.lib.collector import without_cycle_collection
from jsw.lib.errors import first_line
from jsw.records.importer import batches
from jsw.records.importer.facts import Facts, OrderFact, ParentIndex, RequirementFact
from jsw.records.importer.fingerprint import CHANGED, unchanged
from jsw.records.importer.layout import CellProblem, Layout, key_of
from jsw.records.importer.mapping import Mapping, load_mapping
from jsw.records.importer.report import ERROR, ImportReport, Issue
from jsw.records.importer.rules import RULES, Context
from jsw.records.importer.sources import Block, FileProblem, find_tables
from jsw.records.importer.survey import Plan, drop_changed, survey
from jsw.records.importer.tables import TABLES
from jsw.records.importer.values import as_text
from jsw.records.importer.writer import (
    TableWriter,
    bulk_writing,
    clear_case_records,
    empty_tables,
)

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
        with without_cycle_collection():
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
    empty = empty_tables([plan.input.table for plan in plans])  # before --replace clears
    if report.replace:
        has_returns = any(plan.input.table.name == "returns" for plan in plans)
        clear_case_records(include_returns=has_returns)
    for plan in plans:
        _write_table(plan, context, report, batch_id, progress, plan.input.table.name in empty)
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
    plan: Plan,
    context: Context,
    report: ImportReport,
    batch_id: int,
    progress: Progress | None,
    empty: bool,
) -> None:
    table = plan.input.table
    counts = report.counts(table.name)
    with bulk_writing(table, plan.total, empty) as direct:
        _write_rows(plan, context, report, TableWriter(table, batch_id, direct), progress)
    _check_unchanged(plan)
    if progress is not None:
        progress(table.name, counts.read, plan.total)


def _write_rows(
    plan: Plan,
    context: Context,
    report: ImportReport,
    writer: TableWriter,
    progress: Progress | None,
) -> None:
    table = plan.input.table
    counts = report.counts(table.name)
    index = _parent_index(table.name, context.facts)
    blocks = plan.input.blocks()
    next(blocks)  # the header, read in the first pass
    by_columns = len(table.key) == 1  # returns, a few rows keyed by two columns: row by row
    for block in blocks:
        numbered: Iterable[tuple[int, list[Any]]] = block.numbered()
        if block.lines is None and by_columns:
            numbered = _write_block(plan, block, context, writer, index)
        for line, cells in numbered:
            values, key, problem = _check_row(plan, cells, context)
            if problem is not None:
                counts.rejected += 1
                report.issues.append(_rejection(plan, line, cells, problem))
                if index is not None and key is not None:
                    index.reject(key)
            else:
                writer.add(values)
                if index is not None:
                    index.accept(key, _fact(table.name, values))
        before, counts.read = counts.read, counts.read + len(block.rows)
        if progress is not None and before // PROGRESS_EVERY != counts.read // PROGRESS_EVERY:
            progress(table.name, counts.read, plan.total)
    counts.imported = counts.read - counts.rejected
    writer.finish()


def _write_block(
    plan: Plan,
    block: Block,
    context: Context,
    writer: TableWriter,
    index: ParentIndex[Any] | None,
) -> list[tuple[int, list[Any]]]:
    """Check a plain block a column at a time and write the rows that pass every check;
    the others (line and cells) are left to `_check_row`, which finds their first problem.

    Column-wise checks may only set aside a row `_check_row` would accept, never pass one
    it would reject: every row is held to every rule of records.md either way.
    """
    table = plan.input.table
    columns, flagged = plan.layout.read_columns(block.rows)  # type: ignore[arg-type]
    keys = columns[table.key[0]]
    if plan.duplicates and not plan.duplicates.isdisjoint(keys):
        flagged.update(i for i, key in enumerate(keys) if key in plan.duplicates)
    count = len(block.rows)
    checked, positions = columns, list(range(count))
    # Each rule looks at the rows that every value of was read and that passed the rules
    # before it, as `_check_row` tries them.
    for rule in RULES[table.name]:
        if len(positions) + len(flagged) != count:
            positions = [i for i in range(count) if i not in flagged]
            checked = {name: [values[i] for i in positions] for name, values in columns.items()}
        broken = rule.many(checked, context)
        flagged.update(positions[i] for i in broken)
    if flagged:
        keep = [i not in flagged for i in range(count)]
        columns = {name: list(compress(values, keep)) for name, values in columns.items()}
    writer.add_columns(columns)
    if index is not None:
        index.accepted.update(zip(columns[table.key[0]], _facts(table.name, columns), strict=True))
    return [(block.line(i), block.rows[i]) for i in sorted(flagged)]


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


# What children are checked against, made from which columns (people: only that they exist).
_FACTS: dict[str, tuple[Callable[..., Any], tuple[str, ...]]] = {
    "people": (lambda: True, ()),
    "orders": (OrderFact, ("order_type", "start_date", "person_id")),
    "requirements": (RequirementFact, ("requirement_type", "order_id")),
}


def _fact(table: str, row: dict[str, Any]) -> Any:
    make, names = _FACTS[table]
    return make(*(row[name] for name in names))


def _facts(table: str, columns: dict[str, list[Any]]) -> list[Any]:
    """`_fact` of each row of a block's columns."""
    make, names = _FACTS[table]
    if not names:
        return [make()] * len(next(iter(columns.values())))
    return list(map(make, *(columns[name] for name in names)))


def _record_stop(
    report: ImportReport, mapping: Path | None, exc: BaseException, interrupted: bool
) -> None:
    reason = "interrupted" if interrupted else first_line(exc)
    # If the database itself is failing, the original error says more than this one.
    with contextlib.suppress(DatabaseError):
        report.batch_id = batches.record_stopped(
            report.source, mapping, report, reason, interrupted
        ).pk
