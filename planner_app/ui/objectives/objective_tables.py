"""A titled table of an objective's rows with Add / Remove (and move) buttons above it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner_app.i18n import _
from planner_app.ui.objectives.indicators import IndicatorTableModel
from planner_app.ui.objectives.milestones import MilestoneTableModel
from planner_app.ui.objectives.objective_rows import ObjectiveRowsModel

MIN_ROWS = 2
MAX_ROWS = 12


class RowsTable(QWidget):
    """Shows one ``ObjectiveRowsModel`` (milestones or indicators) as a table as tall
    as its rows (up to ``MAX_ROWS``), with buttons and the Delete key for row edits.

    Owns the view and buttons, not the model. GUI thread only.
    """

    def __init__(
        self,
        model: ObjectiveRowsModel,
        title: str,
        add_text: str,
        *,
        movable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._read_only = False
        self.title = QLabel(title)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.installEventFilter(self)
        self._shape_columns()

        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setToolTip(_("Remove the selected rows (Delete)"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        self.up_button = self.down_button = None
        if movable:
            self.up_button = QPushButton(_("Move up"))
            self.down_button = QPushButton(_("Move down"))
            self.up_button.clicked.connect(lambda: self.move_selected(-1))
            self.down_button.clicked.connect(lambda: self.move_selected(+1))
            buttons.addWidget(self.up_button)
            buttons.addWidget(self.down_button)
        # The buttons sit between the title and the table, not under it: the table grows
        # with each row added, and buttons below it moved down, so a second click on
        # "Add milestone" missed (issue 32, item 1). The title keeps its own line: beside
        # the buttons it widened the editor past a narrow pane at 200 %.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        self.view.setAccessibleName(title)

        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_height)
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
            model.layoutChanged,
        ):
            signal.connect(self._fit_timer.start)
        model.modelReset.connect(self._shape_columns)
        self.view.horizontalHeader().sectionResized.connect(self._fit_timer.start)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        model.modelReset.connect(self._update_buttons)
        self._update_buttons()
        self.fit_height()

    # --- row edits ---------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    def add_row(self) -> None:
        model = self.model
        if isinstance(model, MilestoneTableModel):
            row = model.add_milestone()
            column = MilestoneTableModel.TEXT
        elif isinstance(model, IndicatorTableModel):
            row = model.add_indicator()
            column = IndicatorTableModel.NAME
        else:
            return
        if row >= 0:
            index = model.index(row, column)
            self.view.setCurrentIndex(index)
            self.view.edit(index)

    def remove_selected(self) -> None:
        rows = self.selected_rows()
        if rows and hasattr(self.model, "remove_rows"):
            self.model.remove_rows(rows)

    def move_selected(self, step: int) -> None:
        rows = self.selected_rows()
        if len(rows) != 1 or not isinstance(self.model, MilestoneTableModel):
            return
        row_id = self.model.row_id(rows[0])
        if self.model.move_milestone(rows[0], rows[0] + step):
            self.view.selectRow(self.model.row_of(row_id))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self.model.editable() and not self._read_only
        rows = self.selected_rows()
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and bool(rows))
        if self.up_button is not None and self.down_button is not None:
            one = editable and len(rows) == 1
            self.up_button.setEnabled(one and rows[0] > 0)
            self.down_button.setEnabled(one and rows[0] < self.model.rowCount() - 1)

    # --- look --------------------------------------------------------------------------

    def _shape_columns(self) -> None:
        header = self.view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if isinstance(self.model, MilestoneTableModel):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(MilestoneTableModel.TEXT, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(
                MilestoneTableModel.DONE, QHeaderView.ResizeMode.ResizeToContents
            )
            self.view.setColumnWidth(MilestoneTableModel.PERIOD, 110)
        elif isinstance(self.model, IndicatorTableModel):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.setStretchLastSection(False)
            self.view.setColumnWidth(IndicatorTableModel.NAME, 240)
            self.view.setColumnWidth(IndicatorTableModel.UNIT_OF_MEASURE, 90)
            for column in range(IndicatorTableModel.BASELINE, self.model.columnCount()):
                width = max(90, header.sectionSizeHint(column))
                self.view.setColumnWidth(column, width)
            header.setSectionResizeMode(
                IndicatorTableModel.STATUS, QHeaderView.ResizeMode.ResizeToContents
            )

    def fit_height(self) -> None:
        """Make the view as tall as its rows (within ``MIN_ROWS``..``MAX_ROWS``)."""
        view = self.view
        view.resizeRowsToContents()
        count = self.model.rowCount()
        default = view.verticalHeader().defaultSectionSize()
        heights = [view.rowHeight(r) for r in range(min(count, MAX_ROWS))]
        body = sum(heights) + default * max(0, MIN_ROWS - count)
        header = view.horizontalHeader().sizeHint().height()
        scrollbar = view.horizontalScrollBar()
        extra = scrollbar.sizeHint().height() if scrollbar.maximum() > 0 else 0
        view.setFixedHeight(body + header + extra + 2 * view.frameWidth() + 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view:
            if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                editing = self.view.state() == QAbstractItemView.State.EditingState
                if event.key() == Qt.Key.Key_Delete and not editing and self.model.editable():
                    self.remove_selected()
                    return True
            elif event.type() == QEvent.Type.Resize:
                self._fit_timer.start()
        return super().eventFilter(watched, event)
