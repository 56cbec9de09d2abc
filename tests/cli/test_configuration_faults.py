"""A configuration the command cannot work with is one clear line and exit 2, never
"a fault in jsw", a traceback, or work done somewhere the user did not mean."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_entry_point import jsw


def refused(done, *fragments: str) -> None:
    out = done.stdout + done.stderr
    assert done.returncode == 2, out
    assert "Traceback" not in out and "fault in jsw" not in out
    for fragment in fragments:
        assert fragment in out


def no_key(folder: Path, *args: str, **env: str):
    """jsw without SECRET_KEY, so that the key file beside the database is used."""
    env.setdefault("DATABASE_URL", f"sqlite:///{folder / 'jsw.sqlite3'}")
    return jsw(folder, *args, SECRET_KEY="", **env)


def test_an_empty_secret_key_file_is_refused(tmp_path):
    (tmp_path / "jsw.secret").write_text("  \n")
    refused(no_key(tmp_path, "returns", "list"), "jsw.secret is empty")


def test_an_unreadable_secret_key_file_is_refused(tmp_path):
    (tmp_path / "jsw.secret").mkdir()  # unreadable as a file, even for root
    refused(no_key(tmp_path, "returns", "list"), "cannot read the secret key file")


def test_a_secret_key_file_that_is_not_text_is_refused(tmp_path):
    (tmp_path / "jsw.secret").write_bytes(b"\xff\xfe\x00")
    refused(no_key(tmp_path, "returns", "list"), "jsw.secret is not text")


def read_only_folder(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir(mode=0o500)
        return folder
    if Path("/sys/kernel").is_dir():
        return Path("/sys")  # not writable, not even by root
    pytest.skip("no folder this user cannot write to")


def test_a_secret_key_that_cannot_be_written_is_refused(tmp_path):
    folder = read_only_folder(tmp_path)
    done = no_key(tmp_path, "returns", "list", DATABASE_URL=f"sqlite:///{folder}/jsw.sqlite3")
    refused(done, "cannot write a new secret key to", "set SECRET_KEY")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgres://:badport", "the port must be a number"),
        ("sqlite:relative", "absolute path"),
        ("sqlite:///relative.sqlite3", "absolute path"),
        ("garbage", "must start with sqlite:/// or postgres://"),
        ("sqlite://", "in memory would vanish"),
        ("sqlite:///", "in memory would vanish"),
    ],
)
def test_a_malformed_database_url_is_a_configuration_message(tmp_path, url, message):
    done = jsw(tmp_path, "import", "--no-compute", str(tmp_path), DATABASE_URL=url)
    refused(done, "Error: configuration: DATABASE_URL", message)
    assert list(tmp_path.iterdir()) == []  # nothing imported, nothing created


@pytest.mark.parametrize("limit", ["-1", "0", "many"])
def test_the_imports_list_needs_a_positive_limit(tmp_path, limit):
    refused(jsw(tmp_path, "imports", "--limit", limit), "--limit")


@pytest.mark.parametrize(
    "args",
    [
        ["results", "--from", "1066-67", "--to", "2023-24", "--output", "out.csv"],
        ["results", "--from", "2023-24", "--to", "9998-99", "--output", "out.csv"],
        ["compute", "--from", "1988-89"],
    ],
)
def test_years_outside_any_records_span_are_refused_at_once(tmp_path, args):
    started = time.perf_counter()
    done = jsw(tmp_path, *args)
    refused(done, "is outside the years records can cover (1989-90 to ")
    assert time.perf_counter() - started < 30
    assert not (tmp_path / "out.csv").exists()


def test_the_span_runs_from_1989_90_to_the_year_after_this_one(tmp_path):
    from datetime import date

    from jsw.lib.periods import fy_label

    latest = date.today().year + 1  # records' dates run to 31 December next year
    done = jsw(tmp_path, "compute", "--from", "1989-90", "--to", fy_label(latest))
    assert done.returncode == 0, done.stderr
    refused(jsw(tmp_path, "compute", "--to", fy_label(latest + 1)), "is outside the years")


@pytest.mark.parametrize(("variable", "value"), [("JSW_COMPUTE_WORKERS", "two"), ("CI", "maybe")])
def test_a_bad_number_or_switch_is_a_configuration_message(tmp_path, variable, value):
    done = jsw(tmp_path, "compute", **{variable: value})
    refused(done, f"Error: configuration: {variable} must be")


def test_a_bad_traceback_switch_is_a_configuration_message(tmp_path):
    refused(jsw(tmp_path, "returns", "list", JSW_TRACEBACK="sometimes"), "JSW_TRACEBACK must be")


@pytest.mark.django_db
@pytest.mark.parametrize(("value", "traceback"), [("0", False), ("off", False), ("1", True)])
def test_jsw_traceback_is_a_switch_like_debug(monkeypatch, capsys, value, traceback):
    from jsw.cli import run
    from jsw.indicators import engine

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(engine, "recompute", broken)
    monkeypatch.setattr(sys, "argv", ["jsw", "compute"])
    monkeypatch.setenv("JSW_TRACEBACK", value)
    if traceback:
        with pytest.raises(RuntimeError, match="unexpected"):
            run()
        return
    with pytest.raises(SystemExit) as exit_:
        run()
    assert exit_.value.code == 3
    assert "fault in jsw" in capsys.readouterr().err
