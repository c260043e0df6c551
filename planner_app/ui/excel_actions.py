"""File → Export → Excel… and File → Import → Excel…, run off the GUI thread.

Both show a progress dialog that can be cancelled: a cancelled export leaves no file
(the exporter writes a temporary file and renames it at the end), a cancelled import
changes nothing (the import writes in one transaction at the end, after every check).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QProgressDialog, QWidget

from planner_app.errors import PlannerError
from planner_app.exporting.excel import export_xlsx
from planner_app.exporting.excel_import import ImportCancelledError, import_into
from planner_app.exporting.report import ExportCancelledError, Progress
from planner_app.i18n import _
from planner_app.services.plans import plan_info
from planner_app.ui.opening import show_error

if TYPE_CHECKING:
    from planner_app.ui.main_window import MainWindow

XLSX_FILTER = "Excel (*.xlsx)"


class ExcelJob(QThread):
    """Runs one export or import (``job(progress)``) on its own thread.

    The job opens its own session through the plan file; ``cancel()`` (GUI thread)
    makes the next progress call return False, which stops the job cleanly.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job: Callable[[Progress], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._stop = False

    def cancel(self) -> None:
        self._stop = True

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._stop

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except (ExportCancelledError, ImportCancelledError):
            self.cancelled.emit()
        except PlannerError as err:
            self.failed.emit(str(err))
        except Exception as err:  # a bug: details on stderr, a sentence for the user
            traceback.print_exc()
            self.failed.emit(_("The Excel file could not be processed: {error}").format(error=err))
        else:
            self.succeeded.emit(result)


def run_with_progress(
    parent: QWidget, label: str, job: Callable[[Progress], Any]
) -> tuple[str, Any]:
    """Run ``job`` with a cancellable progress dialog: ("done", result), ("failed",
    message) or ("cancelled", None)."""
    outcome: dict[str, Any] = {}
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(_("Planner"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)
    thread = ExcelJob(job)
    loop = QEventLoop()
    dialog.canceled.connect(thread.cancel)

    def show_progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(min(done, total - 1) if total else 0)

    thread.progressed.connect(show_progress)
    thread.succeeded.connect(lambda result: outcome.setdefault("done", result))
    thread.failed.connect(lambda message: outcome.setdefault("failed", message))
    thread.cancelled.connect(lambda: outcome.setdefault("cancelled", None))
    thread.finished.connect(loop.quit)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        thread.start()
        loop.exec()
        thread.wait()
    finally:
        QApplication.restoreOverrideCursor()
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
        thread.deleteLater()
    kind = next(iter(outcome), "cancelled")
    return kind, outcome.get(kind)


class ExcelActions(QObject):
    """The Excel export and import actions of one ``MainWindow``. GUI thread."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.export_action = QAction(_("&Excel…"), window)
        self.export_action.triggered.connect(self.export_excel)
        self.import_action = QAction(_("E&xcel…"), window)
        self.import_action.triggered.connect(self.import_excel)
        self.export_menu = QMenu(_("&Export"), window)
        self.export_menu.addAction(self.export_action)
        self.import_menu = QMenu(_("&Import"), window)
        self.import_menu.addAction(self.import_action)

    def populate(self, menu: QMenu, before: QAction | None = None) -> None:
        for sub in (self.export_menu, self.import_menu):
            if before is None:
                menu.addMenu(sub)
            else:
                menu.insertMenu(before, sub)
        if before is not None:
            menu.insertSeparator(before)
        menu.aboutToShow.connect(self.update_actions)
        self.update_actions()

    def update_actions(self) -> None:
        store = self._window.store
        self.export_action.setEnabled(store is not None and self._window.plan_id is not None)
        self.import_action.setEnabled(store is not None and not store.readonly)

    def export_excel(self, path: Path | None = None) -> Path | None:
        """Export the shown plan in the content language shown; ``path`` skips the dialog."""
        window, store, plan_id = self._window, self._window.store, self._window.plan_id
        if store is None or plan_id is None:
            return None
        if path is None:
            start = store.path.with_suffix(".xlsx")
            name, _chosen = QFileDialog.getSaveFileName(
                window, _("Export to Excel"), str(start), XLSX_FILTER
            )
            if not name:
                return None
            path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        language = window.language_switch.language or plan_info(store, plan_id).languages[0]
        kind, result = run_with_progress(
            window,
            _("Exporting to Excel…"),
            lambda progress: export_xlsx(
                store, plan_id, path, language=language, progress=progress
            ),
        )
        if kind == "failed":
            show_error(window, result)
            return None
        if kind == "cancelled":
            return None
        message = _("Exported to {path}.").format(path=path)
        if result.fallbacks:
            message += " " + _("{n} field(s) show the plan's first language.").format(
                n=len(result.fallbacks)
            )
        window.statusBar().showMessage(message, 10000)
        return path

    def import_excel(self, path: Path | None = None) -> bool:
        """Import a workbook as a new draft plan of the open file; ``path`` skips the dialog."""
        window, store = self._window, self._window.store
        if store is None or store.readonly:
            return False
        if path is None:
            name, _chosen = QFileDialog.getOpenFileName(
                window, _("Import from Excel"), str(store.path.parent), XLSX_FILTER
            )
            if not name:
                return False
            path = Path(name)
        kind, result = run_with_progress(
            window,
            _("Importing from Excel…"),
            lambda progress: import_into(store, path, progress=progress, free_code=True),
        )
        if kind == "failed":
            show_error(window, result)
            return False
        if kind == "cancelled":
            return False
        window.reload_plans(show=result.plan_id)
        window.statusBar().showMessage(result.lines()[0], 10000)
        return True
