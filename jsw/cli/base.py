"""The `jsw` command group and what every command shares.

Commands only parse arguments, show progress and render; the work lives in the apps'
service modules, which the web app calls too.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from django.core.exceptions import ImproperlyConfigured

from jsw.env import env_bool
from jsw.lib.errors import InputProblem, first_line

F = TypeVar("F", bound=Callable[..., Any])


class UsageProblem(InputProblem, click.ClickException):
    """Bad input from the user, raised by a command: one clear message, exit code 2.

    The command line's own `InputProblem`, so that anything catching wrong input catches it."""

    exit_code = 2

    def format_message(self) -> str:
        return self.render()


class Commands(click.Group):
    """The `jsw` group: a service's refusal (any `InputProblem`) becomes the command line's
    one message with exit code 2 here, once for every command, instead of in each command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException:
            raise
        except InputProblem as exc:
            raise UsageProblem(exc.issues, exc.heading) from exc


BUSY = "another import or computation is writing to the database; try again when it has finished"


def is_locked(exc: BaseException) -> bool:
    """SQLite's answer when another process held the write lock for the whole busy timeout."""
    import sqlite3

    from django.db import DatabaseError

    database_error = isinstance(exc, DatabaseError | sqlite3.OperationalError)
    return database_error and "database is locked" in str(exc)


@click.group(
    cls=Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(package_name="jsw")
def main() -> None:
    """jsw: performance management for a justice social work service.

    Works on the database named by DATABASE_URL (default: jsw.sqlite3 in the working
    directory). SQLite is created and migrated on first use; PostgreSQL by `jsw migrate`.
    """


def with_database(func: F) -> F:
    """Start Django and bring the database up to date before the command runs."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start_django()
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def start_django(migrate: bool = True) -> None:
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    from jsw import bootstrap

    try:
        bootstrap.setup(migrate)
    except ImproperlyConfigured as exc:
        raise UsageProblem(f"configuration: {exc}") from exc
    except DatabaseError as exc:
        if is_locked(exc):
            raise UsageProblem(BUSY) from exc
        raise UsageProblem(f"cannot open the database: {first_line(exc)}") from exc


def progress_enabled() -> bool:
    return not env_bool("CI") and sys.stderr.isatty()


def run() -> None:
    """Console entry point: click's own errors as they are, anything else as one line."""
    try:
        show_traceback = env_bool("JSW_TRACEBACK")
    except ImproperlyConfigured as exc:
        click.echo(f"Error: configuration: {exc}", err=True)
        sys.exit(2)
    try:
        # Not standalone, so that errors are ours to print; click then returns an exit code
        # (from ctx.exit or click.exceptions.Exit) instead of raising it.
        code = main.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ImproperlyConfigured as exc:
        click.echo(f"Error: configuration: {exc}", err=True)
        sys.exit(2)
    except InputProblem as exc:
        # Wrong input that reached here unconverted, such as the framework file that
        # JSW_FRAMEWORK_FILE names being missing or invalid: every problem, exit 2.
        click.echo(f"Error: {exc.render()}", err=True)
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:
        if is_locked(exc):
            click.echo(f"Error: {BUSY}", err=True)
            sys.exit(2)
        if show_traceback:
            raise
        click.echo(
            f"Error: {type(exc).__name__}: {exc}\n"
            "This is a fault in jsw, not in your input; set JSW_TRACEBACK=1 to see the details.",
            err=True,
        )
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)
