"""The cover and the annexes: breakdowns, data quality, definitions."""

from __future__ import annotations

from collections import Counter

from jsw.framework.catalogue import Catalogue
from jsw.framework.kinds import kind_of
from jsw.indicators.export import group_order
from jsw.records.models import ImportBatch, ImportIssue, Return
from jsw.reports.figures import Figures
from jsw.reports.model import BreakdownTable, Pi, TableQuality

BREAKDOWNS = ("sex", "age", "team")
COMMONEST = 3


def batches_used() -> list[ImportBatch]:
    """The finished imports the stored records come from: the latest `--replace` import
    (which emptied the tables first) and every import after it."""
    done = ImportBatch.objects.filter(status=ImportBatch.Status.DONE).order_by("id")
    last_replace = done.filter(replace=True).order_by("-id").first()
    if last_replace is not None:
        done = done.filter(id__gte=last_replace.pk)
    return list(done)


def batch_label(batch: ImportBatch) -> str:
    when = batch.finished_at.date().isoformat() if batch.finished_at else "unfinished"
    return f"import {batch.pk} of {when}"


def quality(batch_ids: list[int]) -> list[TableQuality]:
    """Per table: rows imported and rejected in the batches used, commonest reasons first."""
    totals: dict[str, list[int]] = {}
    for batch in ImportBatch.objects.filter(id__in=batch_ids):
        for table, counts in ((batch.summary or {}).get("tables") or {}).items():
            total = totals.setdefault(table, [0, 0])
            total[0] += int(counts.get("imported", 0))
            total[1] += int(counts.get("rejected", 0))
    reasons: dict[str, Counter[str]] = {}
    issues = ImportIssue.objects.filter(batch_id__in=batch_ids, level=ImportIssue.Level.ERROR)
    for table, reason in issues.values_list("table", "reason").iterator():
        reasons.setdefault(table or "(file)", Counter())[_general(reason)] += 1
    return [
        TableQuality(
            table, imported, rejected, reasons.get(table, Counter()).most_common(COMMONEST)
        )
        for table, (imported, rejected) in totals.items()
    ]


def _general(reason: str) -> str:
    """A reason without the row's own value, so that like reasons count together (and no
    id from a rejected row reaches a pack)."""
    return reason.split(":")[0].split("'")[0].split('"')[0].strip()[:120]


def returns_missing(catalogue: Catalogue, wanted: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Of the (return PI, period) pairs a pack shows, those with no figure entered."""
    returns = {pi.id for pi in catalogue.indicators if not kind_of(pi.kind).counted}
    asked = [(pi, period) for pi, period in wanted if pi in returns]
    entered = set(
        Return.objects.filter(
            indicator_id__in={pi for pi, _ in asked}, period__in={p for _, p in asked}
        ).values_list("indicator_id", "period")
    )
    return [pair for pair in asked if pair not in entered]


def breakdowns(pis: list[tuple[Pi, str]], figures: Figures) -> list[BreakdownTable]:
    """Every due PI with breakdown results for its period, by sex, age band and team."""
    tables = []
    for pi, period in pis:
        for name in BREAKDOWNS:
            keys = figures.groups(pi.id, period, name)
            if not keys:
                continue
            keys.sort(key=lambda k: (k.category, group_order(k.group)))
            tables.append(BreakdownTable(pi, name, [figures.get(k) for k in keys]))
    return tables
