"""`jsw serve`: the web server and one worker, each its own process. A worker that dies is
started again (after a pause that grows while it keeps dying); SIGTERM or Ctrl-C stops both.
If the web server itself stops, the worker is stopped too and `jsw serve` exits with its code.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time
from types import FrameType

log = logging.getLogger(__name__)
JSW = [sys.executable, "-c", "from jsw.cli import run; run()"]
# Seconds each child has to finish its work after SIGTERM before it is killed.
GRACE = 30
POLL = 0.5


class Supervisor:
    def __init__(self, web: list[str], worker: list[str]) -> None:
        self.web_args, self.worker_args = web, worker
        self.stopping = False

    def _stop(self, signum: int, _frame: FrameType | None) -> None:
        log.info("stopping", extra={"signal": signal.Signals(signum).name})
        self.stopping = True

    def _start(self, args: list[str], name: str) -> subprocess.Popen[bytes]:
        child = subprocess.Popen([*JSW, *args])  # noqa: S603  (jsw itself, no shell)
        log.info(f"{name} started", extra={"pid": child.pid})
        return child

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        web = self._start(self.web_args, "web server")
        worker = self._start(self.worker_args, "worker")
        started, pause, restart_at = time.monotonic(), 0.5, 0.0
        code = 0
        try:
            while not self.stopping:
                time.sleep(POLL)
                if web.poll() is not None:
                    log.error("web server stopped", extra={"exit_code": web.returncode})
                    code = web.returncode or 1
                    break
                if worker.poll() is None:
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
            _stop_all([worker, web])
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


def serve_with_worker(host: str, port: int, threads: int = 8) -> int:
    """`jsw serve`: the web server (`jsw serve --no-worker`) and one `jsw worker`."""
    web = ["serve", "--no-worker", "--host", host, "--port", str(port), "--threads", str(threads)]
    return Supervisor(web, ["worker"]).run()
