"""The main window and the GUI bootstrap on the demo file, offscreen."""

from __future__ import annotations

import shutil
import threading
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner_app import __version__
from planner_app.app import run_gui
from planner_app.domain.enums import ObjectiveLevel
from planner_app.errors import PlanFileError
from planner_app.services.details import objective_detail
from planner_app.services.plans import list_plans, make_final
from planner_app.services.tree_read import load_tree
from planner_app.storage import PlanFile
from planner_app.storage.locations import documents_dir
from planner_app.ui.files import opening
from planner_app.ui.files.opening import open_plan_file
from planner_app.ui.main_window import MainWindow
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes record their text instead of blocking."""
    shown: list[str] = []

    def critical(_parent, _title, text, *args, **kwargs):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    return shown


@pytest.fixture
def window(demo_window: MainWindow) -> MainWindow:
    return demo_window


def plan_id(win: MainWindow, code: str):
    assert win.store is not None
    return next(p.id for p in list_plans(win.store) if p.code == code)


def test_window_shows_the_tree_and_the_detail_of_an_objective(window: MainWindow):
    assert window.centralWidget().currentWidget() is window.plan_page  # banner + tabs
    assert window.views.parentWidget() is window.plan_page
    assert window.views.currentWidget() is window.splitter
    assert window.tree.model().rowCount() == 11  # dkbuza: 5 headings and 6 SDs
    assert not window.toolbar.isHidden()  # two plans: the chooser shows
    assert window.plan_chooser.count() == 2
    store = window.store
    assert store is not None
    node = next(
        n
        for n in load_tree(store, window.plan_id)
        if n.level is ObjectiveLevel.INITIATIVE and n.milestones_total
    )
    detail = objective_detail(store, node.id)
    assert window.select_objective(node.id)
    assert window.tree.current_objective_id() == node.id
    editor = window.detail
    assert editor.objective_id == node.id
    assert editor.description_edit.toPlainText().startswith(detail.description["nl"][:60])
    assert editor.milestones.rowCount() == node.milestones_total


def test_choosing_a_plan_shows_its_tree(window: MainWindow):
    row = window.plan_chooser.findText("ibz-2025-2029", flags=Qt.MatchFlag.MatchStartsWith)
    window.plan_chooser.setCurrentIndex(row)
    assert window.plan_id == plan_id(window, "ibz-2025-2029")
    model = window.tree.model()
    assert model.index(0, ObjectiveTreeModel.CODE).data() == "SD 1"
    assert "Strategisch plan 2025-2029" in window.windowTitle()


def test_plan_menu_shows_the_files_plans_and_switches(window: MainWindow):
    actions = window.show_plan_menu.actions()
    assert [a.text().split(" — ")[0] for a in actions] == [
        window.plan_chooser.itemText(r).split(" — ")[0] for r in range(2)
    ]
    assert [a.isChecked() for a in actions] == [True, False]
    actions[1].trigger()
    assert window.plan_id == uuid.UUID(window.plan_chooser.itemData(1))
    assert [a.isChecked() for a in window.show_plan_menu.actions()] == [False, True]
    window.close_file()
    assert window.show_plan_menu.actions() == []
    assert not window.show_plan_menu.isEnabled()


def test_a_heading_shows_its_title_in_the_detail_pane(window: MainWindow):
    heading = window.tree.tree_model.heading_indexes()[0]
    window.tree.setCurrentIndex(window.tree.filter_model.mapFromSource(heading))
    assert "Buitenlands beleid" in window.detail.policy_heading.text()


def test_title_names_plan_and_file(window: MainWindow, demo_path: Path):
    title = window.windowTitle()
    assert "Ondernemingsplan 2025" in title
    assert demo_path.name in title
    assert "read-only" not in title
    assert window.path_label.text() == str(demo_path)


def test_title_marks_read_only_and_final(qtbot, demo_path: Path):
    with PlanFile.open(demo_path) as store:
        make_final(store, next(p.id for p in list_plans(store) if p.code == "dkbuza-2025"))
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(PlanFile.open(demo_path, readonly=True))
    assert win.windowTitle().endswith("[read-only] — final")
    win.close()


def test_close_file_releases_the_file_and_shows_the_start_page(window, demo_path: Path):
    window.close_file()
    assert window.store is None
    assert window.centralWidget().currentWidget() is window.start_page
    assert window.tree.model().rowCount() == 0
    assert window.windowTitle() == "Planner"
    PlanFile.open(demo_path).close()  # the lock is free again


def test_open_from_the_file_menu(qtbot, demo_path: Path, monkeypatch):
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(demo_path), "Plan files (*.plan)")
    )
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.centralWidget().currentWidget() is win.start_page
    win.open_action.trigger()
    assert win.store is not None and win.store.path == demo_path
    win.close()
    assert win.store is None


def test_a_locked_file_is_offered_read_only(qtbot, demo_path: Path, monkeypatch):
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    with PlanFile.open(demo_path):  # another window holds the lock
        store = open_plan_file(None, demo_path, read_only=False)
        assert store is not None and store.readonly
        store.close()
    assert "another window" in asked[0]


def test_unsafe_folder_is_noted(qtbot, demo_path: Path):
    win = MainWindow()
    qtbot.addWidget(win)
    store = PlanFile.open(demo_path)
    store.warnings.append("cloud")
    win.set_plan_file(store)
    assert "synced or network folder" in win.warning_label.text()
    win.close()


def test_menus_have_standard_shortcuts_and_about(window: MainWindow, monkeypatch):
    assert window.open_action.shortcuts()
    assert window.quit_action.shortcuts()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _p, _t, text: shown.append(text))
    window.about_action.trigger()
    assert __version__ in shown[0]


def test_run_gui_refuses_a_file_that_is_not_a_plan(tmp_path: Path, messages: list[str]):
    path = tmp_path / "hello.plan"
    path.write_bytes(b"hello")
    code = run_gui(file=path, demo=False, plan_code=None, view="tree", read_only=False)
    assert code == 2
    assert messages == [f"{path} is not a plan file."]


def test_run_gui_lists_the_codes_for_an_unknown_plan(demo_path: Path, messages: list[str]):
    code = run_gui(file=demo_path, demo=False, plan_code="nope", view="tree", read_only=False)
    assert code == 2
    assert "dkbuza-2025" in messages[0] and "ibz-2025-2029" in messages[0]
    PlanFile.open(demo_path).close()  # closed again: the lock is free


def test_first_objective_is_current_and_kept_over_a_reload(window: MainWindow):
    model = window.tree.tree_model
    sd1 = model.first_objective_index()
    assert model.index(sd1.row(), ObjectiveTreeModel.CODE).data() == "SD 1"
    assert window.tree.current_objective_id() == sd1.data(ObjectiveTreeModel.IdRole)
    assert window.detail.heading.text() == "SD 1"
    store = window.store
    assert store is not None
    later = load_tree(store, window.plan_id)[-1].id
    window.select_objective(later)
    model.reload()
    assert window.tree.current_objective_id() == later


def test_demo_is_built_off_the_gui_thread(qtbot, demo_source: Path, monkeypatch):
    threads: list[object] = []

    def fake_build(path: Path, **_kwargs) -> Path:
        threads.append(threading.current_thread())
        shutil.copy2(demo_source, path)
        return path

    monkeypatch.setattr(opening, "build_demo", fake_build)
    path = opening.build_demo_file(None)
    assert path is not None and path.exists()
    assert path.parent == documents_dir()
    assert threads and threads[0] is not threading.main_thread()


def test_the_demo_build_can_be_cancelled(qtbot, monkeypatch):
    from planner_app.services.demo import BuildCancelledError

    def slow_build(path: Path, *, progress) -> Path:
        for done in range(1, 1000):
            if progress(done, 1000) is False:
                raise BuildCancelledError("cancelled")
            threading.Event().wait(0.005)
        raise AssertionError("the build was not cancelled")

    monkeypatch.setattr(opening, "build_demo", slow_build)
    from planner_app.ui.core.background import BackgroundJob

    original = BackgroundJob.start

    def start_and_cancel(thread):
        original(thread)
        thread.cancel()

    monkeypatch.setattr(BackgroundJob, "start", start_and_cancel)
    assert opening.build_demo_file(None) is None


def test_a_failed_demo_build_is_reported(qtbot, monkeypatch, messages: list[str]):
    def failing_build(path: Path, **_kwargs) -> Path:
        raise PlanFileError(f"{path} already exists.")

    monkeypatch.setattr(opening, "build_demo", failing_build)
    assert opening.build_demo_file(None) is None
    assert messages and messages[0].endswith("already exists.")


def test_the_plan_view_edits_the_plan_and_the_title_follows(qtbot, demo_path: Path, monkeypatch):
    from planner_app.services.plans import plan_info

    win = MainWindow(view="plan")
    qtbot.addWidget(win)
    store = PlanFile.open(demo_path)
    from planner_app.services.plans import find_plan

    win.set_plan_file(store, find_plan(store, "ibz-2025-2029").id)
    assert win.views.currentWidget() is win.plan_pane
    assert win.plan_pane.document is win.document
    page = win.plan_pane.properties
    page.title_edit.setText("Strategisch plan 2025-2029 (herzien)")
    page.title_edit.editingFinished.emit()
    assert plan_info(store, win.plan_id).title["nl"] == "Strategisch plan 2025-2029 (herzien)"
    assert "(herzien)" in win.windowTitle()
    win.tree_actions.undo_action.trigger()
    assert plan_info(store, win.plan_id).title["nl"] == "Strategisch plan 2025-2029"


def test_the_plan_pane_reads_its_plan_when_first_shown(qtbot, demo_path: Path):
    from planner_app.services.plans import find_plan

    win = MainWindow()
    qtbot.addWidget(win)
    store = PlanFile.open(demo_path)
    win.set_plan_file(store, find_plan(store, "ibz-2025-2029").id)
    assert win.plan_pane.document is None  # not shown: not read yet
    win.views.setCurrentWidget(win.plan_pane)
    assert win.plan_pane.document is win.document
    assert win.plan_pane.properties.code_edit.text() == "ibz-2025-2029"
    win.views.setCurrentIndex(0)
    win.show_plan(find_plan(store, "dkbuza-2025").id)
    assert win.plan_pane.document is None  # the old plan's pane does not linger
    win.views.setCurrentWidget(win.plan_pane)
    assert win.plan_pane.properties.code_edit.text() == "dkbuza-2025"


def test_the_view_menu_switches_tabs_with_ctrl_digits(qtbot, demo_path: Path):
    win = MainWindow()
    qtbot.addWidget(win)
    view_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&View")
    tabs = [a for a in view_menu.actions() if a.isCheckable()]
    assert [a.text() for a in tabs][:2] == ["Objectives", "Plan"]
    assert tabs[1].shortcut().toString() == "Ctrl+2"
    assert not tabs[1].isEnabled()  # nothing open yet
    win.set_plan_file(PlanFile.open(demo_path))
    tabs[1].trigger()
    assert win.views.currentWidget() is win.plan_pane and tabs[1].isChecked()
    win.views.setCurrentIndex(0)
    assert tabs[0].isChecked() and not tabs[1].isChecked()
    assert win.tree_actions.expand_action in view_menu.actions()


def test_splitter_positions_and_docks_persist(qtbot):
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(1200, 800)
    first.splitter.setSizes([300, 900])
    first.history_dock.show()
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.splitter.sizes() == sizes
    assert second.restoreState(second.saveState())
    assert not second.history_dock.isHidden()
    second.history_dock.hide()
    second.close()


def test_window_size_and_splitter_come_back_next_time(qtbot):
    """Geometry and the objectives splitter are saved on close and restored by the next
    window (QSettings in the tests' own folder; cleared afterwards for other tests)."""
    from PySide6.QtCore import QSettings

    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(760, 560)
    first.show()
    qtbot.waitExposed(first)
    first.splitter.setSizes([300, 400])
    sizes, size = first.splitter.sizes(), (first.width(), first.height())
    assert size != (1280, 800)  # the default for a first start
    first.close()
    try:
        second = MainWindow()
        qtbot.addWidget(second)
        second.show()
        qtbot.waitExposed(second)
        assert (second.width(), second.height()) == size
        assert second.splitter.sizes() == sizes
        second.close()
    finally:
        QSettings().remove("main_window")


def test_the_status_column_holds_every_status_label(window: MainWindow):
    """Sized by all labels, not the rows on screen: most objectives of dkbuza-2025 are
    'Not started', so the first one set 'On schedule' was cut to 'On sche…'. A plan
    that does not track status (ibz-2025-2029, a strategic plan) shows no column."""
    from planner_app.domain.enums import Status
    from planner_app.ui.core.labels import status_label

    tree = window.tree
    row = window.plan_chooser.findText("ibz-2025-2029", flags=Qt.MatchFlag.MatchStartsWith)
    window.plan_chooser.setCurrentIndex(row)
    assert tree.isColumnHidden(ObjectiveTreeModel.STATUS)
    row = window.plan_chooser.findText("dkbuza-2025", flags=Qt.MatchFlag.MatchStartsWith)
    window.plan_chooser.setCurrentIndex(row)
    assert not tree.isColumnHidden(ObjectiveTreeModel.STATUS)
    metrics = tree.fontMetrics()
    widest = max(metrics.horizontalAdvance(status_label(s)) for s in Status)
    assert tree.columnWidth(ObjectiveTreeModel.STATUS) > widest + tree.iconSize().width()


def test_another_plan_opens_with_its_tree_expanded(window: MainWindow):
    """Showing another plan expands its tree as a plan first shown is, not as the
    plan before it was (a reset must not be taken for a reload of the same plan)."""
    for code in ("ibz-2025-2029", "dkbuza-2025"):
        window.show_plan(plan_id(window, code))
        first = window.tree.filter_model.mapFromSource(window._model.first_objective_index())
        assert first.isValid() and window.tree.isExpanded(first), code
