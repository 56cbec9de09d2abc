"""The `jsw` command line. Each area registers its commands in its own module."""

from jsw.cli import analysis, demo, framework, indicators, records, synth  # noqa: F401  (registration)
from jsw.cli.base import main, run

__all__ = ["main", "run"]
