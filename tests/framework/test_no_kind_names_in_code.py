"""Only the kinds registry knows a kind by its name: code elsewhere asks it what a kind is
(`kind_of(pi.kind).share`, `.by_category`, `.counted`...), so that a new kind is added in one
place. Read from the source with `ast`: any comparison of something called `kind` with a
kind's name, or membership in a tuple of them, is a branch on the name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import jsw
from jsw.framework.kinds import KINDS

pytestmark = pytest.mark.once

ROOT = Path(jsw.__file__).parent
REGISTRY = ROOT / "framework" / "kinds.py"


def _names_kind(node: ast.expr) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr == "kind"
    if isinstance(node, ast.Name):
        return node.id == "kind"
    if isinstance(node, ast.Subscript):  # kinds[pi.id]
        return _names_kind(node.value) or (
            isinstance(node.value, ast.Name) and node.value.id == "kinds"
        )
    return False


def _kind_names(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Constant) and node.value in KINDS:
        return {node.value}
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return set().union(*(_kind_names(element) for element in node.elts))
    return set()


def branches_on_kind_names(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_names_kind(side) for side in sides) and any(_kind_names(s) for s in sides):
                lines.append(node.lineno)
    return lines


def test_no_module_but_the_registry_branches_on_a_kinds_name():
    found = [
        f"{path.relative_to(ROOT.parent)}:{line}"
        for path in sorted(ROOT.rglob("*.py"))
        if path != REGISTRY and "migrations" not in path.parts
        for line in branches_on_kind_names(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        'if pi.kind == "distribution": pass',
        'x = kind in ("timeliness", "proportion")',
        'y = "return" != indicator.kind',
        'z = kinds[key] == "mean"',
    ],
)
def test_the_check_sees_each_way_of_writing_such_a_branch(source):
    assert branches_on_kind_names(source) == [1]


def test_other_comparisons_are_not_branches_on_a_kind(source='if kind == "inlineStr": pass'):
    assert branches_on_kind_names(source) == []
