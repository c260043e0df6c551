"""User text in a spreadsheet cell is data, never a formula (OWASP CSV injection).

A text that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return is written as
a string cell with ``quotePrefix`` set, so Excel and LibreOffice show it as typed and
never evaluate it. Characters that the XML of a workbook cannot hold are removed (the
services refuse them, so only a hand-edited file has any) and the export says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CELL_LIMIT = 32_767  # characters a spreadsheet cell holds


class Formula(str):
    """A formula the export itself writes (``=SUM(…)``); any other ``str`` is text."""

    __slots__ = ()


@dataclass(frozen=True)
class SafeText:
    text: str
    quote: bool  # written with quotePrefix: it would otherwise read as a formula
    problem: str | None  # "removed" (bad characters) or "cut" (over the cell limit)


def safe_text(value: str) -> SafeText:
    problem = None
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        problem = "removed"
    if len(value) > CELL_LIMIT:
        value = value[:CELL_LIMIT]
        problem = "cut"
    return SafeText(value, value.startswith(FORMULA_STARTS), problem)
