"""Every value kind of records.md, as a table of cells and what each becomes."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from jsw.records.importer.values import (
    ValueProblem,
    as_text,
    decimal_places,
    parse_bool,
    parse_code,
    parse_date,
    parse_date_with_format,
    parse_id,
    parse_number,
    parse_text,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("P1", "P1"),
        ("  00417  ", "00417"),  # trimmed, leading zeros kept: 00417 is not 417
        ("p1", "p1"),  # case kept: p1 and P1 are different ids
        (417, "417"),  # a numeric workbook cell
        (417.0, "417"),
        ("x" * 64, "x" * 64),
    ],
)
def test_it_reads_ids_as_trimmed_text(cell: object, expected: str) -> None:
    assert parse_id(cell) == expected  # type: ignore[arg-type]


def test_it_rejects_an_id_longer_than_64_characters() -> None:
    with pytest.raises(ValueProblem, match="longer than 64"):
        parse_id("x" * 65)


def test_it_rejects_a_date_cell_as_an_id() -> None:
    with pytest.raises(ValueProblem):
        parse_id(date(2024, 1, 1))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024-04-03", date(2024, 4, 3)),
        ("03/04/2024", date(2024, 4, 3)),  # 3 April, never 4 March
        ("3/4/2024", date(2024, 4, 3)),
        ("31/12/2023", date(2023, 12, 31)),
        ("29/02/2024", date(2024, 2, 29)),
        ("2024-04-03 00:00:00", date(2024, 4, 3)),
        ("2024-04-03 00:00", date(2024, 4, 3)),
        ("03/04/2024 00:00", date(2024, 4, 3)),
        ("2024-04-03T00:00:00", date(2024, 4, 3)),
        (" 2024-04-03 ", date(2024, 4, 3)),
        (date(2024, 4, 3), date(2024, 4, 3)),
        (datetime(2024, 4, 3, 0, 0), date(2024, 4, 3)),
    ],
)
def test_it_reads_the_accepted_date_forms(cell: object, expected: date) -> None:
    assert parse_date(cell) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "cell",
    [
        "04/13/2024",  # American: month 13
        "2024/04/03",
        "3-4-2024",
        "2024-4-3",
        "20240403",
        "3 April 2024",
        "29/02/2023",  # not a leap year
        "31/04/2024",
        "03/04/24",
        "=TODAY()",
        "",
        45000,  # a serial number is not a date cell
        time(0, 0),
    ],
)
def test_it_rejects_anything_else_as_a_date(cell: object) -> None:
    with pytest.raises(ValueProblem, match="not a date"):
        parse_date(cell)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "cell", ["2024-04-03 09:30", "2024-04-03 00:00:01", "03/04/2024 12:00", datetime(2024, 4, 3, 9)]
)
def test_it_rejects_a_time_of_day_other_than_midnight_saying_so(cell: object) -> None:
    with pytest.raises(ValueProblem, match="time of day"):
        parse_date(cell)  # type: ignore[arg-type]


def test_a_profile_date_format_drops_its_time_and_still_accepts_the_contract_forms() -> None:
    assert parse_date_with_format("03/04/2024 09:30", "%d/%m/%Y %H:%M") == date(2024, 4, 3)
    assert parse_date_with_format("2024-04-03", "%d/%m/%Y %H:%M") == date(2024, 4, 3)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Y", True),
        ("n", False),
        ("Yes", True),
        ("NO", False),
        ("true", True),
        ("FALSE", False),
        ("1", True),
        ("0", False),
        (True, True),
        (0, False),
    ],
)
def test_it_reads_yes_and_no_in_any_case(cell: object, expected: bool) -> None:
    assert parse_bool(cell) is expected  # type: ignore[arg-type]


@pytest.mark.parametrize("cell", ["maybe", "2", "T", "ja"])
def test_it_rejects_other_yes_no_words(cell: str) -> None:
    with pytest.raises(ValueProblem):
        parse_bool(cell)


def test_it_reads_codes_in_any_case_and_stores_the_listed_spelling() -> None:
    assert parse_code(" revoked_other_sentence ", ("FINE", "REVOKED_OTHER_SENTENCE")) == (
        "REVOKED_OTHER_SENTENCE"
    )


def test_it_rejects_a_code_not_listed_and_names_the_codes() -> None:
    with pytest.raises(ValueProblem, match=r"\(F, M, X, U\)"):
        parse_code("female", ("F", "M", "X", "U"))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("12", Decimal(12)),
        ("7.25", Decimal("7.25")),
        ("100.0", Decimal(100)),
        (" 0 ", Decimal(0)),
        (417, Decimal(417)),
        (100.0, Decimal(100)),  # a float cell holding a whole number
        (7.25, Decimal("7.25")),
    ],
)
def test_it_reads_plain_numbers(cell: object, expected: Decimal) -> None:
    assert parse_number(cell) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "cell", ["-1", "+1", "1e3", "1,000", ".5", "5.", "12 hours", "NaN", "=1+1", 1e-7, True]
)
def test_it_rejects_signs_exponents_separators_and_words_as_numbers(cell: object) -> None:
    with pytest.raises(ValueProblem, match="not a number"):
        parse_number(cell)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "places"), [("7.250", 2), ("100.0", 0), ("0.125", 3), ("12", 0)])
def test_decimal_places_count_what_the_value_needs(text: str, places: int) -> None:
    assert decimal_places(Decimal(text)) == places


def test_text_keeps_a_formula_as_text_and_limits_its_length() -> None:
    assert parse_text("=HYPERLINK(x)", 100) == "=HYPERLINK(x)"
    with pytest.raises(ValueProblem, match="longer than 100"):
        parse_text("x" * 101, 100)


def test_workbook_cells_read_as_the_text_an_analyst_sees() -> None:
    assert as_text(None) == ""
    assert as_text(100.0) == "100"
    assert as_text(datetime(2024, 4, 3)) == "2024-04-03 00:00:00"


@pytest.mark.parametrize("cell", ["٢٠٢٤-٠٤-٠٣", "\uff12\uff10\uff12\uff14-04-03"])
def test_it_accepts_only_ascii_digits_in_dates(cell: str) -> None:
    with pytest.raises(ValueProblem):
        parse_date(cell)


def test_it_accepts_only_ascii_digits_in_numbers() -> None:
    with pytest.raises(ValueProblem):
        parse_number("١٢")
