"""Mapping profiles: how a case management system's own extract maps onto the contract.

A profile is a YAML file (see docs/import.md and docs/mappings/). Per table it may name the
source file (or workbook sheet), rename source columns to contract columns, translate
source values to contract codes and give the extract's own date format. A bad profile is
refused whole, with every problem found listed.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from jsw.lib.errors import InputProblem, Problem
from jsw.lib.yamlsafe import YamlProblem, load_text
from jsw.records.importer.tables import BY_NAME, Table


class MappingError(InputProblem, ValueError):
    """The profile cannot be used; `problems` lists every reason found (as text)."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(
            [Problem(str(path), None, "", problem) for problem in problems],
            heading=f"mapping profile {path} cannot be used",
        )
        self.problems = problems

    def __str__(self) -> str:
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        return f"{self.heading}:\n{lines}"

    def render(self) -> str:
        return str(self)


class TableMapping(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str | None = None
    columns: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    date_format: str | None = None


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    tables: dict[str, TableMapping] = {}


def normal(name: str) -> str:
    """Header names and mapped values are matched ignoring case and surrounding spaces."""
    return name.strip().lower()


class Mapping:
    """A checked profile, with its names normalised for matching."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.files = {normal(spec.file): name for name, spec in profile.tables.items() if spec.file}

    def for_table(self, table: str) -> TableMapping:
        return self.profile.tables.get(table, TableMapping())

    def columns(self, table: str) -> dict[str, str]:
        return {normal(source): target for source, target in self.for_table(table).columns.items()}

    def values(self, table: str) -> dict[str, dict[str, str]]:
        return {
            column: {normal(source): code for source, code in translation.items()}
            for column, translation in self.for_table(table).values.items()
        }


def load_mapping(path: Path) -> Mapping:
    # Read as text throughout: a source value `Yes:` or `on:` is that word, not a boolean.
    try:
        data = load_text(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MappingError(path, [f"cannot be read: {exc.strerror or exc}"]) from exc
    except UnicodeDecodeError as exc:
        raise MappingError(path, [f"not UTF-8 text ({exc.reason})"]) from exc
    except YamlProblem as exc:
        raise MappingError(path, [f"not a valid YAML file: {exc}"]) from exc
    try:
        profile = Profile.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise MappingError(path, [_schema_problem(error) for error in exc.errors()]) from exc
    problems = [problem for name, spec in profile.tables.items() for problem in _check(name, spec)]
    problems += _shared_files(profile)
    if problems:
        raise MappingError(path, problems)
    return Mapping(profile)


def _schema_problem(error: ErrorDetails) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "(top)"
    return f"{where}: {error['msg']}"


def _check(name: str, spec: TableMapping) -> list[str]:
    table = BY_NAME.get(name)
    if table is None:
        return [f"tables.{name}: not a table of the contract ({', '.join(BY_NAME)})"]
    problems = _check_columns(table, spec) + _check_values(table, spec)
    if spec.date_format is not None and not _usable_date_format(spec.date_format):
        problems.append(
            f"tables.{name}.date_format: {spec.date_format!r} must contain %d, %m and %Y "
            "(or %y) and read back what it writes"
        )
    return problems


def _check_columns(table: Table, spec: TableMapping) -> list[str]:
    problems = []
    targets: dict[str, str] = {}
    for source, target in spec.columns.items():
        where = f"tables.{table.name}.columns.{source}"
        if target not in table.by_name:
            problems.append(f"{where}: {target!r} is not a column of {table.name}")
        elif target in targets:
            problems.append(f"{where}: {target!r} is already mapped from {targets[target]!r}")
        else:
            targets[target] = source
    return problems


def _check_values(table: Table, spec: TableMapping) -> list[str]:
    problems = []
    for column_name, translation in spec.values.items():
        where = f"tables.{table.name}.values.{column_name}"
        column = table.by_name.get(column_name)
        if column is None:
            problems.append(f"{where}: not a column of {table.name}")
            continue
        allowed = {code.upper() for code in column.codes}
        for source, code in translation.items():
            if allowed and code.upper() not in allowed:
                problems.append(f"{where}.{source}: {code!r} is not a code of {column_name}")
    return problems


def _usable_date_format(fmt: str) -> bool:
    if "%d" not in fmt or "%m" not in fmt or ("%Y" not in fmt and "%y" not in fmt):
        return False
    sample = datetime(2024, 2, 29)
    try:
        return datetime.strptime(sample.strftime(fmt), fmt).date() == date(2024, 2, 29)
    except ValueError:
        return False


def _shared_files(profile: Profile) -> list[str]:
    seen: dict[str, str] = {}
    problems = []
    for name, spec in profile.tables.items():
        if not spec.file:
            continue
        key = normal(spec.file)
        if key in seen:
            problems.append(f"tables.{name}.file: {spec.file!r} is already the file of {seen[key]}")
        seen[key] = name
    return problems
