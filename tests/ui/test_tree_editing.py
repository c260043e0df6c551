"""Editing the objective tree through the window's actions: each edit reaches the file
(checked through services) and undo/redo round-trips it exactly."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from planner_app.domain.enums import ObjectiveLevel
from planner_app.services import objectives
from planner_app.services.details import objective_detail
from planner_app.services.fingerprint import current_fingerprint
from planner_app.ui.main_window import MainWindow
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel as Model
from tests.conftest import tree_shape


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """QMessageBox.question says Yes and records its text."""
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def shape(store, plan_id) -> list[tuple]:
    return tree_shape(store, plan_id, ("code", "level", "title", "parent"))


def state(win: MainWindow):
    assert win.store is not None and win.plan_id is not None
    return shape(win.store, win.plan_id), current_fingerprint(win.store, win.plan_id)


def check_round_trip(win: MainWindow, before, after) -> None:
    """The edit changed the file; undo restores ``before`` exactly, redo ``after``."""
    assert after != before
    assert win.tree_actions.undo_action.isEnabled()
    win.tree_actions.undo_action.trigger()
    assert state(win) == before
    win.tree_actions.redo_action.trigger()
    assert state(win) == after


def codes(win: MainWindow) -> list[str]:
    return [code for code, *_rest in state(win)[0]]


def test_undo_and_redo_actions_name_the_step(window: MainWindow, tree):
    window.select_objective(tree["od11"])
    window.tree_actions.add_child_action.trigger()
    window.tree.closePersistentEditor(window.tree.currentIndex())
    assert window.tree_actions.undo_action.text() == "Undo Add objective"
    window.tree_actions.undo_action.trigger()
    assert window.tree_actions.redo_action.text() == "Redo Add objective"
    keys = [k.toString() for k in window.tree_actions.redo_action.shortcuts()]
    assert "Ctrl+Y" in keys and "Ctrl+Shift+Z" in keys


def test_add_child_gets_a_default_title_and_round_trips(window: MainWindow, tree):
    before = state(window)
    window.select_objective(tree["od11"])
    new_id = window.tree_actions.add_child()
    assert new_id is not None
    after = state(window)
    # titled with the level's name as the plan calls it, in the plan's language
    assert ("1.1.3", "initiative", "Initiatief", tree["od11"]) in after[0]
    assert window.tree.current_objective_id() == new_id
    assert window.tree.state() == window.tree.State.EditingState  # straight into rename
    check_round_trip(window, before, after)


def test_add_sibling_round_trips(window: MainWindow, tree):
    before = state(window)
    window.select_objective(tree["sd1"])
    assert window.tree_actions.add_sibling() is not None
    after = state(window)
    assert [c for c, *_r in after[0] if c.startswith("SD")] == ["SD 1", "SD 3", "SD 2"]
    assert after[0][4][:3] == ("SD 3", "strategic", "Strategische doelstelling")
    check_round_trip(window, before, after)


def test_rename_through_set_data_keeps_other_languages(window: MainWindow, tree):
    assert window.store is not None
    objectives.update_objective(window.store, tree["i1"], title={"fr": "Init un"})
    before = state(window)
    model = window.tree.tree_model
    index = model.index_of(tree["i1"], Model.TITLE)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "Renamed")
    assert model.index_of(tree["i1"], Model.TITLE).data() == "Renamed"
    assert objective_detail(window.store, tree["i1"]).title == {"nl": "Renamed", "fr": "Init un"}
    check_round_trip(window, before, state(window))
    assert objective_detail(window.store, tree["i1"]).title["fr"] == "Init un"


@pytest.mark.parametrize(
    ("action", "key", "expected"),
    [
        # codes move with their objectives: nothing is renumbered
        ("move_up", "i2", ["SD 1", "OD 1.1", "1.1.2", "1.1.1", "SD 2"]),
        ("move_down", "i1", ["SD 1", "OD 1.1", "1.1.2", "1.1.1", "SD 2"]),
        ("move_down", "sd1", ["SD 2", "SD 1", "OD 1.1", "1.1.1", "1.1.2"]),
    ],
)
def test_moves_round_trip(window: MainWindow, tree, action, key, expected):
    before = state(window)
    window.select_objective(tree[key])
    getattr(window.tree_actions, f"{action}_action").trigger()
    after = state(window)
    assert codes(window) == expected
    assert window.tree.current_objective_id() == tree[key]
    check_round_trip(window, before, after)


def test_move_up_is_disabled_on_the_first_sibling(window: MainWindow, tree):
    window.select_objective(tree["i1"])
    assert not window.tree_actions.move_up_action.isEnabled()
    assert window.tree_actions.move_down_action.isEnabled()
    assert not window.tree_actions.indent_action.isEnabled()  # no previous sibling


def test_indent_and_outdent_keep_the_level_rules(window: MainWindow, tree):
    assert window.store is not None and window.plan_id is not None
    store, plan_id = window.store, window.plan_id
    # an initiative directly under SD 1, after OD 1.1
    werf = objectives.add_objective(
        store, plan_id, level=ObjectiveLevel.INITIATIVE, title="Werf", parent_id=tree["sd1"]
    ).id
    window.tree.tree_model.reload()
    window.select_objective(werf)
    assert not window.tree_actions.outdent_action.isEnabled()  # no initiative at the top
    before = state(window)
    window.tree_actions.indent_action.trigger()
    after = state(window)
    assert ("1.2", "initiative", "Werf", tree["od11"]) in after[0]  # its code stays
    check_round_trip(window, before, after)
    # and out again: right after OD 1.1, directly under SD 1
    window.select_objective(werf)
    window.tree_actions.outdent_action.trigger()
    assert ("1.2", "initiative", "Werf", tree["sd1"]) in state(window)[0]
    # an OD cannot be indented under an initiative nor outdented to the top
    window.select_objective(tree["od11"])
    assert not window.tree_actions.indent_action.isEnabled()
    assert not window.tree_actions.outdent_action.isEnabled()


def test_tab_indents_from_the_keyboard(window: MainWindow, tree, qtbot):
    assert window.store is not None and window.plan_id is not None
    werf = objectives.add_objective(
        window.store,
        window.plan_id,
        level=ObjectiveLevel.INITIATIVE,
        title="Werf",
        parent_id=tree["sd1"],
    ).id
    window.tree.tree_model.reload()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tree.setFocus()
    window.select_objective(werf)
    qtbot.keyClick(window.tree, Qt.Key.Key_Tab)
    assert objective_detail(window.store, werf).parent_id == tree["od11"]


def test_delete_asks_naming_the_objective_and_round_trips(window: MainWindow, tree, answers):
    before = state(window)
    window.select_objective(tree["od11"])
    window.tree_actions.delete_action.trigger()
    assert "OD 1.1" in answers[0] and "2 sub-objectives" in answers[0]
    after = state(window)
    assert codes(window) == ["SD 1", "SD 2"]
    check_round_trip(window, before, after)


def test_delete_answered_no_changes_nothing(window: MainWindow, tree, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    before = state(window)
    window.select_objective(tree["i1"])
    assert not window.tree_actions.delete()
    assert state(window) == before
    assert not window.tree_actions.undo_action.isEnabled()


def test_context_menu_offers_the_tree_edits(window: MainWindow, tree):
    window.select_objective(tree["i1"])
    menu = window.tree_actions.context_menu()
    texts = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    assert texts == [
        "Add child",
        "Add sibling",
        "Rename",
        "Status",
        "Indent",
        "Outdent",
        "Delete…",
        "History of the objective…",  # the change log of this objective (issue 32)
    ]
    assert not menu.actions()[0].isEnabled()  # an initiative has no children


def test_a_reset_keeps_expansion_and_the_current_row(window: MainWindow, tree):
    view = window.tree
    view.collapse(view.view_index(tree["sd1"]))
    window.select_objective(tree["sd2"])
    window.select_objective(tree["sd2"])
    window.tree.tree_model.reload()
    assert not view.isExpanded(view.view_index(tree["sd1"]))
    assert view.current_objective_id() == tree["sd2"]


def test_model_passes_the_tester_after_edits(window: MainWindow, tree, qtmodeltester, answers):
    window.select_objective(tree["od11"])
    window.tree_actions.add_child()
    window.select_objective(tree["i2"])
    window.tree_actions.move_up()
    window.select_objective(tree["sd2"])
    window.tree_actions.delete()
    qtmodeltester.check(window.tree.tree_model)
    qtmodeltester.check(window.tree.filter_model)


def test_a_refused_edit_shows_the_service_message(window: MainWindow, tree, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    assert window.document is not None
    from planner_app.ui.objectives.commands import MoveObjectiveCommand

    command = MoveObjectiveCommand(window.document, tree["i1"], parent_id=None, position=0)
    assert not window.document.run(command)
    assert shown and "cannot be placed at the top" in shown[0]


def test_plan_switch_and_close_replace_the_document(window: MainWindow):
    first = window.document
    assert first is not None and first.plan_id == window.plan_id
    window.close_file()
    assert window.document is None
    assert not window.tree_actions.add_sibling_action.isEnabled()
    assert uuid.UUID(int=0) != first.plan_id


def test_the_context_menu_sets_the_status(window: MainWindow, tree):
    from planner_app.domain.enums import Status

    assert window.select_objective(tree["i2"])
    menu = window.tree_actions.context_menu()
    statuses = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert statuses.isEnabled()
    checked = [a.text() for a in statuses.actions() if a.isChecked()]
    assert checked == ["Not started"]
    before = state(window)
    next(a for a in statuses.actions() if a.text() == "Done").trigger()
    assert objective_detail(window.store, tree["i2"]).status is Status.DONE
    check_round_trip(window, before, state(window))


def test_tree_edits_are_off_while_another_tab_is_shown(window: MainWindow, tree, answers):
    """Edit → Delete… on the Budget tab must not delete the objective selected, unseen,
    on the Objectives tab; back on that tab the edits return."""
    window.select_objective(tree["i1"])
    before = state(window)
    window.views.setCurrentWidget(window.budget_editor)
    edits = window.tree_actions.edit_actions
    assert not any(action.isEnabled() for action in edits)
    window.tree_actions.delete_action.trigger()
    assert not window.tree_actions.delete()
    assert answers == [] and state(window) == before
    window.views.setCurrentWidget(window.splitter)
    assert window.tree_actions.delete_action.isEnabled()
