"""A reader of a public pack who tries to work back every `[c]` of its `Data` sheet.

Written from the text of reports.md ("Disclosure control (`--public`)"), not from jsw's
disclosure code, which it never imports. The reader has the published `Data` sheet and the
catalogue (each PI's kind; which returns count people or things), and uses what the spec
says a reader can use:

- **counted figures**: the value of a count PI; the numerator and denominator of a
  timeliness, proportion or distribution PI; the "not met" complement (denominator -
  numerator) of a timeliness or proportion PI; the number of items of a mean; a count-type
  return. Whole numbers.
- **relations**: the categories of a distribution and their total; the groups of a
  breakdown and the overall figure; the quarters (or halves) of a year and the year; a
  numerator, its complement and its denominator; a value and the numerator and denominator
  it is worked out from. "Wherever it holds": the attacker is told which sums hold from the
  internal pack (the strongest reader: one who knows which hold), and uses every part of a
  figure (numerators, denominators, counts, sums).
- **bounds**: each `[c]` count is at least 1 (zeros are shown); each other figure and each
  complement at least 0.

For every `[c]` it must find at least two values consistent with all of that taken together
(for a percentage or mean, two different printed values), and so for every complement from 1
to t - 1. It decides exactly, with integer programs (HiGHS, through scipy), component by
component. Where the reader who takes every `[c]` count as at least 1 finds no consistent
values at all (a rule hid a true zero), it reasons again allowing 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import openpyxl
from scipy.optimize import Bounds, LinearConstraint, milp

C = "[c]"
COLUMNS = ("numerator", "denominator", "value")
PERCENT = ("timeliness", "proportion", "distribution")
RowKey = tuple[str, str, str, str, str]  # indicator_id, period, category, breakdown, group
Var = tuple[RowKey, str]  # a row's part: numerator, denominator, value or complement


@dataclass(frozen=True)
class PiFacts:
    """What the catalogue tells a reader about a PI."""

    kind: str
    counts: bool = False  # a return whose figure counts people or things


def data_sheet(path: Path) -> dict[RowKey, tuple[object, object, object]]:
    """The `Data` sheet of a pack: each row's numerator, denominator and value as written."""
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book["Data"].iter_rows(values_only=True))
    header = list(rows[0])
    at = [header.index(name) for name in ("indicator_id", "period", "category", "breakdown")]
    at.append(header.index("group"))
    parts = [header.index(name) for name in COLUMNS]
    sheet: dict[RowKey, tuple[object, object, object]] = {}
    for row in rows[1:]:
        key = tuple(str(row[i] or "") for i in at)
        sheet[key] = tuple(row[i] for i in parts)  # type: ignore[assignment]
    return sheet


@dataclass
class Finding:
    what: str
    where: Var

    def __str__(self) -> str:
        return f"{self.what}: {self.where}"


@dataclass
class Constraint:
    terms: dict[Var, float]
    low: float
    high: float


@dataclass
class Reader:
    """The reader's system: unknown figures, their bounds and the relations."""

    truth: dict[Var, float]
    published: dict[Var, object]
    integer: set[Var] = field(default_factory=set)
    lower: dict[Var, float] = field(default_factory=dict)
    constraints: list[Constraint] = field(default_factory=list)

    def known(self, var: Var) -> bool:
        value = self.published.get(var)
        return value is not None and value != C

    def unknown(self, var: Var) -> bool:
        return var in self.lower

    def linear(self, terms: Iterable[tuple[Var, float]], constant: float, low: float, high: float):
        """sum(coefficient * figure) + constant in [low, high], with published figures folded
        into the bounds."""
        folded: dict[Var, float] = {}
        for var, coefficient in terms:
            if self.unknown(var):
                folded[var] = folded.get(var, 0.0) + coefficient
            else:
                constant += coefficient * float(self.published[var])  # type: ignore[arg-type]
        if not folded:
            return
        self.constraints.append(Constraint(folded, low - constant, high - constant))

    def equal(self, total: Var, parts: list[Var]) -> None:
        self.linear([(total, 1.0), *((p, -1.0) for p in parts)], 0.0, 0.0, 0.0)


def attack(
    published_sheet: dict[RowKey, tuple[object, object, object]],
    internal_sheet: dict[RowKey, tuple[object, object, object]],
    pis: dict[str, PiFacts],
    threshold: int = 5,
) -> list[Finding]:
    """Every problem a reader finds: a `[c]` (or small complement) with one consistent
    value, a `[c]` where the internal pack has no figure, a figure that differs."""
    findings = _alignment(published_sheet, internal_sheet)
    reader = _reader(published_sheet, internal_sheet, pis)
    targets, ratios = _targets(reader, internal_sheet, pis, threshold)
    for ratio in ratios:
        if not (reader.unknown(ratio.numerator) or reader.unknown(ratio.denominator)):
            findings.append(Finding("worked out from printed figures", ratio.value))
    for component in _components(reader, targets, ratios):
        findings += _solve(reader, component, targets, ratios)
    return findings


