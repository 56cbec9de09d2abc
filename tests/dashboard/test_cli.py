"""`jsw users add` and `jsw serve`, as an administrator runs them."""

from __future__ import annotations

import gzip
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User

from jsw.cli import main
from jsw.dashboard.roles import role_of


@pytest.mark.django_db
def test_a_user_is_added_with_a_password_from_standard_input() -> None:
    result = CliRunner().invoke(
        main,
        ["users", "add", "cara", "--role", "manager", "--password-stdin"],
        input="correct horse battery staple\n",
    )
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="cara")
    assert user.check_password("correct horse battery staple")
    assert role_of(user) == "manager"
    assert user.password.startswith("argon2")


@pytest.mark.django_db
def test_a_generated_password_is_printed_once_and_works() -> None:
    result = CliRunner().invoke(
        main, ["users", "add", "dan", "--role", "administrator", "--generate-password"]
    )
    assert result.exit_code == 0, result.output
    password = result.output.split("Password (shown once): ")[1].strip()
    user = User.objects.get(username="dan")
    assert user.check_password(password) and user.is_superuser


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["eve", "--role", "board", "--password-stdin"], "short\n", "too short"),
        (["eve", "--role", "boss", "--password-stdin"], "x" * 20 + "\n", "boss"),
        (["eve", "--role", "board"], "", "--password-stdin"),
        (["bad name!", "--role", "board", "--password-stdin"], "x1y2z3w4v5u6t7\n", "user name"),
    ],
)
def test_a_user_that_cannot_be_added_is_one_clear_message(args, stdin, message) -> None:
    result = CliRunner().invoke(main, ["users", "add", *args], input=stdin)
    assert result.exit_code == 2
    assert message in result.output
    assert not User.objects.filter(username="eve").exists()


@pytest.mark.django_db
def test_a_second_user_of_the_same_name_is_refused() -> None:
    runner = CliRunner()
    args = ["users", "add", "fay", "--role", "board", "--password-stdin"]
    assert runner.invoke(main, args, input="a fine long password\n").exit_code == 0
    again = runner.invoke(main, args, input="a fine long password\n")
    assert again.exit_code == 2 and "exists already" in again.output


def test_users_add_help_mentions_password_stdin() -> None:
    assert "--password-stdin" in CliRunner().invoke(main, ["users", "add", "--help"]).output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.once
def test_serve_answers_plain_http_on_the_loopback_until_sigterm(tmp_path: Path) -> None:
    """It also builds the static files first: hashed names, gzip, a year's caching."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'jsw.sqlite3'}"
    server = subprocess.Popen(
        [sys.executable, "-c", "from jsw.cli import run; run()", "serve", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180  # the first start compresses the static files
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/") as page:
                    assert page.status == 200
                    html = page.read().decode()
                    assert 'name="username"' in html
                break
            except OSError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "the server did not answer within 180 s"
                time.sleep(0.5)
        [stylesheet] = re.findall(r'href="(/static/dashboard/jsw\.[0-9a-f]{12}\.css)"', html)
        asked = urllib.request.Request(
            f"http://127.0.0.1:{port}{stylesheet}", headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(asked) as css:
            assert css.headers["Content-Encoding"] == "gzip"
            assert "immutable" in css.headers["Cache-Control"]
            assert "max-age=315360000" in css.headers["Cache-Control"]
            assert b".jsw-table-box" in gzip.decompress(css.read())
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert server.returncode == 0


@pytest.mark.once
@pytest.mark.parametrize("command", [["serve"], ["demo", "--dir", "demo"]])
def test_a_busy_port_is_refused_at_once_with_the_way_out(
    tmp_path: Path, command: list[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'jsw.sqlite3'}"}
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-c", "from jsw.cli import run; run()", *command, "--port", str(port)],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2
    assert f"port {port}" in result.stderr and "--port" in result.stderr
    assert time.monotonic() - started < 20  # before any work: no demo was made
    assert not (tmp_path / "demo").exists() and not (tmp_path / "jsw.sqlite3").exists()
