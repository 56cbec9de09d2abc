"""`jsw` commands for the records area."""

from jsw.cli.base import main  # noqa: F401
