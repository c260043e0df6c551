"""The tree view of objectives: headings spanned, sensible widths, expanded on load."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, QSignalBlocker, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from planner_app.ui.models.objective_tree import ObjectiveTreeModel

EXPAND_ALL_LIMIT = 300  # objectives; above this only SDs are opened (ODs visible)


class ObjectiveTreeView(QTreeView):
    """Shows an ``ObjectiveTreeModel`` and reports which row is current.

    Owns only view state (spans, expansion, widths); the model is shared with the
    window. GUI thread.
    """

    objective_selected = Signal(object)  # uuid.UUID of the objective, or None
    heading_selected = Signal(str)  # the title of a policy-field heading

    def __init__(self, model: ObjectiveTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setModel(model)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ObjectiveTreeModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self._kept_id: uuid.UUID | None = None
        model.modelAboutToBeReset.connect(self._before_reset)
        model.modelReset.connect(self._after_reset)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self._after_reset()

    def _before_reset(self) -> None:
        self._kept_id = self.current_objective_id()

    def _after_reset(self) -> None:
        """Spans, expansion and widths again; the same objective current, else the first."""
        for index in self._model.heading_indexes():
            self.setFirstColumnSpanned(index.row(), QModelIndex(), True)
        if self._model.objective_count() <= EXPAND_ALL_LIMIT:
            self.expandAll()
        else:
            self.expandToDepth(0)  # SDs open: their ODs show
        self._fit_columns()
        kept, self._kept_id = self._kept_id, None
        index = self._model.index_of(kept) if kept else QModelIndex()
        if not index.isValid():
            index = self._model.first_objective_index()
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)
        else:
            self._current_changed(QModelIndex(), QModelIndex())

    def _fit_columns(self) -> None:
        """Codes, status, unit and milestones as narrow as they can be; titles take the rest."""
        metrics = self.fontMetrics()
        model = ObjectiveTreeModel
        code = self.sizeHintForColumn(model.CODE)
        if self._model.objective_count() > EXPAND_ALL_LIMIT:  # initiatives not measured yet
            code = max(code, self.indentation() * 3 + metrics.horizontalAdvance("0.00.00") + 12)
        self.setColumnWidth(model.CODE, max(code, 60))
        status = max(self.sizeHintForColumn(model.STATUS), metrics.horizontalAdvance("M" * 8))
        self.setColumnWidth(model.STATUS, status)
        unit = self.sizeHintForColumn(model.LEAD_UNIT)
        self.setColumnWidth(model.LEAD_UNIT, min(max(unit, 80), metrics.averageCharWidth() * 16))
        milestones = self.header().sectionSizeFromContents(model.MILESTONES).width()
        self.setColumnWidth(model.MILESTONES, max(milestones, 60))
        for column in (model.LEAD_UNIT, model.MILESTONES):  # no room wasted on empty ones
            self.setColumnHidden(column, not self._model.column_has_data(column))

    def select_objective(self, objective_id: uuid.UUID) -> bool:
        """Make an objective current and selected, and scroll to it."""
        index = self._model.index_of(objective_id)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def current_objective_id(self) -> uuid.UUID | None:
        return self.currentIndex().data(ObjectiveTreeModel.IdRole)

    def clear_current(self) -> None:
        with QSignalBlocker(self.selectionModel()):
            self.setCurrentIndex(QModelIndex())
        self._current_changed(QModelIndex(), QModelIndex())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.data(ObjectiveTreeModel.HeadingRole):
            self.heading_selected.emit(current.siblingAtColumn(0).data())
        else:
            self.objective_selected.emit(
                current.data(ObjectiveTreeModel.IdRole) if current.isValid() else None
            )
