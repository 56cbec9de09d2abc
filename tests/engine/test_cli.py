"""`jsw compute`, `jsw results` and `jsw returns` as a user meets them: clear messages and
exit codes for bad input, readable tables, no person identifiers in any output."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import jsw.cli  # noqa: F401  (registers every command)
from jsw.cli.base import main
from tests.conftest import EXAMPLE_SMALL

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def imported(runner):
    result = runner.invoke(main, ["import", str(EXAMPLE_SMALL)])
    assert result.exit_code == 0, result.output
    return runner


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["results", "--from", "2023", "--to", "2023-24"], "not a financial year"),
        (["results", "--from", "2023-24"], "give both --from and --to"),
        (["results", "--from", "2024-25", "--to", "2023-24"], "must not be after"),
        (["results", "--output", "x.csv"], "--output needs --from and --to"),
        (["results", "--by", "colour"], "Invalid value for '--by'"),
        (["returns", "set", "mappa-clients", "2024-25-Q1", "3"], "not an annual period"),
        (["compute", "--from", "24-25"], "not a financial year"),
    ],
)
def test_bad_arguments_get_one_clear_message_and_exit_2(runner, args, message):
    result = runner.invoke(main, args, standalone_mode=True)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_the_table_shows_the_latest_complete_quarter_of_the_extract(imported):
    result = imported.invoke(main, ["results"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    cpos = next(line for line in lines if line.startswith("cpos-imposed "))
    assert cpos.split() == ["cpos-imposed", "2023-24-Q4", "12"]
    seen = next(line for line in lines if line.startswith("cpo-seen-1-day "))
    assert seen.endswith("9 of 12 (75%)")


def test_a_missing_return_says_so_rather_than_zero(imported):
    result = imported.invoke(main, ["results"])
    significant = next(x for x in result.output.splitlines() if x.startswith("significant-reviews"))
    assert significant.endswith(" 0")  # entered as 0 for 2023-24-Q4
    imported.invoke(main, ["compute", "--from", "2023-24", "--to", "2024-25"])
    # Nothing entered for 2024-25: blank in the export, "no return entered" in a table.
    from datetime import date

    from jsw.framework.catalogue import load_catalogue
    from jsw.indicators import export
    from jsw.indicators.engine import latest_run

    run = latest_run()
    assert run is not None
    lines = export.latest_lines(run, load_catalogue(), date(2025, 4, 1))
    mappa = next(line for line in lines if line.indicator.id == "mappa-clients")
    assert (mappa.period, mappa.figure) == ("2024-25", "no return entered")


def test_breakdowns_are_shown_per_group_in_age_order(imported):
    result = imported.invoke(main, ["results", "--by", "age"])
    assert result.exit_code == 0, result.output
    groups = [x.split()[2] for x in result.output.splitlines() if x.startswith("people-on-cpos ")]
    order = ["under", "16-17", "18-20", "21-25", "26-30", "31-40", "over", "not"]
    assert groups == sorted(groups, key=lambda g: order.index(g))


def test_the_breakdown_export_has_group_columns(imported, tmp_path):
    output = tmp_path / "by-sex.csv"
    args = ["results", "--from", "2023-24", "--to", "2023-24", "--by", "sex", "--output"]
    result = imported.invoke(main, [*args, str(output)])
    assert result.exit_code == 0, result.output
    lines = output.read_text().splitlines()
    assert lines[0] == "indicator_id,period,category,breakdown,group,numerator,denominator,value"
    females = [x for x in lines if x.startswith("cpos-imposed,2023-24-Q1,,sex,F,")]
    assert len(females) == 1


def test_no_output_names_a_person(imported, tmp_path):
    person_ids = {
        line.split(",")[0].strip()
        for line in (EXAMPLE_SMALL / "people.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    }
    output = tmp_path / "r.csv"
    texts = [
        imported.invoke(main, ["results"]).output,
        imported.invoke(main, ["results", "--by", "team"]).output,
        imported.invoke(main, ["compute"]).output,
    ]
    imported.invoke(
        main, ["results", "--from", "2023-24", "--to", "2023-24", "--output", str(output)]
    )
    texts.append(output.read_text())
    for text in texts:
        assert not any(pid and pid in text.split() for pid in person_ids)


def test_returns_can_be_entered_listed_and_shown(runner):
    result = runner.invoke(
        main, ["returns", "set", "mappa-clients", "2024-25", "31", "--note", "MAPPA coordinator"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "mappa-clients 2024-25 = 31"
    listed = runner.invoke(main, ["returns", "list"])
    assert "mappa-clients" in listed.output and "MAPPA coordinator" in listed.output
