"""`jsw` commands for the demo area."""

from jsw.cli.base import main  # noqa: F401
