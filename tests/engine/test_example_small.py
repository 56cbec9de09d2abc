"""The public example, end to end: `jsw import` then `jsw results` reproduce the expected
results byte for byte (the spec's acceptance check, on both databases)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import jsw.cli  # noqa: F401  (registers every command)
from jsw.cli.base import main
from tests.conftest import EXAMPLE_SMALL


@pytest.mark.django_db(transaction=True)
def test_jsw_results_reproduces_the_expected_results_byte_for_byte(tmp_path):
    runner = CliRunner()
    imported = runner.invoke(main, ["import", str(EXAMPLE_SMALL)])
    assert imported.exit_code == 0, imported.output
    output = tmp_path / "results.csv"
    result = runner.invoke(
        main, ["results", "--from", "2023-24", "--to", "2023-24", "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert output.read_bytes() == (EXAMPLE_SMALL / "expected-results.csv").read_bytes()


@pytest.mark.django_db(transaction=True)
def test_the_export_has_a_row_for_every_period_of_a_wider_range(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(EXAMPLE_SMALL)]).exit_code == 0
    output = tmp_path / "results.csv"
    result = runner.invoke(
        main, ["results", "--from", "2022-23", "--to", "2024-25", "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    lines = output.read_text().splitlines()
    quarters = [line for line in lines if line.startswith("cpos-imposed,")]
    assert len(quarters) == 12  # 3 years x 4 quarters
    assert [q.split(",")[1] for q in quarters[:2]] == ["2022-23-Q1", "2022-23-Q2"]
    # 40 PIs: 32 quarterly x 12 + 3 six-monthly x 6 + 4 annual x 3 + the annual
    # distribution's 6 codes x 3, and the header.
    assert len(lines) == 1 + 32 * 12 + 3 * 6 + 4 * 3 + 6 * 3
