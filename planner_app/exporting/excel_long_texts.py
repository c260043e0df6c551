"""Texts longer than a spreadsheet cell holds, kept whole through a workbook.

A cell holds 32,767 characters (UTF-16 code units, as Excel counts); the services allow
texts of 100,000. The export used to cut such a text (with a warning) and the import
stored the cut text. Now the cell keeps the text's beginning, and the rest continues on
a sheet of long texts, one row per further part: the sheet, the row's id and the
column the text belongs to, the part's number and its text. The import puts the parts
back after the beginning, so the round trip is exact.

Why a sheet of its own rather than the next cells of the row: every record sheet is a
fixed table (its columns are keys the importer reads, the budget and staffing sheets
hold formulas over them), and cells added to the right of a row would be columns no
key names, shifted by any column a person inserts; the rows of a sheet of their own
are found by id, whatever is done to the other sheets, as the images' bytes already
are (``image_data``). A person reading the workbook sees where the text goes on.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from planner_app.exporting import excel_read as cells
from planner_app.exporting.excel_layout import SHEET_TITLES, Kind
from planner_app.exporting.excel_read import CellError, PlainText, Problems, RawSheet
from planner_app.exporting.excel_safety import CELL_LIMIT, Formula, escaped
from planner_app.exporting.excel_sheets import Column, SheetData
from planner_app.i18n import N_, _

KEY = "long_texts"


def _units(text: str) -> int:
    """UTF-16 code units (what a spreadsheet counts) of the cell's stored string."""
    return len(escaped(text).encode("utf-16-le")) // 2


def split_cell_text(text: str, limit: int = CELL_LIMIT) -> list[str]:
    """``text`` in pieces whose stored strings (escapes included) hold at most ``limit``
    UTF-16 code units, never halving a character; one piece when it fits. Each piece
    is escaped and read back on its own, so a cut inside an escape-like run is safe."""
    if _units(text) <= limit:
        return [text]
    pieces, rest = [], text
    while rest:
        size = min(len(rest), limit)
        while _units(rest[:size]) > limit:  # shrink by the excess, at least one
            size -= max(1, (_units(rest[:size]) - limit) // 2)
        pieces.append(rest[:size])
        rest = rest[size:]
    return pieces


def long_texts_sheet(sheets: list[SheetData], t: Any) -> SheetData:
    """Cut every text longer than a cell in ``sheets`` to its first part, and return
    the sheet holding the other parts (empty when none is that long)."""
    out = SheetData(
        KEY,
        t(SHEET_TITLES[KEY]),
        [
            Column("sheet", t(N_("Sheet")), 16, Kind.TEXT),
            Column("row_id", t(N_("Row")), 36, Kind.REF),
            Column("column", t(N_("Column")), 16, Kind.TEXT),
            Column("part", t(N_("Part")), 6, Kind.INT),
            Column("text", t(N_("Text continued")), 90, Kind.TEXT),
        ],
    )
    for sheet in sheets:
        id_at = next((i for i, c in enumerate(sheet.columns) if c.key == "id"), None)
        if id_at is None:
            continue
        for row in sheet.rows:
            for index, value in enumerate(row):
                if (
                    not isinstance(value, str)
                    or isinstance(value, Formula)
                    or len(value) <= CELL_LIMIT // 7  # even all escapes would fit
                ):
                    continue
                pieces = split_cell_text(value)
                if len(pieces) == 1 or row[id_at] in (None, ""):
                    continue
                row[index] = pieces[0]
                key = sheet.columns[index].key
                for part, piece in enumerate(pieces[1:], start=1):
                    out.rows.append([sheet.key, str(row[id_at]), key, part, piece])
    return out


def join_long_texts(sheets: dict[str, RawSheet], problems: Problems) -> None:
    """Put each long text's parts back after its beginning, in the cell it belongs to
    (the cell's value becomes a ``PlainText``); every problem names the long texts
    sheet's row and column."""
    source = sheets.get(KEY)
    if source is None or not source.rows:
        return
    parts: dict[tuple[str, str, str], list[tuple[int, str, int]]] = defaultdict(list)
    for row in source.rows:
        try:
            sheet_key = cells.as_text(row.values.get("sheet", "")).strip()
            row_id = str(cells.as_uuid(row.values.get("row_id", "")))
            column = cells.as_text(row.values.get("column", "")).strip()
            part = cells.as_int(row.values.get("part"))
            text = cells.as_text(row.values.get("text", ""))
        except CellError as err:
            problems.add(source, row.number, None, str(err))
            continue
        parts[(sheet_key, row_id, column)].append((part, text, row.number))
    for (sheet_key, row_id, column), found in parts.items():
        found.sort()
        number = found[0][2]
        target = sheets.get(sheet_key)
        if target is None or sheet_key == KEY:
            problems.add(source, number, "sheet", _("no sheet of this workbook has this key."))
            continue
        if [p for p, _t, _n in found] != list(range(1, len(found) + 1)):
            problems.add(source, number, "part", _("the parts of this text are not 1, 2, 3, …"))
            continue
        row = _row_by_id(target, row_id)
        if row is None or column not in target.keys:
            problems.add(
                source, number, "row_id", _("no row and column of that sheet match this text.")
            )
            continue
        head = row.values.get(column, "")
        head = cells.as_text(head) if isinstance(head, str) else ""
        row.values[column] = PlainText(head + "".join(t for _p, t, _n in found))


def _row_by_id(sheet: RawSheet, row_id: str) -> Any:
    for row in sheet.rows:
        value = row.values.get("id")
        if value is not None and str(value).strip().lower() == row_id:
            return row
    return None
