"""Running the dashboard under waitress, in the foreground, until SIGTERM or Ctrl-C.

Waitress reads each request whole, headers and body, on its own event loop before a thread
takes it: a client that trickles its headers (or its body) holds a connection, never one of
the threads, so a few slow or hostile clients cannot stop the server answering the login
page. (gunicorn's sync and threaded workers give a thread to a connection as soon as it
opens.) The limits below bound what those connections may cost. Django is imported only
once it is set up: the port is checked before that.
"""

from __future__ import annotations

import signal
import socket
from types import FrameType
from typing import Any

THREADS = 8
# Connections held at once (slow ones included); beyond it new ones wait in the backlog.
CONNECTION_LIMIT = 200
# A connection that sends nothing for this long is closed.
CHANNEL_TIMEOUT = 60
HEADER_LIMIT = 64 * 1024


def port_in_use(host: str, port: int) -> str | None:
    """Why the address cannot be listened on (another server holds it), or None if it can.

    Checked before any other work, so a busy port is refused at once rather than after
    minutes of work, with the way out (`--port`) in the message."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        return f"cannot listen on {host}: {exc.strerror}"
    with socket.socket(family, kind, proto) as probe:
        # As the server does: a port left in TIME_WAIT by a server just stopped is free.
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


def options(host: str, port: int, threads: int) -> dict[str, Any]:
    """Waitress's settings: behind a proxy that ends TLS, the proxy's X-Forwarded-Proto is
    believed from the loopback address only (the proxy runs on the same machine)."""
    from django.conf import settings

    from jsw.dashboard.request_limits import MULTIPART_OVERHEAD, upload_limit

    chosen: dict[str, Any] = {
        "host": host,
        "port": port,
        "threads": threads,
        "connection_limit": CONNECTION_LIMIT,
        "channel_timeout": CHANNEL_TIMEOUT,
        "max_request_header_size": HEADER_LIMIT,
        "max_request_body_size": upload_limit() + MULTIPART_OVERHEAD,
        "expose_tracebacks": False,
        "ident": "jsw",
        "asyncore_use_poll": True,
    }
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        chosen["trusted_proxy"] = "127.0.0.1"
        chosen["trusted_proxy_headers"] = {"x-forwarded-proto"}
    return chosen


def serve(host: str, port: int, threads: int = THREADS) -> None:
    from waitress.server import create_server  # type: ignore[import-untyped]

    from jsw.wsgi import application

    server = create_server(application, **options(host, port, threads))

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
