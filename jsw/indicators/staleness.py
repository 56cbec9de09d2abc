"""Whether stored results are current: SHA-256 digests of everything they were computed from.

A run stores the stamp of its inputs; results are stale as soon as the stamp of the inputs
now differs. The stamp covers every input in full (not a count or a latest date, which an
edit in place would not change): every finished import batch, every return figure, every
local holiday (configured and stored), the framework catalogue's fingerprint, and the code
that computes (jsw's version, the engine's source and the public-holiday calendar's version).

A run also stores a stamp for each PI (`pi_stamps`) over only what that PI's cells are
computed from, so that a recompute can leave the PIs whose stamp is unchanged as they were:
the code, the PI's own catalogue entry, the years and breakdowns computed, and then for a
return PI its own entered figures; for a counted PI the import batches that wrote to a record
table it reads (`dependencies.tables_read`), and the local holidays if it counts working days.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import defaultdict
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

import jsw
from jsw.framework.catalogue import Catalogue
from jsw.framework.kinds import kind_of
from jsw.indicators.dependencies import tables_read, uses_working_days
from jsw.indicators.models import LocalHoliday
from jsw.indicators.shared import Plan
from jsw.indicators.sources import SOURCES
from jsw.lib.workdays import parse_local_holidays
from jsw.records.models import ImportBatch, Return

# The packages whose code decides a result's value.
COMPUTING_PACKAGES = ("indicators", "lib", "framework")


def data_stamp(catalogue: Catalogue) -> str:
    """The hex SHA-256 of the canonical JSON of `inputs(catalogue)`."""
    return _digest(inputs(catalogue))


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def inputs(catalogue: Catalogue) -> dict[str, Any]:
    """Everything a run's results depend on, in a canonical order."""
    return {
        "code": code_version(),
        "catalogue": catalogue.fingerprint,
        "holidays": [day.isoformat() for day in holiday_dates()],
        "returns": entered_returns(),
        "batches": [batch for batch, _ in batches_written()],
    }


def pi_stamps(
    catalogue: Catalogue, first_year: int, last_year: int, *, breakdowns: bool, reads: Plan
) -> dict[str, str]:
    """Each PI's id and the hex SHA-256 of the canonical JSON of `pi_inputs`."""
    found = pi_inputs(catalogue, first_year, last_year, breakdowns=breakdowns, reads=reads)
    return {indicator_id: _digest(parts) for indicator_id, parts in found.items()}


def pi_inputs(
    catalogue: Catalogue, first_year: int, last_year: int, *, breakdowns: bool, reads: Plan
) -> dict[str, dict[str, Any]]:
    """What each PI's cells are computed from, in a canonical order. `reads`: the shared
    reads planned for the whole catalogue (a computation of part of it reads no more)."""
    common = {"code": code_version(), "years": [first_year, last_year], "breakdowns": breakdowns}
    holidays = [day.isoformat() for day in holiday_dates()]
    entered: dict[str, list[list[str]]] = defaultdict(list)
    for indicator_id, period, value in entered_returns():
        entered[indicator_id].append([period, value])
    batches = batches_written()
    found: dict[str, dict[str, Any]] = {}
    for pi in catalogue.indicators:
        parts = {**common, "indicator": catalogue.indicator_fingerprints[pi.id]}
        if not kind_of(pi.kind).counted:
            parts["returns"] = entered.get(pi.id, [])
        else:
            assert pi.definition is not None
            tables = tables_read(pi, breakdowns=breakdowns, reads=reads)
            parts["batches"] = [batch for batch, wrote in batches if wrote & tables]
            if uses_working_days(pi.definition):
                parts["holidays"] = holidays
        found[pi.id] = parts
    return found


def entered_returns() -> list[list[str]]:
    """Every entered return as [PI, period, value as exact text], in a canonical order."""
    returns = Return.objects.order_by("indicator_id", "period")
    return [
        [indicator_id, period, format(value.normalize(), "f")]
        for indicator_id, period, value in returns.values_list("indicator_id", "period", "value")
    ]


def batches_written() -> list[tuple[list[Any], set[str]]]:
    """Each finished import batch (as `inputs` lists it) with the record tables it wrote."""
    return [
        ([pk, status, str(finished), replace, exit_code], tables_written(replace, summary))
        for pk, status, finished, replace, exit_code, summary in ImportBatch.objects.filter(
            finished_at__isnull=False
        )
        .order_by("pk")
        .values_list("pk", "status", "finished_at", "replace", "exit_code", "summary")
    ]


def tables_written(replace: bool, summary: Any) -> set[str]:
    """The record tables a batch may have changed: those it imported rows into; all of them
    after `--replace` (which empties every case-record table) or when its summary does not
    say. Returns are stamped by their figures, not by the batches that wrote them."""
    tables = summary.get("tables") if isinstance(summary, dict) else None
    if replace or not isinstance(tables, dict):
        return set(SOURCES)
    return {
        name
        for name, counts in tables.items()
        if name in SOURCES and not (isinstance(counts, dict) and counts.get("imported") == 0)
    }


def holiday_dates() -> list[date]:
    """Every local holiday date, from JSW_LOCAL_HOLIDAYS and from the admin, once each."""
    try:
        configured = parse_local_holidays(getattr(settings, "JSW_LOCAL_HOLIDAYS", []))
    except ValueError as exc:
        raise ImproperlyConfigured(f"JSW_LOCAL_HOLIDAYS: {exc}") from None
    stored = LocalHoliday.objects.values_list("date", flat=True)
    return sorted({*configured, *stored})


@functools.cache
def code_version() -> str:
    """jsw's version, a digest of the computing packages' source, the holidays package's
    version: a new release or a local edit of the engine makes stored results stale."""
    root = Path(jsw.__file__).parent
    digest = hashlib.sha256()
    for package in COMPUTING_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
        for path in sorted((root / package).rglob("*.yaml")):
            digest.update(path.read_bytes())
    return f"{jsw.__version__}+{metadata.version('holidays')}+{digest.hexdigest()}"
