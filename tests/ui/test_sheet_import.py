"""File → Import → Budget or staffing sheet…: preview, column mapping, every problem
listed in the dialog, and the import as one undo step."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from planner_app.domain.enums import Scenario, Statute
from planner_app.services import (
    budget_read,
    plans,
    staffing,
    units,
)
from planner_app.storage import PlanFile
from planner_app.ui.files import excel_actions
from planner_app.ui.files.sheet_import_dialog import (
    AMOUNT,
    CODE,
    FTE,
    STATUTE,
    UNIT,
    SheetImportDialog,
)
from planner_app.ui.main_window import MainWindow
from tests.conftest import write_sheet

COLUMN = budget_read.BudgetColumn(2026, "INI", "VE")


@pytest.fixture
def window(qtbot, demo_path: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    store = PlanFile.open(demo_path)
    win.set_plan_file(store)
    win.reload_plans(show=plans.find_plan(store, "ibz-2025-2029").id)
    yield win
    win.close()


def _line(window: MainWindow, title: str):
    totals = budget_read.budget_totals(window.store, window.plan_id)
    return next(line for line in totals.lines if line.title.get("nl") == title)


def _drive(monkeypatch, steps) -> list[SheetImportDialog]:
    """Replace the dialog's exec with ``steps(dialog)``; keep the dialogs for asserts."""
    seen: list[SheetImportDialog] = []

    def run(dialog: SheetImportDialog):
        seen.append(dialog)
        steps(dialog)
        return dialog.result()

    monkeypatch.setattr(SheetImportDialog, "exec", run)
    return seen


def test_budget_sheet_by_title_is_one_undo_step(window, tmp_path, monkeypatch):
    window.excel_actions.update_actions()
    assert window.excel_actions.sheet_action.isEnabled()
    source = write_sheet(
        tmp_path / "b.xlsx", [["Lijn", "Opmerking", "2026 INI VE"], ["Detacheringen", "x", 1234.5]]
    )
    line = _line(window, "Detacheringen")
    before = budget_read.budget_totals(window.store, window.plan_id).of(line.id, COLUMN)

    def steps(dialog: SheetImportDialog) -> None:
        assert dialog.preview.item(1, 0).text() == "Detacheringen"
        # the header "2026 INI VE" was recognised; the title column is chosen by hand
        assert dialog.mapping.cellWidget(2, 1).currentData() == AMOUNT
        assert dialog.mapping.cellWidget(2, 2).currentData() == 2026
        dialog.set_role(0, CODE)
        dialog.check_and_accept()

    seen = _drive(monkeypatch, steps)
    assert window.excel_actions.import_sheet(source)
    assert seen[0].result() == QDialog.DialogCode.Accepted
    totals = budget_read.budget_totals(window.store, window.plan_id)
    assert totals.of(line.id, COLUMN) == Decimal("1234.5")
    stack = window.document.undo_stack
    assert stack.undoText() == "Import sheet b.xlsx"
    stack.undo()
    assert budget_read.budget_totals(window.store, window.plan_id).of(line.id, COLUMN) == before


def test_problems_are_listed_and_nothing_changes(window, tmp_path, monkeypatch):
    source = write_sheet(
        tmp_path / "b.xlsx",
        [
            ["Lijn", "2026 INI VE"],
            ["Detacheringen", 5],
            ["Onbekend", 1],
            ["Statutair", 2],
            ["Detacheringen", "x"],
        ],
    )
    before = budget_read.budget_totals(window.store, window.plan_id).grand_total

    def steps(dialog: SheetImportDialog) -> None:
        dialog.check_and_accept()  # no code column chosen yet
        assert (
            "Choose the column that holds the Line code or title" in dialog.problems.toPlainText()
        )
        dialog.set_role(0, CODE)
        dialog.check_and_accept()
        text = dialog.problems.toPlainText()
        assert "row 3, column A: no budget line has this code or title" in text
        assert "row 4, column A: several budget lines have this title" in text
        assert "row 5, column B: expected a number" in text
        dialog.reject()

    _drive(monkeypatch, steps)
    assert not window.excel_actions.import_sheet(source)
    assert budget_read.budget_totals(window.store, window.plan_id).grand_total == before
    assert window.document.undo_stack.count() == 0


def test_staffing_sheet_sets_figures_in_one_undo_step(window, tmp_path, monkeypatch):
    unit = next(u for u in units.load_units(window.store, window.plan_id) if u.code)
    source = write_sheet(
        tmp_path / "s.xlsx", [["Eenheid", "Statuut", "VTE"], [unit.code, "C", 12.5]]
    )
    key = staffing.StaffingKey(Scenario.PLANNED, 2027)

    def steps(dialog: SheetImportDialog) -> None:
        dialog.kind_combo.setCurrentIndex(1)
        dialog.set_role(0, UNIT)
        dialog.set_role(1, STATUTE)
        dialog.set_role(2, FTE, year=2027, third=Scenario.PLANNED)
        dialog.check_and_accept()

    _drive(monkeypatch, steps)
    before = staffing.staffing_totals(window.store, window.plan_id).unit(
        unit.id, key, Statute.CONTRACTUAL
    )
    assert window.excel_actions.import_sheet(source)
    after = staffing.staffing_totals(window.store, window.plan_id).unit(
        unit.id, key, Statute.CONTRACTUAL
    )
    assert after.fte == Decimal("12.5")
    window.document.undo_stack.undo()
    assert (
        staffing.staffing_totals(window.store, window.plan_id).unit(
            unit.id, key, Statute.CONTRACTUAL
        )
        == before
    )


def test_a_bad_file_is_one_message(window, tmp_path, monkeypatch):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    shown: list[str] = []
    monkeypatch.setattr(excel_actions, "show_error", lambda _w, text: shown.append(text))
    assert not window.excel_actions.import_sheet(bad)
    assert shown and "bad.xlsx" in shown[0]
