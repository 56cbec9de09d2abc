"""`make_demo` is the demo as a service: generate, import and compute, reporting each step."""

from __future__ import annotations

from datetime import date

import pytest

from jsw.demo import DemoProblem, fresh_folder, make_demo
from jsw.indicators.models import Result
from jsw.records.models import Order


@pytest.mark.django_db(transaction=True)
def test_the_demo_fills_the_connected_database_for_the_years_asked(tmp_path):
    lines: list[str] = []
    made = make_demo(tmp_path, years=2, scale=0.03, today=date(2025, 6, 1), progress=lines.append)
    assert (made.first_year, made.last_year) == (2023, 2024)
    assert (made.run.first_year, made.run.last_year) == (2023, 2024)
    assert made.rows_imported == made.rows_written > 0
    assert Order.objects.exists() and Result.objects.filter(run=made.run).exists()
    assert [line[:3] for line in lines if line[0].isdigit()] == ["1/3", "2/3", "3/3"]
    assert "2023-24 to 2024-25" in lines[0]


def test_arguments_the_generator_cannot_use_are_one_clear_problem(tmp_path):
    with pytest.raises(DemoProblem, match="scale"):
        make_demo(tmp_path, years=1, scale=-1)


def test_a_fresh_folder_has_no_database_or_data_left_from_before(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "orders.csv").write_text("old")
    (tmp_path / "jsw.sqlite3").write_text("old")
    (tmp_path / "jsw.sqlite3-wal").write_text("old")
    database = fresh_folder(tmp_path)
    assert database == tmp_path / "jsw.sqlite3"
    assert sorted(p.name for p in tmp_path.iterdir()) == []
