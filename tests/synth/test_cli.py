"""`jsw synth` writes the files and a summary, and fails cleanly on bad arguments."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from jsw.cli import main
from tests.synth.checker import COLUMNS


def synth(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["synth", *arguments])
    return result.exit_code, result.output


def test_it_writes_the_ten_files_and_a_summary(tmp_path: Path) -> None:
    code, output = synth(
        "--out", str(tmp_path), "--scale", "0.1", "--years", "1", "--end-year", "2023-24"
    )
    assert code == 0, output
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(f"{t}.csv" for t in COLUMNS)
    assert "upw_sessions" in output and "total" in output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--years", "0"], "years must be 1 or more"),
        (["--scale", "0"], "scale must be a number greater than 0"),
        (["--end-year", "2024-26"], "--end-year"),
        (["--end-year", "last"], "not a financial year"),
    ],
)
def test_it_fails_with_one_line_and_exit_2(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    code, output = synth("--out", str(tmp_path / "out"), *arguments)
    assert code == 2
    assert message in output
    assert "Traceback" not in output
    assert len(output.strip().splitlines()) == 1


def test_it_fails_cleanly_when_the_folder_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    code, output = synth("--out", str(blocker / "out"), "--scale", "0.1", "--years", "1")
    assert code == 2
    assert "cannot write to" in output


def test_it_shows_a_line_per_year_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("jsw.cli.synth.progress_enabled", lambda: True)
    result = CliRunner().invoke(
        main, ["synth", "--out", str(tmp_path), "--scale", "0.1", "--end-year", "2023-24"]
    )
    assert result.exit_code == 0
    assert "2023-24: " in result.stderr and "rows so far" in result.stderr
    assert "rows so far" not in result.stdout
