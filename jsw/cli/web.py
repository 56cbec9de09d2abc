"""`jsw serve`, `jsw worker` and `jsw users add`: the web commands, thin over jsw.dashboard."""

from __future__ import annotations

import getpass
import sys

import click

from jsw.cli.base import UsageProblem, main, start_django, with_database


@main.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option(
    "--processes",
    type=click.IntRange(1, 64),
    default=None,
    help="web server processes on the one port  [default: one per core, at most 4]",
)
@click.option(
    "--threads", type=click.IntRange(1, 64), default=8, show_default=True, help="per process"
)
@click.option(
    "--no-worker",
    is_flag=True,
    help="serve the web pages only (run `jsw worker` as its own service)",
)
# A server process started by `jsw serve` itself, on the socket it opened (not for people).
@click.option("--listen-fd", type=int, default=None, hidden=True)
def serve(
    port: int,
    host: str,
    processes: int | None,
    threads: int,
    no_worker: bool,
    listen_fd: int | None,
) -> None:
    """Serve the dashboard over HTTP until stopped (waitress, in one process per core; put
    HTTPS in front of it), with one `jsw worker` process for the jobs the pages ask for,
    restarted if it dies."""
    from jsw.dashboard.server import default_processes, port_in_use

    busy = None if listen_fd is not None else port_in_use(host, port)
    if busy:  # before any work: a busy port is refused at once
        raise UsageProblem(busy)
    start_django()
    from jsw.dashboard.server import serve as run_server

    if listen_fd is not None:  # the static files are built by the process that started this one
        run_server(host, port, threads, listen_fd)
        return
    processes = processes or default_processes()
    if no_worker and processes == 1:
        from jsw.dashboard.static_storage import build_static

        build_static()
        click.echo(f"Serving jsw on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        run_server(host, port, threads)
        return
    from jsw.dashboard.supervisor import serve_processes

    click.echo(
        f"Serving jsw on http://{host}:{port}/ with {processes} server"
        f" process{'es' if processes > 1 else ''}{'' if no_worker else ' and a worker'}"
        " (Ctrl-C to stop)",
        err=True,
    )
    code = serve_processes(host, port, threads, processes, worker=not no_worker)
    if code:
        raise click.exceptions.Exit(code)


@main.command()
@click.option("--batch", is_flag=True, help="run the jobs waiting now, then exit")
@with_database
def worker(batch: bool) -> None:
    """Run the background jobs (uploads, recomputes, packs) until stopped (SIGTERM, Ctrl-C):
    a job already started is finished first."""
    from jsw.dashboard.worker import JswWorker

    runner = JswWorker(batch=batch)
    runner.configure_signals()
    runner.run()


@main.group()
def users() -> None:
    """Who may log in to the dashboard."""


@users.command("add")
@click.argument("name")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["board", "manager", "analyst", "administrator"]),
    help="what the user may do",
)
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@click.option("--generate-password", is_flag=True, help="generate a password and print it once")
@with_database
def users_add(name: str, role: str, password_stdin: bool, generate_password: bool) -> None:
    """Add a user NAME with ROLE. The password is asked for at a terminal, read from standard
    input with --password-stdin, or generated with --generate-password."""
    from jsw.dashboard.users import add_user, generated_password

    if password_stdin and generate_password:
        raise UsageProblem("give --password-stdin or --generate-password, not both")
    if generate_password:
        password = generated_password()
    elif password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password (again): ") != password:
            raise UsageProblem("the two passwords differ")
    else:
        raise UsageProblem(
            "no terminal to ask for the password: use --password-stdin or --generate-password"
        )
    add_user(name, role, password)
    click.echo(f"Added {name.strip()} ({role}).")
    if generate_password:
        click.echo(f"Password (shown once): {password}")
