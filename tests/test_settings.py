"""Settings come from the environment through one set of helpers, with safe defaults, and
refuse values that could mean two things."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from jsw import database_url
from jsw.env import env_bool, env_int, env_list
from tests.deploy.guide import guide_settings

SETTINGS_VARIABLES = ("DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CI")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("yes", True), ("Off", False), (" on ", True), ("0", False), ("FALSE", False)],
)
def test_env_bool_reads_the_usual_words(monkeypatch, raw, expected):
    monkeypatch.setenv("JSW_FLAG", raw)
    assert env_bool("JSW_FLAG") is expected


@pytest.mark.parametrize("raw", ["maybe", "2", "-1", "y", "enabled"])
def test_env_bool_refuses_an_ambiguous_value(monkeypatch, raw):
    monkeypatch.setenv("JSW_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="JSW_FLAG"):
        env_bool("JSW_FLAG")


def test_an_empty_switch_is_its_default_not_off(monkeypatch):
    monkeypatch.setenv("JSW_FLAG", "")
    assert env_bool("JSW_FLAG", default=True) is True
    assert env_bool("JSW_FLAG") is False


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", 1), (" 4 ", 4), ("64", 64), ("+2", 2), ("", 7)]
)
def test_env_int_reads_whole_numbers_in_range(monkeypatch, raw, expected):
    monkeypatch.setenv("JSW_NUMBER", raw)
    assert env_int("JSW_NUMBER", 7, maximum=64) == expected


@pytest.mark.parametrize(
    "raw", ["two", "0", "-1", "65", "2.0", "1e3", "٣", "0x10", "--3", "+-3", "1_000"]
)
def test_env_int_refuses_words_zero_negative_and_out_of_range(monkeypatch, raw):
    monkeypatch.setenv("JSW_NUMBER", raw)
    with pytest.raises(ImproperlyConfigured, match="JSW_NUMBER must be a whole number from 1"):
        env_int("JSW_NUMBER", 7, maximum=64)


def test_env_int_takes_zero_where_zero_means_something(monkeypatch):
    monkeypatch.setenv("JSW_NUMBER", "0")
    assert env_int("JSW_NUMBER", 5, minimum=0) == 0


def test_env_list_drops_spaces_and_empty_items(monkeypatch):
    monkeypatch.setenv("JSW_ITEMS", " a, b ,,c ")
    assert env_list("JSW_ITEMS") == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("sqlite:////srv/jsw/jsw.sqlite3", "/srv/jsw/jsw.sqlite3"),
        ("sqlite:////tmp/with%20space.sqlite3", "/tmp/with space.sqlite3"),
        ("postgres://u:p@db.example:5433/jsw", "jsw"),
        ("postgresql://u@[::1]/jsw?sslmode=require", "jsw"),
        ("postgres:///jsw", "jsw"),
    ],
)
def test_database_urls_in_the_two_forms_are_read(url, name):
    assert database_url.parse(url)["NAME"] == name


def test_a_postgres_url_gives_every_part():
    config = database_url.parse("postgresql://u:p%40ss@db.example:5433/jsw?sslmode=require")
    assert config == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "jsw",
        "USER": "u",
        "PASSWORD": "p@ss",
        "HOST": "db.example",
        "PORT": 5433,
        "OPTIONS": {"sslmode": "require"},
    }


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite://", "in memory"),
        ("sqlite:///", "in memory"),
        ("sqlite:relative.sqlite3", "absolute path"),
        ("sqlite:///relative.sqlite3", "absolute path"),
        ("sqlite://host/jsw.sqlite3", "absolute path"),
        ("sqlite:////srv/jsw/", "absolute path"),
        ("sqlite:////srv/jsw.sqlite3?mode=ro", "no options"),
        ("postgres://:badport", "cannot be read"),
        ("postgres://u:hidden@h:99999/jsw", "cannot be read"),
        ("postgres://u:hidden@[::1/jsw", "cannot be read"),
        ("postgres://u:hid@den@h:port/jsw", "cannot be read"),
        ("postgres://host/", "database's name"),
        ("postgres:jsw", "postgres://user@host"),
        ("postgres://host/jsw?sslmode", "name=value"),
        ("mysql://localhost/jsw", "must start with"),
        ("garbage", "must start with"),
    ],
)
def test_a_malformed_database_url_is_refused_with_its_reason(url, message):
    with pytest.raises(ImproperlyConfigured, match=message) as refused:
        database_url.parse(url)
    assert "hidden" not in str(refused.value)  # a password is never shown


def load_settings(folder: Path, *lines: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Load the settings in a fresh interpreter (they are read once per process)."""
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    code = "\n".join(
        (
            *lines,
            "from jsw import settings as s",
            "print(s.DATABASES['default']['NAME'], s.DEBUG, s.SECRET_KEY, sep='|')",
        )
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=folder,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def settings_in(folder: Path, **env: str) -> list[str]:
    done = load_settings(folder, **env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().split("|")


def refusal(folder: Path, *lines: str, **env: str) -> str:
    done = load_settings(folder, *lines, **env)
    assert done.returncode != 0, done.stdout
    return done.stderr.strip().splitlines()[-1]


def test_the_default_is_a_sqlite_file_in_the_working_directory_with_debug_off(tmp_path):
    name, debug, _ = settings_in(tmp_path)
    assert Path(name) == tmp_path / "jsw.sqlite3"
    assert debug == "False"


def test_a_secret_key_is_generated_once_and_kept_beside_the_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'db' / 'jsw.sqlite3'}"
    first = settings_in(tmp_path, DATABASE_URL=url)[2]
    second = settings_in(tmp_path, DATABASE_URL=url)[2]
    key_file = tmp_path / "db" / "jsw.secret"
    assert first == second == key_file.read_text().strip()
    assert len(first) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600  # readable by its owner only


def test_an_explicit_secret_key_wins(tmp_path):
    assert settings_in(tmp_path, SECRET_KEY="from-the-environment")[2] == "from-the-environment"
    assert not (tmp_path / "jsw.secret").exists()


def test_postgresql_needs_a_secret_key_given(tmp_path):
    url = "postgres://postgres@127.0.0.1:5432/jsw"
    assert "with a PostgreSQL database, set SECRET_KEY" in refusal(tmp_path, DATABASE_URL=url)
    assert settings_in(tmp_path, DATABASE_URL=url, SECRET_KEY="k")[0] == "jsw"
    assert not (tmp_path / "jsw.secret").exists()


SERVING = "from jsw import bootstrap; bootstrap.mark_serving()"


def test_a_web_server_with_debug_off_needs_a_secret_key_given(tmp_path):
    assert "a web server needs its own secret key" in refusal(tmp_path, SERVING)
    assert not (tmp_path / "jsw.secret").exists()


def test_a_web_server_with_debug_on_or_a_key_given_starts(tmp_path):
    assert load_settings(tmp_path, SERVING, DEBUG="1").returncode == 0
    assert load_settings(tmp_path, SERVING, SECRET_KEY="k").returncode == 0


def test_the_wsgi_entry_point_is_a_web_server(tmp_path):
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    done = subprocess.run(
        [sys.executable, "-c", "import jsw.wsgi"],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert "a web server needs its own secret key" in done.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ALLOWED_HOSTS", "*"),
        ("ALLOWED_HOSTS", "jsw.example.org,*"),
        ("DEBUG", "maybe"),
        ("JSW_COMPUTE_WORKERS", "two"),
        ("JSW_COMPUTE_WORKERS", "0"),
        ("JSW_PARALLEL_FROM_ORDERS", "-5"),
        ("JSW_SQLITE_TIMEOUT", "0"),
        ("SECURE_HSTS_SECONDS", "a year"),
        ("SECURE_COOKIES", "2"),
    ],
)
def test_values_that_could_mean_two_things_are_refused(tmp_path, variable, value):
    message = refusal(tmp_path, SECRET_KEY="k", **{variable: value})
    assert message.startswith("django.core.exceptions.ImproperlyConfigured: " + variable)


