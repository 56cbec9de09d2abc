"""The `jsw` command as a user runs it: the database appears on first use, and nothing a
user does produces a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

JSW = [sys.executable, "-c", "from jsw.cli import run; run()"]


def jsw(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [*JSW, *args],
        cwd=folder,
        env={**base, "SECRET_KEY": "x", **env},
        capture_output=True,
        text=True,
    )


def test_the_database_is_created_and_migrated_on_first_use(tmp_path):
    done = jsw(tmp_path, "returns", "list")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "No returns entered."
    assert (tmp_path / "jsw.sqlite3").exists()


def test_a_missing_path_is_one_clear_reason_and_exit_2(tmp_path):
    done = jsw(tmp_path, "import", str(tmp_path / "nowhere"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert "nowhere: no such file or folder" in done.stdout


def test_a_bad_database_url_is_one_clear_message(tmp_path):
    done = jsw(tmp_path, "compute", DATABASE_URL="mysql://localhost/jsw")
    assert done.returncode == 2
    assert "DATABASE_URL must start with" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unreachable_database_is_one_clear_message(tmp_path):
    done = jsw(tmp_path, "compute", DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    assert done.returncode == 2
    assert done.stderr.startswith("Error: cannot open the database")
    assert "Traceback" not in done.stderr


def test_an_unusable_catalogue_is_a_configuration_message(tmp_path):
    # JSW_FRAMEWORK_FILE names a folder, not a catalogue file.
    done = jsw(tmp_path, "results", JSW_FRAMEWORK_FILE=str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.startswith("Error: the framework catalogue cannot be used")
    assert "Traceback" not in done.stderr


@pytest.mark.django_db
def test_an_internal_fault_is_one_line_and_exit_3(monkeypatch, capsys):
    from jsw.cli import run
    from jsw.indicators import engine

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something jsw did not expect")

    monkeypatch.setattr(engine, "recompute", broken)
    monkeypatch.setattr(sys, "argv", ["jsw", "compute"])
    monkeypatch.delenv("JSW_TRACEBACK", raising=False)
    with pytest.raises(SystemExit) as exit_:
        run()
    err = capsys.readouterr().err
    assert exit_.value.code == 3
    assert err.startswith("Error: RuntimeError: something jsw did not expect")
    assert "Traceback" not in err


def test_a_bad_local_holiday_setting_is_a_configuration_message(tmp_path):
    done = jsw(tmp_path, "compute", JSW_LOCAL_HOLIDAYS="2024-13-01")
    assert done.returncode == 2
    assert done.stderr.startswith("Error: configuration: JSW_LOCAL_HOLIDAYS")
    assert "Traceback" not in done.stderr
