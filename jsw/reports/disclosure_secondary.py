"""Secondary suppression: hide more cells until the auditor can recover none.

Suppressed cells linked by relations form components, which are audited (and protected) on
their own. While some component has a recoverable cell, one more published figure next to
it is hidden: among the figures sharing a relation with it, the first (smallest non-zero
value first, zeros last, then table order) that makes it safe on its own, or else the first
of them. Hiding a figure hides the percentages and means worked out from it too. The choice
is greedy, not the fewest cells possible, but deterministic and always safe: the loop ends
only when every component passes the audit.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable

import numpy as np

from jsw.reports.disclosure_audit import build_system, ratio_form, recovered
from jsw.reports.disclosure_moves import analyse
from jsw.reports.disclosure_table import Structure

TRIES = 4  # candidates tried around each partial choice
DEPTH = 3  # most cells hidden together for one exposed cell
BUDGET = 24  # trials before taking the smallest neighbour alone


def components(structure: Structure, hidden: set[Hashable]) -> list[list[Hashable]]:
    """The suppressed cells grouped by the relations between them, each in table order,
    with the unprinted cells that link them (a group of unprinted cells only is left out)."""
    unknown = hidden | structure.implied
    parent = {key: key for key in unknown}

    def root(key: Hashable) -> Hashable:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(keys: list[Hashable]) -> None:
        for other in keys[1:]:
            parent[root(other)] = root(keys[0])

    for relation in structure.sums:
        join([key for key in relation.members if key in unknown])
    for ratio in structure.ratios:
        if ratio.value in unknown:
            join([k for k in (ratio.value, ratio.numerator, ratio.denominator) if k in unknown])
    groups: dict[Hashable, list[Hashable]] = {}
    for key in sorted(unknown, key=structure.order.__getitem__):
        groups.setdefault(root(key), []).append(key)
    return [group for group in groups.values() if any(key in hidden for key in group)]


def protect(structure: Structure, hidden: set[Hashable]) -> set[Hashable]:
    """The cells to hide besides `hidden` so that no hidden cell can be recovered."""
    start = set(hidden)
    hidden = set(hidden)
    settled: set[frozenset[Hashable]] = set()
    while True:
        for component in components(structure, hidden):
            signature = frozenset(component)
            if signature in settled:
                continue
            extra = _covers(structure, hidden, recovered(structure, hidden, component))
            if not extra:
                settled.add(signature)  # safe (or, with nothing left to hide, as safe as it gets)
                continue
            hidden = structure.closure(hidden | extra)
            break
        else:
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
        current = structure.closure(current | extra)
    return chosen


def _cover(structure: Structure, hidden: set[Hashable], target: Hashable) -> set[Hashable]:
    """The published figures to hide so that `target` is no longer pinned by the relations
    (the next audit checks the bounds too): the fewest found, smallest values first, by a
    search through the cells sharing a relation with the target or with those chosen."""
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
            if not _pinned(structure, structure.closure(hidden | grown), target):
                return set(grown)
            if len(grown) < DEPTH:
                values = sum(abs(structure.value(k)) for k in grown)
                orders = tuple(sorted(structure.order[k] for k in grown))
                heapq.heappush(queue, (len(grown), values, orders, grown))
    return first


def _pinned(structure: Structure, hidden: set[Hashable], target: Hashable) -> bool:
    component = next(c for c in components(structure, hidden) if target in c)
    keys = [k for k in component if k not in structure.ratio_of]
    system = build_system(structure, hidden, keys, zeros_allowed=True)
    pinned, _ = analyse(system.matrix)
    if target in system.column:
        return bool(pinned[system.column[target]])
    form = ratio_form(structure, system, target, system.truth)
    return not np.any(form.coefficients[~pinned])


def _candidates(structure: Structure, hidden: set[Hashable], targets: set[Hashable]) -> list:
    near = {k for k in _around(structure, targets) if _can_hide(structure, hidden, k)}
    if not near:  # pinned through other suppressed cells only: look at the whole component
        target = next(iter(targets))
        component = next(c for c in components(structure, hidden) if target in c)
        near = {k for k in _around(structure, set(component)) if _can_hide(structure, hidden, k)}
    if not near:
        near = {k for k in structure.cells if _can_hide(structure, hidden, k)}
    return sorted(near, key=lambda k: _preference(structure, k))


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
