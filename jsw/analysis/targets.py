"""Targets: entered one at a time or from a CSV file, and `Targets`, the one rule that says
which target judges a PI's figure for a period.

A target has a scope (reports.md, version 2). `periods` (the default): set for a financial
year it applies to every period of the PI's frequency in that year, and one set for a single
period overrides the year's for that period. `whole-year`: set for a financial year only, it
judges the whole-year figure of a PI whose periods are shorter than a year (the annual
report's value: the PI applied to the year as one period), which no `periods` target judges.
For an annual PI the year is its one period: both scopes mean the same target, stored as
`periods`. A PI whose direction is `none` takes no target: none could give it a status.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from django.db import transaction

from jsw.analysis import checks
from jsw.analysis.checks import AnalysisProblem
from jsw.analysis.models import Target, record
from jsw.framework.kinds import kind_of
from jsw.lib.numbers import plain
from jsw.lib.periods import fy_label, parse_period

PERIODS, WHOLE_YEAR = Target.PERIODS, Target.WHOLE_YEAR
SCOPES = (PERIODS, WHOLE_YEAR)
HEADER = ("indicator_id", "period", "target", "amber")
HEADER_WITH_SCOPE = (*HEADER, "scope")


@dataclass(frozen=True)
class TargetValue:
    """A target as checked and stored: `period` is where it was set (a year or a period)."""

    indicator_id: str
    period: str
    value: Decimal
    amber: Decimal
    scope: str = PERIODS

    @property
    def whole_year(self) -> bool:
        return self.scope == WHOLE_YEAR


class Judged(Protocol):
    """What the rule needs to know of a PI (a catalogue `Indicator` or a pack's `Pi`)."""

    @property
    def id(self) -> str: ...
    @property
    def frequency(self) -> str: ...
    @property
    def direction(self) -> str: ...


class Targets:
    """Every stored target, read once per pack or page and passed down to what judges."""

    def __init__(self, values: Iterable[TargetValue] = ()) -> None:
        self._by = {(t.indicator_id, t.period, t.scope): t for t in values}

    @classmethod
    def load(cls, indicator_ids: Collection[str] | None = None) -> Targets:
        rows = Target.objects.all()
        if indicator_ids is not None:
            rows = rows.filter(indicator_id__in=list(indicator_ids))
        return cls(_value(row) for row in rows)

    def for_period(self, pi: Judged, label: str) -> TargetValue | None:
        """The target that judges the PI's figure for `label`: none for direction `none`;
        for the whole-year figure of a PI with shorter periods, only a `whole-year` target
        of that year; otherwise the period's own target, else its financial year's."""
        if pi.direction == "none":
            return None
        period = parse_period(label)
        if period.frequency == "A" and pi.frequency != "A":
            return self._by.get((pi.id, label, WHOLE_YEAR))
        own = self._by.get((pi.id, label, PERIODS))
        return own or self._by.get((pi.id, fy_label(period.financial_year), PERIODS))

    def __len__(self) -> int:
        return len(self._by)


def _value(row: Target) -> TargetValue:
    return TargetValue(
        row.indicator_id, row.period, Decimal(row.value), Decimal(row.amber), row.scope
    )


def check_target(
    indicator_id: str,
    period: str,
    target: str | Decimal,
    amber: str | Decimal | None = None,
    *,
    scope: str = PERIODS,
) -> TargetValue:
    """The target as it would be stored, or AnalysisProblem saying what is wrong."""
    pi = checks.indicator(indicator_id)
    if pi.direction == "none":
        raise AnalysisProblem(
            f"{pi.id} has direction none (neither higher nor lower is better): a target "
            "could never give it a status, so none is set"
        )
    if kind_of(pi.kind).by_category:
        raise AnalysisProblem(f"{pi.id} has a share per category: no single value to aim at")
    scope = scope.strip().lower() or PERIODS
    if scope not in SCOPES:
        raise AnalysisProblem(f"scope {scope!r} is not one of {', '.join(SCOPES)}")
    label = checks.period_for(pi, period, year_too=True)
    if scope == WHOLE_YEAR:
        if parse_period(label).frequency != "A":
            raise AnalysisProblem(
                f"a whole-year target is for a financial year like 2025-26, not {label}"
            )
        if pi.frequency == "A":
            scope = PERIODS  # an annual PI's year is its one period: the same target
    value = checks.number(target, "target")
    blank = amber is None or (isinstance(amber, str) and not amber.strip())
    tolerance = Decimal(0) if blank else checks.number(amber or "", "amber", negative=False)
    return TargetValue(pi.id, label, value, tolerance, scope)


def set_target(
    indicator_id: str,
    period: str,
    target: str | Decimal,
    amber: str | Decimal | None = None,
    *,
    actor: str,
    whole_year: bool = False,
) -> TargetValue:
    scope = WHOLE_YEAR if whole_year else PERIODS
    checked = check_target(indicator_id, period, target, amber, scope=scope)
    with transaction.atomic():
        _store(checked, checks.actor_name(actor))
    return checked


def _store(checked: TargetValue, actor: str) -> None:
    key = {"indicator_id": checked.indicator_id, "period": checked.period, "scope": checked.scope}
    old = Target.objects.filter(**key).first()
    before = None if old is None else _as_json(old.value, old.amber)
    after = _as_json(checked.value, checked.amber)
    if before == after:
        return
    Target.objects.update_or_create(
        indicator_id=checked.indicator_id,
        period=checked.period,
        scope=checked.scope,
        defaults={"value": checked.value, "amber": checked.amber},
    )
    action = "created" if old is None else "changed"
    record(actor, action, "target", _audit_key(checked), before, after)


def _audit_key(checked: TargetValue) -> str:
    scope = " (whole year)" if checked.whole_year else ""
    return f"{checked.indicator_id} {checked.period}{scope}"


def remove_target(
    indicator_id: str, period: str, *, actor: str, whole_year: bool = False
) -> TargetValue:
    """Delete a PI's target for a period or year (of the periods' scope, or the whole-year
    one), recorded in the audit log; AnalysisProblem when there is none."""
    pi = checks.indicator(indicator_id)
    label = checks.period_for(pi, period, year_too=True)
    name = checks.actor_name(actor)
    scope = WHOLE_YEAR if whole_year and pi.frequency != "A" else PERIODS
    with transaction.atomic():
        old = Target.objects.select_for_update().filter(
            indicator_id=pi.id, period=label, scope=scope
        )
        found = old.first()
        if found is None:
            whole = " (whole year)" if scope == WHOLE_YEAR else ""
            raise AnalysisProblem(f"{pi.id} has no target for {label}{whole}")
        removed = _value(found)
        found.delete()
        before = _as_json(removed.value, removed.amber)
        record(name, "removed", "target", _audit_key(removed), before, None)
    return removed


def _as_json(value: Decimal, amber: Decimal) -> dict[str, str]:
    return {"target": plain(value), "amber": plain(amber)}


@dataclass
class TargetImport:
    """What `import_targets` did: rows stored, and each rejected row with its reason."""

    stored: list[TargetValue] = field(default_factory=list)
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
    if header not in (HEADER, HEADER_WITH_SCOPE):
        raise AnalysisProblem(
            f"{path} line 1: expected the header {','.join(HEADER)} (optionally followed by "
            f",scope), got {','.join(rows[0])}"
        )
    name = checks.actor_name(actor)
    result = TargetImport()
    seen: dict[tuple[str, str, str], int] = {}
    with transaction.atomic():
        for line, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            try:
                checked = _checked_row(row, len(header), line, seen)
            except AnalysisProblem as exc:
                result.rejected.append((line, str(exc)))
                continue
            _store(checked, name)
            result.stored.append(checked)
    return result


def _checked_row(
    row: list[str], width: int, line: int, seen: dict[tuple[str, str, str], int]
) -> TargetValue:
    if len(row) != width:
        raise AnalysisProblem(f"{len(row)} fields, expected {width}")
    indicator_id, period, target, amber, *scope = (cell.strip() for cell in row)
    if not target:
        raise AnalysisProblem("target is blank")
    checked = check_target(indicator_id, period, target, amber, scope=scope[0] if scope else "")
    key = (checked.indicator_id, checked.period, checked.scope)
    if key in seen:
        whole = " (whole year)" if checked.whole_year else ""
        raise AnalysisProblem(f"{key[0]} {key[1]}{whole} is already on line {seen[key]}")
    seen[key] = line
    return checked


def list_targets(indicator_id: str | None = None) -> list[Target]:
    rows = Target.objects.all()
    if indicator_id:
        rows = rows.filter(indicator_id=checks.indicator(indicator_id).id)
    return list(rows.order_by("indicator_id", "period", "scope"))
