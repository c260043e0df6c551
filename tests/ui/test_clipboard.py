"""Cut, copy and paste of objectives through the window's actions: each paste reaches
the file (checked through services) and undo/redo round-trips it exactly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from planner_app.domain.enums import ObjectiveLevel
from planner_app.services import plans, tree_read
from planner_app.services.fingerprint import current_fingerprint
from planner_app.services.integrity import check_file
from planner_app.storage import PlanFile
from planner_app.ui.main_window import MainWindow
from tests.conftest import tree_shape


def shape(store, plan_id) -> list[tuple]:
    return tree_shape(store, plan_id, ("code", "level", "title", "parent"))


def state(win: MainWindow, plan_id=None):
    assert win.store is not None and win.plan_id is not None
    plan_id = plan_id or win.plan_id
    return shape(win.store, plan_id), current_fingerprint(win.store, plan_id)


def check_round_trip(win: MainWindow, before, after, plan_id=None) -> None:
    assert after != before
    win.tree_actions.undo_action.trigger()
    assert state(win, plan_id) == before
    win.tree_actions.redo_action.trigger()
    assert state(win, plan_id) == after


def titles(win: MainWindow) -> list[tuple[str, str]]:
    return [(code, title) for code, _level, title, _p in state(win)[0]]


def test_paste_is_disabled_until_something_is_copied(window: MainWindow, tree):
    actions = window.tree_actions
    window.select_objective(tree["i1"])
    assert actions.copy_action.isEnabled() and actions.cut_action.isEnabled()
    assert not actions.paste_action.isEnabled()
    assert actions.copy()
    assert actions.paste_action.isEnabled()
    assert QGuiApplication.clipboard().text() == "1.1.1 Init 1"
    keys = {a.shortcut().toString() for a in (actions.cut_action, actions.copy_action)}
    assert keys == {"Ctrl+X", "Ctrl+C"}
    assert actions.paste_action.shortcut().toString() == "Ctrl+V"


def test_copy_and_paste_under_the_current_row_round_trips(window: MainWindow, tree):
    actions = window.tree_actions
    before = state(window)
    window.select_objective(tree["od11"])
    actions.copy_action.trigger()
    window.select_objective(tree["sd2"])  # an OD fits under an SD: as its child
    actions.paste_action.trigger()
    after = state(window)
    assert titles(window)[5:] == [("OD 2.1", "OD"), ("2.1.1", "Init 1"), ("2.1.2", "Init 2")]
    assert window.tree.current_node().code.endswith("2.1")  # the copy is selected
    assert actions.undo_action.text() == "Undo Paste objective"
    check_round_trip(window, before, after)
    assert check_file(window.store) == []


def test_paste_goes_after_the_row_when_it_cannot_be_a_child(window: MainWindow, tree):
    window.select_objective(tree["i1"])
    window.tree_actions.copy()
    window.select_objective(tree["i1"])  # an initiative under an initiative: no
    new_id = window.tree_actions.paste()
    assert new_id is not None
    # the copy is a new objective: the next free code, never one already printed
    assert titles(window)[2:5] == [("1.1.1", "Init 1"), ("1.1.3", "Init 1"), ("1.1.2", "Init 2")]
    window.select_objective(tree["od11"])
    window.tree_actions.copy()
    window.tree.clear_current()  # nothing current: the top level, where no OD goes
    window.tree_actions.update_actions()
    assert not window.tree_actions.paste_action.isEnabled()


def test_cut_and_paste_within_a_plan_moves_and_round_trips(window: MainWindow, tree):
    actions = window.tree_actions
    before = state(window)
    window.select_objective(tree["od11"])
    actions.cut_action.trigger()
    window.select_objective(tree["sd2"])
    assert actions.paste() == tree["od11"]  # the same objective, moved
    after = state(window)
    assert titles(window) == [  # moved, not copied: every code stays
        ("SD 1", "Eerste SD"),
        ("SD 2", "Tweede SD"),
        ("OD 1.1", "OD"),
        ("1.1.1", "Init 1"),
        ("1.1.2", "Init 2"),
    ]
    assert not actions.paste_action.isEnabled()  # a cut pastes once
    check_round_trip(window, before, after)


def test_cut_and_paste_down_among_its_siblings(window: MainWindow, tree):
    window.select_objective(tree["i1"])
    window.tree_actions.cut()
    window.select_objective(tree["i2"])
    window.tree_actions.paste()
    assert titles(window)[2:4] == [("1.1.2", "Init 2"), ("1.1.1", "Init 1")]


def test_read_only_plan_disables_cut_and_paste(window: MainWindow, tree):
    window.select_objective(tree["i1"])
    window.tree_actions.copy()
    assert window.store is not None
    plans.make_final(window.store, window.plan_id)
    window.reload_plans()
    window.select_objective(tree["i1"])
    actions = window.tree_actions
    assert actions.copy_action.isEnabled()
    assert not actions.cut_action.isEnabled()
    assert not actions.paste_action.isEnabled()


@pytest.fixture
def demo_window(qtbot, demo_path: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(PlanFile.open(demo_path))
    yield win
    win.close()


def _plan(win: MainWindow, code: str):
    assert win.store is not None
    return plans.find_plan(win.store, code).id


def _first_sd_with_children(win: MainWindow, plan_id):
    """IBZ's first SD and its "werven" (initiatives directly under it): DKBUZA's levels
    take them (its own ODs would not fit IBZ, which has no operational level)."""
    assert win.store is not None
    nodes = tree_read.load_tree(win.store, plan_id)
    return next(
        n
        for n in nodes
        if n.level is ObjectiveLevel.STRATEGIC and any(c.parent_id == n.id for c in nodes)
    )


def test_copy_and_paste_between_the_demo_plans(demo_window: MainWindow):
    win = demo_window
    assert win.store is not None
    source, target = _plan(win, "ibz-2025-2029"), _plan(win, "dkbuza-2025")
    win.show_plan(source)
    od = _first_sd_with_children(win, source)
    source_before = shape(win.store, source)
    win.select_objective(od.id)
    win.tree_actions.copy_action.trigger()
    win.show_plan(target)
    sd = next(n for n in tree_read.load_tree(win.store, target) if n.parent_id is None)
    win.select_objective(sd.id)
    before = state(win)
    assert win.tree_actions.paste_action.isEnabled()
    new_id = win.tree_actions.paste()
    assert new_id is not None
    after = state(win)
    pasted = [n for n in tree_read.load_tree(win.store, target) if n.id == new_id]
    assert pasted[0].title == od.title and pasted[0].parent_id is None  # after the SD
    assert pasted[0].code == "SD 6"  # the next free code in DKBUZA
    assert pasted[0].lead_unit_id is None  # units belong to the other plan
    check_round_trip(win, before, after)
    assert shape(win.store, source) == source_before
    assert check_file(win.store) == []


def test_cut_in_another_plan_moves_it_here_and_undo_puts_it_back(demo_window: MainWindow):
    win = demo_window
    assert win.store is not None
    source, target = _plan(win, "ibz-2025-2029"), _plan(win, "dkbuza-2025")
    win.show_plan(source)
    od = _first_sd_with_children(win, source)
    source_before = shape(win.store, source)
    moved_titles = [n.title for n in tree_read.load_tree(win.store, source) if n.parent_id == od.id]
    win.select_objective(od.id)
    win.tree_actions.cut()
    win.show_plan(target)
    sd = next(n for n in tree_read.load_tree(win.store, target) if n.parent_id is None)
    win.select_objective(sd.id)
    before = state(win)
    new_id = win.tree_actions.paste()
    assert new_id is not None and not win.tree_actions.paste_action.isEnabled()
    after = state(win)
    nodes = tree_read.load_tree(win.store, target)
    assert [n.title for n in nodes if n.parent_id == new_id] == moved_titles
    assert [n.code for n in nodes if n.parent_id == new_id][:2] == ["6.1", "6.2"]
    assert od.id not in {n.id for n in tree_read.load_tree(win.store, source)}  # gone there
    win.tree_actions.undo_action.trigger()
    assert state(win) == before and shape(win.store, source) == source_before
    win.tree_actions.redo_action.trigger()
    assert state(win) == after
    assert od.id not in {n.id for n in tree_read.load_tree(win.store, source)}
    assert check_file(win.store) == []
