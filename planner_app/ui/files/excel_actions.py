"""File → Export → Excel… and File → Import → Excel…, run off the GUI thread.

Both show a progress dialog that can be cancelled: a cancelled export leaves no file
(the exporter writes a temporary file and renames it at the end), a cancelled import
changes nothing (the import writes in one transaction at the end, after every check).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QWidget

from planner_app.errors import PlannerError
from planner_app.exporting.report import ExportCancelledError, Progress
from planner_app.i18n import _
from planner_app.services.plans import plan_info
from planner_app.ui.core import background
from planner_app.ui.core.context import WindowContext
from planner_app.ui.core.settings import WindowSettings
from planner_app.ui.core.undo_texts import undo_text
from planner_app.ui.files.export_target import choose_export_path, confirm_export
from planner_app.ui.files.opening import show_error

XLSX_FILTER = "Excel (*.xlsx)"


def run_with_progress(
    parent: QWidget, label: str, job: Callable[[Progress], Any]
) -> tuple[str, Any]:
    """An Excel export or import with a cancellable progress dialog (see background).

    The exporting modules (openpyxl) are imported when first used, here and below:
    they cost a quarter of a second that the window's first paint need not wait for."""
    from planner_app.exporting.excel_import import ImportCancelledError

    return background.run_with_progress(
        parent,
        label,
        job,
        cancelled_by=(ExportCancelledError, ImportCancelledError),
        failure=_("The Excel file could not be processed: {error}"),
    )


class ExcelActions(QObject):
    """The Excel export and import actions of one window (its ``WindowContext``). GUI thread."""

    def __init__(self, context: WindowContext) -> None:
        window = context.widget
        super().__init__(window)
        self._context = context
        self.export_action = QAction(_("&Excel…"), window)
        self.export_action.triggered.connect(self.export_excel)
        self.import_action = QAction(_("E&xcel…"), window)
        self.import_action.triggered.connect(self.import_excel)
        self.export_menu = QMenu(_("&Export"), window)
        self.export_menu.addAction(self.export_action)
        self.sheet_action = QAction(_("&Budget or staffing sheet…"), window)
        self.sheet_action.setToolTip(
            _("Import amounts or staffing figures from a simple sheet into the shown plan.")
        )
        self.sheet_action.triggered.connect(self.import_sheet)
        self.import_menu = QMenu(_("&Import"), window)
        self.import_menu.addAction(self.import_action)
        self.import_menu.addAction(self.sheet_action)

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
        store = self._context.store
        self.export_action.setEnabled(store is not None and self._context.plan_id is not None)
        self.import_action.setEnabled(store is not None and not store.readonly)
        document = self._context.document
        self.sheet_action.setEnabled(document is not None and document.editable)

    def export_excel(self, path: Path | None = None) -> Path | None:
        """Export the shown plan in the content language shown; ``path`` skips the dialog."""
        window, store, plan_id = self._context.widget, self._context.store, self._context.plan_id
        if store is None or plan_id is None:
            return None
        ask = path is None
        if path is None:
            path = choose_export_path(
                window,
                WindowSettings(),
                store.path,
                title=_("Export to Excel"),
                name=store.path.with_suffix(".xlsx").name,
                file_filter=XLSX_FILTER,
                suffix=".xlsx",
            )
            if path is None:
                return None
        from planner_app.exporting.excel import export_xlsx

        language = self._context.language or plan_info(store, plan_id).languages[0]
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
        self._context.show_message(message)
        if ask:  # a user waited for it: say where it went and offer to open it
            note = message.partition(" ")[2] if result.fallbacks else ""
            confirm_export(window, path, _("Export to Excel"), note=note)
        return path

    def import_excel(self, path: Path | None = None) -> bool:
        """Import a workbook as a new draft plan of the open file; ``path`` skips the dialog."""
        window, store = self._context.widget, self._context.store
        if store is None or store.readonly:
            return False
        if path is None:
            name, _chosen = QFileDialog.getOpenFileName(
                window, _("Import from Excel"), str(store.path.parent), XLSX_FILTER
            )
            if not name:
                return False
            path = Path(name)
        from planner_app.exporting.excel_import import import_into

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
        self._context.reload_plans(show=result.plan_id)
        self._context.show_message(result.lines()[0])
        return True

    def import_sheet(self, path: Path | None = None) -> bool:
        """Budget amounts or staffing figures from a simple sheet into the shown plan,
        through the column-mapping dialog; written as one undo step (Edit → Undo takes
        the whole import back). ``path`` skips the file dialog."""
        window, document = self._context.widget, self._context.document
        if document is None or not document.editable:
            return False
        if path is None:
            name, _chosen = QFileDialog.getOpenFileName(
                window,
                _("Import budget or staffing sheet"),
                str(document.store.path.parent),
                XLSX_FILTER,
            )
            if not name:
                return False
            path = Path(name)
        from planner_app.ui.budget.commands import SetAmountsCommand
        from planner_app.ui.files.sheet_import_dialog import BUDGET, SheetImportDialog
        from planner_app.ui.staffing.commands import SetFiguresCommand

        try:
            dialog = SheetImportDialog(document.store, document.plan_id, path, window)
        except PlannerError as err:
            show_error(window, str(err))
            return False
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        text = undo_text("sheet", "import", name=path.name)
        if dialog.kind == BUDGET:
            command = SetAmountsCommand(
                document, [(c.line_id, c.column, c.amount) for c in dialog.cells], text
            )
        else:
            command = SetFiguresCommand(document, dialog.cells, text)
        if not document.run(command):
            return False
        self._context.show_message(
            _("Imported {n} value(s) from {name}; Edit → Undo takes them back.").format(
                n=len(dialog.cells), name=path.name
            )
        )
        return True
