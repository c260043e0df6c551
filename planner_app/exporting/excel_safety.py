"""User text in a spreadsheet cell is data, never a formula (OWASP CSV injection).

A text that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return is written as
a string cell with ``quotePrefix`` set, so Excel and LibreOffice show it as typed and
never evaluate it. Characters that the XML of a workbook cannot hold are removed (the
services refuse them, so only a hand-edited file has any) and the export says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CELL_LIMIT = 32_767  # characters a spreadsheet cell holds
# XML turns a carriage return into a line feed when it is read; OOXML writes it as
# _x000D_ and escapes a literal "_xHHHH_" as "_x005F_xHHHH_" (ECMA-376 ST_Xstring).
_ESCAPED = re.compile(r"_x[0-9A-Fa-f]{4}_")
_CODE = re.compile(r"_x([0-9A-Fa-f]{4})_")


class Formula(str):
    """A formula the export itself writes (``=SUM(…)``); any other ``str`` is text."""

    __slots__ = ()


@dataclass(frozen=True)
class SafeText:
    text: str
    quote: bool  # written with quotePrefix: it would otherwise read as a formula
    problem: str | None  # "removed" (bad characters) or "cut" (over the cell limit)


# Any of: a formula start, a character the XML cannot hold, "_x" or over the limit.
_NEEDS_CARE = re.compile(
    rf"^[=+\-@\t\r]|{ILLEGAL_CHARACTERS_RE.pattern}|\r|_x|^.{{{CELL_LIMIT + 1}}}",
    re.DOTALL,
)


def plain_or_none(value: str) -> str | None:
    """``value`` itself when it needs none of ``safe_text``'s care, else None: the one
    regular-expression test an export spends on most of its hundreds of thousands of
    texts."""
    return None if _NEEDS_CARE.search(value) else value


def safe_text(value: str) -> SafeText:
    problem = None
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        problem = "removed"
    stored = escaped(value)
    if len(stored) > CELL_LIMIT:  # the stored string is what a cell (and openpyxl) limits
        value = value[:CELL_LIMIT]
        while len(stored := escaped(value)) > CELL_LIMIT:
            value = value[: len(value) - max(1, (len(stored) - CELL_LIMIT) // 7)]
        problem = "cut"
    quote = value.startswith(FORMULA_STARTS)
    return SafeText(stored, quote, problem)


def escaped(value: str) -> str:
    """The cell's stored string: a carriage return and a literal ``_xHHHH_`` escaped."""
    if "\r" in value or "_x" in value:
        return _ESCAPED.sub(lambda m: "_x005F" + m.group(), value).replace("\r", "_x000D_")
    return value


def unescape(text: str) -> str:
    """The text a person typed, from a cell's stored string (see ``_ESCAPED``)."""
    if "_x" not in text:
        return text
    return _CODE.sub(lambda m: chr(int(m.group(1), 16)), text)
