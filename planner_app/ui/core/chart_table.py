"""A chart's figures as a table, one keystroke away (Enter on the chart).

Charts only draw; a screen reader cannot read bars. Each chart keeps the figures it
drew as text (a header and rows, numbers in the UI language's Belgian format), names
itself by its title, describes itself with those figures, and opens them as a table
on Enter (EN 301 549 / WCAG 1.1.1: a text equivalent for non-text content).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner_app.i18n import _

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class ChartFigures:
    """What a chart drew, as text: ``header`` (first column, then one per series) and
    ``rows``. Mixed into the chart views (a QWidget subclass)."""

    figures_title = ""
    figures_header: list[str]
    figures_rows: list[list[str]]

    def set_figures(self, title: str, header: Sequence[str], rows: Sequence[Sequence[str]]):
        widget: QWidget = self  # type: ignore[assignment]
        self.figures_title = title
        self.figures_header = list(header)
        self.figures_rows = [list(r) for r in rows]
        widget.setAccessibleName(title or _("Chart"))
        viewport = getattr(widget, "viewport", None)
        if viewport is not None:  # AT-SPI shows a chart's viewport as a control of its own
            viewport().setAccessibleName(title or _("Chart"))
        lines = [
            ", ".join(
                f"{h} {v}" if h else v
                for h, v in zip(self.figures_header, r, strict=False)
                if v  # an empty cell is left out, not read as "M ,"
            )
            for r in self.figures_rows
        ]
        text = "; ".join(line for line in lines if line)
        hint = _("Press Enter to see the figures as a table.")
        widget.setAccessibleDescription(f"{text}. {hint}" if text else hint)
        widget.setToolTip(hint)

    def chart_key(self, event: QKeyEvent) -> bool:
        """Enter (or Space) opens the figures; True when the key was taken."""
        if event.key() in ENTER_KEYS and not event.modifiers():
            self.show_figures()
            return True
        return False

    def show_figures(self) -> QDialog:
        dialog = FiguresDialog(
            self.figures_title,
            getattr(self, "figures_header", []),
            getattr(self, "figures_rows", []),
            self,  # type: ignore[arg-type]
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


class FiguresDialog(QDialog):
    """A read-only table of a chart's figures. GUI thread only."""

    def __init__(
        self,
        title: str,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chart_figures")
        self.setWindowTitle(title or _("Chart"))
        self.table = QTableWidget(len(rows), len(header))
        self.table.setAccessibleName(title or _("Chart"))
        self.table.setHorizontalHeaderLabels(list(header))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if header:
            self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)
        self.table.setFocus()
