"""Published packs: store a pack's figures, re-render from them, list later revisions.

A published pack keeps every figure its model used (with the cover's provenance), so that
`--published` gives the same figures however the data changed since; later packs compare
those figures with the current results under "Revised since published".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jsw.indicators import engine
from jsw.indicators.models import Result
from jsw.reports.build import Plan, Provenance
from jsw.reports.figures import Figures, from_json
from jsw.reports.model import SUPPRESSED, Cell, Key, Pack, Revision
from jsw.reports.models import PublishedPack


def find(kind: str, period: str, public: bool) -> PublishedPack | None:
    return PublishedPack.objects.filter(kind=kind, period=period, public=public).first()


def store(pack: Pack, plan: Plan, figures: Figures, provenance: Provenance) -> PublishedPack:
    """Keep the pack's figures; a pack published again for the same period replaces it."""
    hidden = [
        [*cell.key.as_list(), part] for cell in _hidden_cells(pack) for part in sorted(cell.hidden)
    ]
    published_at = timezone.now()
    with transaction.atomic():
        PublishedPack.objects.filter(
            kind=plan.kind, period=plan.period.label, public=pack.cover.public
        ).delete()
        stored = PublishedPack.objects.create(
            kind=plan.kind,
            period=plan.period.label,
            public=pack.cover.public,
            framework_version=provenance.framework_version,
            cover={
                "data_as_at": provenance.data_as_at.isoformat() if provenance.data_as_at else None,
                "batches": provenance.batches,
                "batch_ids": provenance.batch_ids,
                "secondary": pack.secondary_suppressed,
            },
            figures=figures.as_json(figures.used),
            suppressed=sorted(hidden),
        )
    pack.cover.state = f"Published {published_at:%Y-%m-%d %H:%M} UTC"
    return stored


def _hidden_cells(pack: Pack) -> list[Cell]:
    found = {}
    for row in pack.rows:
        for cell in [*row.current, *row.previous, *row.last_year, *row.parts, *row.trend]:
            if cell.hidden:
                found[cell.key] = cell
    for table in pack.breakdowns:
        for cell in table.cells:
            if cell.hidden:
                found[cell.key] = cell
    return list(found.values())


def figures_of(stored: PublishedPack) -> tuple[Figures, Provenance, dict[Key, set[str]]]:
    """The stored figures, the cover's provenance, and what was suppressed."""
    cover = stored.cover or {}
    as_at = cover.get("data_as_at")
    provenance = Provenance(
        data_as_at=date.fromisoformat(as_at) if as_at else None,
        batches=list(cover.get("batches", [])),
        framework_version=stored.framework_version,
        state=f"Published {stored.published_at:%Y-%m-%d %H:%M} UTC",
        batch_ids=list(cover.get("batch_ids", [])),
    )
    hidden: dict[Key, set[str]] = {}
    for row in stored.suppressed:
        hidden.setdefault(Key(*row[:5]), set()).add(row[5])
    return from_json(stored.figures), provenance, hidden


def suppressed_before(public: bool) -> set[tuple[Key, str]]:
    """Figure parts suppressed in any published public pack: they stay suppressed."""
    if not public:
        return set()
    parts: set[tuple[Key, str]] = set()
    for rows in PublishedPack.objects.filter(public=True).values_list("suppressed", flat=True):
        parts |= {(Key(*row[:5]), row[5]) for row in rows}
    return parts


def revisions(pack: Pack, public: bool) -> list[Revision]:
    """Published overall figures whose current stored value differs, earliest pack first."""
    packs = list(PublishedPack.objects.filter(public=public).order_by("published_at", "id"))
    if not packs:
        return []
    run = engine.latest_run()
    if run is None:
        return []
    published: dict[Key, tuple[str | None, str, bool]] = {}
    for stored in packs:
        hidden = {tuple(row[:5]) for row in stored.suppressed}
        name = f"{stored.kind} {stored.period}{' public' if stored.public else ''}"
        for row in stored.figures:
            key = Key(*row[:5])
            if key.breakdown or key in published:
                continue
            published[key] = (row[7], name, tuple(row[:5]) in hidden)
    current = {
        Key(r.indicator_id, r.period, r.category): r.value
        for r in Result.objects.filter(
            run=run, breakdown="", period__in={k.period for k in published}
        ).only("indicator_id", "period", "category", "value")
    }
    hidden_now = {key for key, _ in suppressed_before(public)} | {
        cell.key for cell in _hidden_cells(pack)
    }
    found = []
    for key, (text, name, was_hidden) in sorted(published.items(), key=lambda kv: kv[0].as_list()):
        before = None if text is None else Decimal(text)
        now = current.get(key)
        if key not in current or _same(before, now):
            continue
        if public and (was_hidden or key in hidden_now):
            continue  # a change to a suppressed figure would reveal it
        found.append(
            Revision(
                key.indicator_id,
                key.period,
                key.category,
                SUPPRESSED if was_hidden else before,
                now,
                name,
            )
        )
    return found


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == b