def _number(value: object) -> float | None:
    if value is None or value == "" or value == C:
        return None
    return float(value)  # type: ignore[arg-type]


def _alignment(
    published: dict[RowKey, tuple[object, object, object]],
    internal: dict[RowKey, tuple[object, object, object]],
) -> list[Finding]:
    findings = []
    if set(published) != set(internal):
        for key in set(published) ^ set(internal):
            findings.append(Finding("row in one pack only", (key, "")))
    for key, row in published.items():
        for part, shown, truth in zip(COLUMNS, row, internal.get(key, (None,) * 3), strict=True):
            if shown == C and truth is None:
                findings.append(Finding("[c] where there is no figure", (key, part)))
            elif shown != C and _number(shown) != _number(truth):
                findings.append(Finding(f"published {shown!r}, internally {truth!r}", (key, part)))
    return findings


def _reader(
    published_sheet: dict[RowKey, tuple[object, object, object]],
    internal_sheet: dict[RowKey, tuple[object, object, object]],
    pis: dict[str, PiFacts],
) -> Reader:
    truth: dict[Var, float] = {}
    published: dict[Var, object] = {}
    for key, row in internal_sheet.items():
        shown = published_sheet.get(key, (None,) * 3)
        for part, value, printed in zip(COLUMNS, row, shown, strict=True):
            if value is not None:
                truth[(key, part)] = float(value)  # type: ignore[arg-type]
                published[(key, part)] = printed
    reader = Reader(truth, published)
    for (key, part), printed in published.items():
        facts = pis[key[0]]
        if printed == C and not (part == "value" and _worked_out(facts)):
            reader.lower[(key, part)] = 1.0 if _counted(facts, part) else 0.0
            if _counted(facts, part):
                reader.integer.add((key, part))
    for key in internal_sheet:
        facts = pis[key[0]]
        numerator, denominator = (key, "numerator"), (key, "denominator")
        rate = facts.kind in ("timeliness", "proportion")
        if rate and numerator in truth and denominator in truth:
            complement = (key, "complement")
            truth[complement] = truth[denominator] - truth[numerator]
            reader.lower[complement] = 0.0
            reader.integer.add(complement)
            # A numerator, its complement and its denominator.
            reader.equal(denominator, [numerator, complement])
        if not _worked_out(facts) and numerator in truth and (key, "value") in truth:
            reader.equal((key, "value"), [numerator])  # the numerator column is the figure
    _sums(reader, internal_sheet, pis)
    _printed_values(reader, internal_sheet, pis)
    return reader


def _worked_out(facts: PiFacts) -> bool:
    """A percentage or a mean: its value is worked out from its numerator and denominator."""
    return facts.kind in (*PERCENT, "mean")


def _counted(facts: PiFacts, part: str) -> bool:
    if facts.kind == "count":
        return part in ("numerator", "value")
    if facts.kind in PERCENT:
        return part in ("numerator", "denominator")
    if facts.kind == "mean":
        return part == "denominator"
    if facts.kind == "return":
        return facts.counts and part == "value"
    return False  # a sum


def _sums(
    reader: Reader,
    sheet: dict[RowKey, tuple[object, object, object]],
    pis: dict[str, PiFacts],
) -> None:
    """Every additive relation of the spec, for every part, wherever it holds."""
    candidates: list[tuple[Var, list[Var]]] = []
    # (indicator, period, category) -> breakdown -> its groups' rows
    groups: dict[tuple[str, ...], dict[str, list[RowKey]]] = {}
    categories: dict[tuple[str, ...], list[RowKey]] = {}  # a distribution's categories
    for key in sheet:
        if key[3]:
            groups.setdefault(key[:3], {}).setdefault(key[3], []).append(key)
        if pis[key[0]].kind == "distribution" and key[2]:
            categories.setdefault((key[0], key[1], key[3], key[4]), []).append(key)
    for key in sheet:
        indicator, period, category, breakdown, group = key
        facts = pis[indicator]
        parts = ("numerator", "denominator") if _worked_out(facts) else ("value",)
        for part in parts:
            if facts.kind == "distribution" and part == "denominator":
                continue  # a distribution's total: related through its categories below
            if not breakdown:  # the overall figure and each breakdown's groups
                for members in groups.get(key[:3], {}).values():
                    candidates.append(((key, part), [(k, part) for k in members]))
            for year_parts in _periods_of(period):
                within = [(indicator, p, category, breakdown, group) for p in year_parts]
                if all(k in sheet for k in within):
                    candidates.append(((key, part), [(k, part) for k in within]))
    totals: dict[tuple[str, ...], Var] = {}
    for where, keys in categories.items():
        # Every category row carries its total; the categories add up to it.
        totals[where] = (keys[0], "denominator")
        for other in keys[1:]:
            candidates.append((totals[where], [(other, "denominator")]))
        candidates.append((totals[where], [(k, "numerator") for k in keys]))
    by_breakdown: dict[tuple[str, ...], list[Var]] = {}
    for (indicator, period, breakdown, _), total in totals.items():
        if breakdown:
            by_breakdown.setdefault((indicator, period, breakdown), []).append(total)
    for (indicator, period, breakdown, group), total in totals.items():
        if not breakdown:
            for (i, p, _), within in by_breakdown.items():
                if (i, p) == (indicator, period):
                    candidates.append((total, within))
        for year_parts in _periods_of(period):
            within_year = [totals.get((indicator, p, breakdown, group)) for p in year_parts]
            if all(t is not None for t in within_year):
                candidates.append((total, [t for t in within_year if t is not None]))
    for total, parts in candidates:
        values = [reader.truth.get(v) for v in (total, *parts)]
        if any(v is None for v in values):
            continue  # a blank figure breaks the relation
        if abs(values[0] - sum(values[1:])) < 1e-9:  # type: ignore[operator]
            reader.equal(total, parts)


