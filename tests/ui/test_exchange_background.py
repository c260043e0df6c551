"""The Exchange menu's long steps run on a worker thread behind a cancellable progress
dialog: a cancelled import changes nothing (and keeps the undo stack), a completed one
shows its summary, refreshes the views and starts a new undo stack; a cancelled
package or starter file leaves no file."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QDialog

from planner_app.exchange.merge import merge_package
from planner_app.services import objectives
from planner_app.ui.core.background import BackgroundJob
from planner_app.ui.exchange import exchange_actions
from planner_app.ui.exchange.exchange_dialogs import MergeSummaryDialog
from planner_app.ui.objectives.commands import SetObjectiveFieldCommand
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel
from tests import exchange_support
from tests.ui.test_exchange_dialogs import _capture, _open, _window

enrolled = exchange_support.enrolled
exchange_template = exchange_support.exchange_template


def _merge_watched(monkeypatch, *, cancel_at_the_end: bool) -> list[tuple[str, int, int]]:
    """Wrap the merge the menu calls: record the thread and each progress report, and
    optionally cancel at the last report (the changes applied, not yet committed), as
    the progress dialog's Cancel button would."""
    seen: list[tuple[str, int, int]] = []

    def watched(store, path, *, accept_key=None, progress=None):
        def report(done: int, total: int) -> bool:
            seen.append((threading.current_thread().name, done, total))
            go_on = progress(done, total)
            last = total > 1 and done == total - 1  # (0, 1) is the opening report
            return go_on and not (cancel_at_the_end and last)

        return merge_package(store, path, accept_key=accept_key, progress=report)

    monkeypatch.setattr(exchange_actions, "merge_package", watched)
    return seen


def _edit_here(win, objective_id) -> None:
    """An edit at headquarters through the window, so the undo stack holds a step."""
    command = SetObjectiveFieldCommand(
        win.document, objective_id, "title", {"nl": "Lokaal"}, merge_key=None
    )
    assert win.document.run(command)
    assert win.document.undo_stack.canUndo()


def _title_shown(win, objective_id) -> str:
    return win.tree.tree_model.index_of(objective_id, ObjectiveTreeModel.TITLE).data()


def _ready_to_import(qtbot, ex, monkeypatch, *, cancel_at_the_end: bool):
    """A post's package chosen in headquarters' window, which has an edit to undo; the
    merge watched (see ``_merge_watched``) and the summary dialogs captured."""
    objectives.update_objective(ex.post.store, ex.ids["mine"], title={"nl": "Van de post"})
    _open(monkeypatch, ex.post.send(ex.folder))
    win = _window(qtbot, ex.hq.store)
    _edit_here(win, ex.ids["theirs"])
    seen = _merge_watched(monkeypatch, cancel_at_the_end=cancel_at_the_end)
    summaries: list[MergeSummaryDialog] = []
    _capture(monkeypatch, MergeSummaryDialog, QDialog.DialogCode.Rejected, summaries)
    return win, seen, summaries


def test_an_import_runs_off_the_gui_thread_and_shows_its_summary(qtbot, enrolled, monkeypatch):
    ex = enrolled
    win, seen, summaries = _ready_to_import(qtbot, ex, monkeypatch, cancel_at_the_end=False)
    with ex.hq:
        report = win.exchange_actions.import_package()
    assert report is not None and report.applied == 1
    main = threading.main_thread().name
    assert seen and all(name != main for name, _done, _total in seen)
    assert seen[-1][1:] == (2, 3)  # the last report, just before the commit
    assert len(summaries) == 1 and "1 change(s) applied" in summaries[0].summary.text()
    assert _title_shown(win, ex.ids["mine"]) == "Van de post"  # the views show the merge
    assert _title_shown(win, ex.ids["theirs"]) == "Lokaal"
    assert not win.document.undo_stack.canUndo()  # no undoing across the merge
    win.close()


def test_a_cancelled_import_changes_nothing(qtbot, enrolled, monkeypatch):
    ex = enrolled
    win, seen, summaries = _ready_to_import(qtbot, ex, monkeypatch, cancel_at_the_end=True)
    document = win.document
    with ex.hq:
        assert win.exchange_actions.import_package() is None
    assert seen and seen[-1][1:] == (2, 3)  # cancelled with every change applied, uncommitted
    assert summaries == []
    assert "Cancelled" in win.statusBar().currentMessage()
    assert ex.hq.objective(ex.ids["mine"]).title["nl"] == "Post work"
    assert _title_shown(win, ex.ids["mine"]) == "Post work"
    assert win.document is document and document.undo_stack.canUndo()  # nothing reloaded
    assert ex.hq.problems() == []

    monkeypatch.setattr(exchange_actions, "merge_package", merge_package)
    with ex.hq:  # the same package imports in full afterwards
        report = win.exchange_actions.import_package()
    assert report is not None and report.applied == 1 and report.already == 0
    assert len(summaries) == 1
    assert _title_shown(win, ex.ids["mine"]) == "Van de post"
    win.close()


def test_a_cancelled_package_or_starter_file_leaves_no_file(qtbot, enrolled, monkeypatch):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title={"nl": "Van de post"})
    post_win = _window(qtbot, ex.post.store)
    hq_win = _window(qtbot, ex.hq.store)
    monkeypatch.setattr(BackgroundJob, "_progress", lambda self, done, total: False)
    package = ex.folder / "cancelled.plnpkg"
    with ex.post:
        assert post_win.exchange_actions.send_package(path=package) is None
    starter = ex.folder / "cancelled.plan"
    with ex.hq:
        assert hq_win.exchange_actions.prepare_for_post(unit="PA", path=starter) is None
    assert list(ex.folder.glob("*cancelled*")) == []
    assert "Cancelled" in post_win.statusBar().currentMessage()
    assert "Cancelled" in hq_win.statusBar().currentMessage()
    monkeypatch.undo()
    with ex.post:
        assert post_win.exchange_actions.send_package(path=package) == package
    with ex.hq:
        assert hq_win.exchange_actions.prepare_for_post(unit="PA", path=starter) == starter
    post_win.close()
    hq_win.close()
