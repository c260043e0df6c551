"""The conflict view: each open conflict with base, ours and theirs side by side.

A person reads which row and field both sides changed, the three values and who
changed them when (from the change log), and decides: keep ours, take theirs, combine
both changes of a number, or enter the right value. Every decision goes through
``exchange.decisions.decide`` (it travels back with the next package); the window's
views are refreshed after each one.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner_app.errors import PlannerError
from planner_app.exchange.decisions import EDIT, decide
from planner_app.exchange.describe import ConflictView, conflict_views, when
from planner_app.i18n import _
from planner_app.storage import PlanFile
from planner_app.ui.files.opening import show_error
from planner_app.ui.objectives.indicators import NumberError, parse_number


def _value_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setReadOnly(True)
    box.setMinimumWidth(180)
    box.setMaximumHeight(96)
    return box


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ConflictsDialog(QDialog):
    """The open conflicts of one plan; ``decided()`` is called after each decision."""

    def __init__(
        self,
        store: PlanFile,
        plan_id: uuid.UUID | None,
        decided: Callable[[], None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store, self._plan_id, self._decided = store, plan_id, decided
        self._views: list[ConflictView] = []
        self.setWindowTitle(_("Conflicts"))
        self.resize(1000, 520)

        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setMinimumWidth(240)
        self.list.currentRowChanged.connect(self._show)
        self.heading = _plain()
        bold = QFont(self.heading.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.heading.setFont(bold)
        self.explanation = _plain()
        self.base, self.ours, self.theirs = _value_box(), _value_box(), _value_box()
        self.ours_by, self.theirs_by = _plain(), _plain()
        grid = QGridLayout()
        titles = (_("Before both changes"), _("Ours (this file)"), _("Theirs (the package)"))
        for column, (title, box) in enumerate(
            zip(titles, (self.base, self.ours, self.theirs), strict=True)
        ):
            head = QLabel(title)
            head.setFont(bold)
            grid.addWidget(head, 0, column)
            grid.addWidget(box, 1, column)
        grid.addWidget(self.ours_by, 2, 1)
        grid.addWidget(self.theirs_by, 2, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)

        self.ours_button = QPushButton(_("Keep ours"))
        self.theirs_button = QPushButton(_("Take theirs"))
        self.combine_button = QPushButton(_("Combine both"))
        self.edit_button = QPushButton(_("Enter a value…"))
        self.restore_button = QPushButton(_("Restore it"))
        self.dismiss_button = QPushButton(_("Dismiss"))
        self.restore_button.clicked.connect(lambda: self.decide("ours"))
        self.dismiss_button.clicked.connect(lambda: self.decide("dismiss"))
        self.ours_button.clicked.connect(lambda: self.decide("ours"))
        self.theirs_button.clicked.connect(lambda: self.decide("theirs"))
        self.combine_button.clicked.connect(lambda: self.decide("combine"))
        self.edit_button.clicked.connect(lambda: self.decide(EDIT))
        choices = QVBoxLayout()  # two rows: the combine button names its result
        for pair in (
            (self.ours_button, self.theirs_button),
            (self.combine_button, self.edit_button),
            (self.restore_button, self.dismiss_button),
        ):
            row = QHBoxLayout()
            for button in pair:
                row.addWidget(button)
            row.addStretch(1)
            choices.addLayout(row)

        detail = QFrame()
        column = QVBoxLayout(detail)
        column.addWidget(self.heading)
        column.addWidget(self.explanation)
        column.addLayout(grid)
        column.addLayout(choices)
        column.addStretch(1)
        self.detail = detail
        self.empty = _plain(_("No open conflicts: every change is settled."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 700])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    @property
    def views(self) -> list[ConflictView]:
        return list(self._views)

    def reload(self, keep_row: int = 0) -> None:
        self._views = conflict_views(self._store, self._plan_id)
        self.list.blockSignals(True)
        self.list.clear()
        for view in self._views:
            item = QListWidgetItem(f"{view.what}\n{view.field}")
            item.setToolTip(view.explanation)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.splitter.setVisible(bool(self._views))
        self.empty.setVisible(not self._views)
        if self._views:
            self.list.setCurrentRow(min(keep_row, len(self._views) - 1))
            self._show(self.list.currentRow())

    def current(self) -> ConflictView | None:
        row = self.list.currentRow()
        return self._views[row] if 0 <= row < len(self._views) else None

    def _show(self, row: int) -> None:
        view = self._views[row] if 0 <= row < len(self._views) else None
        if view is None:
            return
        self.heading.setText(f"{view.what} — {view.field}")
        self.explanation.setText(view.explanation)
        self.base.setPlainText(view.base)
        self.ours.setPlainText(view.ours)
        self.theirs.setPlainText(view.theirs)
        self.ours_by.setText(self._by(view.ours_by, view.ours_at))
        self.theirs_by.setText(self._by(view.theirs_by, view.theirs_at))
        writable = not self._store.readonly
        for button in (self.ours_button, self.theirs_button):
            button.setVisible(not view.notice)
            button.setEnabled(writable)
        self.restore_button.setVisible(view.restorable)
        self.dismiss_button.setVisible(view.notice)
        for button in (self.restore_button, self.dismiss_button):
            button.setEnabled(writable)
        self.combine_button.setVisible(view.combinable)
        self.combine_button.setEnabled(writable)
        if view.combinable:
            self.combine_button.setText(
                _("Combine both (ours + theirs − before = {value})").format(value=view.combined)
            )
        self.edit_button.setVisible(view.editable)
        self.edit_button.setEnabled(writable)

    @staticmethod
    def _by(user: str, at: str) -> str:
        if not at:
            return ""
        return _("Changed by {user} on {when}").format(user=user or "?", when=when(at))

    def _entered(self, view: ConflictView) -> tuple[bool, Any]:
        start = "" if view.ours == _("(empty)") else view.ours
        text, ok = QInputDialog.getText(
            self, _("Enter a value"), f"{view.what} — {view.field}", text=start
        )
        if not ok:
            return False, None
        if not view.number:  # a one-line text
            return True, text
        try:
            return True, parse_number(text)
        except NumberError as err:
            show_error(self, str(err))
            return False, None

    def decide(self, choice: str) -> bool:
        """Settle the conflict shown with ``choice``; False if nothing was decided."""
        view = self.current()
        if view is None:
            return False
        value: Any = None
        if choice == EDIT:
            ok, value = self._entered(view)
            if not ok:
                return False
        row = self.list.currentRow()
        try:
            decide(self._store, view.id, choice, value)
        except PlannerError as err:
            show_error(self, str(err))
            return False
        self.reload(keep_row=row)
        self._decided()
        return True
