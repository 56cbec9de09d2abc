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

from jsw.lib.safe_text import LINE_BREAKS, hidden_character

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


class MultiLineCell(str):
    """A CSV cell with line breaks in it, knowing the lines of the file it spans.

    Only such cells are of this class (the reader makes them), so the many one-line cells
    cost nothing; a one-line column refuses them naming the lines, which is where a stray
    quote that swallowed the rows after it shows.
    """

    first_line: int
    last_line: int

    def __new__(cls, text: str, first_line: int, last_line: int) -> MultiLineCell:
        cell = super().__new__(cls, text)
        cell.first_line, cell.last_line = first_line, last_line
        return cell

    def span(self) -> str:
        return (
            f"a cell spans lines {self.first_line}-{self.last_line} "
            f"(a quote opened on line {self.first_line} and not closed on it?)"
        )

    def problem(self) -> ValueProblem:
        return ValueProblem(f"has a line break, and this column holds one line: {self.span()}")


def refuse_hidden(text: str, allow: str = "") -> None:
    """ValueProblem naming the first invisible or control character of the text, if any."""
    found = hidden_character(text, allow)
    if found is not None:
        raise ValueProblem(f"contains {found}, an invisible or control character")


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
    # Ids are compared as text: a hidden character would make a different id that looks the same.
    if not text.isprintable():  # checked here, in C, for the millions of ids that are
        refuse_hidden(text)
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
    text = as_text(cell)
    code = _code_index(tuple(codes)).get(text.upper())
    # "Any case" is ASCII case: dotless i (U+0131) and long s (U+017F) upper-case to I and S.
    if code is None or not text.isascii():
        refuse_hidden(text)  # the better reason, when the code only looks right
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
    """Decimal places the value needs: 7.250 needs 2, 100.0 needs none.

    Counted on the digits, not with `normalize()`, which rounds to 28 digits and would
    find no places in 11.999999999999999999999999999999.
    """
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # parse_number never returns NaN or infinity
    places = max(0, -exponent)
    if places == 0 or not any(digits):
        return 0
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, places - trailing_zeros)


def parse_text(cell: Cell, max_length: int, multiline: bool = False) -> str:
    """Text of at most `max_length` characters; line breaks only in a `multiline` column."""
    text = as_text(cell)
    if len(text) > max_length:
        raise ValueProblem(f"longer than {max_length} characters")
    if not text.isprintable():
        refuse_hidden(text, LINE_BREAKS if multiline else "")
    return text
