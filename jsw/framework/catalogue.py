"""The framework catalogue: load, validate and look up the PIs and objectives.

`load_catalogue()` reads the packaged `catalogue.yaml`, or the file named by
`JSW_FRAMEWORK_FILE`, checks it against the schema and the named rules, and returns a
`Catalogue`. Any problem raises `CatalogueError` listing every issue with file and line.
This module does not need Django; when Django is configured its setting is used.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jsw.framework import rules
from jsw.framework.definition_checks import with_listed_codes
from jsw.framework.issues import CatalogueError, CatalogueUnreadable, Issue, field_name
from jsw.framework.schema import CatalogueFile, Governance, Indicator, Objective, OpifIndicator
from jsw.framework.yaml_source import Source, YamlSyntaxError, parse

PACKAGED_FILE = Path(__file__).with_name("catalogue.yaml")


@dataclass(frozen=True)
class Catalogue:
    """A validated catalogue, with the exact bytes it was read from."""

    file: CatalogueFile
    path: Path
    content: bytes

    @property
    def governance(self) -> Governance:
        return self.file.governance

    @property
    def version(self) -> str:
        return self.file.governance.version

    @cached_property
    def fingerprint(self) -> str:
        """sha256 of the file's bytes: which file a result was computed under."""
        return hashlib.sha256(self.content).hexdigest()

    @cached_property
    def indicator_fingerprints(self) -> dict[str, str]:
        """Each PI's sha256 of its validated entry as canonical JSON: its own part of the
        file, as the engine reads it (codes spelt as the code lists spell them), and blind to
        the layout, comments and every other entry of the file."""
        return {pi.id: _digest(pi.model_dump(mode="json", by_alias=True)) for pi in self.indicators}

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return self.file.indicators

    @property
    def objectives(self) -> tuple[Objective, ...]:
        return self.file.objectives

    def indicator(self, indicator_id: str) -> Indicator:
        for pi in self.file.indicators:
            if pi.id == indicator_id:
                return pi
        raise KeyError(f"no indicator {indicator_id!r} in framework version {self.version}")

    def objective(self, number: int) -> Objective:
        for objective in self.file.objectives:
            if objective.number == number:
                return objective
        raise KeyError(f"no objective {number} in framework version {self.version}")

    def opif(self, code: str) -> OpifIndicator:
        for quality in self.file.opif_indicators:
            if quality.code == code:
                return quality
        raise KeyError(f"no OPIF indicator {code!r} in framework version {self.version}")

    def by_objective(self) -> dict[int, tuple[Indicator, ...]]:
        """Each objective's number (file order) with its PIs (file order)."""
        return {
            objective.number: tuple(
                pi for pi in self.file.indicators if pi.objective == objective.number
            )
            for objective in self.file.objectives
        }


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def configured_path() -> Path:
    """The catalogue in use: the JSW_FRAMEWORK_FILE setting (the environment variable when
    Django is not set up, as for `jsw framework`), else the packaged file."""
    name = _setting()
    if name is None:
        name = os.environ.get("JSW_FRAMEWORK_FILE", "")
    return Path(name) if name.strip() else PACKAGED_FILE


def _setting() -> str | None:
    """The Django setting, or None when Django is not set up."""
    from django.conf import settings

    if not settings.configured:
        return None
    return str(getattr(settings, "JSW_FRAMEWORK_FILE", "") or "")


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read and validate a catalogue file (default: `configured_path()`)."""
    path = configured_path() if path is None else Path(path)
    content = read_bytes(path)
    file = validate(content, str(path))
    return Catalogue(file=file, path=path, content=content)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise _unreadable(path, "no such file") from exc
    except IsADirectoryError as exc:
        raise _unreadable(path, "is a directory, not a file") from exc
    except OSError as exc:
        raise _unreadable(path, f"cannot be read ({exc.strerror or exc})") from exc


def _unreadable(path: Path, message: str) -> CatalogueUnreadable:
    return CatalogueUnreadable([Issue(str(path), None, "", message)])


@lru_cache(maxsize=8)
def validate(content: bytes, name: str) -> CatalogueFile:
    """The schema-checked file, or `CatalogueError` with every issue found.

    Kept per content: every page and command reads the catalogue, and parsing and checking
    it takes a good part of a second; an edited file is different content, read afresh."""
    source = _parse(content, name)
    issues = [
        Issue(name, line, field_name(path), "duplicate key (an earlier one has the same name)")
        for path, line in source.duplicates
    ]
    try:
        file = CatalogueFile.model_validate(source.data)
    except ValidationError as exc:
        issues += [_schema_issue(error, source, name) for error in exc.errors()]
        raise CatalogueError(sorted(issues, key=_line_order)) from None
    issues += [
        Issue(name, source.line_of(found.path), field_name(found.path), found.message)
        for found in rules.check(file)
    ]
    if issues:
        raise CatalogueError(sorted(issues, key=_line_order))
    return with_listed_codes(file)


def _parse(content: bytes, name: str) -> Source:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogueError([Issue(name, None, "", f"not UTF-8 text ({exc.reason})")]) from None
    try:
        source = parse(text)
    except YamlSyntaxError as exc:
        raise CatalogueError([Issue(name, exc.line, "", exc.message)]) from None
    if source.data is None:
        raise CatalogueError([Issue(name, None, "", "the file is empty")])
    return source


def _line_order(issue: Issue) -> int:
    return issue.line or 0


def _schema_issue(error: Any, source: Source, name: str) -> Issue:
    path = tuple(error["loc"])
    return Issue(name, source.line_of(path), field_name(path) or "(top)", _message(error))


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "missing (required)"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "string_type" and isinstance(error.get("input"), int | float):
        return f"should be text; write {error['input']!r} in quotes"
    return str(error["msg"])
