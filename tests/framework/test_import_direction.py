"""Imports go one way: `jsw.lib` needs no app; the records and the framework catalogue do
not import the indicator engine (which reads both). Read from the source with `ast`, so an
import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import jsw

ROOT = Path(jsw.__file__).parent
# Every package of jsw but lib, including those added later.
APPS = tuple(
    f"jsw.{p.parent.name}" for p in sorted(ROOT.glob("*/__init__.py")) if p.parent.name != "lib"
)


def imported(package: str) -> dict[str, set[str]]:
    """Module file -> every jsw module it imports, for each module of the package."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package.removeprefix("jsw.").replace(".", "/")).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        found[str(path.relative_to(ROOT.parent))] = {n for n in names if n.startswith("jsw.")}
    return found


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{module} imports {name}"
        for module, names in imported(package).items()
        for name in sorted(names)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    ]


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("jsw.framework", ("jsw.indicators", "jsw.cli")),
        ("jsw.records", ("jsw.indicators", "jsw.cli")),
        ("jsw.lib", APPS),
    ],
)
def test_a_package_does_not_import_what_sits_above_it(package, forbidden):
    assert offenders(package, forbidden) == []


def test_lib_is_checked_against_every_app():
    assert {"jsw.framework", "jsw.indicators", "jsw.records", "jsw.cli"} <= set(APPS)


def test_the_walk_sees_imports_inside_functions():
    found = imported("jsw.framework")["jsw/framework/render.py"]
    assert "jsw.framework.describe" in found
