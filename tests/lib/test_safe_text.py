"""Hidden characters found and named, shown escaped, formulas neutralised, long text cut."""

from __future__ import annotations

import pytest

from jsw.lib.safe_text import (
    describe_character,
    for_spreadsheet,
    for_terminal,
    hidden_character,
    shorten,
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("P1", None),
        ("North and East", None),  # ordinary spaces are text
        ("Café 東京", None),
        ("P\u00a01", None),  # a no-break space is visible as a space
        ("P1\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u202eP1", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("P\u20681", "U+2068 FIRST STRONG ISOLATE"),
        ("P\t1", "U+0009 CHARACTER TABULATION"),
        ("P\n1", "U+000A LINE FEED"),
        ("P\x1b[31m", "U+001B ESCAPE"),
        ("P\u20281", "U+2028 LINE SEPARATOR"),
        ("P\u20291", "U+2029 PARAGRAPH SEPARATOR"),
        ("\ufeffP1", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("P\x011", "U+0001 a control character"),
    ],
)
def test_hidden_characters_are_found_and_named(text: str, found: str | None) -> None:
    assert hidden_character(text) == found


def test_allowed_characters_are_passed_over_but_not_others() -> None:
    assert hidden_character("line one\r\nline two", allow="\r\n") is None
    assert hidden_character("line one\r\n\tindented", allow="\r\n") == describe_character("\t")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("North", "North"),
        ("\x1b[2J\x1b[31mNorth", "\\x1b[2J\\x1b[31mNorth"),
        ("a\u202eb", "a\\u202eb"),
        ("a\nb", "a\\x0ab"),
        ("Café\u00a0東京", "Café\u00a0東京"),
    ],
)
def test_control_characters_are_shown_escaped_on_a_terminal(text: str, shown: str) -> None:
    assert for_terminal(text) == shown


def test_kept_characters_stay_as_they_are_on_a_terminal() -> None:
    assert for_terminal("a\nb\x1b", keep="\n") == "a\nb\\x1b"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("North = East", "North = East"),
        ("18-25", "18-25"),
        ("", ""),
    ],
)
def test_text_that_a_spreadsheet_would_run_as_a_formula_is_quoted(text: str, cell: str) -> None:
    assert for_spreadsheet(text) == cell


def test_long_text_is_cut_saying_its_length_and_short_text_is_kept() -> None:
    assert shorten("x" * 80, 80) == "x" * 80
    assert shorten("x" * 20_000_000, 80) == "x" * 80 + "… (20,000,000 characters)"
