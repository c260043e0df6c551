"""Read the sheets of a checked workbook into keyed rows, and turn cells into values.

openpyxl reads in ``read_only`` mode with caps on rows and columns; every problem is
collected with its sheet, row and column so the user gets the whole list at once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from planner_app.domain.labels import LABELS
from planner_app.exporting.excel_bad_cells import first_line, unreadable_sheet
from planner_app.exporting.excel_layout import (
    COMPUTED_PREFIX,
    FIRST_ROW,
    FORMAT,
    KEY_ROW,
    META_SHEET,
    OPTIONAL_SHEETS,
    ROW_KIND,
    SHEET_ORDER,
    TOTAL,
)
from planner_app.exporting.excel_limits import MAX_ROWS, WorkbookError
from planner_app.exporting.excel_safety import unescape
from planner_app.i18n import UI_LANGUAGES, _, translator

MAX_COLS = 1_000
MAX_PROBLEMS = 50


@dataclass
class RawRow:
    number: int  # the sheet's row number
    values: dict[str, Any]
    formulas: set[str] = field(default_factory=set)


@dataclass
class RawSheet:
    key: str
    name: str
    keys: list[str]
    rows: list[RawRow]
    computed_columns: list[int] = field(default_factory=list)  # formulas, never data

    def letter(self, key: str) -> str:
        return get_column_letter(self.keys.index(key) + 1) if key in self.keys else "?"


class Problems:
    """Problems found so far, each naming sheet, row and column."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.items: list[str] = []

    def add(self, sheet: RawSheet | str, row: int | None, key: str | None, reason: str) -> None:
        name = sheet.name if isinstance(sheet, RawSheet) else sheet
        where = _("sheet '{sheet}'").format(sheet=name)
        if row is not None:
            where += ", " + _("row {row}").format(row=row)
        if key is not None and isinstance(sheet, RawSheet):
            where += ", " + _("column {column}").format(column=sheet.letter(key))
        self.items.append(f"{where}: {reason}")
        if len(self.items) >= MAX_PROBLEMS:
            self.raise_if_any()

    def raise_if_any(self) -> None:
        if len(self.items) == 1:  # one sentence: where, and what is wrong
            raise WorkbookError(
                self.source.name,
                _("cannot be imported, nothing was changed: {problem}").format(
                    problem=self.items[0]
                ),
                self.items,
            )
        if self.items:
            shown = self.items[:MAX_PROBLEMS]
            raise WorkbookError(
                self.source.name,
                _("cannot be imported ({n} problem(s); nothing was changed):").format(
                    n=len(self.items)
                )
                + "\n  "
                + "\n  ".join(shown),
                self.items,
            )


def read_workbook(path: Path, problems: Problems) -> tuple[dict[str, RawSheet], dict[str, str]]:
    """Every sheet the hidden ``_planner`` sheet lists, as keyed rows."""
    try:
        wb = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except WorkbookError:
        raise
    except Exception as err:  # openpyxl raises many kinds for a damaged part
        raise WorkbookError(
            path.name, _("cannot be read as a workbook ({error}).").format(error=first_line(err))
        ) from None
    try:
        if META_SHEET not in wb.sheetnames:
            raise WorkbookError(
                path.name, _("was not exported by this app (its '_planner' sheet is missing).")
            )
        meta = {
            str(row[0]): str(row[1])
            for row in wb[META_SHEET].iter_rows(max_row=200, max_col=2, values_only=True)
            if row and row[0] is not None and len(row) > 1 and row[1] is not None
        }
        if meta.get("format") != FORMAT:
            raise WorkbookError(path.name, _("has a workbook format this version cannot read."))
        if meta.get("parts"):
            raise WorkbookError(
                path.name,
                _(
                    "holds only part of a plan ({parts}); export the whole plan to import it."
                ).format(parts=meta["parts"]),
            )
        sheets: dict[str, RawSheet] = {}
        for key in SHEET_ORDER:
            name = meta.get(f"sheet:{key}", key)
            if name not in wb.sheetnames:
                if key in OPTIONAL_SHEETS:  # a workbook of an earlier release
                    sheets[key] = RawSheet(key, name, [], [])
                    continue
                problems.add(name, None, None, _("the sheet is missing."))
                continue
            try:
                sheets[key] = _read_sheet(wb[name], key, name, problems)
            except WorkbookError:
                raise
            except Exception as err:  # a part openpyxl cannot parse, met while reading
                raise unreadable_sheet(path, wb[name], err) from None
        return sheets, meta
    finally:
        wb.close()


