"""Components: the suppressed cells of a table grouped by the relations between them.

A reader can only combine cells that share relations, so each component is audited (and
protected) on its own, which keeps its systems small.
"""

from __future__ import annotations

from collections.abc import Hashable

from jsw.reports.disclosure.table import Structure


def components(structure: Structure, hidden: set[Hashable]) -> list[list[Hashable]]:
    """The suppressed cells grouped by the relations between them, each in table order,
    with the unprinted cells that link them (a group of unprinted cells only is left out)."""
    unknown = structure.unknown(hidden)
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


def component_of(structure: Structure, hidden: set[Hashable], key: Hashable) -> list[Hashable]:
    """The component of one suppressed cell, found from it alone, in table order."""
    unknown = structure.unknown(hidden)
    found = {key}
    pending = [key]
    while pending:
        current = pending.pop()
        linked: list[Hashable] = []
        for index in structure.sums_of.get(current, ()):
            linked.extend(structure.sums[index].members)
        ratios = [*structure.ratios_from.get(current, ())]
        if current in structure.ratio_of:
            ratios.append(structure.ratio_of[current])
        for index in ratios:
            ratio = structure.ratios[index]
            if ratio.value in unknown:
                linked.extend((ratio.value, ratio.numerator, ratio.denominator))
        for other in linked:
            if other in unknown and other not in found:
                found.add(other)
                pending.append(other)
    return sorted(found, key=structure.order.__getitem__)
