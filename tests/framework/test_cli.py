"""`jsw framework` and its subcommands: what they print and their exit codes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import jsw.cli  # noqa: F401  (registers every command on main)
from jsw.cli.base import main
from jsw.framework.catalogue import PACKAGED_FILE
from tests.framework.editing import PACKAGED_TEXT, edit, line_of, write
from tests.framework.test_packaged_catalogue import SPEC_PIS


@pytest.fixture
def run():
    def invoke(*args: str):
        return CliRunner().invoke(main, ["framework", *args])

    return invoke


@pytest.fixture(autouse=True)
def packaged_catalogue(settings):
    settings.JSW_FRAMEWORK_FILE = ""


def test_it_prints_the_tree_headed_by_the_governance(run):
    result = run()
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:3] == [
        "Aberdeen Justice Social Work Performance Management Framework, version 1.0",
        "Approved 22 June 2021 by the Risk, Audit and Performance Committee; "
        "implemented 1 July 2021",
        "Owner: Lead for Social Work",
    ]


def test_its_tree_puts_each_pi_under_its_objective_and_opif_indicator(run):
    lines = run().output.splitlines()
    objective_2 = lines.index(
        "Objective 2: To fairly, effectively and proportionately implement court orders "
        "and release licences"
    )
    opif_5_1 = lines.index("  OPIF 5.1 Providing help and support when it is needed")
    assert (
        objective_2
        < opif_5_1
        < lines.index("Objective 3: To reduce offending by promoting desistance")
    )
    assert lines[opif_5_1 + 1] == (
        "    lscmi-20-days: Proportion of LSCMI assessments completed within 20 working days "
        "(quarterly, timeliness)"
    )
    assert (
        "  OPIF 2.2 Impact on victims; 2.3 Impact on families; 4.1 Impact on the community" in lines
    )
    assert "    - Reduction in offending" in lines
    pi_ids = [
        line.split(":")[0].strip() for line in lines if line.startswith("    ") and "(" in line
    ]
    assert pi_ids == [pi_id for pi_id, *_ in SPEC_PIS]


def test_it_shows_every_pi_once_with_its_frequency(run):
    output = run().output
    assert (
        "supervision-eqs: Number of Supervision Exit Questionnaires received (6-monthly, count)"
        in output
    )
    assert "mappa-clients: Number of MAPPA clients (all levels) (annual, return)" in output
    assert output.count("cpos-imposed:") == 1


def test_check_accepts_the_packaged_file(run):
    result = run("check", str(PACKAGED_FILE))
    assert result.exit_code == 0
    assert "valid, framework version 1.0, 40 PIs" in result.output


def test_check_prints_every_problem_and_exits_1(run, tmp_path):
    text = edit(PACKAGED_TEXT, "- id: bail-people", "- id: bail_people")
    text = edit(text, "source: return", "source: records", after="- id: placement-feedback")
    path = write(tmp_path, text)
    result = run("check", str(path))
    assert result.exit_code == 1
    assert f"{path}:{line_of(text, 'bail_people')}: indicators[31].id: " in result.output
    assert f"{path}:{line_of(text, '- id: placement-feedback') + 6}: indicators[25].source: " in (
        result.output
    )
    assert "2 problems; not valid." in result.output


def test_check_exits_2_for_a_file_it_cannot_read(run, tmp_path):
    result = run("check", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 2
    assert "no such file" in result.output
    assert "Traceback" not in result.output


def test_export_writes_the_catalogue_byte_for_byte(run):
    result = CliRunner().invoke(main, ["framework", "export"])
    assert result.exit_code == 0
    assert result.stdout_bytes == PACKAGED_FILE.read_bytes()


def test_export_writes_to_a_file_when_asked(run, tmp_path):
    result = run("export", "--output", str(tmp_path / "framework-1.1.yaml"))
    assert result.exit_code == 0
    assert (tmp_path / "framework-1.1.yaml").read_bytes() == PACKAGED_FILE.read_bytes()


def test_history_lists_the_versions(run):
    result = run("history")
    assert result.exit_code == 0
    assert result.output.startswith("1.0  2021-06-22 (current)  First version")


def test_a_corrected_version_is_used_once_configured(run, tmp_path, settings):
    run("export", "--output", str(tmp_path / "framework.yaml"))
    text = (tmp_path / "framework.yaml").read_text()
    text = edit(text, 'version: "1.0"', 'version: "1.1"')
    text = edit(
        text,
        "  history:\n",
        '  history:\n    - version: "1.1"\n      date: 2025-04-01\n      changes: Owner renamed.\n',
    )
    path = write(tmp_path, text, "framework-1.1.yaml")
    assert run("check", str(path)).exit_code == 0

    settings.JSW_FRAMEWORK_FILE = str(path)
    assert run("history").output.splitlines()[:2] == [
        "1.1  2025-04-01 (current)  Owner renamed.",
        "1.0  2021-06-22  First version, approved by the Risk, Audit and Performance "
        "Committee and implemented from July 2021.",
    ]
    assert "version 1.1" in run().output.splitlines()[0]


def test_it_refuses_a_configured_file_that_is_invalid(run, tmp_path, settings):
    settings.JSW_FRAMEWORK_FILE = str(write(tmp_path, "governance: {}\n"))
    result = run()
    assert result.exit_code == 2
    assert "cannot be used" in result.output
    assert "governance.name: missing (required)" in result.output


def test_its_tree_ends_with_the_strategic_connections(run):
    lines = run().output.splitlines()
    start = lines.index("Strategic connections")
    assert lines[start + 1 :] == [
        "  national-performance-framework: National Performance Framework",
        "  hscp-strategic-plan: Aberdeen Health and Social Care Partnership Strategic Plan 2019-22",
        "  health-wellbeing-outcomes: National Health and Wellbeing Outcomes",
        "  local-outcome-improvement-plan: Community Planning Aberdeen Local Outcome Improvement "
        "Plan 2016-26",
        "  community-justice: Community Justice (Scotland) Act 2016",
        "  national-outcomes-standards: National Outcomes and Standards for social work services "
        "in the justice system",
    ]
