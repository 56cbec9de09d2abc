"""`jsw import` and `jsw imports` as a user runs them: output, JSON shape and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jsw.cli import main
from tests.records.conftest import PEOPLE, write_tables

pytestmark = pytest.mark.django_db


def jsw(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_import_prints_counts_per_table_and_exits_0(example_small: Path) -> None:
    code, out, _ = jsw("import", str(example_small))
    assert code == 0
    assert "upw_sessions           446       446         0" in out
    assert "README.md: not a table file; ignored" in out
    assert "Every row was imported." in out


def test_import_json_prints_only_the_summary_in_the_contract_shape(tmp_path: Path) -> None:
    write_tables(tmp_path, {"people": "person_id,sex\nP1,F\nP2,Q\nP3,M\n"})
    code, out, _ = jsw("import", "--json", str(tmp_path))
    assert code == 1
    data = json.loads(out)
    assert data["tables"] == {"people": {"read": 3, "imported": 2, "rejected": 1}}
    assert data["rejections"] == [
        {
            "table": "people",
            "file": "people.csv",
            "line": 3,
            "column": "sex",
            "value": "Q",
            "reason": "not one of the codes for this column (F, M, X, U)",
        }
    ]


def test_a_file_rejected_whole_has_line_null_in_json(tmp_path: Path) -> None:
    write_tables(tmp_path, {"people": PEOPLE, "orders": "order_id\nO1\n"})
    code, out, _ = jsw("import", "--json", str(tmp_path))
    assert code == 1
    rejection = json.loads(out)["rejections"][0]
    assert (rejection["file"], rejection["line"]) == ("orders.csv", None)


def test_import_of_a_missing_path_exits_2_without_a_traceback(tmp_path: Path) -> None:
    code, out, err = jsw("import", str(tmp_path / "nope"))
    assert code == 2
    assert "no such file or folder" in out
    assert "Traceback" not in out + err


def test_a_bad_mapping_exits_2_listing_its_problems(tmp_path: Path) -> None:
    write_tables(tmp_path, {"people": PEOPLE})
    profile = tmp_path / "p.yaml"
    profile.write_text("tables:\n  clients: {}\n  people: {columns: {a: b}}\n")
    code, _, err = jsw("import", "--mapping", str(profile), str(tmp_path))
    assert code == 2
    assert "tables.clients: not a table" in err
    assert "tables.people.columns.a: 'b' is not a column of people" in err


def test_imports_lists_batches_and_show_lists_a_batchs_issues(tmp_path: Path) -> None:
    write_tables(tmp_path, {"people": "person_id,sex\nP1,F\nP2,Q\n"})
    jsw("import", str(tmp_path))
    code, out, _ = jsw("imports")
    assert code == 0
    assert "upsert" in out and "done" in out and str(tmp_path) in out
    batch = out.splitlines()[1].split()[0]
    code, out, _ = jsw("imports", "show", batch)
    assert code == 0
    assert "error    people.csv, line 3, sex 'Q': not one of the codes" in out


def test_imports_show_of_an_unknown_batch_exits_2(tmp_path: Path) -> None:
    code, _, err = jsw("imports", "show", "999")
    assert code == 2
    assert "no import 999" in err


def test_show_says_it_is_case_level_output() -> None:
    _, out, _ = jsw("imports", "show", "--help")
    assert "Case-level output" in out
