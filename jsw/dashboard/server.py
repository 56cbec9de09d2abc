"""Running the dashboard under gunicorn, in the foreground, until SIGTERM or Ctrl-C."""

from __future__ import annotations

import socket
from typing import Any

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from jsw.wsgi import application

        return application


def port_in_use(host: str, port: int) -> str | None:
    """Why the address cannot be listened on (another server holds it), or None if it can.

    Checked before any other work, so a busy port is refused at once rather than after
    minutes of work, with the way out (`--port`) in the message."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        return f"cannot listen on {host}: {exc.strerror}"
    with socket.socket(family, kind, proto) as probe:
        # As gunicorn does: a port left in TIME_WAIT by a server just stopped is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            reason = "another program is using it" if exc.errno == 98 else exc.strerror
            other = port + 1 if port < 65535 else 8100
            return (
                f"port {port} on {host} is not free ({reason}): stop that program, "
                f"or choose another port with --port, e.g. --port {other}"
            )
    return None


def serve(host: str, port: int, workers: int) -> None:
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": 4,  # a slow upload or pack download does not hold up the other pages
        "timeout": 120,
        "accesslog": "-",
        "errorlog": "-",
        # gunicorn 27 otherwise opens a control socket under ~/.gunicorn.
        "control_socket_disable": True,
        # Heartbeat files in memory: a slow disk must not make workers look dead.
        "worker_tmp_dir": "/dev/shm",  # noqa: S108  (gunicorn's documented choice)
    }
    _Server(options).run()
