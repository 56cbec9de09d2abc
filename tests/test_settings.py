"""Settings come from the environment with safe defaults and refuse ambiguous values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from jsw.settings import env_bool


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("Off", False), ("", False)]
)
def test_env_bool_reads_the_usual_words(monkeypatch, raw, expected):
    monkeypatch.setenv("JSW_FLAG", raw)
    assert env_bool("JSW_FLAG") is expected


def test_env_bool_refuses_an_ambiguous_value(monkeypatch):
    monkeypatch.setenv("JSW_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="JSW_FLAG"):
        env_bool("JSW_FLAG")


def settings_in(folder: Path, **env: str) -> str:
    """Load the settings in a fresh interpreter (they are read once per process)."""
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "DEBUG")
    }
    code = (
        "from jsw import settings as s;"
        "print(s.DATABASES['default']['NAME'], s.DEBUG, s.SECRET_KEY, sep='|')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=folder,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_default_is_a_sqlite_file_in_the_working_directory_with_debug_off(tmp_path):
    name, debug, _ = settings_in(tmp_path).split("|")
    assert Path(name) == tmp_path / "jsw.sqlite3"
    assert debug == "False"


def test_a_secret_key_is_generated_once_and_kept_beside_the_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'db' / 'jsw.sqlite3'}"
    first = settings_in(tmp_path, DATABASE_URL=url).split("|")[2]
    second = settings_in(tmp_path, DATABASE_URL=url).split("|")[2]
    key_file = tmp_path / "db" / "jsw.secret"
    assert first == second == key_file.read_text().strip()
    assert len(first) >= 50
    assert key_file.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_an_explicit_secret_key_wins(tmp_path):
    assert settings_in(tmp_path, SECRET_KEY="from-the-environment").split("|")[2] == (
        "from-the-environment"
    )
    assert not (tmp_path / "jsw.secret").exists()


def test_a_postgres_url_selects_postgresql(tmp_path):
    code = "from jsw import settings as s; print(s.DATABASES['default']['ENGINE'])"
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/jsw",
        "SECRET_KEY": "x",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.stdout.strip() == "django.db.backends.postgresql"