def _periods_of(period: str) -> list[list[str]]:
    """The quarters and the halves of a year's label (a year label is `2024-25`)."""
    if len(period) != 7:
        return []
    return [[f"{period}-Q{q}" for q in range(1, 5)], [f"{period}-H{h}" for h in (1, 2)]]


def _scale(facts: PiFacts) -> float:
    return 100.0 if facts.kind in PERCENT else 1.0


def _printed_values(
    reader: Reader, sheet: dict[RowKey, tuple[object, object, object]], pis: dict[str, PiFacts]
) -> None:
    """A printed percentage or mean beside an unknown numerator or denominator: the true
    ratio lies within half a unit of the last printed place of it."""
    for key in sheet:
        facts = pis[key[0]]
        value, numerator, denominator = (key, "value"), (key, "numerator"), (key, "denominator")
        if not _worked_out(facts) or not reader.known(value):
            continue
        if numerator not in reader.truth or denominator not in reader.truth:
            continue
        if not (reader.unknown(numerator) or reader.unknown(denominator)):
            continue
        shown = float(reader.published[value])  # type: ignore[arg-type]
        k = _scale(facts)
        # k * n - (shown - 0.05) * d >= 0 and k * n - (shown + 0.05) * d <= 0
        reader.linear([(numerator, k), (denominator, -(shown - 0.05))], 0.0, 0.0, np.inf)
        reader.linear([(numerator, k), (denominator, -(shown + 0.05))], 0.0, -np.inf, 0.0)


@dataclass(frozen=True)
class Ratio:
    """A `[c]` percentage or mean: value = scale * numerator / denominator."""

    value: Var
    numerator: Var
    denominator: Var
    scale: float
    printed: float  # its true printed value


def _targets(
    reader: Reader,
    sheet: dict[RowKey, tuple[object, object, object]],
    pis: dict[str, PiFacts],
    threshold: int,
) -> tuple[list[Var], list[Ratio]]:
    cells: list[Var] = []
    ratios: list[Ratio] = []
    for var, printed in reader.published.items():
        key, part = var
        facts = pis[key[0]]
        if printed != C:
            continue
        if part == "value" and _worked_out(facts):
            if var not in reader.truth:
                continue  # no figure: the alignment check reports it
            ratios.append(
                Ratio(
                    var, (key, "numerator"), (key, "denominator"), _scale(facts), reader.truth[var]
                )
            )
        else:
            cells.append(var)
    for var, value in reader.truth.items():
        if var[1] == "complement" and 1 <= value <= threshold - 1:
            cells.append(var)
    return cells, ratios


def _components(reader: Reader, targets: list[Var], ratios: list[Ratio]) -> list[list[Var]]:
    """The unknown figures grouped by the constraints that link them."""
    parent: dict[Var, Var] = {var: var for var in reader.lower}

    def root(var: Var) -> Var:
        while parent[var] != var:
            parent[var] = parent[parent[var]]
            var = parent[var]
        return var

    for constraint in reader.constraints:
        members = list(constraint.terms)
        for other in members[1:]:
            parent[root(other)] = root(members[0])
    for ratio in ratios:
        members = [v for v in (ratio.numerator, ratio.denominator) if v in parent]
        for other in members[1:]:
            parent[root(other)] = root(members[0])
    groups: dict[Var, list[Var]] = {}
    for var in parent:
        groups.setdefault(root(var), []).append(var)
    return list(groups.values())


