"""Reading one cell of an import as one of the value kinds of records.md.

Each parser takes a cell as it arrives (a string from a CSV file; a string, number, date,
datetime or bool from a workbook) and returns the value to store, or raises `ValueProblem`
with a reason an analyst can act on. Blank cells never reach a parser: whether a blank is
allowed is the column's business (see `tables`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal

Cell = str | int | float | date | datetime | time | bool | None

ID_MAX_LENGTH = 64

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_UK_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
# A date may be followed by a time, as spreadsheets export it; only midnight is kept.
_DATE_AND_TIME = re.compile(
    r"([0-9/-]+)(?:[ T]+([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]+))?)?)?"
)
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_TRUE = frozenset({"y", "yes", "true", "1"})
_FALSE = frozenset({"n", "no", "false", "0"})


class ValueProblem(ValueError):
    """A cell that is not a valid value of its kind; the message is the reason."""


def as_text(cell: Cell) -> str:
    """The cell as the text an analyst would see, surrounding spaces trimmed."""
    if cell.__class__ is str:
        return cell.strip()
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ")
    if isinstance(cell, date | time):
        return cell.isoformat()
    return str(cell).strip()


def is_blank(cell: Cell) -> bool:
    return as_text(cell) == ""


def parse_id(cell: Cell) -> str:
    if isinstance(cell, datetime | date | time | bool):
        raise ValueProblem("not an id: a date or true/false cell")
    text = as_text(cell)
    if len(text) > ID_MAX_LENGTH:
        raise ValueProblem(f"longer than {ID_MAX_LENGTH} characters")
    return text


def parse_date(cell: Cell) -> date:
    if isinstance(cell, datetime):
        return _drop_midnight(cell.date(), cell.time())
    if isinstance(cell, date):
        return cell
    if not isinstance(cell, str):
        raise ValueProblem("not a date: expected YYYY-MM-DD or DD/MM/YYYY")
    match = _DATE_AND_TIME.fullmatch(cell.strip())
    if match is None:
        raise ValueProblem("not a date: expected YYYY-MM-DD or DD/MM/YYYY")
    day = _calendar_date(match.group(1))
    if match.group(2) is None:
        return day
    hour, minute, second, fraction = match.group(2, 3, 4, 5)
    if any(int(part or "0") != 0 for part in (hour, minute, second, fraction)):
        raise ValueProblem("has a time of day: only a date, or a date at midnight, is accepted")
    return day


def parse_date_with_format(cell: Cell, fmt: str) -> date:
    """A date written in a mapping profile's own format; any time of day in it is dropped."""
    if isinstance(cell, str):
        try:
            return datetime.strptime(cell.strip(), fmt).date()
        except ValueError:
            pass
    return parse_date(cell)


def _calendar_date(text: str) -> date:
    iso = _ISO_DATE.fullmatch(text)
    uk = _UK_DATE.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif uk:
        day, month, year = (int(part) for part in uk.groups())
    else:
        raise ValueProblem("not a date: expected YYYY-MM-DD or DD/MM/YYYY")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueProblem("not a date: no such day in the calendar") from None


def _drop_midnight(day: date, moment: time) -> date:
    if moment != time(0, 0):
        raise ValueProblem("has a time of day: only a date, or a date at midnight, is accepted")
    return day


def parse_bool(cell: Cell) -> bool:
    if isinstance(cell, bool):
        return cell
    text = as_text(cell).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem("not a yes/no value: expected Y, N, yes, no, true, false, 1 or 0")


def parse_code(cell: Cell, codes: Iterable[str]) -> str:
    """One of the listed codes, matched in any case; the listed spelling is returned."""
    code = _code_index(tuple(codes)).get(as_text(cell).upper())
    if code is None:
        raise ValueProblem(f"not one of the codes for this column ({', '.join(codes)})")
    return code


@functools.cache
def _code_index(codes: tuple[str, ...]) -> dict[str, str]:
    return {code.upper(): code for code in codes}


def parse_number(cell: Cell) -> Decimal:
    if isinstance(cell, bool | datetime | date | time):
        raise ValueProblem("not a number")
    text = as_text(cell)
    if not _NUMBER.fullmatch(text):
        raise ValueProblem(
            "not a number: digits with an optional decimal point, no sign, exponent "
            "or thousands separator"
        )
    return Decimal(text)


def decimal_places(number: Decimal) -> int:
    """Decimal places the value needs: 7.250 needs 2, 100.0 needs none."""
    exponent = number.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # parse_number never returns NaN or infinity
    return max(0, -exponent)


def integer_digits(number: Decimal) -> int:
    return len(str(int(number))) if number >= 1 else 0


def parse_text(cell: Cell, max_length: int) -> str:
    text = as_text(cell)
    if len(text) > max_length:
        raise ValueProblem(f"longer than {max_length} characters")
    return text
