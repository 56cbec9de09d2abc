"""Text from the data, shown or written back: escape sequences never reach a terminal, and
a team name is never a formula in the CSV a spreadsheet opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import jsw.cli  # noqa: F401  (registers every command)
from jsw.cli.base import main
from jsw.records.importer import run_import
from jsw.records.importer.batches import batch_issues
from jsw.records.importer.render import render_batch_issues, render_report
from jsw.records.models import Order
from tests.conftest import EXAMPLE_SMALL
from tests.records.conftest import write_tables

ESCAPE = "\x1b]0;owned\x07\x1b[2J"


@pytest.mark.django_db
def test_an_import_summary_shows_escape_sequences_from_the_data_escaped(tmp_path: Path) -> None:
    folder = write_tables(tmp_path, {"people": f"person_id,sex,{ESCAPE}\nP1,{ESCAPE},x\n"})
    (folder / f"notes{ESCAPE}.txt").write_text("", encoding="utf-8")
    report = run_import(folder)
    assert [issue.column for issue in report.rejections] == ["sex"]
    text = render_report(report)
    shown = render_batch_issues(*batch_issues(report.batch_id or 0))
    for output in (text, shown):
        assert "\x1b" not in output and "\x07" not in output
        assert "\\x1b]0;owned\\x07" in output
    assert "notes\\x1b]0;owned\\x07\\x1b[2J.txt" in text  # the ignored file's name
    assert "unknown columns ignored: \\x1b]0;owned" in text


@pytest.mark.django_db(transaction=True)
def test_team_names_are_escaped_in_the_table_and_not_formulas_in_the_csv(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["import", "--no-compute", str(EXAMPLE_SMALL)]).exit_code == 0
    # Stored before the importer refused hidden characters, or written by another tool.
    Order.objects.filter(team="North").update(team='=HYPERLINK("http://x","North")')
    Order.objects.exclude(team__startswith="=").exclude(team="").update(team=f"South{ESCAPE}")
    assert runner.invoke(main, ["compute", "--from", "2023-24", "--to", "2023-24"]).exit_code == 0

    table = runner.invoke(main, ["results", "--by", "team"])
    assert table.exit_code == 0, table.output
    assert "\x1b" not in table.output
    assert "South\\x1b]0;owned\\x07\\x1b[2J" in table.output

    output = tmp_path / "by-team.csv"
    args = ["results", "--from", "2023-24", "--to", "2023-24", "--by", "team", "--output"]
    assert runner.invoke(main, [*args, str(output)]).exit_code == 0
    text = output.read_text(encoding="utf-8")
    assert ',"\'=HYPERLINK(""http://x"",""North"")",' in text
    assert ",=" not in text and ',"=' not in text
