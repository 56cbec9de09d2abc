"""Running the dashboard under waitress, in the foreground, until SIGTERM or Ctrl-C.

Waitress reads each request whole, headers and body, on its own event loop before a thread
takes it: a client that trickles its headers (or its body) holds a connection, never one of
the threads, so a few slow or hostile clients cannot stop the server answering the login
page. (gunicorn's sync and threaded workers give a thread to a connection as soon as it
opens.) The limits below bound what those connections may cost. Django is imported only
once it is set up: the port is checked before that.

Python runs one thread at a time in a process, so `jsw serve` runs several server processes
(`--processes`, one per core by default) on one listening socket, opened by the process that
starts them and handed down to each (`listening_socket`): the kernel gives each new
connection to whichever accepts it first.
"""

from __future__ import annotations

import os
import signal
import socket
from types import FrameType
from typing import Any

THREADS = 8
# Server processes by default: one per core, and no more than this (each holds its own
# database connections and its own copy of the kept pages).
MOST_PROCESSES = 4
# Connections held at once (slow ones included); beyond it new ones wait in the backlog.
CONNECTION_LIMIT = 200
# A connection that sends nothing for this long is closed.
CHANNEL_TIMEOUT = 60
HEADER_LIMIT = 64 * 1024
# Connections the kernel queues before a server process accepts them (waitress's default).
BACKLOG = 1024


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


def default_processes() -> int:
    return max(1, min(os.cpu_count() or 1, MOST_PROCESSES))


def listening_socket(host: str, port: int) -> socket.socket:
    """The server's socket, bound and listening, to be inherited by its processes."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        listener.bind(address)
        listener.listen(BACKLOG)
    except OSError:
        listener.close()
        raise
    listener.set_inheritable(True)
    return listener


def options(
    host: str, port: int, threads: int, listener: socket.socket | None = None
) -> dict[str, Any]:
    """Waitress's settings: behind a proxy that ends TLS, the proxy's X-Forwarded-Proto is
    believed from the loopback address only (the proxy runs on the same machine)."""
    from django.conf import settings

    from jsw.dashboard.request_limits import MULTIPART_OVERHEAD, upload_limit

    where: dict[str, Any] = (
        {"host": host, "port": port} if listener is None else {"sockets": [listener]}
    )
    chosen: dict[str, Any] = {
        **where,
        "backlog": BACKLOG,
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


def serve(host: str, port: int, threads: int = THREADS, listen_fd: int | None = None) -> None:
    """One server process, on its own socket, or on the one its parent opened (`listen_fd`)."""
    from waitress.server import create_server  # type: ignore[import-untyped]

    from jsw.wsgi import application

    listener = None if listen_fd is None else socket.socket(fileno=listen_fd)
    server = create_server(application, **options(host, port, threads, listener))

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
