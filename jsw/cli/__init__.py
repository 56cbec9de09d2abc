"""The `jsw` command line. Each area registers its commands in its own module."""

from jsw.cli import (  # noqa: F401  (registration)
    analysis,
    demo,
    framework,
    indicators,
    ops,
    records,
    reports,
    synth,
    web,
)
from jsw.cli.base import main, run

__all__ = ["main", "run"]
