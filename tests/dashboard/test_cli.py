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
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User

from jsw.cli import main
from jsw.dashboard.roles import role_of

T = TypeVar("T")


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


def _serve(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from jsw.cli import run; run()", *args],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _once_it_answers(server: subprocess.Popen[str], ask: Callable[[], T]) -> T:
    """`ask()` once the server answers; the first start compresses the static files."""
    deadline = time.monotonic() + 180
    while True:
        try:
            return ask()
        except OSError:
            assert server.poll() is None, server.stdout.read() if server.stdout else ""
            assert time.monotonic() < deadline, "the server did not answer within 180 s"
            time.sleep(0.5)


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
    server = _serve(["serve", "--port", str(port)], env, tmp_path)
    try:

        def login_page() -> str:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/") as page:
                assert page.status == 200
                return str(page.read().decode())

        html = _once_it_answers(server, login_page)
        assert 'name="username"' in html
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


def _children(pid: int) -> dict[int, str]:
    """A process's children and their command lines (Linux)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                line = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                found[int(stat.parent.name)] = line
        except (OSError, ValueError):
            continue  # ended meanwhile
    return found


def _log_in(port: int, name: str, password: str) -> str:
    """The session cookie of a user who logged in through the login form."""
    base = f"http://127.0.0.1:{port}"
    with urllib.request.urlopen(f"{base}/accounts/login/") as page:
        csrf = re.search(r"csrftoken=([^;]+)", page.headers["Set-Cookie"])
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    assert csrf and token
    body = f"username={name}&password={password}&csrfmiddlewaretoken={token.group(1)}"
    asked = urllib.request.Request(
        f"{base}/accounts/login/", data=body.encode(), headers={"Cookie": f"csrftoken={csrf[1]}"}
    )

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    try:
        urllib.request.build_opener(Stay).open(asked)
    except urllib.error.HTTPError as answer:
        assert answer.code == 302
        cookies = "\n".join(answer.headers.get_all("Set-Cookie") or [])
        session = re.search(r"sessionid=([^;]+)", cookies)
        assert session
        return f"sessionid={session.group(1)}"
    raise AssertionError("the login did not redirect")


@pytest.mark.once
def test_serve_runs_its_processes_on_one_port_and_they_share_the_kept_pages(
    tmp_path: Path,
) -> None:
    port = _free_port()
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'jsw.sqlite3'}", "TMPDIR": str(temp)}
    jsw = [sys.executable, "-c", "from jsw.cli import run; run()"]
    password = "a long enough password for bob"
    subprocess.run(
        [*jsw, "users", "add", "bob", "--role", "board", "--password-stdin"],
        input=password + "\n",
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )
    server = _serve(
        ["serve", "--port", str(port), "--processes", "2", "--no-worker"], env, tmp_path
    )
    try:
        cookie = _once_it_answers(server, lambda: _log_in(port, "bob", password.replace(" ", "+")))
        children = _children(server.pid)
        assert len(children) == 2, children
        assert all("--listen-fd" in line for line in children.values()), children
        [folder] = temp.glob("jsw-pages-*")
        assert folder.stat().st_mode & 0o077 == 0  # the owner's only
        assert not list(folder.iterdir())
        scorecard = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Cookie": cookie})
        with urllib.request.urlopen(scorecard) as page:
            assert page.status == 200 and "no-store" in page.headers["Cache-Control"]
            assert '<span class="jsw-account__name">bob</span>' in page.read().decode()
        assert list(folder.iterdir()), "the page was not kept where both processes read"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert server.returncode == 0
    assert not list(temp.glob("jsw-pages-*")), "the folder of kept pages outlived the server"
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
