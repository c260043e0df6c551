"""The History dialog: who changed what of one objective or budget line, and when.

Read-only: the lines come from ``services.history`` (the change log the exchange also
sends); the dialog only shows them, newest first, and copies them as text. Each row
answers ``Qt.AccessibleTextRole`` with a sentence, so a screen reader reads a change as
one statement rather than six cells.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner_app.errors import PlannerError
from planner_app.i18n import N_, _, ngettext
from planner_app.services.history import HistoryLine, history_text

AnyIndex = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    """The history lines given (passive); one row per change."""

    WHEN, WHO, WHAT, FIELD, OLD, NEW = range(6)
    HEADERS = (N_("When"), N_("Who"), N_("What"), N_("Field"), N_("Old value"), N_("New value"))

    def __init__(self, lines: Sequence[HistoryLine], parent: Any = None) -> None:
        super().__init__(parent)
        self.lines = list(lines)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section]) if 0 <= section < len(self.HEADERS) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return sentence(line)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (line.at, line.user, line.what, line.field, line.old, line.new)[index.column()]
        return None


def sentence(line: HistoryLine) -> str:
    """One change as a screen reader says it."""
    if not line.old and not line.new:
        return _("{when}, {who}: {what}, {field}.").format(
            when=line.at, who=line.user, what=line.what, field=line.field
        )
    if not line.old:
        return _("{when}, {who} added {what}: {new}.").format(
            when=line.at, who=line.user, what=line.what, new=line.new
        )
    return _("{when}, {who} changed {field} of {what} from {old} to {new}.").format(
        when=line.at, who=line.user, field=line.field, what=line.what, old=line.old, new=line.new
    )


class HistoryDialog(QDialog):
    """Shows ``lines`` under ``title``; Copy puts them on the clipboard as text.
    GUI thread only."""

    def __init__(
        self, title: str, lines: Sequence[HistoryLine], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle(title)
        self.lines = list(lines)
        self.model = HistoryModel(self.lines, self)
        count = len(self.lines)
        self.summary = QLabel(
            ngettext("{n} change, newest first.", "{n} changes, newest first.", count).format(
                n=count
            )
            if count
            else _("No change of it is recorded in this file yet.")
        )
        self.summary.setWordWrap(True)
        self.view = QTableView()
        self.view.setObjectName("history_view")
        self.view.setModel(self.model)
        self.view.setAccessibleName(title)
        self.view.setAccessibleDescription(
            _("Each row is one change: when, who, what, which field, the old and new value.")
        )
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (HistoryModel.WHEN, HistoryModel.WHO, HistoryModel.FIELD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (HistoryModel.WHAT, HistoryModel.OLD, HistoryModel.NEW):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.view.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(_("&Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip(_("Copy the changes as text (for a spreadsheet or a mail)."))
        self.copy_button.clicked.connect(self.copy)
        self.copy_button.setEnabled(bool(self.lines))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(960, 480)
        if self.lines:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.view.setFocus()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(history_text(self.lines))


def open_history(
    parent: QWidget, title: str, read: Callable[[], Sequence[HistoryLine]]
) -> HistoryDialog | None:
    """Read the lines (``read``: a ``services.history`` call) and show them in a window
    of their own; a row that no longer exists is told, and None returned."""
    try:
        lines = read()
    except PlannerError as err:
        QMessageBox.warning(parent, title, str(err))
        return None
    dialog = HistoryDialog(title, lines, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
