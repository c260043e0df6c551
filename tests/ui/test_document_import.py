"""File → Import → Plan document… and Edit → Paste outline… (issue 30): the preview the
user corrects from the keyboard, the write as one undo step, a bad file refused with a
sentence naming what is wrong, and the progress reported while writing."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from planner_app.importing.model import Role
from planner_app.services import plans
from planner_app.services.sections import load_sections
from planner_app.services.tree_read import load_tree
from planner_app.ui.core import background
from planner_app.ui.files import document_import_actions as actions_module
from planner_app.ui.files.document_import_actions import NEW_PLAN, SHOWN_PLAN
from planner_app.ui.files.outline_preview import OutlinePreviewDialog
from tests import docx_builders as build
from tests.conftest import tree_shape


def _drive(monkeypatch, steps) -> list[OutlinePreviewDialog]:
    """The preview's exec runs ``steps(dialog)`` and returns its result."""
    seen: list[OutlinePreviewDialog] = []

    def run(dialog: OutlinePreviewDialog):
        seen.append(dialog)
        return steps(dialog)

    monkeypatch.setattr(OutlinePreviewDialog, "exec", run)
    return seen


def _entry(dialog: OutlinePreviewDialog, text: str) -> int:
    return next(i for i, e in enumerate(dialog.entries) if e.text.startswith(text))


def _keys(qtbot, dialog: OutlinePreviewDialog, key, modifier=Qt.KeyboardModifier.NoModifier):
    if not dialog.isActiveWindow():
        dialog.show()
        qtbot.waitExposed(dialog)
        # offscreen, a dialog over a window never shown is not made active by itself
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            QApplication.setActiveWindow(dialog)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, key, modifier)


def _accept(dialog: OutlinePreviewDialog, target: str) -> int:
    dialog.target_box.setCurrentIndex(dialog.target_box.findData(target))
    assert dialog.import_button.isEnabled(), dialog.problems.text()
    return QDialog.DialogCode.Accepted


