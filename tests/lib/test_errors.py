"""One type says "your input is wrong": every problem with where it is, rendered the same way
by every command (exit 2); the catalogue's, the mapping profile's and the command line's own
refusals are all of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import jsw.cli  # noqa: F401  (registers every command on main)
from jsw.cli.base import UsageProblem, main
from jsw.framework.issues import CatalogueError
from jsw.lib.errors import InputProblem, Problem
from jsw.records.importer.mapping import MappingError


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (
            Problem("a.yaml", 3, "tables.people", "unknown key"),
            "a.yaml:3: tables.people: unknown key",
        ),
        (Problem("a.yaml", None, "", "no such file"), "a.yaml: no such file"),
        (Problem("", None, "", "--from must not be after --to"), "--from must not be after --to"),
    ],
)
def test_a_problem_says_where_then_what(problem, text):
    assert str(problem) == text


def test_it_lists_every_problem_under_its_heading():
    error = InputProblem(
        [Problem("f", 1, "a", "one"), Problem("f", 2, "b", "two")], heading="f cannot be used"
    )
    assert error.render() == "f cannot be used:\nf:1: a: one\nf:2: b: two"
    assert str(error) == "f:1: a: one\nf:2: b: two"


def test_a_plain_message_is_one_problem_without_a_place():
    assert InputProblem("the two passwords differ").issues == [
        Problem("", None, "", "the two passwords differ")
    ]


def test_the_catalogue_the_profile_and_the_command_line_refuse_with_it():
    assert issubclass(CatalogueError, InputProblem)
    assert issubclass(MappingError, InputProblem)
    assert issubclass(UsageProblem, InputProblem)
    mapping = MappingError(Path("p.yaml"), ["tables.x: not a table"])
    assert mapping.issues == [Problem("p.yaml", None, "", "tables.x: not a table")]
    assert mapping.render() == "mapping profile p.yaml cannot be used:\n  tables.x: not a table"


def test_a_command_prints_a_stray_input_problem_as_one_error_with_exit_2(monkeypatch, capsys):
    from jsw.cli import base

    @main.command("raise-input-problem", hidden=True)
    def raising() -> None:
        raise InputProblem([Problem("f.yaml", 4, "x", "wrong")], heading="f.yaml cannot be used")

    monkeypatch.setattr("sys.argv", ["jsw", "raise-input-problem"])
    try:
        with pytest.raises(SystemExit) as exited:
            base.run()
    finally:
        main.commands.pop("raise-input-problem")
    assert exited.value.code == 2
    assert capsys.readouterr().err == "Error: f.yaml cannot be used:\nf.yaml:4: x: wrong\n"


def test_a_usage_problem_is_shown_by_click_with_exit_2():
    @main.command("raise-usage-problem", hidden=True)
    def raising() -> None:
        raise UsageProblem("no PI 'x' in framework version 1.0")

    try:
        result = CliRunner().invoke(main, ["raise-usage-problem"])
    finally:
        main.commands.pop("raise-usage-problem")
    assert result.exit_code == 2
    assert "Error: no PI 'x' in framework version 1.0" in result.output


def test_every_services_refusal_is_an_input_problem():
    from jsw.analysis.checks import AnalysisProblem
    from jsw.analysis.series_file import SeriesFileProblem
    from jsw.dashboard.uploads import UploadProblem
    from jsw.dashboard.users import UserProblem
    from jsw.demo import DemoProblem
    from jsw.indicators.returns import ReturnProblem
    from jsw.reports.periods import PeriodProblem
    from jsw.reports.service import ReportProblem

    kinds = (
        AnalysisProblem,
        SeriesFileProblem,
        UploadProblem,
        UserProblem,
        DemoProblem,
        ReturnProblem,
        PeriodProblem,
        ReportProblem,
    )
    # The entry point prints any of them as one error with exit 2 (the test above).
    assert all(issubclass(kind, InputProblem) for kind in kinds)
