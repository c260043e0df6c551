"""What the window shows when no plan file is open."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from planner_app.i18n import _


class StartPage(QWidget):
    """A welcome with two ways in: open a plan file, or open a new copy of the demo.

    Owns only its buttons; the window reacts to its signals. GUI thread.
    """

    open_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(_("Planner"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(_("Write, keep and print public-sector plans."))
        hint = QLabel(
            _(
                "Open a plan file, or try the demo: a new copy of two real plans, "
                "saved in your documents folder so your edits are kept."
            )
        )
        hint.setWordWrap(True)
        self.open_button = QPushButton(_("Open…"))
        self.demo_button = QPushButton(_("Open demo plan"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)

        # A column of fixed width, centred: wrapped text then gets its full height.
        column = QWidget()
        column.setFixedWidth(440)
        inner = QVBoxLayout(column)
        for label in (title, subtitle, hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(label)
        inner.addSpacing(16)
        for button in (self.open_button, self.demo_button):
            button.setMinimumWidth(240)
            inner.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        outer = QGridLayout(self)
        outer.addWidget(column, 1, 1)
        outer.setRowStretch(0, 2)
        outer.setRowStretch(2, 3)
        outer.setColumnStretch(0, 1)
        outer.setColumnStretch(2, 1)
