"""Text from the data, made safe to compare, print and hand to a spreadsheet.

Case records come from other systems and can carry characters nobody sees: zero-width
spaces and bidirectional overrides make two ids that look the same differ, terminal escape
sequences rewrite what a terminal shows, and a cell starting with `=` is a formula when a
spreadsheet opens a CSV file. These helpers find such characters, show them escaped and
neutralise formulas; they never change ordinary text.
"""

from __future__ import annotations

import unicodedata

# Control (Cc), format (Cf: zero-width, bidirectional controls), surrogate (Cs), line and
# paragraph separators (Zl, Zp): invisible, or they change how the text around them shows.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

# Control characters have no name in the Unicode database, only aliases.
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x09: "CHARACTER TABULATION",
    0x0A: "LINE FEED",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
    0x9B: "CONTROL SEQUENCE INTRODUCER",
}

# What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

LINE_BREAKS = "\r\n"


def is_hidden(char: str) -> bool:
    return unicodedata.category(char) in HIDDEN_CATEGORIES


def describe_character(char: str) -> str:
    """`U+200B ZERO WIDTH SPACE`: the code point and its name, for a message."""
    code = ord(char)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, "") or "a control character"
    return f"U+{code:04X} {name}"


def hidden_character(text: str, allow: str = "") -> str | None:
    """The first hidden character of `text` that `allow` does not list, described; or None."""
    if text.isprintable():  # the common case: no hidden character at all, checked in C
        return None
    for char in text:
        if char not in allow and is_hidden(char):
            return describe_character(char)
    return None


def for_terminal(text: str, keep: str = "") -> str:
    """The text with every hidden character (except those in `keep`) shown escaped (`\\x1b`)."""
    if text.isprintable():
        return text
    return "".join(char if char in keep or not is_hidden(char) else _escaped(char) for char in text)


def _escaped(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def for_spreadsheet(text: str) -> str:
    """A text cell a spreadsheet will show as text: a leading formula character is quoted."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def shorten(text: str, limit: int = 80) -> str:
    """At most `limit` characters of the text, saying how long it was when cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"
