"""The README stays honest: every command and every setting the code reads is documented."""

from __future__ import annotations

import re
from pathlib import Path

import jsw.cli  # noqa: F401  (registers every command)
from jsw.cli.base import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_the_readme_starts_with_the_demo_and_the_test_command():
    first_screen = "\n".join(README.splitlines()[:25])
    assert ".venv/bin/jsw demo" in first_screen
    assert "bash scripts/test" in first_screen


def test_every_command_is_in_the_readme():
    for name in main.commands:
        assert f"`jsw {name}" in README, name


def test_every_environment_variable_the_code_reads_is_in_the_readme():
    pattern = re.compile(r"""(?:environ(?:\.get)?\(?\[?|getenv\(|env_[a-z]+\()"([A-Z_]+)\"""")
    names = {
        name
        for path in (ROOT / "jsw").rglob("*.py")
        for name in pattern.findall(path.read_text())
        if name != "DJANGO_SETTINGS_MODULE"
    }
    assert names, "the pattern should find the settings"
    for name in sorted(names):
        assert f"`{name}`" in README, name


def test_ci_runs_the_readmes_test_command():
    assert "bash scripts/test" in (ROOT / ".ci" / "run").read_text()
