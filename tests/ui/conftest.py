"""UI tests: Qt offscreen, Qt's test paths, and settings in a temporary folder.

The environment must be set before Qt loads, hence at import time. The shared
fixtures of ``tests/conftest.py`` give every test its own data and documents folders
(PLANNER_APP_DATA_DIR / PLANNER_APP_DOCUMENTS_DIR) and the demo file built once per
session (``demo_source``, copied per test by ``demo_path``).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication

from planner_app.app import APP_NAME, ORGANISATION
from planner_app.services.plans import list_plans
from planner_app.storage import PlanFile
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.main_window import MainWindow

QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(scope="session", autouse=True)
def _qt_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Window settings go to a temporary folder, never the tester's own."""
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box nobody expected fails the test instead of blocking it forever."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(_parent, _title, text, *args, **kwargs):
        raise AssertionError(f"unexpected dialog: {text}")

    for name in ("critical", "warning", "question", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


@pytest.fixture(autouse=True)
def _app_names(qapp: QApplication) -> None:
    qapp.setApplicationName(APP_NAME)
    qapp.setOrganizationName(ORGANISATION)


@pytest.fixture
def demo_store(demo_source: Path) -> Iterator[PlanFile]:
    """The session's demo file, open read-only (nothing may write to it)."""
    store = PlanFile.open(demo_source, readonly=True)
    yield store
    store.close()


@pytest.fixture
def plan_ids(demo_store: PlanFile) -> dict[str, object]:
    return {p.code: p.id for p in list_plans(demo_store)}


@pytest.fixture
def window(qtbot, store: PlanFile, plan_id: uuid.UUID, tree) -> Iterator[MainWindow]:
    """The main window on the ``tree`` test plan (not shown)."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(store, plan_id)
    yield win
    win.close()


@pytest.fixture
def demo_window(qtbot, demo_path: Path) -> Iterator[MainWindow]:
    """The main window on a writable copy of the demo file, its first plan shown."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(PlanFile.open(demo_path))
    yield win
    win.close()


@pytest.fixture
def document(qapp, store: PlanFile, plan_id: uuid.UUID) -> PlanDocument:
    """The test plan as the UI holds it, without a window (``tree`` not implied)."""
    return PlanDocument(store, plan_id)
