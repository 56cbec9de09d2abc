"""`jsw targets`, `jsw rebase` and `jsw commentary` as a user meets them: what they print,
their exit codes, and one clear line for bad input."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import jsw.cli  # noqa: F401  (registers every command)
from jsw.analysis.models import AuditEntry
from jsw.cli.base import main

pytestmark = pytest.mark.django_db(transaction=True)

PI = "cpo-seen-1-day"


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), standalone_mode=True)

    return invoke


def test_targets_set_and_list(cli):
    result = cli("targets", "set", PI, "2025-26", "80", "--amber", "5", "--author", "ann")
    assert result.exit_code == 0, result.output
    assert result.output == f"{PI} 2025-26 (each period): target 80, amber 5\n"
    whole = cli("targets", "set", PI, "2025-26", "90", "--whole-year", "--author", "ann")
    assert whole.output == f"{PI} 2025-26 (the whole-year figure): target 90, amber 0\n"
    listed = [line.split() for line in cli("targets", "list").output.splitlines()]
    assert listed == [
        [PI, "2025-26", "periods", "80", "amber", "5"],
        [PI, "2025-26", "whole-year", "90", "amber", "0"],
    ]
    assert {e.actor for e in AuditEntry.objects.all()} == {"ann"}


def test_the_author_defaults_to_the_os_user(cli, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "osuser")
    cli("targets", "set", PI, "2025-26", "80")
    assert AuditEntry.objects.get().actor == "osuser"


def test_targets_import_exit_codes(cli, tmp_path):
    good, mixed, bad = tmp_path / "good.csv", tmp_path / "mixed.csv", tmp_path / "bad.csv"
    header = "indicator_id,period,target,amber\n"
    good.write_text(header + f"{PI},2025-26,80,5\n")
    mixed.write_text(header + f"{PI},2024-25,80,\nnope,2024-25,1,\n")
    bad.write_text("pi,year\n")
    assert cli("targets", "import", str(good)).exit_code == 0
    result = cli("targets", "import", str(mixed))
    assert result.exit_code == 1
    assert "line 3: 'nope' is not a PI of the framework" in result.output
    assert "1 targets stored, 1 rows rejected." in result.output
    result = cli("targets", "import", str(bad))
    assert result.exit_code == 2
    assert "expected the header indicator_id,period,target,amber" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["targets", "set", PI, "2025-26-H1", "80"], "not a quarterly period"),
        (["targets", "set", PI, "2025-26", "80", "--amber", "-5"], "negative"),
        (
            ["targets", "set", PI, "2025-26-Q3", "80", "--whole-year"],
            "a whole-year target is for a financial year like 2025-26, not 2025-26-Q3",
        ),
        (
            ["targets", "set", "cpos-imposed", "2025-26", "250"],
            "cpos-imposed has direction none (neither higher nor lower is better)",
        ),
        (["targets", "list", "nope"], "not a PI"),
        (["rebase", PI, "2025-26-Q2"], "needs a reason"),
        (["rebase", PI], "give a PI and a period"),
        (["rebase", PI, "2025-26-Q2", "--remove"], "has no rebase"),
        (["commentary", "set", PI, "2025-26-Q2", " "], "blank"),
        (["commentary", "show", "nope"], "not a PI"),
    ],
)
def test_bad_input_gets_one_clear_line_and_exit_2(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_rebase_then_list(cli):
    result = cli("rebase", PI, "2025-26-Q2", "--reason", "new duty rota")
    assert result.exit_code == 0, result.output
    assert cli("rebase", "--list").output.split() == [PI, "2025-26-Q2", "new", "duty", "rota"]
    assert cli("rebase", "--list", "upw-hours").output == "No rebases recorded.\n"
    assert cli("rebase", PI, "2025-26-Q2", "--remove").exit_code == 0
    assert cli("rebase", "--list").output == "No rebases recorded.\n"


def test_commentary_show_gives_the_latest_and_history_gives_every_version(cli):
    cli("commentary", "set", PI, "2025-26-Q2", "Draft.", "--author", "ann")
    cli("commentary", "set", PI, "2025-26-Q2", "Final.", "--author", "bob")
    latest = cli("commentary", "show", PI).output
    assert "Final." in latest and "Draft." not in latest
    assert "bob" in latest
    history = cli("commentary", "show", PI, "--history").output
    assert history.index("Final.") < history.index("Draft.")
