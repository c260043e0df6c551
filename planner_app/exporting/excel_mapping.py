"""Import a simple budget or staffing sheet into the current plan, with a column mapping.

Administrations keep their own sheets ("code, 2025 VL, 2025 VE"). The user says which
column holds the line code (or unit code and statute) and what each value column is;
``preview_sheet`` shows the first rows for that step. Every cell is checked first, then
the amounts go through ``budget_amounts.set_amount`` / ``staffing.set_staffing`` inside one
transaction, so one bad cell changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string
from sqlalchemy import select

from planner_app.domain import BudgetLine, OrgUnit
from planner_app.domain.enums import Scenario, Statute
from planner_app.errors import ValidationError
from planner_app.exporting import excel_read as cells
from planner_app.exporting.excel_bad_cells import first_line, unreadable_sheet
from planner_app.exporting.excel_limits import WorkbookError, check_workbook_file
from planner_app.exporting.excel_read import (
    MAX_COLS,
    MAX_ROWS,
    CellError,
    Problems,
    RawRow,
    RawSheet,
)
from planner_app.i18n import _
from planner_app.services import (
    budget_amounts,
    budget_read,
    staffing,
)
from planner_app.storage import PlanFile


@dataclass(frozen=True)
class AmountColumn:
    column: str  # "C"
    year: int
    stage: str  # "INI"
    credit_type: str  # "VL"


@dataclass(frozen=True)
class BudgetMapping:
    code_column: str
    columns: tuple[AmountColumn, ...]
    sheet: str | None = None  # None: the first sheet
    first_row: int = 2


@dataclass(frozen=True)
class FigureColumn:
    column: str
    year: int
    scenario: Scenario
    what: str  # "fte" or "headcount"


@dataclass(frozen=True)
class StaffingMapping:
    unit_column: str  # unit code
    statute_column: str  # M, S or C
    columns: tuple[FigureColumn, ...]
    sheet: str | None = None
    first_row: int = 2


def _open(source: Path, *, data_only: bool) -> Any:
    """The checked workbook, read-only; a part openpyxl cannot read is one sentence."""
    check_workbook_file(source)
    try:
        return load_workbook(source, read_only=True, data_only=data_only)
    except Exception as err:  # openpyxl raises many kinds for a damaged part
        raise WorkbookError(
            source.name,
            _("cannot be read as a workbook ({error}).").format(error=first_line(err)),
        ) from None


def _sheet(wb: Any, source: Path, sheet: str | None) -> Any:
    try:
        return wb[sheet] if sheet else wb.worksheets[0]
    except (KeyError, IndexError):
        raise WorkbookError(
            source.name,
            _("sheet '{sheet}'").format(sheet=sheet or "1") + ": " + _("the sheet is missing."),
        ) from None


def sheet_names(source: Path) -> list[str]:
    """The workbook's sheet names, for choosing the sheet in the mapping step."""
    wb = _open(source, data_only=True)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def preview_sheet(source: Path, sheet: str | None = None, rows: int = 8) -> list[list[Any]]:
    """The first ``rows`` rows of a sheet, for the column-mapping step."""
    wb = _open(source, data_only=True)
    try:
        ws = _sheet(wb, source, sheet)
        try:
            table = [list(r) for r in ws.iter_rows(max_row=rows, max_col=50, values_only=True)]
        except Exception as err:  # a part openpyxl cannot parse
            raise unreadable_sheet(source, ws, err) from None
    finally:
        wb.close()
    width = max((i + 1 for r in table for i, v in enumerate(r) if v not in (None, "")), default=0)
    return [r[:width] + [None] * (width - len(r)) for r in table]


def _rows(source: Path, sheet: str | None, first_row: int, letters: list[str]) -> RawSheet:
    wb = _open(source, data_only=False)
    try:
        ws = _sheet(wb, source, sheet)
        name = ws.title
        index = {letter: column_index_from_string(letter) - 1 for letter in letters}
        width = min(max(index.values()) + 1, MAX_COLS)
        out = RawSheet("mapped", name, [], [])
        out.keys = [""] * width
        for letter, i in index.items():
            out.keys[i] = letter
        try:
            return _read_rows(ws, out, index, first_row, width, source)
        except WorkbookError:
            raise
        except Exception as err:  # a part openpyxl cannot parse
            raise unreadable_sheet(source, ws, err) from None
    finally:
        wb.close()


def _read_rows(
    ws: Any, out: RawSheet, index: dict[str, int], first_row: int, width: int, source: Path
) -> RawSheet:
    for number, row in enumerate(ws.iter_rows(min_row=first_row, max_col=width), first_row):
        if number - first_row >= MAX_ROWS:
            raise WorkbookError(source.name, _("more than {n} rows: too many.").format(n=MAX_ROWS))
        values: dict[str, Any] = {}
        formulas: set[str] = set()
        for letter, i in index.items():
            if i < len(row) and row[i].value not in (None, ""):
                values[letter] = row[i].value
                if row[i].data_type == "f":
                    formulas.add(letter)
        if values:
            out.rows.append(RawRow(number, values, formulas))
    return out


def _value(problems: Problems, sheet: RawSheet, row: RawRow, letter: str, convert: Callable) -> Any:
    if letter in row.formulas:
        problems.add(sheet, row.number, letter, _("a formula is not accepted here."))
        return None
    if letter not in row.values:
        return None
    try:
        return convert(row.values[letter])
    except CellError as err:
        problems.add(sheet, row.number, letter, str(err))
        return None


