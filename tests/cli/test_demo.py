"""`jsw demo` makes its own database from synthetic data and shows computed results, without
touching the database DATABASE_URL names."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from jsw.dashboard.roles import ROLES


@pytest.mark.once
def test_the_demo_imports_computes_and_shows_results_in_its_own_database(tmp_path):
    own = tmp_path / "own.sqlite3"
    env = {**os.environ, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{own}"}
    command = [sys.executable, "-c", "from jsw.cli import run; run()"]
    done = subprocess.run(
        [*command, "demo", "--dir", "demo", "--scale", "0.05", "--no-serve"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "imported, none rejected" in out
    assert "Computed every PI" in out
    table = [line for line in out.splitlines() if line.startswith("cpos-imposed ")]
    assert len(table) == 1 and table[0].split()[1].endswith("-Q4")
    assert "export DATABASE_URL=sqlite:///" in out
    database = tmp_path / "demo" / "jsw.sqlite3"
    with sqlite3.connect(database) as conn:
        (orders,) = conn.execute("select count(*) from records_order").fetchone()
        (results,) = conn.execute("select count(*) from indicators_result").fetchone()
        users = conn.execute(
            "select u.username, g.name from auth_user u join auth_user_groups ug on"
            " ug.user_id = u.id join auth_group g on g.id = ug.group_id order by u.username"
        ).fetchall()
    assert orders > 0 and results > 0
    assert not own.exists()
    assert sorted(users) == [(f"demo-{role}", role) for role in sorted(ROLES)]
    for role in ROLES:
        assert re.search(rf"{role} +user demo-{role} +password \S{{12,}}", out), role
    assert "jsw serve" in out  # --no-serve says how to serve it later


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
@pytest.mark.once
def test_the_demo_ends_by_serving_the_dashboard_with_a_working_login(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    command = [sys.executable, "-c", "from jsw.cli import run; run()"]
    demo = subprocess.Popen(
        [*command, "demo", "--dir", "demo", "--scale", "0.05", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert demo.stdout is not None
        printed = []
        for line in demo.stdout:
            printed.append(line)
            if "The dashboard: http://127.0.0.1:" in line:
                break
        login = re.search(r"board +user (\S+) +password (\S+)", "".join(printed))
        assert login, "".join(printed)
        session = _logged_in(port, login.group(1), login.group(2))
        with session.open(f"http://127.0.0.1:{port}/") as page:
            assert page.status == 200 and b"Scorecard" in page.read()
    finally:
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=60)


def _logged_in(port: int, name: str, password: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            page = opener.open(f"{base}/accounts/login/").read().decode()
            break
        except OSError:
            assert time.monotonic() < deadline, "the dashboard did not answer"
            time.sleep(0.5)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    form = urllib.parse.urlencode(
        {"username": name, "password": password, "csrfmiddlewaretoken": token.group(1)}
    ).encode()
    opener.open(f"{base}/accounts/login/", data=form).read()
    return opener
