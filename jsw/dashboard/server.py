"""Running the dashboard under gunicorn, in the foreground, until SIGTERM or Ctrl-C."""

from __future__ import annotations

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
