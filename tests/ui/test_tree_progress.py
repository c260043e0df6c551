"""Issue 26 in the objective tree, as a planning officer follows up a plan: an SD whose
initiatives are all done says so in its progress from below, beside its own status
(never changed by it); a milestone overdue today is marked on its objective's row, by
a shape and words; undo takes both back. A large plan reads its progress off the GUI
thread."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from planner_app.domain.enums import Status
from planner_app.i18n import set_language
from planner_app.services import details, objectives
from planner_app.ui.objectives import tree_progress
from planner_app.ui.objectives.detail_commands import AddMilestoneCommand, UpdateMilestoneCommand
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel as Model

TODAY = dt.date(2026, 2, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(tree_progress, "today", lambda: TODAY)


def _cell(window, objective_id, column, role=Qt.ItemDataRole.DisplayRole):
    return window.tree.tree_model.index_of(objective_id, column).data(role)


def _verdict(window, objective_id):
    return _cell(window, objective_id, Model.CODE, Model.RollUpRole)


def _settled(qtbot, window):
    qtbot.waitUntil(lambda: not window.tree.tree_model.progress.pending)


def test_an_sd_whose_initiatives_are_all_done_shows_it_beside_its_own_status(qtbot, window, tree):
    model = window.tree.tree_model
    _settled(qtbot, window)
    assert _cell(window, tree["sd1"], Model.PROGRESS) == "0/2"
    assert _verdict(window, tree["sd1"]) == Status.NOT_STARTED
    assert _cell(window, tree["i1"], Model.PROGRESS) == ""  # an initiative has its own
    assert _verdict(window, tree["i1"]) is None
    assert not window.tree.isColumnHidden(Model.PROGRESS)
    for key in ("i1", "i2"):  # as the user does it: the status column, in place
        assert model.setData(model.index_of(tree[key], Model.STATUS), Status.DONE.value)
    _settled(qtbot, window)
    assert _verdict(window, tree["sd1"]) == Status.DONE
    assert _verdict(window, tree["sd1"]) == Status.DONE
    assert _cell(window, tree["od11"], Model.PROGRESS) == "2/2"
    assert _verdict(window, tree["od11"]) == Status.DONE
    assert _cell(window, tree["sd1"], Model.PROGRESS, Qt.ItemDataRole.DecorationRole) is not None
    tip = _cell(window, tree["sd1"], Model.PROGRESS, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Progress from below, today: Done")
    assert "Initiatives: 2 done" in tip
    # the SD's own status is the person's: still not started
    assert _cell(window, tree["sd1"], Model.STATUS) == "Not started"
    assert details.objective_detail(window.document.store, tree["sd1"]).status is (
        Status.NOT_STARTED
    )
    spoken = _cell(window, tree["sd1"], Model.CODE, Qt.ItemDataRole.AccessibleTextRole)
    assert "progress from below Done, 2/2" in spoken
    window.document.undo_stack.undo()
    _settled(qtbot, window)
    assert _cell(window, tree["sd1"], Model.PROGRESS) == "1/2"
    assert _verdict(window, tree["sd1"]) == Status.ON_SCHEDULE


def test_a_milestone_overdue_today_is_marked_on_its_row_until_done(qtbot, window, tree):
    document = window.document
    command = AddMilestoneCommand(document, tree["i1"], text="Nota", due="Q3 2025")
    assert document.run(command)
    _settled(qtbot, window)
    assert _cell(window, tree["i1"], Model.MILESTONES) == "0/1 · 1 overdue"
    icon = _cell(window, tree["i1"], Model.MILESTONES, Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()  # a shape beside the words
    tip = _cell(window, tree["i1"], Model.MILESTONES, Qt.ItemDataRole.ToolTipRole)
    assert "1 milestone overdue, due by 30 Sept 2025" in tip
    assert "1 overdue" in _cell(window, tree["i1"], Model.CODE, Qt.ItemDataRole.AccessibleTextRole)
    # it rolls up: the OD and SD above it are delayed, the other SD is not
    assert _verdict(window, tree["sd1"]) == Status.DELAYED
    assert _verdict(window, tree["od11"]) == Status.DELAYED
    assert _verdict(window, tree["sd2"]) is None
    done = UpdateMilestoneCommand(
        document, tree["i1"], command.milestone_id, "done", True, merge_key=None
    )
    assert document.run(done)
    _settled(qtbot, window)
    assert _cell(window, tree["i1"], Model.MILESTONES) == "1/1"
    assert _cell(window, tree["i1"], Model.MILESTONES, Qt.ItemDataRole.DecorationRole) is None
    assert _verdict(window, tree["sd1"]) == Status.ON_SCHEDULE  # a milestone done: begun
    document.undo_stack.undo()
    _settled(qtbot, window)
    assert _cell(window, tree["i1"], Model.MILESTONES) == "0/1 · 1 overdue"


def test_the_marks_speak_dutch_and_french(qtbot, window, tree):
    details.add_milestone(window.document.store, tree["i1"], text="Nota", period="Q3 2025")
    try:
        for lang, late, progress in (
            ("nl", "0/1 · 1 achterstallig", "Vertraging / aandacht nodig"),
            ("fr", "0/1 · 1 en retard", "Retard / attention"),
        ):
            set_language(lang)
            window.tree.tree_model.reload()
            _settled(qtbot, window)
            assert _cell(window, tree["i1"], Model.MILESTONES) == late
            tip = _cell(window, tree["sd1"], Model.PROGRESS, Qt.ItemDataRole.ToolTipRole)
            assert progress in tip.splitlines()[0]
    finally:
        set_language("en")


def test_a_large_plan_reads_its_progress_on_a_worker_thread(qtbot, window, tree, monkeypatch):
    monkeypatch.setattr(tree_progress, "THREAD_ABOVE", 0)
    progress = window.tree.tree_model.progress
    objectives.update_objective(window.document.store, tree["i1"], status=Status.DONE)
    window.tree.tree_model.reload()
    assert progress.pending
    qtbot.waitUntil(lambda: not progress.pending)
    assert _verdict(window, tree["sd1"]) == Status.ON_SCHEDULE
    # a read asked for while another runs: only the last one's result is shown
    objectives.update_objective(window.document.store, tree["i2"], status=Status.DONE)
    progress.schedule(window.document.store, window.document.plan_id)
    progress.schedule(window.document.store, window.document.plan_id)
    qtbot.waitUntil(lambda: not progress.pending)
    assert _verdict(window, tree["sd1"]) == Status.DONE
