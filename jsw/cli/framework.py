"""`jsw` commands for the framework area."""

from jsw.cli.base import main  # noqa: F401