@dataclass
class Program:
    variables: list[Var]
    column: dict[Var, int]
    matrix: np.ndarray
    low: np.ndarray
    high: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    integrality: np.ndarray

    def solve(self, objective: np.ndarray, extra: list[tuple[np.ndarray, float, float]] = ()):
        rows = [self.matrix] + [row[None, :] for row, _, _ in extra]
        low = np.concatenate([self.low, [lo for _, lo, _ in extra]])
        high = np.concatenate([self.high, [hi for _, _, hi in extra]])
        matrix = np.vstack(rows)
        constraints = [LinearConstraint(matrix, low, high)] if len(low) else []
        result = milp(
            c=objective,
            constraints=constraints,
            integrality=self.integrality,
            bounds=Bounds(self.lower, self.upper),
        )
        return None if result.x is None or result.status != 0 else np.asarray(result.x)


def _program(reader: Reader, component: list[Var], zero_allowed: bool) -> Program:
    column = {var: i for i, var in enumerate(component)}
    inside = [c for c in reader.constraints if any(v in column for v in c.terms)]
    matrix = np.zeros((len(inside), len(component)))
    for r, constraint in enumerate(inside):
        for var, coefficient in constraint.terms.items():
            matrix[r, column[var]] = coefficient
    big = 10.0 * max((abs(v) for v in reader.truth.values()), default=0.0) + 100.0
    lower = np.array([0.0 if zero_allowed else reader.lower[v] for v in component])
    return Program(
        component,
        column,
        matrix,
        np.array([c.low for c in inside]),
        np.array([c.high for c in inside]),
        lower,
        np.full(len(component), big),
        np.array([1 if v in reader.integer else 0 for v in component]),
    )


def _solve(
    reader: Reader, component: list[Var], targets: list[Var], ratios: list[Ratio]
) -> list[Finding]:
    members = set(component)
    cells = [t for t in targets if t in members]
    mine = [r for r in ratios if r.numerator in members or r.denominator in members]
    findings: list[Finding] = []
    if not cells and not mine:
        return findings
    program = _program(reader, component, zero_allowed=False)
    first = program.solve(np.zeros(len(component)))
    if first is None:  # a rule hid a true zero: reason again allowing 0
        program = _program(reader, component, zero_allowed=True)
        first = program.solve(np.zeros(len(component)))
        assert first is not None, "the true figures are always consistent"
    pool = [first]
    for sign in (1.0, -1.0):
        objective = np.zeros(len(component))
        for var in cells:
            objective[program.column[var]] = sign
        found = program.solve(objective)
        if found is not None:
            pool.append(found)
    for var in cells:
        if not _varies(program, pool, var):
            findings.append(Finding("only one value consistent", var))
    for ratio in mine:
        if not _ratio_varies(reader, program, pool, ratio):
            findings.append(Finding("only one printed value consistent", ratio.value))
    return findings


def _gap(program: Program, var: Var) -> float:
    return 0.5 if program.integrality[program.column[var]] else 1e-6


def _varies(program: Program, pool: list[np.ndarray], var: Var) -> bool:
    index = program.column[var]
    values = [point[index] for point in pool]
    if max(values) - min(values) > _gap(program, var):
        return True
    for sign in (1.0, -1.0):
        objective = np.zeros(len(program.variables))
        objective[index] = sign
        found = program.solve(objective)
        if found is not None:
            pool.append(found)
            if abs(found[index] - values[0]) > _gap(program, var):
                return True
    return False


def _ratio_varies(reader: Reader, program: Program, pool: list[np.ndarray], ratio: Ratio) -> bool:
    """Whether some consistent figures print the percentage or mean differently."""

    def part(var: Var, point: np.ndarray) -> float:
        if var in program.column:
            return float(point[program.column[var]])
        return float(reader.published[var])  # type: ignore[arg-type]

    for point in pool:
        n, d = part(ratio.numerator, point), part(ratio.denominator, point)
        if d > 0 and _printed(ratio.scale * n / d) != _printed(ratio.printed):
            return True
    # scale * n - (printed ± 0.05) * d beyond 0 by a margin: printed differently, whatever the
    # rounding of a tie.
    for bound in (ratio.printed + 0.05, ratio.printed - 0.05):
        row = np.zeros(len(program.variables))
        constant = 0.0
        for var, coefficient in ((ratio.numerator, ratio.scale), (ratio.denominator, -bound)):
            if var in program.column:
                row[program.column[var]] += coefficient
            else:
                constant += coefficient * float(reader.published[var])  # type: ignore[arg-type]
        margin = 1e-3
        limits = (
            (margin - constant, np.inf) if bound > ratio.printed else (-np.inf, -margin - constant)
        )
        if not row.any():
            continue
        if program.solve(np.zeros(len(program.variables)), [(row, *limits)]) is not None:
            return True
    return False


def _printed(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
