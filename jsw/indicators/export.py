"""Read stored results for people and files: the checked CSV export and readable tables.

Everything here reads `Result`; nothing computes. Formatting of numbers is `jsw.lib.numbers.plain`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from jsw.framework.catalogue import Catalogue
from jsw.framework.kinds import KINDS
from jsw.framework.schema import Indicator
from jsw.indicators.groups import AGE_GROUPS
from jsw.indicators.models import ComputeRun, Result
from jsw.lib.numbers import plain
from jsw.lib.periods import Period, periods_between
from jsw.lib.safe_text import for_spreadsheet, for_terminal

HEADER = ("indicator_id", "period", "category", "numerator", "denominator", "value")


def labels(indicator: Indicator, first_year: int, last_year: int) -> list[str]:
    return [p.label for p in periods_between(first_year, last_year, indicator.frequency)]


def result_rows(
    run: ComputeRun, catalogue: Catalogue, first_year: int, last_year: int, breakdown: str = ""
) -> list[Result]:
    wanted = {
        (pi.id, label) for pi in catalogue.indicators for label in labels(pi, first_year, last_year)
    }
    rows = Result.objects.filter(run=run, breakdown=breakdown).order_by()
    return [r for r in rows.iterator() if (r.indicator_id, r.period) in wanted]


def _text_key(result: Result) -> tuple[str, str, str, str]:
    # Sorted by code point, as the spec says (Python compares str that way; databases may not).
    return (result.indicator_id, result.period, result.category, result.group)


def results_csv(run: ComputeRun, catalogue: Catalogue, first_year: int, last_year: int) -> str:
    """The export that is checked: header, one row per PI, period (and category), sorted."""
    out = io.StringIO()
    out.write(",".join(HEADER) + "\n")
    for r in sorted(result_rows(run, catalogue, first_year, last_year), key=_text_key):
        fields = (r.indicator_id, r.period, r.category)
        numbers = (plain(r.numerator), plain(r.denominator), plain(r.value))
        out.write(",".join((*fields, *numbers)) + "\n")
    return out.getvalue()


def breakdown_csv(
    run: ComputeRun, catalogue: Catalogue, first_year: int, last_year: int, breakdown: str
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*HEADER[:3], "breakdown", "group", *HEADER[3:]))
    for r in sorted(result_rows(run, catalogue, first_year, last_year, breakdown), key=_text_key):
        writer.writerow(
            (
                r.indicator_id,
                r.period,
                r.category,
                r.breakdown,
                # A team name comes from the data: never a formula when a spreadsheet opens it.
                for_spreadsheet(r.group),
                plain(r.numerator),
                plain(r.denominator),
                plain(r.value),
            )
        )
    return out.getvalue()


@dataclass(frozen=True)
class Line:
    indicator: Indicator
    period: str
    category: str
    group: str
    figure: str


def latest_complete(indicator: Indicator, run: ComputeRun, as_of: date) -> Period | None:
    """The last period of the PI's frequency that ended by `as_of`, within the run's years."""
    ended = [
        p
        for p in periods_between(run.first_year, run.last_year, indicator.frequency)
        if p.end <= as_of
    ]
    return ended[-1] if ended else None


def figure(indicator: Indicator, result: Result) -> str:
    kind = KINDS[indicator.kind]
    if not kind.counted:
        return "no return entered" if result.value is None else plain(result.value)
    if kind.share:
        share = "n/a" if result.value is None else f"{plain(result.value)}%"
        return f"{plain(result.numerator)} of {plain(result.denominator)} ({share})"
    if kind.mean:
        mean = "n/a" if result.value is None else plain(result.value)
        return f"{mean} (over {plain(result.denominator)})"
    return plain(result.value)


def group_order(group: str) -> tuple[int, str]:
    """Age bands in age order, then everything else alphabetically."""
    return (AGE_GROUPS.index(group), "") if group in AGE_GROUPS else (len(AGE_GROUPS), group)


def latest_lines(
    run: ComputeRun, catalogue: Catalogue, as_of: date, breakdown: str = ""
) -> list[Line]:
    """Each PI's latest period complete by `as_of` (today, or the extract's last date)."""
    wanted = {
        pi.id: period.label
        for pi in catalogue.indicators
        if (period := latest_complete(pi, run, as_of)) is not None
    }
    rows = Result.objects.filter(run=run, breakdown=breakdown, period__in=set(wanted.values()))
    found: dict[str, list[Result]] = {}
    for r in rows:
        if wanted.get(r.indicator_id) == r.period:
            found.setdefault(r.indicator_id, []).append(r)
    lines: list[Line] = []
    for pi in catalogue.indicators:
        for r in sorted(found.get(pi.id, []), key=lambda r: (r.category, group_order(r.group))):
            lines.append(Line(pi, r.period, r.category, r.group, figure(pi, r)))
    return lines


def render_table(lines: list[Line], breakdown: str = "") -> str:
    if not lines:
        return "No complete period has results yet.\n"
    rows = [
        (
            line.indicator.id,
            line.period,
            # A team name comes from the data: shown with any control character escaped.
            for_terminal(line.category or line.group) if (line.category or breakdown) else "",
            line.figure,
        )
        for line in lines
    ]
    heads = ("indicator", "period", breakdown or "category", "result")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]
    out = ["  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(out) + "\n"
