"""Importing case records (records.md): values, tables' rules, sources, and the service.

Use `run_import`; everything else is its parts. The CLI and the web app both call it.
"""

from jsw.records.importer.mapping import MappingError
from jsw.records.importer.report import ImportReport, Issue, TableCounts
from jsw.records.importer.service import ImportFailed, run_import

__all__ = ["ImportFailed", "ImportReport", "Issue", "MappingError", "TableCounts", "run_import"]
