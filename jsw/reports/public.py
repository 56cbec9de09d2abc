"""Public packs: describe the pack's figures and their relations to the disclosure module,
then mark what it suppresses so that every renderer shows `[c]`.

The figures are cells keyed by `(Key, part)`, part one of `numerator`, `denominator`,
`value`; relations are the spec's (reports.md, "Disclosure control"): a rate's numerator,
complement and denominator; a mean's total and items; a distribution's categories and their
total; breakdown groups and the overall figure; the quarters or halves of a year and the
year — each only where it holds among the figures.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import Decimal

from jsw.reports import disclosure as dc
from jsw.reports.build import Plan, Provenance, build
from jsw.reports.figures import Figures
from jsw.reports.model import Key, Pack
from jsw.reports.rows import SUMMED_RETURNS

COUNTED_RETURNS = ("significant-reviews", "mappa-clients", "qa-case-files")
RATES = ("timeliness", "proportion")
Part = tuple[Key, str]


def cell_key(kind: str, key: Key, part: str) -> Part:
    """The disclosure cell behind one part of a figure: the numerator of a count, a sum or a
    return is its value, and a distribution's categories share one denominator (their total)."""
    if kind in ("count", "sum", "return") and part == "numerator":
        return (key, "value")
    if kind == "distribution" and part == "denominator":
        return (Key(key.indicator_id, key.period, "", key.breakdown, key.group), "denominator")
    return (key, part)


def describe(figures: Figures, kinds: Mapping[str, str]) -> dc.Table:
    table = dc.Table()
    used = sorted((k for k in figures.used if figures.has(k)), key=lambda k: k.as_list())
    for key in used:
        cell = figures.cells[key]
        kind = kinds[key.indicator_id]
        if kind == "count" or (kind == "return" and key.indicator_id in COUNTED_RETURNS):
            table.count((key, "value"), _whole(cell.value))
        elif kind == "return" or kind == "sum":
            table.figure((key, "value"), cell.value, people=cell.people)
        elif kind in RATES:
            table.count((key, "numerator"), _whole(cell.numerator))
            table.count((key, "denominator"), cell.denominator)
            table.figure((key, "value"), cell.value)
            table.relate(dc.Rate((key, "value"), (key, "numerator"), (key, "denominator")))
        elif kind == "mean":
            table.figure((key, "numerator"), cell.numerator)
            table.count((key, "denominator"), cell.denominator)
            table.figure((key, "value"), cell.value)
            table.relate(dc.Mean((key, "value"), (key, "numerator"), (key, "denominator")))
        elif kind == "distribution":
            total = cell_key(kind, key, "denominator")
            if total not in table.cells:
                table.count(total, cell.denominator)
            table.count((key, "numerator"), _whole(cell.numerator))
            table.figure((key, "value"), cell.value)
            table.relate(dc.Ratio((key, "value"), (key, "numerator"), total))
    _additive(table, figures, used, kinds)
    return table


def _whole(number: Decimal | int | None) -> int | None:
    return None if number is None else int(number)


def _additive(table: dc.Table, figures: Figures, used: list[Key], kinds: Mapping[str, str]) -> None:
    """Totals and their parts, where the parts add up to the total among the figures."""
    counted: dict[Key, Part] = {}
    for key in used:
        kind = kinds[key.indicator_id]
        name = "numerator" if kind in (*RATES, "distribution") else "value"
        if kind in ("count", "distribution", *RATES) or key.indicator_id in COUNTED_RETURNS:
            counted[key] = (key, name)
    # Distribution categories and their total (the shared denominator cell).
    totals: dict[Part, list[Part]] = {}
    for key, cell in counted.items():
        if kinds[key.indicator_id] == "distribution":
            totals.setdefault(cell_key("distribution", key, "denominator"), []).append(cell)
    for total, parts in totals.items():
        _add_if_holds(table, total, parts)
    # Breakdown groups and the overall figure.
    groups: dict[tuple[str, str, str, str], list[Part]] = {}
    for key, cell in counted.items():
        if key.breakdown:
            groups.setdefault(
                (key.indicator_id, key.period, key.category, key.breakdown), []
            ).append(cell)
    for (pi, period, category, _), parts in groups.items():
        overall = Key(pi, period, category)
        if overall in counted:
            _add_if_holds(table, counted[overall], parts)
    # Quarters (or halves) and their year.
    for key, total in counted.items():
        if key.breakdown or len(key.period) != 7:
            continue
        for suffix in (("Q1", "Q2", "Q3", "Q4"), ("H1", "H2")):
            keys = [Key(key.indicator_id, f"{key.period}-{s}", key.category) for s in suffix]
            if all(k in counted for k in keys):
                _add_if_holds(table, total, [counted[k] for k in keys])


def _add_if_holds(table: dc.Table, total: Hashable, parts: list[Part]) -> None:
    cells = table.cells
    if total not in cells or any(p not in cells for p in parts):
        return
    values = [cells[p].value for p in parts]
    if cells[total].value is None or any(v is None for v in values):
        return
    if sum(v for v in values if v is not None) == cells[total].value:
        table.additive(total, parts)


def protect(
    pack: Pack,
    plan: Plan,
    figures: Figures,
    provenance: Provenance,
    threshold: int,
    forced: set[Part],
    hidden: dict[Key, set[str]] | None,
) -> Pack:
    """The pack rebuilt with `[c]` for every suppressed figure (for a published public pack,
    exactly the figures it suppressed then)."""
    kinds = {indicator.id: indicator.kind for indicator, _ in plan.due}
    secondary = 0
    if hidden is None:
        carried = {cell_key(kinds.get(k.indicator_id, ""), k, part) for k, part in forced}
        suppression = dc.suppress(describe(figures, kinds), threshold, carried)
        hidden = {}
        for key in figures.used:
            kind = kinds.get(key.indicator_id, "")
            for part in ("numerator", "denominator", "value"):
                if suppression.is_suppressed(cell_key(kind, key, part)):
                    hidden.setdefault(key, set()).add(part)
        secondary = suppression.secondary_count
    figures.hidden = hidden
    public = build(plan, figures, provenance, public=True)
    public.threshold = threshold
    public.secondary_suppressed = secondary
    return public


__all__ = ["SUMMED_RETURNS", "cell_key", "describe", "protect"]
