"""Targets: entered one at a time or from a CSV file, looked up for any period of a PI.

A target set for a financial year applies to every period of the PI's frequency in that
year; one set for a single period overrides the year's for that period (reports.md).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from jsw.analysis import checks
from jsw.analysis.checks import AnalysisProblem
from jsw.analysis.models import Target, record
from jsw.framework.schema import Indicator
from jsw.lib.numbers import plain
from jsw.lib.periods import fy_label, parse_period

HEADER = ("indicator_id", "period", "target", "amber")


@dataclass(frozen=True)
class TargetValue:
    value: Decimal
    amber: Decimal
    period: str  # where it was set: the period itself or its financial year


@dataclass(frozen=True)
class CheckedTarget:
    indicator_id: str
    period: str
    value: Decimal
    amber: Decimal


def check_target(
    indicator_id: str, period: str, target: str | Decimal, amber: str | Decimal | None = None
) -> CheckedTarget:
    """The target as it would be stored, or AnalysisProblem saying what is wrong."""
    pi = checks.indicator(indicator_id)
    if pi.kind == "distribution":
        raise AnalysisProblem(f"{pi.id} is a distribution: it has no single value to aim at")
    label = checks.period_for(pi, period, year_too=True)
    value = checks.number(target, "target")
    blank = amber is None or (isinstance(amber, str) and not amber.strip())
    tolerance = Decimal(0) if blank else checks.number(amber or "", "amber", negative=False)
    return CheckedTarget(pi.id, label, value, tolerance)


def set_target(
    indicator_id: str,
    period: str,
    target: str | Decimal,
    amber: str | Decimal | None = None,
    *,
    actor: str,
) -> CheckedTarget:
    checked = check_target(indicator_id, period, target, amber)
    with transaction.atomic():
        _store(checked, checks.actor_name(actor))
    return checked


def _store(checked: CheckedTarget, actor: str) -> None:
    key = {"indicator_id": checked.indicator_id, "period": checked.period}
    old = Target.objects.filter(**key).first()
    before = None if old is None else _as_json(old.value, old.amber)
    after = _as_json(checked.value, checked.amber)
    if before == after:
        return
    Target.objects.update_or_create(
        indicator_id=checked.indicator_id,
        period=checked.period,
        defaults={"value": checked.value, "amber": checked.amber},
    )
    action = "created" if old is None else "changed"
    record(actor, action, "target", f"{checked.indicator_id} {checked.period}", before, after)


def _as_json(value: Decimal, amber: Decimal) -> dict[str, str]:
    return {"target": plain(value), "amber": plain(amber)}


@dataclass
class TargetImport:
    """What `import_targets` did: rows stored, and each rejected row with its reason."""

    stored: list[CheckedTarget] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected else 0


def import_targets(path: Path, *, actor: str) -> TargetImport:
    """Store the good rows of a targets CSV file; reject the bad ones with line and reason.

    AnalysisProblem when the file as a whole cannot be used (unreadable, wrong header).
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise AnalysisProblem(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise AnalysisProblem(f"{path} is not UTF-8 text") from None
    if "\0" in text:
        raise AnalysisProblem(f"{path} is not a CSV file (it holds NUL bytes)")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise AnalysisProblem(f"{path} is empty: expected the header {','.join(HEADER)}")
    header = tuple(cell.strip().lower() for cell in rows[0])
    if header != HEADER:
        raise AnalysisProblem(
            f"{path} line 1: expected the header {','.join(HEADER)}, got {','.join(rows[0])}"
        )
    name = checks.actor_name(actor)
    result = TargetImport()
    seen: dict[tuple[str, str], int] = {}
    with transaction.atomic():
        for line, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            try:
                checked = _checked_row(row, line, seen)
            except AnalysisProblem as exc:
                result.rejected.append((line, str(exc)))
                continue
            _store(checked, name)
            result.stored.append(checked)
    return result


def _checked_row(row: list[str], line: int, seen: dict[tuple[str, str], int]) -> CheckedTarget:
    if len(row) != len(HEADER):
        raise AnalysisProblem(f"{len(row)} fields, expected {len(HEADER)}")
    indicator_id, period, target, amber = (cell.strip() for cell in row)
    if not target:
        raise AnalysisProblem("target is blank")
    checked = check_target(indicator_id, period, target, amber)
    key = (checked.indicator_id, checked.period)
    if key in seen:
        raise AnalysisProblem(f"{key[0]} {key[1]} is already on line {seen[key]}")
    seen[key] = line
    return checked


def target_for(pi: Indicator | str, period_label: str) -> TargetValue | None:
    """The target of a PI for one period: the period's own, else its financial year's."""
    indicator_id = pi if isinstance(pi, str) else pi.id
    year = fy_label(parse_period(period_label).financial_year)
    found = {
        t.period: t
        for t in Target.objects.filter(indicator_id=indicator_id, period__in={period_label, year})
    }
    chosen = found.get(period_label) or found.get(year)
    if chosen is None:
        return None
    return TargetValue(Decimal(chosen.value), Decimal(chosen.amber), chosen.period)


def list_targets(indicator_id: str | None = None) -> list[Target]:
    rows = Target.objects.all()
    if indicator_id:
        rows = rows.filter(indicator_id=checks.indicator(indicator_id).id)
    return list(rows.order_by("indicator_id", "period"))
