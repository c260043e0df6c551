"""Issue 26 in the objective editor, as a planning officer uses it: a 2027 target typed
into the indicator's years (one undo step), a target in words marked done, a milestone
overdue today, and an SD whose initiatives are all done showing it in its roll-up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from planner_app.domain.enums import Status, ValueKind
from planner_app.services import details, objectives, reference
from planner_app.services.progress_rule import IndicatorStatus
from planner_app.ui.objectives.indicators import IndicatorTableModel
from planner_app.ui.objectives.milestones import MilestoneTableModel
from planner_app.ui.objectives.objective_editor import ObjectiveEditor

pytestmark = pytest.mark.usefixtures("tree")

TODAY = dt.date(2026, 2, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(reference, "today", lambda: TODAY)
    for module in (
        "planner_app.ui.objectives.indicators",
        "planner_app.ui.objectives.milestones",
        "planner_app.ui.objectives.rollup_label",
        "planner_app.ui.objectives.indicator_detail",
    ):
        monkeypatch.setattr(f"{module}.today", lambda: TODAY)


@pytest.fixture
def editor(qtbot, document, tree):
    widget = ObjectiveEditor()
    qtbot.addWidget(widget)
    widget.resize(800, 1200)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_document(document)
    return widget


def _indicator(editor):
    return details.objective_detail(editor._document.store, editor._objective_id).indicators[0]


def test_a_2027_target_typed_in_the_window_is_one_undo_step(qtbot, editor, document, tree):
    store = document.store
    ind = details.add_indicator(store, tree["sd1"], name="Aandeel").ids[0]
    editor.show_objective(tree["sd1"])
    years = editor.indicator_detail.years
    assert editor.indicator_detail.isVisible() and 2027 in years.years
    assert max(years.years) == 2035  # ten years after the plan's period (2025)
    count = document.undo_stack.count()
    assert years.setData(years.cell(2027, ValueKind.TARGET), "5,5")
    values = details.objective_detail(store, tree["sd1"]).indicators[0].values
    assert values == {(2027, ValueKind.TARGET): Decimal("5.5")}
    assert document.undo_stack.count() == count + 1
    assert years.data(years.cell(2027, ValueKind.TARGET)) == "5,5"
    document.undo_stack.undo()
    assert details.objective_detail(store, tree["sd1"]).indicators[0].values == {}
    assert years.data(years.cell(2027, ValueKind.TARGET)) == ""
    # a figure that is not one exact number is refused, naming the cell
    assert not years.setData(years.cell(2027, ValueKind.TARGET), "5,5,5")
    assert ind


def test_the_missed_example_and_a_text_target_marked_done(qtbot, editor, document, tree):
    store = document.store
    ind = details.add_indicator(store, tree["sd1"], name="Aandeel").ids[0]
    for kind, value in (("baseline", "4.2"), ("target", "5.0"), ("actual", "4.5")):
        details.set_indicator_value(store, ind, year=2025, kind=kind, value=value)
    words = details.add_indicator(store, tree["sd1"], name="Procedure").ids[0]
    details.update_indicator(store, words, target_text={"nl": "Goedgekeurd"})
    editor.show_objective(tree["sd1"])
    model = editor.indicators
    status = [model.index(r, IndicatorTableModel.STATUS) for r in range(2)]
    assert status[0].data(IndicatorTableModel.StatusRole) == IndicatorStatus.MISSED
    assert status[0].data() == "✖ missed"  # a shape and a word, never colour alone
    assert status[1].data(IndicatorTableModel.StatusRole) == IndicatorStatus.OPEN
    editor.indicator_table.view.setCurrentIndex(model.index(1, 0))
    detail = editor.indicator_detail
    assert detail.indicator.id == words
    detail.target_done.setChecked(True)
    assert status[1].data(IndicatorTableModel.StatusRole) == IndicatorStatus.DONE
    assert document.undo_stack.undoText() == "Mark target done"
    document.undo_stack.undo()
    assert not detail.target_done.isChecked()
    assert status[1].data(IndicatorTableModel.StatusRole) == IndicatorStatus.OPEN


def test_an_overdue_milestone_and_the_roll_up_of_an_sd(qtbot, editor, document, tree):
    store = document.store
    for key in ("i1", "i2"):
        objectives.update_objective(store, tree[key], status=Status.DONE)
    details.add_milestone(store, tree["sd1"], text="Nota", period="Q3 2025")
    editor.show_objective(tree["sd1"])
    qtbot.waitUntil(lambda: bool(editor.rollup_label.text()))
    milestones = editor.milestones
    due = milestones.index(0, MilestoneTableModel.PERIOD)
    assert due.data(MilestoneTableModel.OverdueRole) is True
    assert due.data() == "Q3 2025 · overdue"
    assert "Initiatives: 2 done" in editor.rollup_label.text()
    assert editor.rollup_label.text().startswith("▲")  # delayed: the milestone is overdue
    # marking it done turns the roll-up to done; the SD's own status stays the person's
    assert milestones.setData(
        milestones.index(0, MilestoneTableModel.DONE),
        Qt.CheckState.Checked,
        Qt.ItemDataRole.CheckStateRole,
    )
    qtbot.waitUntil(lambda: editor.rollup_label.text().startswith("✔"))
    assert due.data(MilestoneTableModel.OverdueRole) is False
    assert details.objective_detail(store, tree["sd1"]).status is Status.NOT_STARTED


def test_an_initiative_shows_no_progress_from_below(qtbot, editor, document, tree):
    details.add_milestone(document.store, tree["i1"], text="Nota", period="Q3 2025")
    editor.show_objective(tree["od11"])
    qtbot.waitUntil(lambda: bool(editor.rollup_label.text()))
    editor.show_objective(tree["i1"])  # its milestones are in view already
    qtbot.waitUntil(lambda: not editor.rollup_label.text())
    assert not editor.form.isRowVisible(editor.rollup_label)


def test_a_plan_that_reports_quarterly_takes_an_actual_per_quarter(qtbot, editor, document, tree):
    from planner_app.services import plans
    from planner_app.ui.plan.commands import UpdatePlanCommand

    store = document.store
    ind = details.add_indicator(store, tree["sd1"], name="Bezoeken").ids[0]
    details.set_indicator_value(store, ind, year=2025, kind="baseline", value="0")
    details.set_indicator_value(store, ind, year=2025, kind="target", value="100")
    editor.show_objective(tree["sd1"])
    years = editor.indicator_detail.years
    assert years.columnCount() == 4  # year, baseline, target, actual
    assert document.run(UpdatePlanCommand(document, "reports_quarterly", True, merge_key=None))
    assert plans.plan_info(store, document.plan_id).reports_quarterly
    assert years.columnCount() == 8
    assert years.headerData(7, Qt.Orientation.Horizontal) == "Actual Q4"
    assert years.setData(years.cell(2025, 2), "40")
    (info,) = details.objective_detail(store, tree["sd1"]).indicators
    assert info.quarters == {(2025, 2): Decimal("40")}
    # 40 by the end of June, the line reaching 100 at the end of the year: behind
    assert info.assessment(dt.date(2025, 6, 30)).status is IndicatorStatus.BEHIND
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert not plans.plan_info(store, document.plan_id).reports_quarterly
    assert years.columnCount() == 4
