"""Reading the `period,value` CSV file that `jsw spc` charts (pure, no Django).

The file has a header naming the columns `period` and `value` (others are ignored) and one
row per point in period order. Anything else is refused with one message that says where.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation
from pathlib import Path

from jsw.lib.errors import InputProblem


class SeriesFileProblem(InputProblem, ValueError):
    """The file cannot be read as a series; the message says why and where."""


def read_series(path: Path) -> tuple[list[str], list[Decimal]]:
    """The periods and values of the file, in file order."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise SeriesFileProblem(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise SeriesFileProblem(f"{path} is not UTF-8 text") from None
    return parse_series(text, str(path))


def parse_series(text: str, name: str = "the file") -> tuple[list[str], list[Decimal]]:
    if "\0" in text:
        raise SeriesFileProblem(f"{name} is not a CSV file (it holds NUL bytes)")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise SeriesFileProblem(f"{name} is empty: expected a header period,value and rows")
    header = [cell.strip().lower() for cell in rows[0]]
    if "period" not in header or "value" not in header:
        raise SeriesFileProblem(
            f"{name} line 1: expected a header with the columns period and value, "
            f"got {','.join(rows[0])!r}"
        )
    at_period, at_value = header.index("period"), header.index("value")
    periods: list[str] = []
    values: list[Decimal] = []
    seen: set[str] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise SeriesFileProblem(
                f"{name} line {line}: {len(row)} fields, expected {len(header)}"
            )
        period, value = row[at_period].strip(), row[at_value].strip()
        if not period:
            raise SeriesFileProblem(f"{name} line {line}: the period is blank")
        if period in seen:
            raise SeriesFileProblem(f"{name} line {line}: period {period} appears twice")
        seen.add(period)
        periods.append(period)
        values.append(_number(value, f"{name} line {line}"))
    if not periods:
        raise SeriesFileProblem(f"{name} has a header but no rows")
    return periods, values


def _number(text: str, where: str) -> Decimal:
    if not text:
        raise SeriesFileProblem(f"{where}: the value is blank")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise SeriesFileProblem(f"{where}: value {text!r} is not a number") from None
    if not number.is_finite():
        raise SeriesFileProblem(f"{where}: value {text!r} is not a finite number")
    return number
