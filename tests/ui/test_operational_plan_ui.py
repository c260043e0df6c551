"""In the window: File → New plan in this file… makes the operational plan of a year of
the strategic plan shown; its SDs are there, read-only, and the year's objectives are
added under them (issue 27, item 1)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from planner_app.domain.enums import ObjectiveLevel, PlanKind
from planner_app.services import objectives, plans
from planner_app.services.details import objective_detail
from planner_app.services.tree_read import load_tree_rows, walk
from planner_app.storage import PlanFile
from planner_app.ui.files.new_plan_dialog import NewPlanDialog
from planner_app.ui.main_window import MainWindow

STRATEGIC = "ibz-2025-2029"


@pytest.fixture
def ibz_window(qtbot, demo_path: Path) -> Iterator[MainWindow]:
    """The window on a writable copy of the demo, its strategic plan shown."""
    store = PlanFile.open(demo_path)
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(store, plans.find_plan(store, STRATEGIC).id)
    yield win
    win.close()


def _answer_dialog(monkeypatch, seen: dict, *, year: int, code: str = "") -> None:
    """NewPlanDialog.exec chooses an operational plan as a user would, then OK."""

    def fake_exec(dialog: NewPlanDialog) -> int:
        dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(PlanKind.OPERATIONAL.value))
        seen["strategic shown"] = dialog.form.isRowVisible(dialog.strategic_box)
        seen["chosen"] = dialog.strategic_box.currentText()
        dialog.first_year.setValue(year)
        seen["year range"] = (dialog.first_year.minimum(), dialog.first_year.maximum())
        seen["code"] = dialog.code_edit.text()
        seen["languages enabled"] = dialog.language_boxes["nl"].isEnabled()
        if code:
            dialog.code_edit.setText(code)
        dialog.accept()
        seen.setdefault("errors", []).append(dialog.error_label.text())
        return dialog.result()

    monkeypatch.setattr(NewPlanDialog, "exec", fake_exec)


def test_new_operational_plan_from_the_strategic_plan_shown(ibz_window, monkeypatch, qtbot):
    win = ibz_window
    store = win.store
    assert store is not None
    seen: dict = {}
    _answer_dialog(monkeypatch, seen, year=2026)
    win.file_actions.new_plan_here_action.trigger()
    # the strategic plan shown was offered and chosen; the year kept within its period
    assert seen["strategic shown"] and seen["chosen"].startswith(STRATEGIC)
    assert seen["year range"] == (2025, 2029)
    assert seen["code"] == "ibz-op-2026"  # suggested from the strategic plan's code and year
    assert not seen["languages enabled"]  # the strategic plan's languages
    op = plans.find_plan(store, "ibz-op-2026")
    assert op.strategic_plan_id == plans.find_plan(store, STRATEGIC).id
    assert win.plan_id == op.id  # the new plan is shown
    model = win.tree.model()
    assert win.tree_actions.model.objective_count() == 4

    # SD 1 is the strategic plan's: shown italic, nothing of it editable
    sd1 = walk(load_tree_rows(store, op.id))[0]
    assert sd1.code == "SD 1" and sd1.reference
    assert win.select_objective(sd1.id)
    tree_model = win.tree_actions.model
    index = tree_model.index_of(sd1.id, tree_model.TITLE)
    assert not tree_model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not tree_model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
    assert tree_model.data(index, Qt.ItemDataRole.FontRole).italic()
    assert "read-only" in tree_model.data(index, Qt.ItemDataRole.ToolTipRole)
    actions = win.tree_actions
    assert not actions.rename_action.isEnabled()
    assert not actions.delete_action.isEnabled()
    assert not actions.cut_action.isEnabled()
    assert actions.add_child_action.isEnabled()
    assert win.detail.title_edit.isReadOnly()
    assert "read-only" in win.detail.meta.text()
    assert model is not None

    # the year's first operational objective under SD 1, as one undoable step
    actions.add_child_action.trigger()
    win.tree.closePersistentEditor(win.tree.currentIndex())
    rows = walk(load_tree_rows(store, op.id))
    added = [n for n in rows if not n.reference]
    assert len(added) == 1 and added[0].parent_id == sd1.id
    # the IBZ strategic plan has no OD level (its werven sit under SDs); its year's plan has
    assert added[0].level is ObjectiveLevel.OPERATIONAL and added[0].code == "OD 1.1"
    assert win.select_objective(added[0].id)
    assert not win.detail.title_edit.isReadOnly()
    assert actions.rename_action.isEnabled() and actions.delete_action.isEnabled()
    actions.undo_action.trigger()
    assert [n for n in walk(load_tree_rows(store, op.id)) if not n.reference] == []
    assert objective_detail(store, sd1.id).is_reference


def test_a_year_outside_the_period_cannot_be_chosen_and_a_taken_code_is_said(
    ibz_window, monkeypatch
):
    win = ibz_window
    store = win.store
    assert store is not None
    seen: dict = {}
    _answer_dialog(monkeypatch, seen, year=2035, code="dkbuza-2025")
    win.file_actions.new_plan_here_action.trigger()
    assert "already has code dkbuza-2025" in seen["errors"][0]  # the dialog stayed open
    assert len(plans.list_plans(store)) == 2


def test_a_change_in_the_strategic_plan_reaches_the_draft(ibz_window, monkeypatch):
    win = ibz_window
    store = win.store
    assert store is not None
    _answer_dialog(monkeypatch, {}, year=2027)
    win.file_actions.new_plan_here_action.trigger()
    op = plans.find_plan(store, "ibz-op-2027")
    strategic = plans.find_plan(store, STRATEGIC)
    # from the yearly plan shown, the next one is offered from the same strategic plan
    seen: dict = {}
    _answer_dialog(monkeypatch, seen, year=2028)
    win.file_actions.new_plan_here_action.trigger()
    assert seen["chosen"].startswith(STRATEGIC) and seen["code"] == "ibz-op-2028"
    assert plans.find_plan(store, "ibz-op-2028").strategic_plan_id == strategic.id
    win.show_plan(op.id)
    assert win.plan_id == op.id
    win.show_plan(strategic.id)  # the user goes back to the strategic plan and edits it
    sd4 = next(n for n in walk(load_tree_rows(store, strategic.id)) if n.code == "SD 4")
    objectives.update_objective(store, sd4.id, title={"nl": "Wendbaar"})
    win.show_plan(op.id)
    titles = [n.title["nl"] for n in walk(load_tree_rows(store, op.id))]
    assert titles[-1] == "Wendbaar"
    shown = win.tree_actions.model
    last = shown.index(shown.rowCount() - 1, shown.TITLE)
    assert shown.data(last) == "Wendbaar"
