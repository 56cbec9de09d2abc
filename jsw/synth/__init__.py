"""Synthetic case records in the import contract's format (records.md), for demos and tests.

A plain package, not a Django app: it writes CSV files and touches no database.
`generate` is the entry point; `jsw synth` is its command.
"""

from jsw.synth.generator import SynthError, generate

__all__ = ["SynthError", "generate"]
