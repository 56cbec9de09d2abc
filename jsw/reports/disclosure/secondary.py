"""Secondary suppression: hide more cells until the auditor can recover none.

Suppressed cells linked by relations form components, which are audited (and protected) on
their own, from a queue. While a component has recovered cells, more published figures next
to them are hidden, one exposed cell after another:

- a cell the relations pin: the fewest figures (up to DEPTH) that free it, found by a small
  search through the figures sharing a relation with it or with those already picked,
  smallest non-zero values first, zeros last, then table order;
- a cell the bounds pin (a published total leaves its `[c]` parts no room): the smallest such
  total that frees it, checked by the auditor, else the smallest neighbour.

Hiding a figure hides the percentages and means worked out from it too, and the grown
component is audited again. The choice is greedy, not the fewest cells possible, but
deterministic and always safe: the loop ends only when every component passes the audit.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable

from jsw.reports.disclosure.audit import System, build_system, ratio_form, recovered
from jsw.reports.disclosure.components import component_of, components
from jsw.reports.disclosure.moves import RowSpace
from jsw.reports.disclosure.table import Structure

TRIES = 3  # candidates tried around each partial choice
DEPTH = 3  # most cells hidden together for one exposed cell
BUDGET = 12  # trials before taking the smallest neighbour alone


def protect(structure: Structure, hidden: set[Hashable]) -> set[Hashable]:
    """The cells to hide besides `hidden` so that no hidden cell can be recovered."""
    start = set(hidden)
    hidden = set(hidden)
    settled: set[frozenset[Hashable]] = set()
    # One cell of each component; a component is looked up again from it when its turn
    # comes, since hiding more cells can merge components.
    queue = [component[0] for component in components(structure, hidden)]
    while queue:
        component = component_of(structure, hidden, queue.pop())
        signature = frozenset(component)
        if signature in settled:
            continue
        extra = _covers(structure, hidden, recovered(structure, hidden, component))
        if not extra:
            settled.add(signature)  # safe (or, with nothing left to hide, as safe as it gets)
            continue
        grown = structure.closure(hidden, extra)
        # A cell hidden away from the component starts or grows another: audit that too.
        queue.extend(key for key in grown - hidden if key not in signature)
        hidden = grown
        queue.append(component[0])  # audit the grown component again, first
    return hidden - start


def _covers(structure: Structure, hidden: set[Hashable], exposed: list) -> set[Hashable]:
    """Figures to hide for the exposed cells of one component, one cell after another (a
    cell that the figures already chosen have freed needs nothing more)."""
    chosen: set[Hashable] = set()
    current = set(hidden)
    for target in exposed:
        if chosen and not _pinned(structure, current, target):
            continue
        extra = _cover(structure, current, target)
        chosen |= extra
        current = structure.closure(current, extra)
    return chosen


def _cover(structure: Structure, hidden: set[Hashable], target: Hashable) -> set[Hashable]:
    """The published figures to hide so that `target` is no longer pinned by the relations
    (the next audit checks the bounds too): the fewest found, smallest values first, by a
    search through the cells sharing a relation with the target or with those chosen."""
    if not _pinned(structure, hidden, target):
        return _cover_bounds(structure, hidden, target)
    queue: list[tuple[int, float, tuple[int, ...], frozenset[Hashable]]] = [
        (0, 0.0, (), frozenset())
    ]
    seen: set[frozenset[Hashable]] = set()
    first: set[Hashable] = set()
    trials = 0
    while queue and trials < BUDGET:
        _, _, _, added = heapq.heappop(queue)
        for candidate in _candidates(structure, hidden | added, {target, *added})[:TRIES]:
            grown = added | {candidate}
            if grown in seen:
                continue
            seen.add(grown)
            first = first or {candidate}
            trials += 1
            if not _pinned(structure, structure.closure(hidden, grown), target):
                return set(grown)
            if len(grown) < DEPTH:
                values = sum(abs(structure.value(k)) for k in grown)
                orders = tuple(sorted(structure.order[k] for k in grown))
                heapq.heappush(queue, (len(grown), values, orders, grown))
    return first


def _cover_bounds(structure: Structure, hidden: set[Hashable], target: Hashable) -> set:
    """For a cell the bounds pin (a published total leaves its `[c]` parts no room, as a
    year of 100% does each quarter's percentage): the smallest such total that, hidden,
    frees it, checked by the auditor; else the smallest neighbour."""
    keys = {target}
    if target in structure.ratio_of:
        ratio = structure.ratios[structure.ratio_of[target]]
        keys |= {ratio.numerator, ratio.denominator}
    totals = {
        structure.sums[index].total
        for key in keys
        for index in structure.sums_of.get(key, ())
        if key in structure.sums[index].parts
    }
    totals = {k for k in totals if _can_hide(structure, hidden, k)}
    others = [k for k in _candidates(structure, hidden, {target}) if k not in totals]
    candidates = sorted(totals, key=lambda k: _preference(structure, k)) + others
    for candidate in candidates[:TRIES]:
        trial = structure.closure(hidden, [candidate])
        if not recovered(structure, trial, component_of(structure, trial, target), [target]):
            return {candidate}
    return set(candidates[:1])


def _pinned(structure: Structure, hidden: set[Hashable], target: Hashable) -> bool:
    """Whether the relations alone fix `target` (a cell, or a ratio's value)."""
    component = component_of(structure, hidden, target)
    system, space = _analysed(structure, frozenset(component), hidden)
    if target in system.column:
        return bool(space.pinned()[system.column[target]])
    return space.fixes(ratio_form(structure, system, target, system.truth).coefficients)


def _analysed(
    structure: Structure, component: frozenset[Hashable], hidden: set[Hashable]
) -> tuple[System, RowSpace]:
    """The system of a component and its analysis, kept: a component (the unknown cells
    linked together) fixes the system, and the search asks about the same ones often."""
    cache = structure.cache.setdefault("analysed", {})
    if component not in cache:
        keys = sorted(
            (k for k in component if k not in structure.ratio_of), key=structure.order.__getitem__
        )
        system = build_system(structure, hidden, keys, zeros_allowed=True)
        cache[component] = (system, RowSpace.of(system.matrix))
    return cache[component]


def _candidates(structure: Structure, hidden: set[Hashable], targets: set[Hashable]) -> list:
    """Published figures to hide for `targets`, best first: those sharing a relation with
    them, else with their component, else any. A count of zero is taken only when no other
    linked figure is left: a reader knows each `[c]` count is at least 1 (zeros are shown),
    so a hidden zero misleads more than it protects."""
    near = {k for k in _around(structure, targets) if _can_hide(structure, hidden, k)}
    if not near or all(_shown_zero(structure, k) for k in near):
        component = component_of(structure, hidden, next(iter(targets)))
        near |= {k for k in _around(structure, set(component)) if _can_hide(structure, hidden, k)}
    if not near:  # nothing linked is left: any figure (which may start a new component)
        near = {k for k in structure.cells if _can_hide(structure, hidden, k)}
    found = [k for k in near if not _shown_zero(structure, k)] or list(near)
    return sorted(found, key=lambda k: _preference(structure, k))


def _shown_zero(structure: Structure, key: Hashable) -> bool:
    cell = structure.cells[key]
    return cell.counted and cell.value == 0


def _around(structure: Structure, keys: set[Hashable]) -> set[Hashable]:
    """`keys`, the figures their ratios are worked out from, and every cell sharing a sum."""
    around = set(keys)
    for key in keys:
        if key in structure.ratio_of:
            ratio = structure.ratios[structure.ratio_of[key]]
            around |= {ratio.numerator, ratio.denominator}
    near = set(around)
    for key in around:
        for index in structure.sums_of.get(key, ()):
            near |= set(structure.sums[index].members)
    return near


def _can_hide(structure: Structure, hidden: set[Hashable], key: Hashable) -> bool:
    return (
        key not in hidden
        and key not in structure.implied
        and key not in structure.ratio_of
        and structure.cells[key].value is not None
    )


def _preference(structure: Structure, key: Hashable) -> tuple[bool, float, int]:
    value = abs(structure.value(key))
    return (value == 0, value, structure.order[key])
