"""`jsw` commands for the synth area."""

from jsw.cli.base import main  # noqa: F401
