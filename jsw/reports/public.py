"""Public packs: describe the pack's figures and their relations to disclosure control, then
mark what it suppresses so that every renderer shows `[c]`.

The figures are cells keyed by `(Key, part)`, part one of `numerator`, `denominator`,
`value`. Which parts count people or things comes from the catalogue (a PI's kind, or what a
return's entered figure is), never from PI ids. The relations are the spec's (reports.md,
"Disclosure control"), for every part they hold for (numerators, denominators, counts, sums;
a rate's complement follows from its numerator and denominator): a rate's numerator,
complement and denominator; a percentage or mean and what it is worked out from; a
distribution's categories and their total; breakdown groups and the overall figure; the
quarters or halves of a year and the year — each only where it holds among the figures.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from decimal import Decimal

from jsw.framework.kinds import kind_of
from jsw.lib.periods import parse_period, periods_in_year
from jsw.reports import disclosure as dc
from jsw.reports.build import Plan, Provenance, build
from jsw.reports.figures import Figures
from jsw.reports.model import Cell, Key, Pack, Pi
from jsw.reports.rows import is_summed_year, pi_of, summed_year

Part = tuple[Key, str]
PARTS = ("numerator", "denominator", "value")


def worked_out(pi: Pi) -> bool:
    """Whether the PI's value is worked out from a numerator and a denominator (a
    percentage or a mean) rather than being the figure itself."""
    kind = kind_of(pi.kind)
    return kind.share or kind.mean


def cell_key(pi: Pi, key: Key, part: str) -> Part:
    """The disclosure cell behind one part of a figure: the numerator of a figure that is not
    worked out (a count, a sum, a return) is its value, and a distribution's categories share
    one denominator (their total)."""
    if part == "numerator" and not worked_out(pi):
        return (key, "value")
    if part == "denominator" and kind_of(pi.kind).by_category:
        return (Key(key.indicator_id, key.period, "", key.breakdown, key.group), "denominator")
    return (key, part)


def base_parts(pi: Pi) -> tuple[str, ...]:
    """The parts that are figures in their own right (what sums can relate)."""
    return ("numerator", "denominator") if worked_out(pi) else ("value",)


def describe(figures: Figures, pis: Mapping[str, Pi]) -> dc.Table:
    """The table of every figure the pack uses, with the relations a reader can use."""
    table = dc.Table()
    used = sorted(
        (k for k in list(figures.used) if k.indicator_id in pis), key=lambda k: k.as_list()
    )
    present: list[Key] = []
    for key in used:
        cell = _figure(pis[key.indicator_id], figures, key)
        if cell is not None:
            _add_figure(table, pis[key.indicator_id], key, cell)
            present.append(key)
    _additive(table, pis, present)
    return table


def _figure(pi: Pi, figures: Figures, key: Key) -> Cell | None:
    """The figure a key stands for: the stored result, or a year summed from its parts."""
    if not key.breakdown and is_summed_year(pi, key.period):
        return summed_year(pi, figures, key.period)
    return figures.cells.get(key)


def _add_figure(table: dc.Table, pi: Pi, key: Key, cell: Cell) -> None:
    kind = kind_of(pi.kind)
    counted = set(pi.counted_parts)
    value = (key, "value")
    if not worked_out(pi):
        _add(table, value, cell.value, "value" in counted, people=cell.people)
        return
    numerator, denominator = cell_key(pi, key, "numerator"), cell_key(pi, key, "denominator")
    _add(table, numerator, cell.numerator, "numerator" in counted)
    if denominator not in table.cells:  # a distribution's total, shared by its categories
        _add(table, denominator, cell.denominator, "denominator" in counted)
    table.figure(value, cell.value)
    if kind.complement:
        table.relate(dc.Rate(value, numerator, denominator))
    elif kind.mean:
        table.relate(dc.Mean(value, numerator, denominator))
    else:
        table.relate(dc.Ratio(value, numerator, denominator))


def _add(
    table: dc.Table,
    key: Part,
    number: Decimal | int | None,
    counted: bool,
    people: int | None = None,
) -> None:
    if counted:
        table.count(key, None if number is None else int(number))
    else:
        table.figure(key, number, people=people)


def _additive(table: dc.Table, pis: Mapping[str, Pi], keys: list[Key]) -> None:
    """Totals and their parts, for every part, where the parts add up among the figures."""
    present = set(keys)
    sums: dict[tuple[Hashable, object], dict[Hashable, None]] = {}  # parts, in order, once

    def relate(total: Hashable, which: object, parts: Sequence[Hashable]) -> None:
        sums.setdefault((total, which), {}).update(dict.fromkeys(parts))

    for key in keys:
        pi = pis[key.indicator_id]
        if kind_of(pi.kind).by_category and key.category:
            total = cell_key(pi, key, "denominator")
            relate(total, "categories", [cell_key(pi, key, "numerator")])
        for part in base_parts(pi):
            overall = Key(key.indicator_id, key.period, key.category)
            if key.breakdown and overall in present:
                relate(cell_key(pi, overall, part), key.breakdown, [cell_key(pi, key, part)])
            for parts in _parts_of_year(key):
                if all(p in present for p in parts):
                    within = [cell_key(pi, p, part) for p in parts]
                    relate(cell_key(pi, key, part), len(parts), within)
    for (whole, _), members in sums.items():
        _add_if_holds(table, whole, list(members))


def _parts_of_year(key: Key) -> list[list[Key]]:
    """The quarters and the halves of a year's key (nothing for a key that is not a year)."""
    period = parse_period(key.period)
    if period.frequency != "A":
        return []
    return [
        [
            Key(key.indicator_id, p.label, key.category, key.breakdown, key.group)
            for p in periods_in_year(period.financial_year, frequency)
        ]
        for frequency in ("Q", "H")
    ]


def _add_if_holds(table: dc.Table, total: Hashable, parts: list[Hashable]) -> None:
    cells = table.cells
    if total not in cells or any(p not in cells for p in parts) or total in parts:
        return
    values = [cells[p].value for p in parts]
    if cells[total].value is None or any(v is None for v in values):
        return
    if sum(v for v in values if v is not None) == cells[total].value:
        table.additive(total, parts)


def hidden_parts(
    figures: Figures, pis: Mapping[str, Pi], threshold: int, forced: set[Part]
) -> tuple[dict[Key, set[str]], int]:
    """The parts of each figure the pack uses that a public pack shows as `[c]`, and how
    many cells were hidden only to protect others. `forced` holds the parts suppressed in
    earlier published public packs."""
    carried = {
        cell_key(pis[k.indicator_id], k, part) for k, part in forced if k.indicator_id in pis
    }
    suppression = dc.suppress(describe(figures, pis), threshold, carried)
    hidden: dict[Key, set[str]] = {}
    for key in figures.used:
        if key.indicator_id not in pis:
            continue
        for part in PARTS:
            if suppression.is_suppressed(cell_key(pis[key.indicator_id], key, part)):
                hidden.setdefault(key, set()).add(part)
    return hidden, suppression.secondary_count


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
    secondary = 0
    if hidden is None:
        pis = {indicator.id: pi_of(indicator) for indicator, _ in plan.due}
        hidden, secondary = hidden_parts(figures, pis, threshold, forced)
    figures.hidden = hidden
    public = build(plan, figures, provenance, public=True)
    public.threshold = threshold
    public.secondary_suppressed = secondary
    return public


__all__ = ["cell_key", "describe", "hidden_parts", "protect"]
