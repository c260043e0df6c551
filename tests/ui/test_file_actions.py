"""The File menu: new plans, recent files, copies, backups, and Preferences."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from planner_app.domain.enums import PlanKind
from planner_app.services.plans import create_plan, list_plans, plan_info, update_plan
from planner_app.storage import PlanFile
from planner_app.ui.core.settings import WindowSettings
from planner_app.ui.files.backup_dialog import RestoreBackupDialog
from planner_app.ui.files.new_plan_dialog import NewPlanDialog
from planner_app.ui.files.preferences_dialog import PreferencesDialog
from planner_app.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def clean_settings() -> Iterator[WindowSettings]:
    """Recent files and preferences start empty and leave nothing for other tests."""
    settings = WindowSettings()
    settings.clear_recent_files()
    settings.set_ui_language("")
    yield settings
    settings.clear_recent_files()
    settings.set_ui_language("")


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    yield win
    win.close()


def make_plan_file(path: Path, title: str = "Eerste titel") -> Path:
    with PlanFile.create(path) as store:
        create_plan(
            store, code="t-2026", kind=PlanKind.BUSINESS, title={"nl": title}, first_year=2026
        )
    return path


def save_dialog_returns(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    asked: list[str] = []

    def fake(_parent, caption, start, _filter, *args, **kwargs):
        asked.append(start)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return asked


def fill_new_plan_dialog(monkeypatch: pytest.MonkeyPatch, **fields) -> None:
    """NewPlanDialog.exec fills the form as a user would, then presses OK."""

    def fake_exec(dialog: NewPlanDialog) -> int:
        dialog.code_edit.setText(fields["code"])
        dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(fields["kind"]))
        dialog.title_edit.setText(fields["title"])
        dialog.first_year.setValue(fields["first_year"])
        if "last_year" in fields:
            dialog.last_year.setValue(fields["last_year"])
        dialog.organisation_edit.setText(fields.get("organisation", ""))
        for code, box in dialog.language_boxes.items():
            box.setChecked(code in fields["languages"])
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewPlanDialog, "exec", fake_exec)


def test_new_plan_in_a_new_file(window, tmp_path, monkeypatch, clean_settings):
    asked = save_dialog_returns(monkeypatch, tmp_path / "strategy")  # no suffix typed
    fill_new_plan_dialog(
        monkeypatch,
        code="ibz-2026-2031",
        kind="strategic",
        title="Strategisch plan",
        first_year=2026,
        last_year=2031,
        organisation="Gemeente",
        languages=("nl", "fr"),
    )
    window.file_actions.new_plan_action.trigger()
    assert asked and asked[0].endswith("ibz-2026-2031.plan")
    assert window.store is not None
    path = tmp_path / "strategy.plan"
    assert window.store.path == path
    (info,) = list_plans(window.store)
    assert (info.code, info.kind, info.first_year, info.last_year) == (
        "ibz-2026-2031",
        PlanKind.STRATEGIC,
        2026,
        2031,
    )
    assert info.title == {"nl": "Strategisch plan"}
    assert info.languages == ("nl", "fr")
    assert window.plan_id == info.id
    assert clean_settings.recent_files() == [path.resolve()]


def test_new_plan_in_the_open_file_and_a_refused_code(window, tmp_path, monkeypatch):
    window.open_path(make_plan_file(tmp_path / "t.plan"))
    assert window.file_actions.new_plan_here_action.isEnabled()
    fill_new_plan_dialog(
        monkeypatch,
        code="t-2026",  # taken: the dialog stays open with the reason
        kind="operational",
        title="Operationeel plan",
        first_year=2027,
        languages=("nl",),
    )
    window.file_actions.new_plan_here_action.trigger()
    assert len(list_plans(window.store)) == 1
    fill_new_plan_dialog(
        monkeypatch,
        code="op-2027",
        kind="operational",
        title="Operationeel plan",
        first_year=2027,
        languages=("nl",),
    )
    window.file_actions.new_plan_here_action.trigger()
    plans = {p.code: p for p in list_plans(window.store)}
    assert set(plans) == {"t-2026", "op-2027"}
    assert plans["op-2027"].last_year == 2027  # yearly: one year
    assert window.plan_id == plans["op-2027"].id


def test_the_dialog_shows_why_a_plan_was_refused(qtbot):
    dialog = NewPlanDialog(submit=lambda values: "Code: must not be empty.")
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.text() == "Code: must not be empty."
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("business"))
    assert not dialog.last_year.isEnabled()
    assert dialog.last_year.value() == dialog.first_year.value()


def test_recent_files_are_recorded_and_shown_on_the_start_page(
    window, tmp_path, qtbot, clean_settings
):
    first = make_plan_file(tmp_path / "first.plan")
    second = make_plan_file(tmp_path / "second.plan")
    gone = make_plan_file(tmp_path / "gone.plan")
    for path in (gone, first, second):
        assert window.open_path(path)
    window.close_file()
    gone.unlink()
    window.start_page.set_recent_files(clean_settings.recent_files())
    page = window.start_page
    items = [page.recent_list.item(row) for row in range(page.recent_list.count())]
    assert [i.data(Qt.ItemDataRole.UserRole) for i in items] == [
        str(p.resolve()) for p in (second, first, gone)
    ]
    assert not items[2].flags() & Qt.ItemFlag.ItemIsEnabled  # missing: greyed
    menu = window.file_actions.recent_menu
    window.file_actions.fill_recent_menu()
    entries = [a for a in menu.actions() if a.data()]
    assert [a.isEnabled() for a in entries] == [True, True, False]
    with qtbot.waitSignal(window.file_opened):
        page.recent_file_chosen.emit(items[1].data(Qt.ItemDataRole.UserRole))
    assert window.store is not None and window.store.path == first.resolve()
    assert clean_settings.recent_files()[0] == first.resolve()
    clear = next(a for a in menu.actions() if not a.data() and not a.isSeparator())
    clear.trigger()
    assert clean_settings.recent_files() == []


def test_recent_files_are_at_most_ten(clean_settings, tmp_path):
    for n in range(12):
        clean_settings.add_recent_file(tmp_path / f"{n}.plan")
    recent = clean_settings.recent_files()
    assert len(recent) == 10 and recent[0].name == "11.plan"


def test_save_a_copy_makes_a_valid_plan_file(window, tmp_path, monkeypatch):
    window.open_path(make_plan_file(tmp_path / "t.plan"))
    target = tmp_path / "elsewhere" / "copy.plan"
    target.parent.mkdir()
    save_dialog_returns(monkeypatch, target)
    window.file_actions.save_copy_action.trigger()
    with PlanFile.open(target, readonly=True) as copy:
        assert [p.code for p in list_plans(copy)] == ["t-2026"]
    assert str(target) in window.statusBar().currentMessage()


def test_save_a_copy_refuses_the_open_file(window, tmp_path, monkeypatch):
    path = make_plan_file(tmp_path / "t.plan")
    window.open_path(path)
    save_dialog_returns(monkeypatch, path)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    window.file_actions.save_copy_action.trigger()
    assert shown == ["A copy cannot replace the open file itself."]
    assert window.store is not None  # still open and untouched


def test_restore_from_backup_brings_back_an_earlier_title(window, tmp_path, monkeypatch):
    path = make_plan_file(tmp_path / "t.plan", title="Eerste titel")
    window.open_path(path)
    store = window.store
    assert store is not None
    plan_id = window.plan_id
    store.backup()
    update_plan(store, plan_id, title={"nl": "Tweede titel"})
    chosen: list[Path] = []

    def fake_exec(dialog: RestoreBackupDialog) -> int:
        assert dialog.table.rowCount() >= 1
        assert dialog.table.item(0, dialog.REASON).text() == "Made by hand"
        chosen.append(dialog.chosen())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreBackupDialog, "exec", fake_exec)
    asked: list[str] = []

    def confirm(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    window.file_actions.restore_action.trigger()
    assert chosen and asked
    assert window.store is not None and window.store is not store
    assert plan_info(window.store, plan_id).title == {"nl": "Eerste titel"}
    assert window.plan_id == plan_id


def test_preferences_store_the_language(window, qtbot, monkeypatch, clean_settings):
    def fake_exec(dialog: PreferencesDialog) -> int:
        assert dialog.language_box.currentData() == ""  # System
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("fr"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PreferencesDialog, "exec", fake_exec)
    from planner_app.app import install_qt_translator, ui_language
    from planner_app.i18n import set_language

    try:
        window.file_actions.preferences_action.trigger()
        assert clean_settings.ui_language() == "fr"
        assert ui_language() == "fr"
        assert window.replaced_by is not None  # shown in French at once
        window.replaced_by.close()
    finally:
        set_language("en")
        install_qt_translator(qtbot_app(), "en")
    clean_settings.set_ui_language("")
    assert ui_language() == "en"  # PLANNER_LANG=en in the tests


def qtbot_app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


def test_screenshots_of_the_start_page_and_the_new_plan_dialog(window, tmp_path, qtbot):
    window.open_path(make_plan_file(tmp_path / "ibz-2026-2031.plan"))
    window.open_path(make_plan_file(tmp_path / "operationeel-2026.plan"))
    window.close_file()
    window.resize(1100, 720)
    window.show()
    qtbot.waitExposed(window)
    window.grab().save(str(tmp_path / "start_page.png"))
    dialog = NewPlanDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path / "new_plan_dialog.png"))
    assert (tmp_path / "start_page.png").stat().st_size > 0
    import os
    import shutil

    if folder := os.environ.get("PLANNER_SCREENSHOTS"):
        for name in ("start_page.png", "new_plan_dialog.png"):
            shutil.copy2(tmp_path / name, Path(folder) / name)
