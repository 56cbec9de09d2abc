"""`jsw spc FILE.csv --json`: only the JSON on standard output, bad files refused in one line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import jsw.cli  # noqa: F401  (registers every command)
from jsw.cli.base import main


def run_spc(tmp_path, text: str, *options: str):
    path = tmp_path / "series.csv"
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(main, ["spc", str(path), *options, "--json"])


SERIES = "period,value\n2024-25-Q1,10\n2024-25-Q2,12\n2024-25-Q3,11\n2024-25-Q4,30\n"


def test_the_json_holds_every_point_and_the_icons_and_nothing_else_is_printed(tmp_path):
    result = run_spc(tmp_path, SERIES, "--improvement", "increase", "--target", "40")
    assert result.exit_code == 0, result.output
    chart = json.loads(result.stdout)
    assert set(chart) == {"points", "variation_icon", "assurance", "trial"}
    assert [p["period"] for p in chart["points"]] == [
        "2024-25-Q1",
        "2024-25-Q2",
        "2024-25-Q3",
        "2024-25-Q4",
    ]
    first = chart["points"][0]
    assert set(first) == {"period", "value", "mean", "lower", "upper", "point_type"}
    assert first["mean"] == 15.75
    assert first["upper"] == pytest.approx(15.75 + 2.66 * 22 / 3)
    assert (chart["variation_icon"], chart["assurance"], chart["trial"]) == (
        "common_cause",
        "fail",  # 40 is above the upper limit of 35.26
        True,
    )


def test_improvement_defaults_to_neutral_so_a_target_gives_no_assurance(tmp_path):
    chart = json.loads(run_spc(tmp_path, SERIES, "--target", "40").stdout)
    assert chart["assurance"] == "none"


def test_a_one_point_group_has_null_limits_and_its_value_as_mean(tmp_path):
    result = run_spc(tmp_path, SERIES, "--rebase-at", "2024-25-Q4", "--rebase-at", "2024-25-Q3")
    last = json.loads(result.stdout)["points"][3]
    assert (last["mean"], last["lower"], last["upper"]) == (30, None, None)


def test_the_options_reach_the_chart(tmp_path):
    rows = "".join(f"p{i},{v}\n" for i, v in enumerate([2, 0, *[1.5] * 6]))
    plain = json.loads(run_spc(tmp_path, "period,value\n" + rows, "--fix-after", "2").stdout)
    shorter = run_spc(tmp_path, "period,value\n" + rows, "--fix-after", "2", "--shift", "6")
    assert plain["variation_icon"] == "common_cause"
    assert json.loads(shorter.stdout)["variation_icon"] == "neutral_high"


@pytest.mark.parametrize(
    ("text", "options", "message"),
    [
        ("", [], "is empty"),
        ("when,amount\na,1\n", [], "expected a header with the columns period and value"),
        ("period,value\n", [], "no rows"),
        ("period,value\na,ten\n", [], "line 2: value 'ten' is not a number"),
        ("period,value\na,1\nb,\n", [], "line 3: the value is blank"),
        ("period,value\na,NaN\n", [], "not a finite number"),
        ("period,value\na,1\na,2\n", [], "line 3: period a appears twice"),
        ("period,value\na,1\n", ["--target", "high"], "--target: 'high' is not a number"),
        ("period,value\na,1\n", ["--rebase-at", "b"], "not a period of the series"),
        ("period,value\na,1\n", ["--fix-after", "0"], "Invalid value for '--fix-after'"),
        ("period,value\na,1\n", ["--improvement", "up"], "Invalid value for '--improvement'"),
    ],
)
def test_a_bad_file_or_option_gets_one_clear_message_and_exit_2(tmp_path, text, options, message):
    result = run_spc(tmp_path, text, *options)
    assert result.exit_code == 2
    assert message in result.output
    assert result.stdout == "" or "Usage" in result.output
    assert "Traceback" not in result.output


def test_a_missing_file_is_a_clear_message(tmp_path):
    result = CliRunner().invoke(main, ["spc", str(tmp_path / "nope.csv"), "--json"])
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_a_byte_order_mark_and_windows_line_endings_are_read(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffperiod,value\r\na,1\r\nb,2\r\n".encode())
    result = CliRunner().invoke(main, ["spc", str(path), "--json"])
    assert [p["value"] for p in json.loads(result.stdout)["points"]] == [1, 2]


def test_the_command_does_not_start_django(tmp_path, monkeypatch):
    monkeypatch.setattr("jsw.cli.base.start_django", lambda: pytest.fail("Django started"))
    assert run_spc(tmp_path, SERIES).exit_code == 0
