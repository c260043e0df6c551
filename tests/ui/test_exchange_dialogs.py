"""The Exchange menu end to end: headquarters and a post, each with its own data folder
(keys) and plan file, trade a starter file and packages through the dialogs; the
conflict view's decisions reach the file."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from planner_app.exchange import keys
from planner_app.exchange.merge import open_conflicts
from planner_app.services import (
    budget_amounts,
    objectives,
)
from planner_app.storage import PlanFile
from planner_app.ui.exchange.conflicts_view import ConflictsDialog
from planner_app.ui.exchange.exchange_dialogs import (
    FingerprintDialog,
    MergeSummaryDialog,
    NotYetSentDialog,
)
from planner_app.ui.main_window import MainWindow
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel
from tests import exchange_support
from tests.exchange_support import Site, build_hq

enrolled = exchange_support.enrolled
exchange_template = exchange_support.exchange_template

CELL = dict(year=2025, stage="INI", credit_type="VL")


def _window(qtbot, store: PlanFile) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(store)
    return win


def _save_as(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def _open(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def _pick_unit(monkeypatch, code: str, seen: list[list[str]]) -> None:
    def get_item(_parent, _title, _label, items, *args, **kwargs):
        seen.append(list(items))
        return next(i for i in items if i.startswith(code + " ")), True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)


def _capture(monkeypatch, cls, answer, seen: list) -> None:
    def exec_(self):
        seen.append(self)
        return answer(self) if callable(answer) else answer

    monkeypatch.setattr(cls, "exec", exec_)


def test_round_trip_through_the_dialogs(qtbot, tmp_path, empty_plan_file, monkeypatch):
    shutil.copy2(empty_plan_file, tmp_path / "hq.plan")
    hq = Site("hq", tmp_path / "hq-data", PlanFile.open(tmp_path / "hq.plan"))
    with hq:
        ids = build_hq(hq.store)
    hq_win = _window(qtbot, hq.store)
    menu_titles = [a.text() for a in hq_win.menuBar().actions()]
    assert "E&xchange" in menu_titles
    hq_win.exchange_actions.update_actions()
    actions = hq_win.exchange_actions
    assert actions.prepare_action.isVisible() and actions.prepare_action.isEnabled()
    assert not actions.send_changes_action.isVisible()

    # headquarters: Prepare for a post… → choose the unit → a starter file
    units_offered: list[list[str]] = []
    _pick_unit(monkeypatch, "PA", units_offered)
    _save_as(monkeypatch, tmp_path / "post")
    from PySide6.QtWidgets import QDialog

    from planner_app.ui.exchange.exchange_dialogs import StarterOptionsDialog

    options_asked: list[bool] = []

    def accept_defaults(dialog: StarterOptionsDialog) -> QDialog.DialogCode:
        options_asked.append(dialog.hr_box.isChecked() or dialog.staffing_box.isChecked())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(StarterOptionsDialog, "exec", accept_defaults)
    with hq:
        starter = hq_win.exchange_actions.prepare_for_post()
    assert options_asked == [False]  # asked, with HR data and other staffing left out
    assert starter == tmp_path / "post.plan" and starter.exists()
    assert units_offered[0][0].startswith("PA ")  # posts come first
    assert "post.plan" in hq_win.statusBar().currentMessage()

    # the post: edits offline, sees them waiting, sends them
    post = Site("post", tmp_path / "post-data", PlanFile.open(starter))
    post_win = _window(qtbot, post.store)
    post_win.exchange_actions.update_actions()
    assert post_win.exchange_actions.send_changes_action.isEnabled()
    assert not post_win.exchange_actions.import_action.isVisible()
    objectives.update_objective(post.store, ids["mine"], title={"nl": "Van de post"})
    budget_amounts.set_amount(post.store, ids["line"], amount=Decimal(150), **CELL)
    waiting: list[NotYetSentDialog] = []
    _capture(monkeypatch, NotYetSentDialog, 0, waiting)
    with post:
        post_win.exchange_actions.show_not_yet_sent()
    table = waiting[0].table
    cells = {table.item(r, c).text() for r in range(table.rowCount()) for c in range(6)}
    assert table.rowCount() == 2 and "nl: Van de post" in cells and "150" in cells
    _save_as(monkeypatch, tmp_path / "mail" / "from-post")
    (tmp_path / "mail").mkdir()
    with post:
        package = post_win.exchange_actions.send_package()
        post_fingerprint = keys.load_or_create().fingerprint
    assert package == tmp_path / "mail" / "from-post.plnpkg" and package.exists()

    # headquarters changes the same cell, then imports: the unknown key is confirmed first
    budget_amounts.set_amount(hq.store, ids["line"], amount=Decimal(120), **CELL)
    shown: list[QDialog] = []
    _capture(monkeypatch, FingerprintDialog, QDialog.DialogCode.Accepted, shown)
    _capture(monkeypatch, MergeSummaryDialog, QDialog.DialogCode.Accepted, shown)

    def decide_combine(dialog: ConflictsDialog) -> int:
        assert [v.field for v in dialog.views] == ["Amount (kEUR)"]
        assert dialog.decide("combine")
        assert dialog.views == []
        return 0

    _capture(monkeypatch, ConflictsDialog, decide_combine, shown)
    _open(monkeypatch, package)
    with hq:
        report = hq_win.exchange_actions.import_package()
    assert report is not None and report.enrolled and report.applied == 1
    fingerprint_dialog, summary, conflicts = shown
    assert fingerprint_dialog.fingerprint_label.text().split() == post_fingerprint.split()
    assert "Post A" in fingerprint_dialog.findChild(type(summary.summary)).text()
    assert "1 conflict(s), 0 refused" in summary.summary.text()
    assert isinstance(conflicts, ConflictsDialog)
    assert hq.amount(ids["cell"]) == Decimal(170)  # 120 + 150 - 100
    assert hq.objective(ids["mine"]).title["nl"] == "Van de post"
    assert open_conflicts(hq.store) == []
    tree = hq_win.tree.tree_model  # the window shows the merged plan
    assert tree.index_of(ids["mine"], ObjectiveTreeModel.TITLE).data() == "Van de post"

    # headquarters sends the update; the post applies it
    _pick_unit(monkeypatch, "PA", [])
    _save_as(monkeypatch, tmp_path / "mail" / "to-post.plnpkg")
    with hq:
        update = hq_win.exchange_actions.send_package()
    shown.clear()
    _open(monkeypatch, update)
    with post:
        report = post_win.exchange_actions.import_package()
    assert report is not None and report.undecided == []  # the decision settled it there too
    assert [d for d in shown if isinstance(d, ConflictsDialog)] == []
    assert post.amount(ids["cell"]) == Decimal(170)
    assert hq.problems() == [] and post.problems() == []
    post_win.close()
    hq_win.close()


def test_a_refused_key_applies_nothing(qtbot, enrolled, monkeypatch, tmp_path):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title={"nl": "Nieuwe laptop"})
    ex.post.data_dir = tmp_path / "new-laptop"  # a new key: re-enrolment
    package = ex.post.send(ex.folder)
    win = _window(qtbot, ex.hq.store)
    seen: list[QDialog] = []
    _capture(monkeypatch, FingerprintDialog, QDialog.DialogCode.Rejected, seen)
    _open(monkeypatch, package)
    with ex.hq:
        assert win.exchange_actions.import_package() is None
    assert len(seen) == 1
    assert ex.hq.objective(ex.ids["mine"]).title["nl"] == "Post work"
    win.close()


def test_a_bad_package_is_reported(qtbot, enrolled, monkeypatch, tmp_path):
    bad = tmp_path / "bad.plnpkg"
    bad.write_bytes(b"not a package")
    win = _window(qtbot, enrolled.hq.store)
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: errors.append(text))
    _open(monkeypatch, bad)
    with enrolled.hq:
        assert win.exchange_actions.import_package() is None
    assert errors and "bad.plnpkg" in errors[0]
    win.close()


def _budget_conflict(ex) -> None:
    budget_amounts.set_amount(ex.post.store, ex.ids["line"], amount=Decimal(150), **CELL)
    budget_amounts.set_amount(ex.hq.store, ex.ids["line"], amount=Decimal(120), **CELL)
    (_conflict,) = ex.to_hq().conflicts


@pytest.mark.parametrize(
    ("choice", "expected"),
    [("ours", 120), ("theirs", 150), ("combine", 170), ("edit", Decimal("1300.5"))],
)
def test_the_conflict_view_decision_reaches_the_file(
    qtbot, enrolled, monkeypatch, choice, expected
):
    ex = enrolled
    _budget_conflict(ex)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("1.300,5", True))
    refreshed: list[bool] = []
    dialog = ConflictsDialog(ex.hq.store, ex.ids["plan"], lambda: refreshed.append(True))
    qtbot.addWidget(dialog)
    view = dialog.views[0]
    assert (view.base, view.ours, view.theirs) == ("100", "120", "150")
    assert dialog.combine_button.text().endswith("= 170)")
    assert dialog.decide(choice)
    assert refreshed == [True] and dialog.views == [] and dialog.empty.isVisibleTo(dialog)
    assert ex.hq.amount(ex.ids["cell"]) == Decimal(expected)
    ex.to_post()
    assert ex.post.amount(ex.ids["cell"]) == Decimal(expected)


def test_a_text_conflict_offers_neither_combine_nor_edit(qtbot, enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title={"nl": "Van de post"})
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title={"nl": "Van HQ"})
    ex.to_hq()
    dialog = ConflictsDialog(ex.hq.store, ex.ids["plan"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.combine_button.isVisible() and not dialog.edit_button.isVisible()
    assert dialog.ours.toPlainText() == "nl: Van HQ"
    assert dialog.theirs.toPlainText() == "nl: Van de post"
    assert dialog.decide("theirs")
    assert ex.hq.objective(ex.ids["mine"]).title["nl"] == "Van de post"


def test_headquarters_sees_what_waits_for_a_post(qtbot, enrolled, monkeypatch):
    ex = enrolled
    objectives.update_objective(ex.hq.store, ex.ids["theirs"], title={"nl": "Gedeeld werk"})
    win = _window(qtbot, ex.hq.store)
    offered: list[list[str]] = []
    _pick_unit(monkeypatch, "PA", offered)
    seen: list[NotYetSentDialog] = []
    _capture(monkeypatch, NotYetSentDialog, 0, seen)
    with ex.hq:
        win.exchange_actions.show_not_yet_sent()
    assert offered == [["PA — Post A"]]  # only enrolled posts
    table = seen[0].table
    rows = [[table.item(r, c).text() for c in range(6)] for r in range(table.rowCount())]
    assert ["Title", "nl: HQ work", "nl: Gedeeld werk"] in [row[3:] for row in rows]
    win.close()


def test_a_post_reads_its_own_fingerprint(qtbot, enrolled, monkeypatch):
    ex = enrolled
    win = _window(qtbot, ex.post.store)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text))
    with ex.post:
        win.exchange_actions.show_key()
        fingerprint = keys.load_or_create().fingerprint
    assert len(shown) == 1 and shown[0].endswith(fingerprint)
    win.close()
