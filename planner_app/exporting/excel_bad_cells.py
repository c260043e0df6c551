"""Name the cell when openpyxl cannot read a sheet.

openpyxl turns a number cell's stored text into a number as it reads a row
(``int("NaN")``), so a cell holding ``NaN``, ``inf`` or ``12abc`` where a number is
stored ends the reading with a bare ``ValueError`` ("invalid literal for int()"), which
names neither the row nor the column. When a sheet fails like that, its XML part is
scanned once for the first cell whose stored value its type cannot hold, and the user
gets the sheet, row and column in one sentence; any other failure is said in one
sentence naming the sheet.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

from planner_app.exporting.excel_limits import WorkbookError
from planner_app.i18n import _

_CELL = re.compile(rb"<(?:[\w.-]+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?c>)", re.S)
_REF = re.compile(rb'\br="([A-Za-z]{1,3})(\d{1,7})"')
_TYPE = re.compile(rb'\bt="([A-Za-z]+)"')
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v>([^<]*)</(?:[\w.-]+:)?v>")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def first_line(err: BaseException) -> str:
    """A library's message as one short clause (some span several lines)."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    text = lines[0] if lines else type(err).__name__
    return text[:200].rstrip(".:")


def _bad_value(kind: bytes, text: str) -> str | None:
    """Why a stored value does not fit its cell type (None: it does)."""
    if kind == b"n":
        if not _NUMBER.fullmatch(text.strip()):
            return _("'{value}' is not a number.").format(value=text[:40])
        if abs(float(text)) == float("inf"):
            return _("'{value}' is too large a number.").format(value=text[:40])
    elif kind == b"b" and text.strip() not in ("0", "1"):
        return _("'{value}' is not TRUE or FALSE.").format(value=text[:40])
    elif kind == b"d":
        try:
            dt.datetime.fromisoformat(text.strip())
        except ValueError:
            return _("'{value}' is not a date.").format(value=text[:40])
    return None


def bad_cell(source: Path, part: str) -> tuple[int, str, str] | None:
    """(row, column letters, why) of the first cell of a sheet part whose stored value
    its type cannot hold; None when there is none (or the part cannot be opened)."""
    try:
        with zipfile.ZipFile(source) as zf:
            data = zf.read(part.lstrip("/"))
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    for match in _CELL.finditer(data):
        attributes, body = match.group(1), match.group(2) or b""
        kind = _TYPE.search(attributes)
        value = _VALUE.search(body)
        ref = _REF.search(attributes)
        if value is None or ref is None:
            continue
        why = _bad_value(kind.group(1) if kind else b"n", value.group(1).decode("utf-8", "replace"))
        if why is not None:
            return int(ref.group(2)), ref.group(1).decode().upper(), why
    return None


def unreadable_sheet(source: Path, ws: Any, err: BaseException) -> WorkbookError:
    """The one sentence for a sheet openpyxl failed to read: the cell when it can be
    found, else the sheet and the reader's own first line."""
    name = getattr(ws, "title", str(ws))
    part = getattr(ws, "_worksheet_path", None)
    found = bad_cell(source, part) if isinstance(part, str) else None
    if found is not None:
        row, column, why = found
        where = ", ".join(
            (
                _("sheet '{sheet}'").format(sheet=name),
                _("row {row}").format(row=row),
                _("column {column}").format(column=column),
            )
        )
        return WorkbookError(
            source.name,
            _("cannot be imported, nothing was changed: {problem}").format(
                problem=f"{where}: {why}"
            ),
        )
    return WorkbookError(
        source.name,
        _("sheet '{sheet}' cannot be read ({error}).").format(sheet=name, error=first_line(err)),
    )
