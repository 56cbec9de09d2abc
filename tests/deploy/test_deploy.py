"""The deployment guide, tried: docs/deploy.md's settings and nginx site, as written, brought
up on loopback with a self-signed certificate in front of `jsw serve`.

Only what cannot run here is changed: the ports (loopback ones of the test's choosing), the
certificate's files, the secret key and the database (a SQLite file; the guide's PostgreSQL
is the same code under test elsewhere). nginx runs from a main configuration of the test's,
which includes the guide's site unchanged otherwise.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from tests.deploy.guide import guide_block, guide_settings

pytestmark = [pytest.mark.once, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent.parent
HOST = "jsw.council.example"
PASSWORD = "a long enough test password"
SETTINGS_VARIABLES = ("DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CI")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"exited early: {log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listens on {port}: {log.read_text()[-3000:]}")


@dataclass(frozen=True)
class Site:
    https: int
    http: int
    web: int
    context: ssl.SSLContext

    def connect(self) -> http.client.HTTPSConnection:
        """An HTTPS connection that checks the certificate for the site's name."""
        connection = http.client.HTTPSConnection(HOST, self.https, context=self.context)
        raw = socket.create_connection(("127.0.0.1", self.https), timeout=10)
        connection.sock = self.context.wrap_socket(raw, server_hostname=HOST)
        return connection

    def get(self, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        connection = self.connect()
        connection.request("GET", path, headers=headers or {})
        return connection.getresponse()


def _jsw(*args: str) -> list[str]:
    return [sys.executable, "-c", "from jsw.cli import run; run()", *args]


def _processes_env(folder: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    return {
        **clean,
        **guide_settings(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{folder / 'jsw.sqlite3'}",
        "JSW_UPLOAD_DIR": str(folder / "uploads"),
    }


def _nginx_conf(folder: Path, site: Site, cert: Path, key: Path) -> Path:
    text = guide_block("# /etc/nginx/sites-available/jsw")
    for old, new in (
        ("listen 80;", f"listen 127.0.0.1:{site.http};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{site.https} ssl;"),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{site.web};"),
        (f"/etc/ssl/certs/{HOST}.pem", str(cert)),
        (f"/etc/ssl/private/{HOST}.key", str(key)),
    ):
        assert old in text, old
        text = text.replace(old, new)
    (folder / "site.conf").write_text(text)
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / temp).mkdir(mode=0o777)
    main = folder / "nginx.conf"
    user = "user root;\n" if os.geteuid() == 0 else ""
    main.write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/nginx-error.log;\nevents {{ worker_connections 256; }}\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {folder}/body;\n"
        f"  proxy_temp_path {folder}/proxy;\n  fastcgi_temp_path {folder}/fastcgi;\n"
        f"  uwsgi_temp_path {folder}/uwsgi;\n  scgi_temp_path {folder}/scgi;\n"
        f"  include {folder}/site.conf;\n}}\n"
    )
    return main


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "nginx is needed: bash scripts/install-system-packages"
    folder = tmp_path_factory.mktemp("deploy")
    folder.chmod(0o755)
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(cafile=str(cert))
    chosen = Site(_free_port(), _free_port(), _free_port(), context)
    env = _processes_env(folder)
    subprocess.run(
        _jsw("users", "add", "bea", "--role", "board", "--password-stdin"),
        input=PASSWORD + "\n",
        text=True,
        env=env,
        cwd=folder,
        check=True,
        capture_output=True,
    )
    web_args = unit_command("jsw-web.service")
    assert web_args[-2:] == ["--port", "8000"], web_args
    web_args[-1] = str(chosen.web)
    logs = {name: folder / f"{name}.log" for name in ("web", "worker", "nginx")}
    with ExitStack() as stack:
        out = {name: stack.enter_context(path.open("wb")) for name, path in logs.items()}
        started = {
            "web": (web_args, out["web"]),
            "worker": (unit_command("jsw-worker.service"), out["worker"]),
        }
        processes = {
            name: subprocess.Popen(
                _jsw(*args), env=env, cwd=folder, stdout=log, stderr=subprocess.STDOUT
            )
            for name, (args, log) in started.items()
        }
        conf = _nginx_conf(folder, chosen, cert, key)
        processes["nginx"] = subprocess.Popen(
            [nginx, "-c", str(conf), "-p", str(folder)], stdout=out["nginx"], stderr=out["nginx"]
        )
    try:
        _wait_for_port(chosen.web, processes["web"], logs["web"])
        _wait_for_port(chosen.https, processes["nginx"], folder / "nginx-error.log")
        yield chosen
    finally:
        for process in processes.values():
            process.terminate()
            process.wait(timeout=30)


def unit_command(unit: str) -> list[str]:
    """The guide's systemd unit's ExecStart, without the path of the `jsw` program."""
    block = guide_block(f"# /etc/systemd/system/{unit}")
    [line] = [line for line in block.splitlines() if line.startswith("ExecStart=")]
    program, *args = line.removeprefix("ExecStart=").split()
    assert program == "/opt/jsw/bin/jsw", program
    return args


def test_the_site_answers_over_https_with_hsts(site):
    response = site.get("/accounts/login/")
    assert response.status == 200
    hsts = response.headers["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert "no-store" in response.headers["Cache-Control"]


def test_plain_http_is_sent_to_https(site):
    connection = http.client.HTTPConnection("127.0.0.1", site.http, timeout=10)
    connection.request("GET", "/accounts/login/", headers={"Host": HOST})
    response = connection.getresponse()
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/accounts/login/"


def _cookies(response: http.client.HTTPResponse) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return jar


def test_logging_in_sets_cookies_for_https_only(site):
    page = site.get("/accounts/login/")
    csrf = _cookies(page)["csrftoken"]
    assert csrf["secure"]
    body = f"username=bea&password={PASSWORD.replace(' ', '+')}&csrfmiddlewaretoken={csrf.value}"
    connection = site.connect()
    connection.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf.value}",
            "Referer": f"https://{HOST}/accounts/login/",
        },
    )
    response = connection.getresponse()
    assert response.status == 302, response.read()[:2000]
    session = _cookies(response)["sessionid"]
    assert session["secure"] and session["httponly"]


