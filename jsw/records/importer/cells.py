"""`BadCell`: a workbook cell that cannot be used, carrying why.

The workbook reader puts one where a cell's value is lost or unusable (an error cell, a
formula saved without its value, merged cells); reading the row then rejects it naming
the cell, if its column is one the table uses.
"""

from __future__ import annotations


class BadCell(str):
    """The cell as shown (NUL characters escaped), and the reason it cannot be used."""

    reason: str

    def __new__(cls, text: str, reason: str) -> BadCell:
        cell = super().__new__(cls, text.replace("\x00", "\\x00"))
        cell.reason = reason
        return cell
