"""What the window shows when no plan file is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from planner_app.i18n import _

PATH_ROLE = Qt.ItemDataRole.UserRole
MAX_ROWS_SHOWN = 6
COLUMN_WIDTH = 480


class StartPage(QWidget):
    """A welcome with the ways in: a recent file, a new plan, an existing plan document,
    a plan file, the demo.

    Owns only its buttons and the recent-files list (filled by the window through
    ``set_recent_files``); the window reacts to its signals. GUI thread.
    """

    new_plan_requested = Signal()
    import_requested = Signal()  # an existing plan document, into a new plan file
    open_requested = Signal()
    demo_requested = Signal()
    recent_file_chosen = Signal(str)  # the file's path

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
        self.new_button = QPushButton(_("New plan…"))
        self.import_button = QPushButton(_("Import a plan document (Word, PDF, text)…"))
        self.import_button.setToolTip(
            _(
                "Your current plan as a Word document, a PDF or a text: its chapters and "
                "objectives are recognised and shown for you to correct, then saved as a "
                "new plan file."
            )
        )
        self.open_button = QPushButton(_("Open…"))
        self.demo_button = QPushButton(_("Open demo plan"))
        self.open_button.setDefault(True)
        self.new_button.clicked.connect(self.new_plan_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.recent_label = QLabel(_("Recent files"))
        bold = QFont(self.recent_label.font())
        bold.setBold(True)
        self.recent_label.setFont(bold)
        self.recent_list = QListWidget()
        self.recent_list.setToolTip(_("Click a file to open it."))
        self.recent_list.setAlternatingRowColors(True)
        self.recent_list.setSpacing(1)
        self.recent_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent_list.itemActivated.connect(self._item_chosen)  # Enter, or a click
        single = QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick
        if not self.recent_list.style().styleHint(single, None, self.recent_list):
            self.recent_list.itemClicked.connect(self._item_chosen)  # one click is enough

        # A column of fixed width, centred: wrapped text then gets its full height.
        column = self._column = QWidget()
        column.setFixedWidth(COLUMN_WIDTH)
        inner = QVBoxLayout(column)
        for label in (title, subtitle, hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(label)
        inner.addSpacing(16)
        buttons = (self.new_button, self.import_button, self.open_button, self.demo_button)
        width = max(240, *(b.sizeHint().width() for b in buttons))
        for button in buttons:
            button.setMinimumWidth(width)
            inner.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addSpacing(16)
        inner.addWidget(self.recent_label)
        inner.addWidget(self.recent_list)
        outer = QGridLayout(self)
        outer.addWidget(column, 1, 1)
        outer.setRowStretch(0, 2)
        outer.setRowStretch(2, 3)
        outer.setColumnStretch(0, 1)
        outer.setColumnStretch(2, 1)
        self.set_recent_files([])

    def set_recent_files(self, paths: list[Path]) -> None:
        """Show ``paths`` (newest first); files that no longer exist are greyed."""
        self.recent_list.clear()
        metrics = self.recent_list.fontMetrics()
        width = COLUMN_WIDTH - 40  # the list's frame, margins and a scroll bar
        for path in paths:
            text = f"{path.name}  —  {path.parent}"
            item = QListWidgetItem(metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width))
            item.setData(PATH_ROLE, str(path))
            if path.exists():
                item.setToolTip(str(path))
            else:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setToolTip(_("{path} no longer exists.").format(path=path))
            self.recent_list.addItem(item)
        rows = min(len(paths), MAX_ROWS_SHOWN)
        row_height = self.recent_list.sizeHintForRow(0) + 2 * self.recent_list.spacing()
        frame = 2 * self.recent_list.frameWidth()
        self.recent_list.setFixedHeight(max(rows, 1) * row_height + frame)
        for widget in (self.recent_label, self.recent_list):
            widget.setVisible(bool(paths))
        self._column.adjustSize()  # grow or shrink even while the page is hidden

    def _item_chosen(self, item: QListWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.recent_file_chosen.emit(item.data(PATH_ROLE))
