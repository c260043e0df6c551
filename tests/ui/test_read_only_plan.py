"""Final, signed and read-only plans: nothing edits them, a banner says why, and the
Plan menu's state changes (not undoable) refresh the window."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from planner_app.domain.enums import PlanState
from planner_app.services import plans
from planner_app.storage import PlanFile
from planner_app.ui.main_window import MainWindow
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel as Model

from .test_tree_editing import answers  # noqa: F401  (fixture)


def assert_frozen(win: MainWindow, tree) -> None:
    actions = win.tree_actions
    win.select_objective(tree["od11"])
    assert not any(a.isEnabled() for a in actions.edit_actions)
    model = win.tree.tree_model
    title = model.index_of(tree["i1"], Model.TITLE)
    assert not model.flags(title) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    assert not model.setData(title, "changed")
    data = model.mimeData([model.index_of(tree["i1"])])
    assert not model.canDropMimeData(
        data, Qt.DropAction.MoveAction, -1, 0, model.index_of(tree["sd2"])
    )
    assert actions.add_sibling() is None and not actions.delete() and not actions.indent()


def test_a_final_plan_is_frozen_with_a_banner(qtbot, store, plan_id, tree):
    plans.make_final(store, plan_id)
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(store, plan_id)
    assert_frozen(win, tree)
    assert win.banner.isVisibleTo(win)
    assert win.banner.message.text() == "This plan is final and cannot be changed."
    assert win.banner.new_draft_button.isVisibleTo(win)
    for page in (win.budget_editor, win.review_pane, win.plan_pane):  # above every tab
        win.views.setCurrentWidget(page)
        assert win.banner.isVisibleTo(win), page
    win.views.setCurrentWidget(win.splitter)
    # New draft version: version 2, shown and editable
    win.banner.new_draft_button.click()
    info = plans.plan_info(store, win.plan_id)
    assert (info.version_no, info.state, info.code) == (2, PlanState.DRAFT, "test-2025-v2")
    assert win.plan_chooser.count() == 2
    assert not win.banner.isVisibleTo(win)
    assert win.tree.tree_model.editable
    assert win.tree.tree_model.objective_count() == 5
    win.close()


def test_a_read_only_file_says_so(qtbot, store, plan_id, tree):
    path = store.path
    store.close()
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(PlanFile.open(path, readonly=True), plan_id)
    assert_frozen(win, tree)
    assert win.banner.message.text().startswith("Opened read-only")
    assert not win.banner.new_draft_button.isVisibleTo(win)
    assert not any(a.isEnabled() for a in win.plan_actions.actions)
    win.close()


def test_make_final_and_back_to_draft_from_the_plan_menu(window: MainWindow, tree, answers):  # noqa: F811
    actions = window.plan_actions
    assert actions.make_final_action.isEnabled()
    assert not actions.back_to_draft_action.isEnabled()
    actions.make_final_action.trigger()
    # issue 32, item 7: it says plainly how the step is taken back (Back to draft while
    # not signed, a new draft version once signed), not just that Undo cannot
    assert "Plan → Back to draft… reopens it" in answers[0]
    assert (
        "Once it is signed, changes need a new draft version (Plan → New draft version)"
        in (answers[0])
    )
    assert window.store is not None and window.plan_id is not None
    assert plans.plan_info(window.store, window.plan_id).state is PlanState.FINAL
    assert window.banner.isVisibleTo(window)
    assert window.windowTitle().endswith("final")
    assert_frozen(window, tree)
    assert actions.back_to_draft_action.isEnabled()
    actions.back_to_draft_action.trigger()
    assert plans.plan_info(window.store, window.plan_id).state is PlanState.DRAFT
    assert not window.banner.isVisibleTo(window)
    assert window.tree_actions.delete_action.isEnabled()


def test_next_years_plan_is_made_and_shown(window: MainWindow, answers, monkeypatch):  # noqa: F811
    from planner_app.ui.plan.carry_dialog import CarryDialog

    shown: list[str] = []
    monkeypatch.setattr(CarryDialog, "exec", lambda d: shown.append(d.browser.toPlainText()))
    window.plan_actions.next_year_action.trigger()
    assert shown and "test-2026" in shown[0]  # what was carried and left behind
    assert window.store is not None and window.plan_id is not None
    info = plans.plan_info(window.store, window.plan_id)
    assert (info.code, info.first_year) == ("test-2026", 2026)


def test_a_refused_state_change_is_reported(window: MainWindow, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    assert window.plan_actions.new_draft_version() is None
    assert "draft" in shown[0]


def test_a_fixed_plan_whose_content_changed_says_so_in_red(qtbot, store, plan_id, tree):
    """The content is checked against its fingerprint off the GUI thread; a difference
    comes first in the banner, with the date it was fixed and what to do."""
    import sqlite3

    plans.make_final(store, plan_id)
    conn = sqlite3.connect(store.path)
    with conn:  # behind the app's back
        conn.execute('UPDATE objectives SET title = \'{"nl": "Anders"}\'')
    conn.close()
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(store, plan_id)
    qtbot.waitUntil(lambda: "differs" in win.banner.message.text(), timeout=10000)
    text = win.banner.message.text()
    assert text.startswith("This plan's content differs from what was fixed on ")
    assert "Restore from backup" in text and text.endswith("cannot be changed.")
    assert "#c0392b" in win.banner.styleSheet()
    # Another plan shown meanwhile: the banner is calm again.
    other = plans.create_plan(store, code="o", kind="business", title="O", first_year=2025).id
    win.set_plan_file(store, other)
    assert not win.banner.isVisibleTo(win)
    win.close()


def test_an_intact_fixed_plan_keeps_the_calm_banner(qtbot, store, plan_id, tree):
    from planner_app.ui.plan import plan_banner

    plans.make_final(store, plan_id)
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(store, plan_id)
    qtbot.waitUntil(lambda: not plan_banner._RUNNING, timeout=10000)
    qtbot.wait(50)  # the result's queued signal
    assert win.banner.message.text() == "This plan is final and cannot be changed."
    win.close()