def test_the_proxy_refuses_a_body_larger_than_an_upload_before_it_is_sent(site):
    limit_mb = int(guide_settings()["JSW_UPLOAD_MAX_MB"])
    connection = site.connect()
    connection.putrequest("POST", "/data/upload/")
    connection.putheader("Content-Type", "multipart/form-data; boundary=zz")
    connection.putheader("Content-Length", str((limit_mb + 2) * 1024 * 1024))
    connection.endheaders()  # and no body at all: the answer comes on the headers alone
    response = connection.getresponse()
    assert response.status == 413


def _trickle(port: int, count: int, *, tls: ssl.SSLContext | None = None) -> list[socket.socket]:
    """`count` clients that each send the start of a request and then wait."""
    clients = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        if tls is not None:
            sock = tls.wrap_socket(sock, server_hostname=HOST)
        sock.sendall(b"GET /accounts/login/ HTTP/1.1\r\nHost: " + HOST.encode() + b"\r\n")
        clients.append(sock)
    return clients


def _drip(clients: list[socket.socket]) -> None:
    for sock in clients:
        sock.sendall(b"X-Slow: 1\r\n")


def test_slow_clients_do_not_stop_the_proxy_or_jsw_serve_answering(site):
    """Ten clients trickling their headers, to the proxy and straight to `jsw serve` (which a
    laptop or a small intranet runs without a proxy): the login page still answers at once."""
    slow = _trickle(site.https, 10, tls=site.context) + _trickle(site.web, 10)
    try:
        for _ in range(3):
            _drip(slow)
            started = time.monotonic()
            assert site.get("/accounts/login/").status == 200
            direct = http.client.HTTPConnection("127.0.0.1", site.web, timeout=10)
            direct.request("GET", "/accounts/login/", headers={"Host": HOST})
            assert direct.getresponse().status in (200, 301)
            assert time.monotonic() - started < 5
            time.sleep(0.5)
    finally:
        for sock in slow:
            sock.close()


def test_healthz_answers_through_the_proxy_without_a_login_or_any_data(site):
    """Once the guide's worker unit has started its worker, /healthz says so with 200."""
    deadline = time.monotonic() + 60
    while True:
        response = site.get("/healthz")
        body = json.loads(response.read())
        if response.status == 200 or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert response.status == 200, body
    assert body == {"status": "ok", "database": "ok", "worker": "ok", "results": "none"}
    assert response.headers.get("Set-Cookie") is None
    assert "no-store" in response.headers["Cache-Control"]
