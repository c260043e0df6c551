"""Stream ``SheetData`` into a write-only openpyxl workbook, styled for people.

Styles are built once per (column kind, bold, indent, quote, fallback) and copied onto
cells as style arrays, which keeps a 100,000-row export close to a bare openpyxl dump.
Text cells go through ``excel_safety``: a text that looks like a formula is a string
cell with ``quotePrefix``; only ``Formula`` values become ``<f>`` elements.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.properties import Outline, PageSetupProperties

from planner_app.exporting.excel_layout import FIRST_ROW, HEAD_ROW, KEY_ROW, Kind
from planner_app.exporting.excel_safety import Formula, plain_or_none, safe_text
from planner_app.exporting.excel_sheets import SheetData
from planner_app.exporting.report import ExportReport
from planner_app.i18n import N_, translator

LINE_HEIGHT = 15  # points
MAX_LINES = 12  # a longer text scrolls inside its cell
EXACT_DIGITS = 15
WARNING_COLOUR = "C00000"  # a spreadsheet keeps 15 significant digits
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of []:*?/\\)."""
    base = _SHEET_NAME_BAD.sub(" ", title).strip("' ")[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


class Styles:
    """Style arrays by look, made once per workbook."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.cache: dict[tuple, Any] = {}

    def get(
        self,
        number_format: str | None = None,
        *,
        wrap: bool = False,
        bold: bool = False,
        indent: int = 0,
        quote: bool = False,
        fallback: bool = False,
        header: bool = False,
    ) -> Any:
        key = (number_format, wrap, bold, indent, quote, fallback, header)
        style = self.cache.get(key)
        if style is None:
            cell = WriteOnlyCell(self.ws)
            if header:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="DDE4EE")
                cell.border = Border(bottom=Side(style="thin"))
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                if bold or fallback:
                    cell.font = Font(
                        bold=bold, italic=fallback, color="7F7F7F" if fallback else None
                    )
                cell.alignment = Alignment(wrap_text=wrap, vertical="top", indent=indent)
            if number_format:
                cell.number_format = number_format
            if quote:
                cell.quotePrefix = True
            style = self.cache[key] = cell._style
        return style


def _cell(ws: Any, value: Any, style: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws)
    cell._value = value
    cell._style = style  # shared: a write-only cell is written once and never restyled
    return cell


def write_sheet(
    wb: Workbook,
    sheet: SheetData,
    name: str,
    report: ExportReport,
    tick: Callable[[int], None],
    *,
    header_text: str = "",
    warning: str | None = None,
) -> None:
    """``warning``: a sentence every sheet carries (a fixed plan whose content differs):
    in red in the printed page header, on the head row's first cell as a comment, and
    as a red sheet tab."""
    ws = wb.create_sheet(name)
    ws.sheet_state = "hidden" if sheet.hidden else "visible"
    styles = Styles(ws)
    columns = sheet.columns
    last = get_column_letter(len(columns))
    for i, column in enumerate(columns, start=1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = column.width
        dim.hidden = column.hidden
    ws.sheet_properties.outlinePr = Outline(summaryBelow=False, summaryRight=False)
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{KEY_ROW}:{HEAD_ROW}"
    ws.oddHeader.left.text = header_text.replace("&", "&&")
    if warning:
        ws.sheet_properties.tabColor = WARNING_COLOUR
        ws.oddHeader.left.text = warning.replace("&", "&&")
        ws.oddHeader.left.font = ",Bold"
        ws.oddHeader.left.color = WARNING_COLOUR
        ws.oddHeader.center.text = header_text[:80].replace("&", "&&")
    ws.oddHeader.right.text = "&A"
    ws.oddFooter.center.text = "&P / &N"
    ws.freeze_panes = f"{get_column_letter(sheet.freeze_col + 1)}{FIRST_ROW}"
    ws.auto_filter.ref = f"A{HEAD_ROW}:{last}{FIRST_ROW - 1 + max(1, len(sheet.rows))}"

    plain = styles.get()
    ws.row_dimensions[KEY_ROW] = RowDimension(ws, index=KEY_ROW, hidden=True)
    ws.append([_text(ws, styles, c.key, plain, report, name) for c in columns])
    head = styles.get(header=True)
    labels = [_text(ws, styles, c.label, head, report, name) for c in columns]
    if warning:
        labels[0].comment = Comment(warning, "planner-app", width=320, height=80)
    ws.append(labels)

    wraps = [c.kind is Kind.I18N and c.width >= 45 for c in columns]
    wrapped = [i for i, w in enumerate(wraps) if w]
    formats = [c.number_format for c in columns]
    for r, values in enumerate(sheet.rows):
        level = sheet.levels[r] if r < len(sheet.levels) else 0
        bold = r in sheet.bold_rows
        lines = _lines(values, wrapped, columns)
        if level or lines > 1:
            row_no = FIRST_ROW + r
            ws.row_dimensions[row_no] = RowDimension(
                ws,
                index=row_no,
                outlineLevel=min(level, 7) or None,
                ht=LINE_HEIGHT * lines if lines > 1 else None,
            )
        tall = lines > 1
        cells: list[Any] = []
        for c, value in enumerate(values):
            indent = 2 * level if c in sheet.indent else 0
            if value is None:
                cells.append(None)
            elif isinstance(value, Formula):
                cell = _cell(ws, value, styles.get(formats[c], bold=bold))
                cell.data_type = "f"
                cells.append(cell)
            elif isinstance(value, str):
                fallback = (r, c) in sheet.fallback_cells
                if not (tall or bold or indent or fallback):
                    # A plain one-line text: openpyxl makes the cell (much faster).
                    cells.append(_plain_text(ws, styles, value, report, name))
                    continue
                cells.append(
                    _text(
                        ws,
                        styles,
                        value,
                        None,
                        report,
                        name,
                        wrap=wraps[c] and tall,
                        bold=bold,
                        indent=indent,
                        fallback=fallback,
                    )
                )
            elif not (tall or bold or formats[c]) and isinstance(value, int | Decimal):
                cells.append(_number(value, report, name))
            else:
                cells.append(_value(ws, styles, value, formats[c], bold, report, name))
        ws.append(cells)
        if r % 1000 == 999:
            tick(1000)
    tick(len(sheet.rows) % 1000)


def _lines(values: list[Any], wrapped: list[int], columns: list[Any]) -> int:
    """Lines the tallest wrapped text needs (spreadsheets do not grow rows on open)."""
    most = 1
    for i in wrapped:
        value = values[i]
        if isinstance(value, str) and value:
            per_line = max(1, int(columns[i].width * 1.2))
            lines = sum(1 + len(part) // per_line for part in value.split("\n"))
            most = max(most, lines)
    return min(most, MAX_LINES)


def _text(
    ws: Any,
    styles: Styles,
    value: str,
    style: Any,
    report: ExportReport,
    where: str,
    **look: Any,
) -> WriteOnlyCell:
    safe = safe_text(value)
    if safe.problem is not None:
        report.warnings.append(_problem_text(safe.problem, where, value, report.language))
    if style is None or safe.quote:
        style = styles.get(quote=safe.quote, **look)
    cell = _cell(ws, safe.text, style)
    cell.data_type = "s"  # never "f", whatever the text starts with
    return cell


def _plain_text(ws: Any, styles: Styles, value: str, report: ExportReport, where: str) -> Any:
    """A text openpyxl may turn into a cell itself (much faster than a styled cell);
    one that looks like a formula still becomes a quoted text cell."""
    if plain_or_none(value) is not None:
        return value
    safe = safe_text(value)
    if safe.quote:
        return _text(ws, styles, value, None, report, where)
    if safe.problem is not None:
        report.warnings.append(_problem_text(safe.problem, where, value, report.language))
    return safe.text


def _problem_text(problem: str, where: str, value: str, language: str) -> str:
    t = translator(language)
    if problem == "cut":
        message = N_("{where}: '{start}…' is longer than a spreadsheet cell holds (32,767); cut.")
    else:
        message = N_(
            "{where}: '{start}…' had control characters a spreadsheet cannot hold; removed."
        )
    return t(message).format(where=where, start=value[:30])


def _number(value: int | Decimal, report: ExportReport, where: str) -> int | Decimal:
    """An exact number as a cell holds it; more than 15 digits get a warning."""
    if not isinstance(value, Decimal):
        return value
    if len(value.normalize().as_tuple().digits) > EXACT_DIGITS:
        report.warnings.append(
            translator(report.language)(
                N_("{where}: {value} has more than {n} digits; spreadsheets round it.")
            ).format(where=where, value=value, n=EXACT_DIGITS)
        )
    return int(value) if value == value.to_integral_value() else value


def _value(
    ws: Any,
    styles: Styles,
    value: Any,
    number_format: str | None,
    bold: bool,
    report: ExportReport,
    where: str,
) -> WriteOnlyCell:
    if value is None:
        return _cell(ws, None, styles.get(bold=bold))
    if isinstance(value, bool):
        cell = _cell(ws, value, styles.get(bold=bold))
        cell.data_type = "b"
        return cell
    if isinstance(value, dt.date):
        cell = _cell(ws, value, styles.get("yyyy-mm-dd", bold=bold))
        cell.data_type = "d"
        return cell
    cell = _cell(ws, _number(value, report, where), styles.get(number_format, bold=bold))
    cell.data_type = "n"
    return cell
