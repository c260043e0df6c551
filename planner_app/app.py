"""Start the GUI: the QApplication, Qt's own translations, and what to open first.

``run_gui`` is called by ``planner_app.cli`` and returns the process exit code. Every
``PlannerError`` met while opening becomes a message box and exit code 2, never a
traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from planner_app import __version__
from planner_app.errors import PlannerError
from planner_app.i18n import set_language, system_language
from planner_app.resources import resource_path
from planner_app.runtime import tune_gc
from planner_app.ui.core.qt_translations import install_qt_translator
from planner_app.ui.core.settings import WindowSettings
from planner_app.ui.files.opening import (
    build_demo_file,
    initial_plan_id,
    open_plan_file,
    show_error,
)
from planner_app.ui.main_window import MainWindow

APP_NAME = "Planner"
ORGANISATION = "planner-app"
EXIT_NOT_OPENED = 2


def _application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    language = ui_language()
    set_language(language)
    install_qt_translator(app, language)
    return app


def app_icon() -> QIcon:
    """The application icon at every size we ship (PNG: no SVG plugin needed)."""
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_path("icons", f"planner-app-{size}.png")))
    return icon


def ui_language() -> str:
    """The UI language chosen in Preferences, else the system's (read before any window)."""
    return WindowSettings().ui_language() or system_language()


def run_gui(
    *,
    file: Path | str | None,
    demo: bool,
    plan_code: str | None,
    view: str,
    read_only: bool,
) -> int:
    """Show the window with ``file`` (or a new demo copy, or the start page); exit code."""
    app = _application()
    tune_gc()  # Qt and the models are loaded: freeze that heap (see runtime.tune_gc)
    window = MainWindow(view=view)
    if demo or file is not None:
        path = build_demo_file(None) if demo else Path(file)  # type: ignore[arg-type]
        if path is None:
            return EXIT_NOT_OPENED
        store = open_plan_file(None, path, read_only=read_only)
        if store is None:
            return EXIT_NOT_OPENED
        try:
            plan_id = initial_plan_id(store, plan_code)
        except PlannerError as err:
            store.close()
            show_error(None, str(err))
            return EXIT_NOT_OPENED
        window.set_plan_file(store, plan_id)
    window.show()
    try:
        return app.exec()
    finally:
        window.close_file()
