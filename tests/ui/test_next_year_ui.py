"""Plan → Next year's plan in the window (issue 27, item 2): from the strategic plan its
first yearly plan, from that one the next, with what was carried shown and printable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog, QMessageBox

from planner_app.domain.enums import ObjectiveLevel
from planner_app.services import details, objectives, plans
from planner_app.services.tree_read import load_tree_rows, walk
from planner_app.storage import PlanFile
from planner_app.ui.main_window import MainWindow
from planner_app.ui.plan.carry_dialog import CarryDialog

STRATEGIC = "ibz-2025-2029"


@pytest.fixture
def ibz_window(qtbot, demo_path: Path) -> Iterator[MainWindow]:
    store = PlanFile.open(demo_path)
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(store, plans.find_plan(store, STRATEGIC).id)
    yield win
    win.close()


@pytest.fixture
def yes(monkeypatch) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_from_the_strategic_plan_then_from_the_yearly_plan(ibz_window, yes, monkeypatch):
    win = ibz_window
    store = win.store
    assert store is not None
    shown: list[CarryDialog] = []
    printed: list[bool] = []
    monkeypatch.setattr(CarryDialog, "exec", lambda d: shown.append(d) or 0)
    monkeypatch.setattr(QPrintDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    actions = win.plan_actions
    assert actions.next_year_action.isEnabled()  # on a strategic plan too
    actions.next_year_action.trigger()
    first = plans.plan_info(store, win.plan_id)
    assert (first.code, first.first_year) == ("ibz-op-2025", 2025)
    assert "strategic plan" in yes[0]
    # the year's work under SD 1: a werf with a milestone not done, one done
    sd1 = walk(load_tree_rows(store, first.id))[0]
    werf = objectives.add_objective(
        store,
        first.id,
        level=ObjectiveLevel.INITIATIVE,
        title="Brandweerhervorming",
        parent_id=sd1.id,
    ).ids[0]
    details.add_milestone(store, werf, text="Wetsontwerp", period="Q4 2025")
    done = objectives.add_objective(
        store, first.id, level=ObjectiveLevel.INITIATIVE, title="Afgerond", parent_id=sd1.id
    ).ids[0]
    objectives.update_objective(store, done, status="done")
    win.reload_plans(first.id)
    actions.next_year_action.trigger()
    second = plans.plan_info(store, win.plan_id)
    assert (second.code, second.first_year) == ("ibz-op-2026", 2026)
    text = shown[-1].browser.toPlainText()
    assert "Brandweerhervorming" in text and "1 milestone to re-plan" in text
    assert "Left behind: done (1)" in text and "Afgerond" in text
    printed.append(shown[-1].print_report())
    assert printed == [False]  # the print dialog was cancelled: nothing printed
    # the carried milestone is in 2026 and marked; the editor shows the column
    node = next(
        n for n in walk(load_tree_rows(store, second.id)) if n.title["nl"] == "Brandweerhervorming"
    )
    assert win.select_objective(node.id)
    (milestone,) = details.objective_detail(store, node.id).milestones
    assert (milestone.period, milestone.replan) == ("Q4 2026", True)
    table = win.detail.milestone_table
    assert not table.view.isColumnHidden(win.detail.milestones.REPLAN)
