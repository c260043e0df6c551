"""Plan → Renumber…: the objectives' codes before and after, side by side, applied as
one undoable step.

Codes are references once a plan is printed or sent, so nothing renumbers them on its
own (moves keep every code). When a planning officer wants the numbering to follow the
places again, this dialog shows what would change — for the whole plan, or only below
the objective chosen in the tree — and ``RenumberCommand`` applies it.
"""

from __future__ import annotations

import textwrap
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner_app.errors import PlannerError
from planner_app.i18n import N_, _, ngettext
from planner_app.services.codes import CodeChange, renumber_preview
from planner_app.ui.core.document import PlanDocument, document_read_only
from planner_app.ui.plan.level_commands import RenumberCommand

Index = QModelIndex | QPersistentModelIndex


class RenumberModel(QAbstractTableModel):
    """The rows the dialog shows (given, never fetched): old code, new code, title; a
    changing row in bold. GUI thread only."""

    OLD, NEW, TITLE = range(3)
    HEADERS = (N_("Code now"), N_("Code after"), N_("Title"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CodeChange] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[CodeChange]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.OLD:
                return row.old
            if index.column() == self.NEW:
                return row.new
            return "    " * row.depth + row.title
        if role == Qt.ItemDataRole.FontRole and row.changed and index.column() == self.NEW:
            return self._bold
        return None


class RenumberDialog(QDialog):
    """Asks what to renumber and shows the result before anything is written. Reads
    the preview through the services; the caller runs ``command()`` when accepted.
    GUI thread only."""

    def __init__(
        self,
        document: PlanDocument,
        under: uuid.UUID | None,
        under_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Renumber objectives"))
        self._document = document
        self._under = under
        self._changes: list[CodeChange] = []
        intro = QLabel(
            _(
                "Codes stay when objectives move. Renumbering gives each objective the "
                "code of its place; printed or sent codes then no longer match."
            )
        )
        intro.setWordWrap(True)
        self.whole = QRadioButton(_("The whole plan"))
        short = textwrap.shorten(under_name, 70, placeholder=" …")
        self.below = QRadioButton(_("Only below {name}").format(name=short))
        self.below.setEnabled(under is not None)
        (self.below if under is not None else self.whole).setChecked(True)
        self.keep_literal = QCheckBox(_("Keep codes typed as words (such as “Axe 2”)"))
        self.keep_literal.setChecked(True)
        self.only_changes = QCheckBox(_("Show only the codes that change"))
        self.only_changes.setChecked(True)
        self.model = RenumberModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(RenumberModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setObjectName("renumber_summary")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Renumber"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for control in (self.whole, self.below, self.keep_literal):
            control.toggled.connect(lambda _on: self.refresh())
        self.only_changes.toggled.connect(lambda _on: self._show())
        layout = QVBoxLayout(self)
        for widget in (intro, self.whole, self.below, self.keep_literal, self.only_changes):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(720, 520)
        self.refresh()

    @property
    def scope(self) -> uuid.UUID | None:
        return self._under if self.below.isChecked() else None

    def refresh(self) -> None:
        """Read what renumbering would do with the choices made."""
        try:
            self._changes = renumber_preview(
                self._document.store,
                self._document.plan_id,
                under=self.scope,
                keep_literal=self.keep_literal.isChecked(),
            )
        except PlannerError as err:
            self._changes = []
            self.summary.setText(str(err))
        self._show()

    def _show(self) -> None:
        changing = [c for c in self._changes if c.changed]
        self.model.set_rows(changing if self.only_changes.isChecked() else self._changes)
        self.table.resizeColumnToContents(RenumberModel.OLD)
        self.table.resizeColumnToContents(RenumberModel.NEW)
        n = len(changing)
        self.summary.setText(
            ngettext("{n} code changes.", "{n} codes change.", n).format(n=n)
            if n
            else _("Every code already follows its place: nothing to renumber.")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(n > 0)

    def command(self) -> RenumberCommand:
        return RenumberCommand(
            self._document, under=self.scope, keep_literal=self.keep_literal.isChecked()
        )


class RenumberAction(QObject):
    """Owns Plan → Renumber…; ``current`` tells the objective chosen in the tree and its
    name (the dialog offers to renumber below it). GUI thread only."""

    def __init__(
        self,
        parent: QWidget,
        current: Callable[[], tuple[uuid.UUID | None, str]],
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._current = current
        self.document: PlanDocument | None = None
        self.action = QAction(_("&Renumber…"), parent)
        self.action.triggered.connect(lambda _checked=False: self.run())
        self.set_document(None)

    def set_document(self, document: PlanDocument | None) -> None:
        self.document = document
        self.action.setEnabled(not document_read_only(document))

    def dialog(self) -> RenumberDialog | None:
        if self.document is None or document_read_only(self.document):
            return None
        under, name = self._current()
        return RenumberDialog(self.document, under, name, self._window)

    def run(self) -> bool:
        """Show the dialog; on Renumber, apply it as one undoable step."""
        dialog = self.dialog()
        if dialog is None:
            return False
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            assert self.document is not None
            return bool(self.document.run(dialog.command(), initiator=self))
        finally:
            dialog.deleteLater()
