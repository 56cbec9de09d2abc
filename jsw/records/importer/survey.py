"""The import's first pass: read every file once, before anything is written.

It checks each file can be read at all (encoding, CSV syntax, header, required columns),
counts its rows, notes unknown columns and collects the ids that occur more than once.
Only the duplicated ids are kept, so memory stays small even for millions of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsw.lib.errors import first_line
from jsw.records.importer.fingerprint import CHANGED, Fingerprint, fingerprint
from jsw.records.importer.layout import Layout, make_layout, plain_ids
from jsw.records.importer.mapping import Mapping
from jsw.records.importer.report import ERROR, WARNING, ImportReport, Issue
from jsw.records.importer.rules import Context
from jsw.records.importer.sources import (
    FileProblem,
    NotSimple,
    TableInput,
    check_header,
    simple_text,
)


@dataclass
class Plan:
    """A readable table file, ready for the second pass."""

    input: TableInput
    layout: Layout
    total: int = 0
    duplicates: set[Any] = field(default_factory=set)
    # The file as it was before the first pass read it; None for no file (tests' inputs).
    fingerprint: Fingerprint | None = None


def survey(
    inputs: list[TableInput], mapping: Mapping | None, report: ImportReport, context: Context
) -> list[Plan]:
    plans = []
    prints: dict[Path, Fingerprint] = {}  # a workbook's sheets share one file
    for table_input in inputs:
        try:
            before = _fingerprint(table_input, prints)
            plan = _survey_one(table_input, mapping)
            plan.fingerprint = before  # `drop_changed` compares it once every file is read
            if table_input.table.name == "returns":
                _load_return_indicators(context)
        except FileProblem as problem:
            report.files_rejected += 1
            report.issues.append(_file_issue(table_input, ERROR, str(problem)))
            continue
        report.files_read += 1
        if plan.layout.unknown:
            reason = "unknown columns ignored: " + ", ".join(plan.layout.unknown)
            report.issues.append(_file_issue(table_input, WARNING, reason))
        plans.append(plan)
    return plans


def _fingerprint(table_input: TableInput, prints: dict[Path, Fingerprint]) -> Fingerprint | None:
    path = table_input.path
    if path is None:
        return None
    if path not in prints:
        try:
            prints[path] = fingerprint(path)
        except OSError as exc:
            raise FileProblem(f"cannot be read: {exc.strerror or exc}") from exc
    return prints[path]


def drop_changed(plans: list[Plan], report: ImportReport) -> list[Plan]:
    """The plans whose files are as the first pass read them; the others refused."""
    kept = []
    for plan in plans:
        path = plan.input.path
        if (
            plan.fingerprint is not None
            and path is not None
            and not plan.fingerprint.same_stat(path)
        ):
            report.files_read -= 1
            report.files_rejected += 1
            report.issues.append(_file_issue(plan.input, ERROR, CHANGED))
        else:
            kept.append(plan)
    return kept


def _survey_one(table_input: TableInput, mapping: Mapping | None) -> Plan:
    if table_input.path is not None and table_input.open_blocks is not None:  # a CSV file
        try:
            plan = _survey_simple(table_input, table_input.path, mapping)
        except NotSimple:
            plan = None
        if plan is not None:
            return plan
    blocks = table_input.blocks()
    first = next(blocks, None)
    if first is None:
        raise FileProblem("empty: no header row")
    strict = table_input.sheet is None
    plan = Plan(table_input, make_layout(table_input.table, first.rows[0], mapping, strict))
    seen: set[Any] = set()
    for block in blocks:
        plan.total += len(block.rows)
        keys = plan.layout.plain_keys(block.rows) if block.lines is None else None
        if keys is not None:
            distinct = set(keys)
            if len(distinct) == len(keys) and seen.isdisjoint(distinct):  # the usual case
                seen |= distinct
                continue
        for cells in block.rows:
            key = plan.layout.key(cells)
            if key is None:
                continue
            if key in seen:
                plan.duplicates.add(key)
            else:
                seen.add(key)
    return plan


def _survey_simple(table_input: TableInput, path: Path, mapping: Mapping | None) -> Plan | None:
    """`_survey_one` of a file `simple_text` reads, splitting only as far as the id; None
    where the ids or the header need the csv reader."""
    plan: Plan | None = None
    position = 0  # the id's cell
    seen: set[Any] = set()
    for piece in simple_text(path):
        text = piece
        if plan is None:
            text = text.lstrip("\n")  # blank lines before the header
            if not text:
                continue
            header, _, text = text.partition("\n")
            cells = header.split(",")
            check_header(cells)
            plan = Plan(table_input, make_layout(table_input.table, cells, mapping, True))
            if plan.layout.plain_id is None:
                return None
            position = plan.layout.plain_id
        lines = text.split("\n")
        plan.total += len(lines) - lines.count("")
        # A row with fewer cells has no id, as `Layout.key` finds.
        keys = [
            cells[position].strip()
            for line in lines
            if line and len(cells := line.split(",", position + 1)) > position
        ]
        if keys and not plain_ids(keys):  # some id is not read the short way
            rows = [line.split(",") for line in lines if line]
            keys = [key for key in map(plan.layout.key, rows) if key is not None]
        distinct = set(keys)
        if len(distinct) == len(keys) and seen.isdisjoint(distinct):  # the usual case
            seen |= distinct
            continue
        for key in keys:
            if key in seen:
                plan.duplicates.add(key)
            else:
                seen.add(key)
    if plan is None:
        raise FileProblem("empty: no header row")
    return plan


def _file_issue(table_input: TableInput, level: str, reason: str) -> Issue:
    return Issue(
        level, reason, table=table_input.table.name, file=table_input.file, sheet=table_input.sheet
    )


def _load_return_indicators(context: Context) -> None:
    from jsw.framework.catalogue import load_catalogue
    from jsw.framework.issues import CatalogueError

    try:
        catalogue = load_catalogue()
    except CatalogueError as exc:
        raise FileProblem(f"the framework catalogue cannot be loaded: {first_line(exc)}") from exc
    context.know_indicators(catalogue)
