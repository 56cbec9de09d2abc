"""`generate`: deterministic for its arguments, linear in scale, strict about arguments."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import time_machine

from jsw.synth import SynthError, generate
from tests.synth.checker import COLUMNS, read

SMALL: dict[str, Any] = {"years": 1, "scale": 0.1, "end_year": 2023}


def file_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_the_same_seed_writes_byte_identical_files(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", seed=3, **SMALL)
    second = generate(tmp_path / "b", seed=3, **SMALL)
    assert first == second
    assert file_bytes(tmp_path / "a") == file_bytes(tmp_path / "b")


def test_neither_the_clock_nor_the_global_random_state_changes_the_output(tmp_path: Path) -> None:
    with time_machine.travel("2030-01-01 09:00", tick=False):
        random.seed(1)
        generate(tmp_path / "a", seed=3, **SMALL)
    with time_machine.travel("2024-06-15 17:30", tick=False):
        random.seed(2)
        generate(tmp_path / "b", seed=3, **SMALL)
    assert file_bytes(tmp_path / "a") == file_bytes(tmp_path / "b")


def test_another_seed_writes_other_data(tmp_path: Path) -> None:
    generate(tmp_path / "a", seed=3, **SMALL)
    generate(tmp_path / "b", seed=4, **SMALL)
    one, other = file_bytes(tmp_path / "a"), file_bytes(tmp_path / "b")
    assert one["orders.csv"] != other["orders.csv"]
    assert one["upw_sessions.csv"] != other["upw_sessions.csv"]


def test_it_returns_the_rows_written_per_table(tmp_path: Path) -> None:
    counts = generate(tmp_path, seed=3, **SMALL)
    assert set(counts) == set(COLUMNS)
    for table, rows in counts.items():
        assert len(read(tmp_path, table)) == rows, table


def test_double_the_scale_roughly_doubles_the_cpos(tmp_path: Path) -> None:
    def cpos(scale: float) -> int:
        folder = tmp_path / str(scale)
        generate(folder, seed=5, years=1, scale=scale, end_year=2023)
        return sum(row["order_type"] == "CPO" for row in read(folder, "orders"))

    assert cpos(0.6) / cpos(0.3) == pytest.approx(2, rel=0.12)


def test_it_covers_the_years_asked_for_ending_with_the_end_year(tmp_path: Path) -> None:
    generate(tmp_path, seed=3, years=2, scale=0.1, end_year=2022)
    starts = [row["start_date"] for row in read(tmp_path, "orders")]
    assert max(starts) <= "2023-03-31"
    assert min(starts) < "2021-04-01"  # the run-in before the first year, 2021-22
    years = {row["period"][:7] for row in read(tmp_path, "returns")}
    assert {"2021-22", "2022-23"} <= years <= {"2019-20", "2020-21", "2021-22", "2022-23"}


@time_machine.travel("2025-03-31 12:00", tick=False)
def test_the_default_end_year_is_the_last_complete_financial_year(tmp_path: Path) -> None:
    generate(tmp_path, seed=3, years=1, scale=0.1)
    assert max(row["start_date"] for row in read(tmp_path, "orders")) <= "2024-03-31"
    assert max(row["start_date"] for row in read(tmp_path, "orders")) >= "2024-03-01"


def test_progress_is_reported_once_a_financial_year(tmp_path: Path) -> None:
    seen: list[tuple[str, int]] = []
    generate(tmp_path, seed=3, progress=lambda year, rows: seen.append((year, rows)), **SMALL)
    assert [year for year, _ in seen] == ["2021-22", "2022-23", "2023-24"]
    assert [rows for _, rows in seen] == sorted(rows for _, rows in seen)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"years": 0}, "years must be 1 or more"),
        ({"scale": 0}, "scale must be a number greater than 0"),
        ({"scale": -2.0}, "scale must be a number greater than 0"),
        ({"scale": float("nan")}, "scale must be a number greater than 0"),
        ({"end_year": 1850}, "the years covered must lie between"),
    ],
)
def test_it_refuses_bad_arguments(tmp_path: Path, arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(SynthError, match=message):
        generate(tmp_path, **{**SMALL, **arguments})


def test_it_refuses_a_folder_it_cannot_write(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(SynthError, match="cannot write to"):
        generate(blocker / "out", **SMALL)


def test_a_write_error_when_the_files_are_flushed_is_a_clean_synth_error(tmp_path, monkeypatch):
    from jsw.synth import sink as sink_module

    def full_disk(self):  # the buffered rows reach the disk only when the files close
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sink_module.Sink, "close", full_disk)
    with pytest.raises(SynthError, match="No space left on device"):
        generate(tmp_path / "out", seed=1, years=1, scale=0.02, end_year=2023)
