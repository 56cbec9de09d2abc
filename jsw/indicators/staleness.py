"""Whether stored results are current: a SHA-256 over everything they were computed from.

A run stores the stamp of its inputs; results are stale as soon as the stamp of the inputs
now differs. The stamp covers every input in full (not a count or a latest date, which an
edit in place would not change): every finished import batch, every return figure, every
local holiday (configured and stored), the framework catalogue's fingerprint, and the code
that computes (jsw's version, the engine's source and the public-holiday calendar's version).
"""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

import jsw
from jsw.framework.catalogue import Catalogue
from jsw.indicators.models import LocalHoliday
from jsw.lib.workdays import parse_local_holidays
from jsw.records.models import ImportBatch, Return

# The packages whose code decides a result's value.
COMPUTING_PACKAGES = ("indicators", "lib", "framework")


def data_stamp(catalogue: Catalogue) -> str:
    """The hex SHA-256 of the canonical JSON of `inputs(catalogue)`."""
    text = json.dumps(inputs(catalogue), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def inputs(catalogue: Catalogue) -> dict[str, Any]:
    """Everything a run's results depend on, in a canonical order."""
    return {
        "code": code_version(),
        "catalogue": catalogue.fingerprint,
        "holidays": [day.isoformat() for day in holiday_dates()],
        "returns": [
            [indicator_id, period, format(value.normalize(), "f")]
            for indicator_id, period, value in Return.objects.order_by(
                "indicator_id", "period"
            ).values_list("indicator_id", "period", "value")
        ],
        "batches": [
            [pk, status, str(finished), replace, exit_code]
            for pk, status, finished, replace, exit_code in ImportBatch.objects.filter(
                finished_at__isnull=False
            )
            .order_by("pk")
            .values_list("pk", "status", "finished_at", "replace", "exit_code")
        ],
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
