"""`jsw serve`: the web server processes and one worker, each its own process. A worker that
dies is started again (after a pause that grows while it keeps dying); SIGTERM or Ctrl-C stops
them all. If a web server process stops, the others and the worker are stopped too and `jsw
serve` exits with its code (systemd, or whoever started it, starts it again).

The web server processes share one listening socket, opened here and handed to each (see
`jsw.dashboard.server`); the static files are built here once, before any of them starts.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from types import FrameType

log = logging.getLogger(__name__)
JSW = [sys.executable, "-c", "from jsw.cli import run; run()"]
# Seconds each child has to finish its work after SIGTERM before it is killed.
GRACE = 30
POLL = 0.5


class Supervisor:
    def __init__(
        self,
        web: list[str],
        worker: list[str] | None,
        processes: int = 1,
        listen_fd: int = -1,
        web_env: dict[str, str] | None = None,
    ) -> None:
        self.web_args, self.worker_args = web, worker
        self.processes, self.listen_fd, self.web_env = processes, listen_fd, web_env
        self.stopping = False

    def _stop(self, signum: int, _frame: FrameType | None) -> None:
        log.info("stopping", extra={"signal": signal.Signals(signum).name})
        self.stopping = True

    def _start(
        self,
        args: list[str],
        name: str,
        fds: tuple[int, ...] = (),
        env: dict[str, str] | None = None,
    ) -> subprocess.Popen[bytes]:
        child = subprocess.Popen([*JSW, *args], pass_fds=fds, env=env)  # noqa: S603  (jsw itself)
        log.info(f"{name} started", extra={"pid": child.pid})
        return child

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        fds = (self.listen_fd,) if self.listen_fd >= 0 else ()
        webs = [
            self._start(self.web_args, "web server", fds, self.web_env)
            for _ in range(self.processes)
        ]
        worker = self._start(self.worker_args, "worker") if self.worker_args else None
        started, pause, restart_at = time.monotonic(), 0.5, 0.0
        code = 0
        try:
            while not self.stopping:
                time.sleep(POLL)
                if self.stopping:  # systemd signals every process of the service at once
                    break
                stopped = [web for web in webs if web.poll() is not None]
                if stopped:
                    log.error("web server stopped", extra={"exit_code": stopped[0].returncode})
                    code = stopped[0].returncode or 1
                    break
                if self.worker_args is None or worker is None or worker.poll() is None:
                    continue
                if not restart_at:
                    # A worker that keeps dying soon after it starts waits longer each time.
                    lived = time.monotonic() - started
                    pause = 1.0 if lived > 60 else min(pause * 2, 60.0)
                    log.error(
                        "worker stopped: restarting",
                        extra={"exit_code": worker.returncode, "in_seconds": pause},
                    )
                    restart_at = time.monotonic() + pause
                elif time.monotonic() >= restart_at:
                    worker = self._start(self.worker_args, "worker")
                    started, restart_at = time.monotonic(), 0.0
        finally:
            _stop_all([worker, *webs] if worker else webs)
        log.info("stopped")
        return code


def _stop_all(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + GRACE
    for child in children:
        try:
            child.wait(max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            log.warning("killed after the grace period", extra={"pid": child.pid})
            child.kill()
            child.wait()


def serve_processes(
    host: str, port: int, threads: int = 8, processes: int = 1, worker: bool = True
) -> int:
    """`jsw serve`: `processes` web server processes on one socket (each `jsw serve
    --no-worker --listen-fd N`), and one `jsw worker` unless `worker` is false. Django must be
    set up."""
    from django.db import connections

    from jsw.dashboard.server import listening_socket
    from jsw.dashboard.static_storage import build_static

    build_static()
    connections.close_all()  # this process serves nothing: its children do
    with (
        tempfile.TemporaryDirectory(prefix="jsw-pages-") as pages,
        listening_socket(host, port) as listener,
    ):
        fd = listener.fileno()
        web = ["serve", "--no-worker", "--host", host, "--port", str(port)]
        web += ["--threads", str(threads), "--processes", "1", "--listen-fd", str(fd)]
        shared = {**os.environ, "JSW_PAGE_CACHE_DIR": pages} if processes > 1 else None
        jobs = ["worker"] if worker else None
        return Supervisor(web, jobs, processes, fd, shared).run()
