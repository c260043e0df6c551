"""The filter row above the objective tree: words (in code and title, or in all the
text), a status and a lead unit."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.enums import Status
from planner_app.i18n import _
from planner_app.ui.core.labels import status_label
from planner_app.ui.core.status_icons import status_icon

TYPING_DELAY_MS = 150  # typing is debounced: the filter runs once the user pauses


class TreeFilterBar(QWidget):
    """Owns the filter box and the status and unit choosers; says when they change.

    ``criteria_changed`` carries (text, Status | None, unit id | None, in all text);
    typing is debounced by ``TYPING_DELAY_MS``, the choosers apply at once. GUI thread.
    """

    criteria_changed = Signal(str, object, object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_box = QLineEdit()
        self.text_box.setPlaceholderText(_("Filter by code or title (Ctrl+F)"))
        self.text_box.setClearButtonEnabled(True)
        self.status_box = QComboBox()
        self.status_box.setToolTip(_("Show objectives with this status"))
        self.status_box.addItem(_("All statuses"), None)
        for status in Status:
            self.status_box.addItem(status_icon(status), status_label(status), status.value)
        self.everywhere_box = QCheckBox(_("All text"))
        self.everywhere_box.setToolTip(
            _("Also find the words in descriptions, intended results, milestones and indicators")
        )
        self.unit_box = QComboBox()
        self.unit_box.setToolTip(_("Show objectives led by this unit"))
        # Sized to a short name, not the longest unit: the words typed come first
        # (the open list still shows whole names).
        for box in (self.status_box, self.unit_box):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(10)
        self.text_box.setMinimumWidth(160)
        self.set_units([])
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.apply)
        self.text_box.textChanged.connect(lambda _text: self._timer.start())
        self.text_box.returnPressed.connect(self.apply)
        self.status_box.currentIndexChanged.connect(self.apply)
        self.unit_box.currentIndexChanged.connect(self.apply)
        self.everywhere_box.toggled.connect(self.apply)
        self.text_box.setAccessibleName(_("Filter objectives"))
        self.status_box.setAccessibleName(_("Status shown"))
        self.unit_box.setAccessibleName(_("Lead unit shown"))
        # said below the filter when nothing matches: an empty tree alone looked broken
        self.no_matches = QLabel(_("No objective matches the filter."))
        self.no_matches.setObjectName("no_matches")
        self.no_matches.setStyleSheet("font-style: italic;")
        self.no_matches.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text_box, 1)
        row.addWidget(self.everywhere_box)
        row.addWidget(self.status_box)
        row.addWidget(self.unit_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.no_matches)

    def show_result(self, none_match: bool) -> None:
        """Say "no objective matches" under the filter (or stop saying it)."""
        self.no_matches.setVisible(none_match)

    def set_units(self, units: Iterable[tuple[uuid.UUID, str]]) -> None:
        """The plan's units to choose from (id, name); the choice goes back to all."""
        self.unit_box.blockSignals(True)
        self.unit_box.clear()
        self.unit_box.addItem(_("All units"), None)
        for unit_id, name in units:
            self.unit_box.addItem(name, str(unit_id))
        self.unit_box.blockSignals(False)
        self.unit_box.setEnabled(self.unit_box.count() > 1)

    def criteria(self) -> tuple[str, Status | None, uuid.UUID | None, bool]:
        status = self.status_box.currentData()
        unit = self.unit_box.currentData()
        return (
            self.text_box.text(),
            Status(status) if status else None,
            uuid.UUID(unit) if unit else None,
            self.everywhere_box.isChecked(),
        )

    def apply(self) -> None:
        self._timer.stop()
        self.criteria_changed.emit(*self.criteria())

    def set_status_shown(self, shown: bool) -> None:
        """Offer the status chooser only for a plan that tracks status (a hidden one
        filters nothing)."""
        if not shown and self.status_box.currentIndex() != 0:
            self.status_box.setCurrentIndex(0)
        self.status_box.setVisible(shown)

    def clear(self) -> None:
        """Back to showing everything (emits once); "all text" stays as the user set it."""
        for box in (self.text_box, self.status_box, self.unit_box):
            box.blockSignals(True)
        self.text_box.clear()
        self.status_box.setCurrentIndex(0)
        self.unit_box.setCurrentIndex(0)
        for box in (self.text_box, self.status_box, self.unit_box):
            box.blockSignals(False)
        self.apply()
