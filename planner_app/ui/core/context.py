"""What the menus' action classes may use of the window (git-cola's context object).

``FileActions``, ``ExcelActions`` and ``ExchangeActions`` are given a ``WindowContext``,
not the ``MainWindow``: the open file and the plan shown, its document, the content
language, a parent for their dialogs, a line in the status bar, and the window's few
operations on files and plans. They cannot reach into the window's widgets, and a test
can give them a context of its own. GUI thread only.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from planner_app.storage import PlanFile
from planner_app.ui.core.document import PlanDocument

if TYPE_CHECKING:
    from planner_app.ui.main_window import MainWindow


class WindowContext:
    """The window as its actions see it; owns nothing."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    # --- what is open --------------------------------------------------------------------

    @property
    def widget(self) -> QWidget:
        """The parent of the actions' dialogs and menus."""
        return self._window

    @property
    def store(self) -> PlanFile | None:
        return self._window.store

    @property
    def plan_id(self) -> uuid.UUID | None:
        return self._window.plan_id

    @property
    def document(self) -> PlanDocument | None:
        return self._window.document

    @property
    def language(self) -> str:
        """The content language chosen (empty: the plan's first)."""
        return self._window.language_switch.language

    @property
    def file_opened(self) -> SignalInstance:
        """Emitted with the path of each file the window opens."""
        return self._window.file_opened

    def has_plan(self, plan_id: uuid.UUID) -> bool:
        return self._window.has_plan(plan_id)

    # --- what they may ask of the window -------------------------------------------------

    def show_message(self, text: str, milliseconds: int = 10000) -> None:
        self._window.statusBar().showMessage(text, milliseconds)

    def commit_pending(self) -> None:
        """Write what is typed in a field not yet committed (before a package, say)."""
        self._window.commit_pending()

    def reload_plans(self, show: uuid.UUID | None = None) -> None:
        self._window.reload_plans(show=show)

    def show_plan(self, plan_id: uuid.UUID) -> None:
        self._window.show_plan(plan_id)

    def open_path(self, path: Path, *, read_only: bool = False) -> bool:
        return self._window.open_path(path, read_only=read_only)

    def set_plan_file(self, store: PlanFile, plan_id: uuid.UUID | None = None) -> None:
        self._window.set_plan_file(store, plan_id)

    def close_file(self) -> None:
        self._window.close_file()

    def apply_ui_language(self, language: str) -> None:
        """Show the app in ``language`` now (the window is built again)."""
        self._window.reopen_in_language(language)

    def quit(self) -> None:
        self._window.close()

    def set_recent_files(self, paths: list[Path]) -> None:
        """What the start page offers to open again."""
        self._window.start_page.set_recent_files(paths)