class _TrialRollbackError(Exception):
    """Raised to roll back the trial run of ``_check``."""


def _check(store: PlanFile, problems: Problems, sheet: RawSheet, items: list, write) -> list:
    """Every sheet problem, then every refusal of the services (each named by row and
    column), found by writing the cells in a transaction that is always rolled back.
    Raises ``WorkbookError`` listing them all; returns the cells when there are none."""
    try:
        with store.transaction():
            for number, letter, cell in items:
                try:
                    write(store, [cell])
                except ValidationError as err:
                    problems.add(sheet, number, letter, str(err))
            raise _TrialRollbackError
    except _TrialRollbackError:
        pass
    problems.raise_if_any()
    return [cell for _number, _letter, cell in items]


def import_budget_sheet(
    store: PlanFile, plan_id: uuid.UUID, source: Path, mapping: BudgetMapping, *, dry_run=False
) -> int:
    """Set the mapped kEUR amounts of leaf lines found by code in one transaction;
    returns cells set (or that would be, with ``dry_run``)."""
    cells_ = budget_sheet_cells(store, plan_id, source, mapping)
    if not dry_run:
        budget_amounts.set_amounts(store, cells_)
    return len(cells_)


def _line_keys(store: PlanFile, plan_id: uuid.UUID) -> dict[str, set[uuid.UUID]]:
    """Budget lines by code and by title in every language (case-folded): sheets name
    lines either way. A code wins over a title that happens to read the same."""
    by_code: dict[str, set[uuid.UUID]] = {}
    by_title: dict[str, set[uuid.UUID]] = {}
    with store.read() as s:
        for line in s.scalars(
            select(BudgetLine).where(BudgetLine.plan_id == plan_id, BudgetLine.deleted.is_(False))
        ):
            if line.code:
                by_code.setdefault(line.code.strip().casefold(), set()).add(line.id)
            for text in dict(line.title or {}).values():
                if text and text.strip():
                    by_title.setdefault(text.strip().casefold(), set()).add(line.id)
    return {**by_title, **by_code}


def budget_sheet_cells(
    store: PlanFile, plan_id: uuid.UUID, source: Path, mapping: BudgetMapping
) -> list[budget_amounts.AmountCell]:
    """The amounts the mapped sheet would write, checked: every problem (sheet, row,
    column), including the services' refusals, raises one ``WorkbookError``. The GUI
    writes the result as one undo step."""
    letters = [mapping.code_column, *(c.column for c in mapping.columns)]
    sheet = _rows(Path(source), mapping.sheet, mapping.first_row, letters)
    problems = Problems(Path(source))
    lines = _line_keys(store, plan_id)
    calls = []
    for row in sheet.rows:
        code = _value(problems, sheet, row, mapping.code_column, cells.as_text)
        if code is None:
            continue
        found = lines.get(code.strip().casefold(), set())
        if len(found) != 1:
            reason = (
                _("no budget line has this code or title.")
                if not found
                else _("several budget lines have this title; give the line a code.")
            )
            problems.add(sheet, row.number, mapping.code_column, reason)
            continue
        (line_id,) = found
        for column in mapping.columns:
            amount = _value(problems, sheet, row, column.column, cells.as_decimal)
            if amount is None:
                continue
            key = budget_read.BudgetColumn(column.year, column.stage, column.credit_type)
            calls.append(
                (row.number, column.column, budget_amounts.AmountCell(line_id, key, amount))
            )
    return _check(store, problems, sheet, calls, budget_amounts.set_amounts)


def import_staffing_sheet(
    store: PlanFile, plan_id: uuid.UUID, source: Path, mapping: StaffingMapping, *, dry_run=False
) -> int:
    """Set the mapped FTE and headcounts of units found by code in one transaction;
    returns cells set (or that would be, with ``dry_run``)."""
    cells_ = staffing_sheet_cells(store, plan_id, source, mapping)
    if not dry_run:
        staffing.set_figures(store, cells_)
    return len(cells_)


def staffing_sheet_cells(
    store: PlanFile, plan_id: uuid.UUID, source: Path, mapping: StaffingMapping
) -> list[staffing.StaffingCell]:
    """The figures the mapped sheet would write, checked like ``budget_sheet_cells``."""
    letters = [mapping.unit_column, mapping.statute_column, *(c.column for c in mapping.columns)]
    sheet = _rows(Path(source), mapping.sheet, mapping.first_row, letters)
    problems = Problems(Path(source))
    with store.read() as s:
        unit_ids = {
            u.code: u.id
            for u in s.scalars(
                select(OrgUnit).where(OrgUnit.plan_id == plan_id, OrgUnit.deleted.is_(False))
            )
            if u.code
        }
    calls = []
    for row in sheet.rows:
        code = _value(problems, sheet, row, mapping.unit_column, cells.as_text)
        statute = _value(
            problems, sheet, row, mapping.statute_column, lambda v: cells.as_enum(Statute, v)
        )
        if code is None or statute is None:
            continue
        unit_id = unit_ids.get(code.strip())
        if unit_id is None:
            problems.add(sheet, row.number, mapping.unit_column, _("no unit has this code."))
            continue
        for column in mapping.columns:
            convert = cells.as_decimal if column.what == "fte" else cells.as_int
            value = _value(problems, sheet, row, column.column, convert)
            if value is None:
                continue
            cell = staffing.StaffingCell(
                unit_id, statute, column.year, column.scenario, column.what, value
            )
            calls.append((row.number, column.column, cell))
    return _check(store, problems, sheet, calls, staffing.set_figures)
