"""`jsw serve` runs the web server and a worker; the worker does the uploads; a worker killed
(kill -9) mid-import loses nothing and its job ends with the reason; SIGTERM stops both."""

from __future__ import annotations

import http.cookiejar
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_SMALL
from tests.ops.conftest import JSW, Database, jsw, jsw_env

PASSWORD = "a long enough test password"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(what: str, check, seconds: float = 60.0, every: float = 0.05):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(every)
    pytest.fail(f"timed out waiting for {what}")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _log_in(port: int, name: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"

    def login_page() -> str | None:
        try:
            return opener.open(f"{base}/accounts/login/").read().decode()
        except OSError:
            return None

    page = _wait("the dashboard to answer", login_page, every=0.3)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    form = {"username": name, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    opener.open(f"{base}/accounts/login/", data=urllib.parse.urlencode(form).encode()).read()
    return opener


def _upload(opener: urllib.request.OpenerDirector, port: int, archive: bytes) -> int:
    base = f"http://127.0.0.1:{port}"
    page = opener.open(f"{base}/data/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{token.group(1)}\r\n--{boundary}\r\n"
            'Content-Disposition: form-data; name="extract"; filename="extract.zip"\r\n'
            "Content-Type: application/zip\r\n\r\n"
        ).encode()
        + archive
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        f"{base}/data/upload/",
        data=body,
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Referer": f"{base}/data/",
        },
    )
    with opener.open(request) as response:
        found = re.search(r"/data/uploads/(\d+)/", response.url)
    assert found, response.url
    return int(found.group(1))


def _extract(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for path in sorted(folder.glob("*.csv")):
            zipped.write(path, path.name)
    return buffer.getvalue()


@pytest.mark.slow
def test_a_worker_killed_mid_import_loses_nothing_and_serve_restarts_it(
    database: Database, tmp_path: Path
) -> None:
    assert jsw(database, "migrate").returncode == 0  # PostgreSQL: only jsw migrate migrates
    made = jsw(database, "synth", "--out", str(tmp_path / "synth"), "--scale", "0.05")
    assert made.returncode == 0, made.stderr
    added = jsw(
        database,
        "users",
        "add",
        "ali",
        "--role",
        "analyst",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert added.returncode == 0, added.stderr
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    serve = subprocess.Popen(
        [*JSW, "serve", "--port", str(port), "--threads", "2"],
        env=jsw_env(database),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        opener = _log_in(port, "ali")
        first = _wait(
            "a worker",
            lambda: database.value("select pid from dashboard_workerbeat where stopped_at is null"),
        )
        job = _upload(opener, port, _extract(tmp_path / "synth"))
        _wait(
            "the import to start",
            lambda: (
                database.value(f"select state from dashboard_uploadjob where id = {job}")
                != "waiting"
            ),
        )
        os.kill(first, signal.SIGKILL)

        def ended() -> tuple[str, str] | None:
            state, message = database.query(
                f"select state, message from dashboard_uploadjob where id = {job}"
            )[0]
            return (state, message) if state in ("done", "failed") else None

        state, message = _wait("the job to end", ended)
        batches = database.query("select status, summary from records_importbatch")
        people = database.value("select count(*) from records_person")
        if state == "failed":  # killed during the import: nothing of it kept
            assert "worker running it was stopped" in message and "Nothing" in message
            assert people == 0 and batches == []
        else:  # killed after the import committed: all of it kept, results recomputed
            assert people > 0 and [b[0] for b in batches] == ["done"]
        assert database.value("select count(*) from dashboard_uploadjob where path != ''") == 0
        second = _wait(
            "the restarted worker",
            lambda: database.value(
                f"select pid from dashboard_workerbeat where stopped_at is null and pid != {first}"
            ),
        )
        assert _running(second)
    finally:
        serve.send_signal(signal.SIGTERM)
        code = serve.wait(timeout=60)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert code == 0, output
    assert not _running(second)
    assert '"event": "worker stopped: restarting"' in output
    # The killed worker was found dead by the one that took over its job.
    stopped = database.value(f"select stopped_at from dashboard_workerbeat where pid = {first}")
    assert stopped is not None


@pytest.mark.slow
def test_a_pack_build_killed_halfway_is_built_again_by_the_next_worker(
    database: Database,
) -> None:
    assert jsw(database, "migrate").returncode == 0
    imported = jsw(database, "import", str(EXAMPLE_SMALL))
    assert imported.returncode == 0, imported.stderr
    ask = (
        "from jsw import bootstrap; bootstrap.setup(); from jsw.dashboard import packs; "
        "print(packs.ask('quarterly', '2023-24-Q4', fmt='pdf', actor='bea').pk)"
    )
    asked = subprocess.run(
        [sys.executable, "-c", ask], env=jsw_env(database), capture_output=True, text=True
    )
    assert asked.returncode == 0, asked.stderr
    pack = int(asked.stdout.split()[-1])
    state = f"select state from dashboard_packfile where id = {pack}"
    first = subprocess.Popen([*JSW, "worker"], env=jsw_env(database), stderr=subprocess.PIPE)
    try:
        _wait("the build to start", lambda: database.value(state) == "running")
    finally:
        first.kill()  # SIGKILL, halfway through the build
        first.wait()
    assert database.value(state) == "running"
    second = jsw(database, "worker", "--batch")  # takes the job over, runs it again
    assert second.returncode == 0, second.stderr
    assert '"event": "job re-queued: its worker died"' in second.stderr
    assert database.value(state) == "done"
    content = database.value(f"select content from dashboard_packfile where id = {pack}")
    assert bytes(content).startswith(b"%PDF")
    workers = database.value("select worker_ids from django_tasks_database_dbtaskresult")
    assert len(json.loads(workers) if isinstance(workers, str) else workers) == 2
