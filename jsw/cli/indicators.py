"""`jsw` commands for the indicators area."""

from jsw.cli.base import main  # noqa: F401