def test_sqlite_waits_for_another_writer_before_it_gives_up(tmp_path):
    code = "from jsw import settings as s; print(s.DATABASES['default']['OPTIONS']['timeout'])"
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    for env, expected in (({}, "30"), ({"JSW_SQLITE_TIMEOUT": "2"}, "2")):
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=tmp_path,
            env={**clean, "SECRET_KEY": "k", **env},
            capture_output=True,
            text=True,
        )
        assert done.stdout.strip() == expected, done.stderr


PRODUCTION = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "jsw.example.org",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "JSW_BEHIND_HTTPS_PROXY": "1",
}


def check_deploy(folder: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in (*SETTINGS_VARIABLES, *PRODUCTION)}
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--settings=jsw.settings"],
        cwd=folder,
        env={**clean, "DATABASE_URL": f"sqlite:///{folder / 'jsw.sqlite3'}", **env},
        capture_output=True,
        text=True,
    )


def test_the_production_settings_pass_djangos_deployment_checks(tmp_path):
    done = check_deploy(tmp_path, SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNINGS" not in done.stderr


def test_the_deployment_guides_settings_pass_djangos_deployment_checks(tmp_path):
    """docs/deploy.md's /etc/jsw/jsw.env, as written (but its secret and its database)."""
    documented = guide_settings()
    assert set(PRODUCTION) <= set(documented)
    documented.pop("DATABASE_URL")  # a PostgreSQL server this test need not reach
    documented["SECRET_KEY"] = secrets.token_urlsafe(50)
    done = check_deploy(tmp_path, **documented)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNINGS" not in done.stderr


def test_only_the_deliberate_lockout_choice_is_silenced():
    from django.conf import settings

    assert settings.SILENCED_SYSTEM_CHECKS == ["axes.W006"]


def test_the_laptop_defaults_serve_plain_http_and_the_deployment_check_says_so(tmp_path):
    done = check_deploy(tmp_path, SECRET_KEY="k")
    for warning in ("security.W004", "security.W008"):  # no HSTS, no redirect to HTTPS
        assert warning in done.stderr


@pytest.mark.parametrize("raw", ["2024-13-01", "2024-4-15", "15/04/2024", "2024-04-15,soon"])
def test_a_local_holiday_that_is_not_an_iso_date_is_refused_when_the_settings_load(
    monkeypatch, raw
):
    from jsw.env import env_dates

    monkeypatch.setenv("JSW_LOCAL_HOLIDAYS", raw)
    with pytest.raises(ImproperlyConfigured, match=r"JSW_LOCAL_HOLIDAYS: .* is not a date"):
        env_dates("JSW_LOCAL_HOLIDAYS")


def test_local_holidays_are_read_as_written(monkeypatch):
    from jsw.env import env_dates

    monkeypatch.setenv("JSW_LOCAL_HOLIDAYS", "2024-04-15, 2024-07-22")
    assert env_dates("JSW_LOCAL_HOLIDAYS") == ["2024-04-15", "2024-07-22"]