def _read_sheet(ws: Any, key: str, name: str, problems: Problems) -> RawSheet:
    header = next(ws.iter_rows(min_row=KEY_ROW, max_row=KEY_ROW, max_col=MAX_COLS), ())
    keys = [str(c.value) if c.value is not None else "" for c in header]
    while keys and not keys[-1]:
        keys.pop()
    sheet = RawSheet(key, name, keys, [])
    sheet.computed_columns = [i for i, k in enumerate(keys) if k.startswith(COMPUTED_PREFIX)]
    kind_at = keys.index(ROW_KIND) if ROW_KIND in keys else None
    # Rows are padded to max_col: read only as wide as the key row.
    rows = ws.iter_rows(min_row=FIRST_ROW, max_col=max(1, len(keys)))
    for number, cells in enumerate(rows, start=FIRST_ROW):
        if number - FIRST_ROW >= MAX_ROWS:
            problems.add(name, number, None, _("more than {n} rows: too many.").format(n=MAX_ROWS))
            problems.raise_if_any()
        if kind_at is not None and kind_at < len(cells) and cells[kind_at].value == TOTAL:
            _check_computed(sheet, number, cells, range(len(keys)), problems)
            continue  # the export's own total row: nothing in it is data
        _check_computed(sheet, number, cells, sheet.computed_columns, problems)
        values: dict[str, Any] = {}
        formulas: set[str] = set()
        for index, cell in enumerate(cells[: len(keys)]):
            value = cell.value
            if value is None or value == "":
                continue
            column = keys[index]
            if not column:
                continue
            values[column] = value
            if cell.data_type == "f":
                formulas.add(column)
        if values:
            sheet.rows.append(RawRow(number, values, formulas))
    return sheet


def _check_computed(
    sheet: RawSheet, number: int, cells: Any, columns: Any, problems: Problems
) -> None:
    """A number typed where the export wrote a formula (a total row, planned − as-is)
    would be dropped, since the app computes those cells itself: refuse it, so what
    the user typed is never lost without a word."""
    for index in columns:
        if index >= len(cells):
            break
        cell, key = cells[index], sheet.keys[index]
        if ":" not in key or cell.value in (None, "") or cell.data_type == "f":
            continue
        problems.add(
            sheet,
            number,
            key,
            _(
                "this cell is computed from others (a total or a difference); "
                "type the figure on the rows or columns it is computed from."
            ),
        )


# --- cell values ---------------------------------------------------------------------


class CellError(Exception):
    """A cell's value does not fit its column; the message says why."""


class PlainText(str):
    """A cell text already put together from its parts and unescaped (a long text,
    ``excel_long_texts``): ``as_text`` must not unescape it a second time."""

    __slots__ = ()


def as_text(value: Any) -> str:
    if isinstance(value, PlainText):
        return str(value)
    if isinstance(value, str):
        return unescape(value)
    if isinstance(value, bool):
        raise CellError(_("expected text, found TRUE/FALSE."))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f") if value == value else ""
    if isinstance(value, dt.datetime | dt.date):
        raise CellError(_("expected text, found a date."))
    return str(value)


def as_decimal(value: Any) -> Decimal:
    """An exact decimal from a number cell (a float read back through its shortest
    repr, which is exact for the 15 digits a spreadsheet keeps)."""
    if isinstance(value, bool):
        raise CellError(_("expected a number, found TRUE/FALSE."))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError(_("expected a number, found {value}.").format(value=value))
        return Decimal(repr(value))
    if isinstance(value, str):
        raise CellError(_("expected a number, found text '{text}'.").format(text=value[:40]))
    raise CellError(_("expected a number."))


INT_LIMIT = 10**15  # a spreadsheet keeps 15 digits; SQLite's integers end at 2**63


def as_int(value: Any) -> int:
    number = as_decimal(value)
    if number != number.to_integral_value():
        raise CellError(_("expected a whole number, found {value}.").format(value=value))
    if abs(number) >= INT_LIMIT:
        raise CellError(
            _("expected a whole number of at most 15 digits, found {value}.").format(value=value)
        )
    return int(number)


def key_year(text: str) -> int:
    """The year in a pivot column's key (``amt:2025:INI:VL``); ``ValueError`` when the
    key was edited into something else."""
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise ValueError(text)
    return int(text)


# LibreOffice saves a boolean cell as a formula, ``=FALSE()`` or ``=TRUE()``; these two
# exact texts (any case) are the booleans they name. Nothing is evaluated: any other
# formula in a data cell is still refused.
_BOOLEAN_FORMULAS = {"=false()": False, "=true()": True}


def boolean_formula(value: Any) -> bool | None:
    """``True``/``False`` for LibreOffice's ``=TRUE()``/``=FALSE()``, else ``None``."""
    return _BOOLEAN_FORMULAS.get(value.casefold()) if isinstance(value, str) else None


def as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise CellError(_("expected TRUE or FALSE."))


def as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CellError(_("expected a date."))


def as_uuid(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value).strip())
    except ValueError:
        raise CellError(_("'{value}' is not an id.").format(value=str(value)[:40])) from None


_ENUM_CACHE: dict[type[Enum], dict[str, Enum]] = {}


def as_enum(enum: type[Enum], value: Any) -> Enum:
    """A stored value, or its label in any of the app's languages."""
    names = _ENUM_CACHE.get(enum)
    if names is None:
        names = {}
        for member in enum:
            names[str(member.value).casefold()] = member
            english = LABELS.get(member.value, member.value)
            for lang in UI_LANGUAGES:
                names.setdefault(translator(lang)(english).casefold(), member)
        _ENUM_CACHE[enum] = names
    member = names.get(as_text(value).strip().casefold())
    if member is None:
        raise CellError(_("'{value}' is not one of the choices.").format(value=str(value)[:40]))
    return member
