"""The tree view of objectives: headings spanned, sensible widths, expansion kept."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from planner_app.domain.enums import Status
from planner_app.ui.core.labels import one_line, status_label
from planner_app.ui.objectives.objective_filter import ObjectiveFilterModel
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel
from planner_app.ui.objectives.status_delegate import StatusDelegate
from planner_app.ui.objectives.tree_node import TreeNode

EXPAND_ALL_LIMIT = 300  # objectives; above this only SDs are opened (ODs visible)
FILTER_EXPAND_LIMIT = 300  # matches; up to this many a filtered tree opens fully
FILL_SLICE = 1500  # tree nodes made per turn of the event loop after the first paint


class ObjectiveTreeView(QTreeView):
    """Shows an ``ObjectiveTreeModel`` through its filter and reports the current row.

    Owns the filter proxy and view state (spans, expansion, widths); the tree model is
    shared with the window. Expansion and the current objective survive a model reset
    of the same plan. After the first paint that follows a reset it has the model make
    the rows not shown yet, a slice per turn of the event loop, so that the first
    filter keystroke or expand-all does not pay for them. GUI thread.
    """

    objective_selected = Signal(object)  # uuid.UUID of the objective, or None
    heading_selected = Signal(str)  # the title of a policy-field heading

    def __init__(self, model: ObjectiveTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.filter_model = ObjectiveFilterModel(self)
        self.filter_model.setSourceModel(model)
        self.setModel(self.filter_model)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setItemDelegate(StatusDelegate(self))
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ObjectiveTreeModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self._kept_id: uuid.UUID | None = None
        self._kept_plan: uuid.UUID | None = None
        self._kept_expanded: set[uuid.UUID] | None = None
        self._fill_after_paint = False
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._fill_pending)
        model.modelAboutToBeReset.connect(self._before_reset)
        model.modelReset.connect(self._after_reset)
        model.progress_shown.connect(self._progress_shown)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self._after_reset()

    @property
    def tree_model(self) -> ObjectiveTreeModel:
        return self._model

    # --- index mapping -----------------------------------------------------------------

    def view_index(self, objective_id: uuid.UUID | None, column: int = 0) -> QModelIndex:
        """The view's index of an objective (invalid when unknown or filtered out)."""
        if objective_id is None:
            return QModelIndex()
        return self.filter_model.mapFromSource(self._model.index_of(objective_id, column))

    def current_node(self) -> TreeNode | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self._model.node(self.filter_model.mapToSource(index))

    # --- resets and filtering ------------------------------------------------------------

    def _before_reset(self) -> None:
        self._kept_id = self.current_objective_id()
        self._kept_plan = self._model.plan_id
        self._kept_expanded = self.expanded_ids()

    def expanded_ids(self) -> set[uuid.UUID]:
        """The objectives whose children show (checked on the rows that have some)."""
        expanded: set[uuid.UUID] = set()
        proxy, model = self.filter_model, self._model
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(proxy.rowCount(parent)):
                index = proxy.index(row, 0, parent)
                if self.isExpanded(index):
                    node = model.node(proxy.mapToSource(index))
                    if node.id is not None:
                        expanded.add(node.id)
                    stack.append(index)
        return expanded

    def _after_reset(self) -> None:
        """Spans, expansion and widths again; the same objective current, else the first."""
        kept_expanded, self._kept_expanded = self._kept_expanded, None
        same_plan = self._kept_plan is not None and self._kept_plan == self._model.plan_id
        self.refresh_spans()
        if same_plan and kept_expanded is not None:
            for objective_id in kept_expanded:
                index = self.view_index(objective_id)
                if index.isValid():
                    self.setExpanded(index, True)
        else:
            self.expand_default()
            self._fit_columns()
        self._hide_empty_columns()  # an edit may empty or fill one (status tracking)
        kept, self._kept_id = self._kept_id, None
        index = self.view_index(kept)
        if not index.isValid():
            index = self.filter_model.mapFromSource(self._model.first_objective_index())
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)
            QTimer.singleShot(0, self._scroll_to_current)  # again once rows are laid out
        else:
            self._current_changed(QModelIndex(), QModelIndex())
        self._fill_after_paint = True

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._fill_after_paint:
            self._fill_after_paint = False
            self._fill_timer.start()

    def _fill_pending(self) -> None:
        if self._model.fetch_all(limit=FILL_SLICE):
            self._fill_timer.start()

    def _scroll_to_current(self) -> None:
        if self.currentIndex().isValid():
            self.scrollTo(self.currentIndex())

    def expand_default(self) -> None:
        """All open for a small plan or a filtered tree, else the SDs open (ODs show)."""
        proxy = self.filter_model
        if self._model.objective_count() <= EXPAND_ALL_LIMIT or (
            proxy.active and proxy.match_count() <= FILTER_EXPAND_LIMIT
        ):
            self.expandAll()
        else:
            self.expandToDepth(0)

    def refresh_spans(self) -> None:
        """Policy-field headings span the row (after a reset or a new filter)."""
        proxy = self.filter_model
        for row in range(proxy.rowCount()):
            index = proxy.index(row, 0)
            heading = bool(index.data(ObjectiveTreeModel.HeadingRole))
            if heading != self.isFirstColumnSpanned(row, QModelIndex()):
                self.setFirstColumnSpanned(row, QModelIndex(), heading)

    def apply_filter(
        self,
        text: str,
        status: Status | None,
        unit_id: uuid.UUID | None,
        everywhere: bool = False,
    ) -> bool:
        """Filter the rows; the current objective stays current if it matches, else the
        first match becomes current (an ancestor shown only for its matches does not
        stay). False when the criteria were already these."""
        kept = self.current_objective_id()
        proxy = self.filter_model
        with QSignalBlocker(self.selectionModel()):  # the same row again: no new detail
            if not proxy.set_criteria(text, status, unit_id, everywhere):
                return False
            self.refresh_spans()
            self.expand_default()
            index = self.view_index(kept)
            if not index.isValid() or (proxy.active and not proxy.matches_id(kept)):
                first = proxy.first_match_id()
                index = self.view_index(first) if first is not None else index
            if index.isValid():
                self.setCurrentIndex(index)
                self.scrollTo(index)
        if self.current_objective_id() != kept:
            self._current_changed(self.currentIndex(), QModelIndex())
        return True

    def _fit_columns(self) -> None:
        """Codes, status, unit and milestones as narrow as they can be; titles take the rest."""
        metrics = self.fontMetrics()
        model = ObjectiveTreeModel
        code = self.sizeHintForColumn(model.CODE)
        if self._model.objective_count() > EXPAND_ALL_LIMIT:  # initiatives not measured yet
            code = max(code, self.indentation() * 3 + metrics.horizontalAdvance("0.00.00") + 12)
        self.setColumnWidth(model.CODE, max(code, 60))
        # Every status's label, not only those on screen: "On schedule" was cut to
        # "On sche…" when the rows shown all said "Not started".
        widest = max(metrics.horizontalAdvance(status_label(s)) for s in Status)
        icon = self.iconSize().width() if self.iconSize().width() > 0 else metrics.height()
        status = max(self.sizeHintForColumn(model.STATUS), widest + icon + 24)
        self.setColumnWidth(model.STATUS, status)
        # the roll-up's shape and the initiatives done ("▲ 12/40"); its word in the tooltip
        self.setColumnWidth(
            model.PROGRESS,
            max(
                metrics.horizontalAdvance("888/888") + icon + 24,
                self.header().sectionSizeFromContents(model.PROGRESS).width(),
            ),
        )
        unit = self.sizeHintForColumn(model.LEAD_UNIT)
        self.setColumnWidth(model.LEAD_UNIT, min(max(unit, 80), metrics.averageCharWidth() * 16))
        milestones = self.header().sectionSizeFromContents(model.MILESTONES).width()
        self.setColumnWidth(model.MILESTONES, max(milestones, 60))
        self._hide_empty_columns()

    def _hide_empty_columns(self) -> None:
        """No room wasted on empty columns (no status where the plan does not track it)."""
        model = ObjectiveTreeModel
        for column in (model.STATUS, model.PROGRESS, model.LEAD_UNIT, model.MILESTONES):
            self.setColumnHidden(column, not self._model.column_has_data(column))

    def _progress_shown(self) -> None:
        """Roll-ups and overdue marks read: the progress column shows if it has any, and
        the milestones column widens to an overdue count."""
        self._hide_empty_columns()
        column = ObjectiveTreeModel.MILESTONES
        wanted = self.sizeHintForColumn(column)
        if wanted > self.columnWidth(column):
            self.setColumnWidth(column, wanted)

    # --- current row -------------------------------------------------------------------

    def current_objective_name(self) -> tuple[uuid.UUID | None, str]:
        """The current objective's id and "code title" (None, "" on a heading or none)."""
        node = self.current_node()
        if node is None or node.heading or node.id is None:
            return None, ""
        return node.id, one_line(f"{node.code} {node.title}")

    def select_objective(self, objective_id: uuid.UUID) -> bool:
        """Make an objective current and selected, and scroll to it."""
        index = self.view_index(objective_id)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def find_next(self, *, backwards: bool = False) -> bool:
        """Make the next match of the filter current (wrapping round); False if none."""
        found = self.filter_model.next_match_id(self.current_objective_id(), backwards=backwards)
        return found is not None and self.select_objective(found)

    def edit_title(self, objective_id: uuid.UUID) -> bool:
        """Open the title editor of an objective (made current first)."""
        if not self.select_objective(objective_id):
            return False
        self.edit(self.view_index(objective_id, ObjectiveTreeModel.TITLE))
        return self.state() == QAbstractItemView.State.EditingState

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
