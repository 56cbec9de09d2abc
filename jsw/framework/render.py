"""Plain-text views of a catalogue: the framework tree and its version history.

Used by `jsw framework` and reusable by the web app (in a `<pre>` or as a model for a
template). Nothing here reads files; it only renders a loaded `Catalogue`.
"""

from __future__ import annotations

import datetime

from jsw.framework.catalogue import Catalogue
from jsw.framework.schema import Indicator, Objective

INDENT = "  "


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def render_heading(catalogue: Catalogue) -> list[str]:
    governance = catalogue.governance
    return [
        f"{governance.name}, version {governance.version}",
        f"Approved {long_date(governance.approved)} by the {governance.approved_by}; "
        f"implemented {long_date(governance.implemented)}",
        f"Owner: {governance.owner}",
        f"Catalogue: {catalogue.path.name}, sha256 {catalogue.fingerprint}",
    ]


def render_tree(catalogue: Catalogue) -> str:
    """The framework as a tree: objective, outcomes, themes, OPIF indicators, PIs."""
    lines = render_heading(catalogue)
    pis = catalogue.by_objective()
    for objective in catalogue.objectives:
        lines.append("")
        lines += _objective_lines(catalogue, objective, pis[objective.number])
    lines += ["", "Strategic connections"]
    lines += [f"{INDENT}{c.id}: {c.name}" for c in catalogue.file.connections]
    return "\n".join(lines) + "\n"


def _objective_lines(
    catalogue: Catalogue, objective: Objective, pis: tuple[Indicator, ...]
) -> list[str]:
    lines = [f"Objective {objective.number}: {objective.title}"]
    lines.append(f"{INDENT}Outcomes")
    lines += [f"{INDENT * 2}- {outcome}" for outcome in objective.outcomes]
    lines.append(f"{INDENT}Themes")
    lines += [f"{INDENT * 2}- {theme}" for theme in objective.themes]
    for codes, group in _by_opif(pis).items():
        titles = "; ".join(f"{code} {catalogue.opif(code).title}" for code in codes)
        lines.append(f"{INDENT}OPIF {titles}")
        lines += [f"{INDENT * 2}{_pi_line(pi)}" for pi in group]
    return lines


def _by_opif(pis: tuple[Indicator, ...]) -> dict[tuple[str, ...], list[Indicator]]:
    """PIs grouped by their OPIF codes, groups in order of first appearance."""
    groups: dict[tuple[str, ...], list[Indicator]] = {}
    for pi in pis:
        groups.setdefault(pi.opif, []).append(pi)
    return groups


def _pi_line(pi: Indicator) -> str:
    return f"{pi.id}: {pi.title} ({pi.frequency_name}, {pi.kind})"


def render_history(catalogue: Catalogue) -> str:
    """One line per version, oldest first as written, the current one marked."""
    lines = []
    for revision in catalogue.governance.history:
        current = " (current)" if revision.version == catalogue.version else ""
        lines.append(
            f"{revision.version}  {revision.date.isoformat()}{current}  {revision.changes}"
        )
    return "\n".join(lines) + "\n"


def render_indicator(catalogue: Catalogue, indicator_id: str) -> str:
    """One PI in full: where it sits in the framework, and how it is counted, in words
    generated from the definition the engine computes from."""
    from jsw.framework.describe import describe

    pi = catalogue.indicator(indicator_id)
    objective = catalogue.objective(pi.objective)
    opif = "; ".join(f"{code} {catalogue.opif(code).title}" for code in pi.opif)
    lines = [
        f"{pi.id}: {pi.title}",
        f"  objective {objective.number}: {objective.title}",
        f"  OPIF: {opif}",
        f"  reported {pi.frequency_name}; kind {pi.kind}; from {pi.source}"
        + (f"; unit {pi.unit}" if pi.unit else ""),
        f"  better: {dict(up='higher', down='lower', none='neither (a volume)')[pi.direction]}",
        "",
        f"  How it is counted: {describe(pi.kind, pi.definition)}",
        f"  The spec's words: {pi.counting}",
    ]
    if pi.note:
        lines.append(f"  Note: {pi.note}")
    lines.append(f"  Framework version {catalogue.version}")
    return "\n".join(lines) + "\n"