def test_a_document_into_a_new_plan_corrected_then_undone(window, qtbot, tmp_path, monkeypatch):
    source = build.numbered_headings(tmp_path / "plan.docx")
    before = {p.code for p in plans.list_plans(window.store)}

    def steps(dialog: OutlinePreviewDialog):
        assert dialog.target_box.count() == 2  # a new plan, or the shown (draft) one
        # the SWOT chapter is left out with its text, from the keyboard
        dialog.select_entries([_entry(dialog, "1.2 SWOT")])
        _keys(qtbot, dialog, Qt.Key.Key_Delete)
        assert all(e.excluded for e in dialog.entries[_entry(dialog, "1.2 SWOT") :][:5])
        # an initiative made an operational objective: one level up (Ctrl+Left)
        second = _entry(dialog, "1.1.2")
        dialog.select_entries([second])
        _keys(qtbot, dialog, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
        assert dialog.entries[second].level == "operational"
        # a mistake, undone in the preview (Ctrl+Z), then done again (Ctrl+Shift+Z)
        _keys(qtbot, dialog, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
        assert dialog.entries[second].level == "strategic"
        _keys(qtbot, dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert dialog.entries[second].level == "operational"
        lines = [
            dialog.result.topLevelItem(i).text(0) for i in range(dialog.result.topLevelItemCount())
        ]
        assert lines[0] == "1  Inleiding"
        return _accept(dialog, NEW_PLAN)

    _drive(monkeypatch, steps)
    assert window.document_import.import_document(source)
    new = [p for p in plans.list_plans(window.store) if p.code not in before]
    assert len(new) == 1 and window.plan_id == new[0].id  # the new plan is shown
    plan_id = new[0].id
    shape = tree_shape(window.store, plan_id, ("code", "level"))
    # the initiative made operational lost its printed 1.1.2: the next free code of
    # its level that the printed OD 1.2 further down does not want
    assert {("OD 1.1", "operational"), ("OD 1.3", "operational"), ("OD 1.2", "operational")} <= set(
        shape
    )
    titles = [next(iter(s.title.values())) for s in load_sections(window.store, plan_id)]
    assert "1.1 Missie" in titles and not any("SWOT" in t for t in titles)
    stack = window.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Import plan.docx"
    stack.undo()
    assert load_tree(window.store, plan_id) == [] and load_sections(window.store, plan_id) == []
    assert window.tree.model().rowCount() == 0
    stack.redo()
    assert tree_shape(window.store, plan_id, ("code", "level")) == shape
    assert window.tree.model().rowCount() > 0


def test_into_the_shown_plan_is_one_step_that_undoes_exactly(
    window, qtbot, tmp_path, monkeypatch, tree
):
    source = build.french_tree(tmp_path / "fr.docx")
    plan_id = window.plan_id
    shape = tree_shape(window.store, plan_id)
    _drive(monkeypatch, lambda dialog: _accept(dialog, SHOWN_PLAN))
    told: list[str] = []
    monkeypatch.setattr(
        actions_module.QMessageBox, "information", lambda _p, _t, text: told.append(text)
    )
    assert window.document_import.import_document(source)
    # the plan has SD 1, OD 1.1, 1.1.1, 1.1.2 and SD 2: those imported get free codes
    assert "Line 2: the plan has code SD 1 already" in told[0]
    assert window.plan_id == plan_id
    after = tree_shape(window.store, plan_id)
    assert after[: len(shape)] == shape and len(after) > len(shape)
    window.document.undo_stack.undo()
    assert tree_shape(window.store, plan_id) == shape
    window.document.undo_stack.redo()
    assert tree_shape(window.store, plan_id) == after


@pytest.mark.parametrize(
    ("make", "word"),
    [
        (lambda good, bad: build.zip_bomb(bad), "zip bomb"),
        (lambda good, bad: build.macro_enabled(good, bad), "macro-enabled"),
        (lambda good, bad: (bad.write_bytes(b"plain text, not Word"), bad)[1], "not a zip"),
    ],
    ids=["zip bomb", "macro-enabled", "not Word"],
)
def test_a_bad_file_is_refused_with_a_sentence(window, tmp_path, monkeypatch, make, word):
    bad = make(build.numbered_headings(tmp_path / "good.docx"), tmp_path / "bad.docx")
    said: list[str] = []
    monkeypatch.setattr(background, "show_error", lambda _parent, message: said.append(message))
    shown = _drive(monkeypatch, lambda dialog: QDialog.DialogCode.Rejected)
    count = len(plans.list_plans(window.store))
    assert not window.document_import.import_document(bad)
    assert not shown and len(said) == 1
    assert word in said[0] and "bad.docx" in said[0] and "\n" not in said[0].strip()
    assert len(plans.list_plans(window.store)) == count


def test_writing_reports_progress_and_a_cancel_writes_nothing(window, tmp_path, monkeypatch, tree):
    source = build.numbered_headings(tmp_path / "plan.docx")
    labels: list[str] = []
    ticks: list[tuple[int, int]] = []
    real = background.run_with_progress

    def cancelling(parent, label, job, **kwargs):
        labels.append(label)
        if not label.startswith("Importing"):
            return real(parent, label, job, **kwargs)

        def progress(done: int, total: int) -> bool:
            ticks.append((done, total))
            return len(ticks) < 3  # Cancel pressed after the second objective

        try:
            job(progress)
        except kwargs["cancelled_by"]:
            return "cancelled", None
        return "done", None

    monkeypatch.setattr(background, "run_with_progress", cancelling)
    _drive(monkeypatch, lambda dialog: _accept(dialog, SHOWN_PLAN))
    shape = tree_shape(window.store, window.plan_id)
    assert not window.document_import.import_document(source)
    assert labels == ["Reading plan.docx…", "Importing plan.docx…"]
    assert ticks[:2] == [(1, 7), (2, 7)]
    assert tree_shape(window.store, window.plan_id) == shape
    assert window.document.undo_stack.count() == 0


def test_a_pasted_outline_goes_under_the_selected_objective(window, qtbot, monkeypatch, tree):
    plan_id = window.plan_id
    assert window.tree.select_objective(tree["sd2"])
    text = (
        "1. Betere dienstverlening\n1.1 Digitaal loket\n1.2 Kortere wachttijden\n2. Minder papier\n"
    )

    def steps(dialog: OutlinePreviewDialog):
        assert dialog.target_box.currentText() == "Under SD 2 Tweede SD"
        kinds = [(e.role, e.level) for e in dialog.entries]
        assert kinds == [
            (Role.OBJECTIVE, "operational"),
            (Role.OBJECTIVE, "initiative"),
            (Role.OBJECTIVE, "initiative"),
            (Role.OBJECTIVE, "operational"),
        ]
        return _accept(dialog, actions_module.UNDER)

    _drive(monkeypatch, steps)
    shape = tree_shape(window.store, plan_id)
    assert window.document_import.paste_outline(text)
    nodes = {n.id: n for n in load_tree(window.store, plan_id)}
    under = [n for n in nodes.values() if n.parent_id == tree["sd2"]]
    assert [n.title["nl"] for n in under] == ["Betere dienstverlening", "Minder papier"]
    assert [n.code for n in under] == ["OD 2.1", "OD 2.2"]  # numbered after its siblings
    assert window.document.undo_stack.undoText() == "Paste outline"
    window.document.undo_stack.undo()
    assert tree_shape(window.store, plan_id) == shape


def test_a_pasted_outline_reads_the_plans_own_level_names(window, monkeypatch):
    """A plan whose strategic level is "Speerpunt" and operational "Programma": a
    pasted list in those words lands at those levels, at the top of the tree."""
    from planner_app.domain.enums import ObjectiveLevel
    from planner_app.domain.levels import LevelSpec
    from planner_app.services import levels_edit

    plan_id = window.plan_id
    levels_edit.set_levels(
        window.store,
        plan_id,
        [
            LevelSpec(ObjectiveLevel.STRATEGIC, True, {"nl": "Speerpunt"}, {"nl": "SP {n}"}),
            LevelSpec(ObjectiveLevel.OPERATIONAL, True, {"nl": "Programma"}, {"nl": "P {n}"}),
        ],
    )
    monkeypatch.setattr(window.document_import, "_current_objective", lambda: None)  # top
    text = "Speerpunt 7: Nieuw speerpunt\nProgramma 1: Eerste programma\n"

    def steps(dialog: OutlinePreviewDialog):
        assert [(e.role, e.level) for e in dialog.entries] == [
            (Role.OBJECTIVE, "strategic"),
            (Role.OBJECTIVE, "operational"),
        ]
        return _accept(dialog, actions_module.UNDER)

    _drive(monkeypatch, steps)
    assert window.document_import.paste_outline(text)
    titles = {n.title["nl"]: n for n in load_tree(window.store, plan_id)}
    assert titles["Eerste programma"].parent_id == titles["Nieuw speerpunt"].id


def test_a_problem_is_named_and_import_waits(qapp, tmp_path):
    from planner_app.importing.reader import pasted_outline

    outline = pasted_outline("1. Eerste\n1.1 Tweede\n")
    dialog = OutlinePreviewDialog(outline, [("under", "top")])
    assert dialog.import_button.isEnabled()
    first = 0
    dialog.select_entries([first])
    dialog.down_action.trigger()  # strategic -> operational: nothing above it
    assert not dialog.import_button.isEnabled()
    assert "Line 1" in dialog.problems.text() and "operational" in dialog.problems.text()
    dialog.undo()
    assert dialog.import_button.isEnabled() and dialog.problems.text() == ""


def test_the_menus_offer_both(window):
    window.document_import.update_actions()
    file_import = window.excel_actions.import_menu.actions()
    assert file_import[0] is window.document_import.import_action
    assert window.document_import.import_action.isEnabled()
    assert window.document_import.paste_action.isEnabled()
    assert window.document_import.paste_action.shortcut().toString() == "Ctrl+Shift+V"


def test_a_read_only_file_offers_neither(qtbot, demo_source: Path):
    from planner_app.storage import PlanFile
    from planner_app.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    store = PlanFile.open(demo_source, readonly=True)
    win.set_plan_file(store)
    win.document_import.update_actions()
    assert not win.document_import.import_action.isEnabled()
    assert not win.document_import.paste_action.isEnabled()
    assert not win.document_import.import_document(Path("x.docx"))
    win.close()


def test_from_the_start_page_into_a_new_plan_file(qtbot, tmp_path, monkeypatch):
    """No file open: the start page's button reads the document, shows the preview,
    asks where the new plan file goes, and opens it on the imported plan."""
    from planner_app.ui.main_window import MainWindow

    source = build.french_tree(tmp_path / "plan stratégique.docx")
    target = tmp_path / "nouveau"
    win = MainWindow()
    qtbot.addWidget(win)
    monkeypatch.setattr(
        actions_module.QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), "")
    )
    asked: list[str] = []

    def save_as(_parent, _title, start, _filter):
        asked.append(start)
        return str(target), ""

    monkeypatch.setattr(actions_module.QFileDialog, "getSaveFileName", save_as)
    _drive(monkeypatch, lambda dialog: _accept(dialog, NEW_PLAN))
    win.document_import.update_actions()
    assert win.document_import.import_action.isEnabled()
    win.start_page.import_button.click()
    assert asked == [str(tmp_path / "plan stratégique.plan")]
    assert win.store is not None and win.store.path == (tmp_path / "nouveau.plan").resolve()
    info = plans.plan_info(win.store, win.plan_id)
    assert info.languages == ("fr",)
    assert [n.code for n in load_tree(win.store, win.plan_id)][:3] == ["OS 1", "OO 1.1", "1.1.1"]
    assert win.document.undo_stack.count() == 1
    win.close()


def test_a_cancelled_write_leaves_no_new_plan_file(qtbot, tmp_path, monkeypatch):
    from planner_app.ui.main_window import MainWindow

    source = build.numbered_headings(tmp_path / "plan.docx")
    target = tmp_path / "new.plan"
    win = MainWindow()
    qtbot.addWidget(win)
    monkeypatch.setattr(
        actions_module.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    real = background.run_with_progress

    def cancel_writing(parent, label, job, **kwargs):
        if label.startswith("Importing"):
            return "cancelled", None
        return real(parent, label, job, **kwargs)

    monkeypatch.setattr(background, "run_with_progress", cancel_writing)
    _drive(monkeypatch, lambda dialog: _accept(dialog, NEW_PLAN))
    assert not win.document_import.import_document(source)
    assert win.store is None and not target.exists()
    win.close()
