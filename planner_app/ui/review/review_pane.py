"""The Review tab: the year review ("terugblik") of the plan shown, read-only.

Counts of initiatives per strategic objective and status (with each one's progress from
below), the initiatives grouped by status, the milestones overdue and the indicators'
targets against their actuals, all judged today, from ``services.review`` (the review
PDF prints the same values). Double-clicking a row, or
Enter on it, asks the window to show that objective on the Objectives tab.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner_app.errors import PlannerError
from planner_app.formatting import format_number
from planner_app.i18n import _, current_language
from planner_app.services import plans
from planner_app.services.common import (
    Entity,
    reshapes_plan,
)
from planner_app.services.reference import today
from planner_app.services.review import STATUS_ORDER, YearReview, year_review
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import Applied, PlanDocument
from planner_app.ui.core.document_bound import DocumentBound
from planner_app.ui.review.review_counts import ReviewCountsModel
from planner_app.ui.review.review_indicators import ReviewIndicatorsModel
from planner_app.ui.review.review_initiatives import ReviewInitiativesModel
from planner_app.ui.review.review_overdue import ReviewOverdueModel

REVIEW_ENTITIES = (
    Entity.OBJECTIVE,
    Entity.INDICATOR,
    Entity.MILESTONE,
    Entity.UNIT,
    Entity.PLAN,
)
"""The changes a review shows: statuses, titles, lead units and their names, indicator
values, milestones' dues and done marks, the plan's languages and period."""

_STATUS_WIDTH = 92  # a status column: its two-word header wraps instead of widening
_MIN_COUNT_ROWS = 8  # the counts table shows this many rows at least (the demo has 6)


def _read_only(view: QAbstractItemView, name: str) -> None:
    view.setObjectName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)


def _section(title: str, *widgets: QWidget, fill: bool = True) -> QWidget:
    """A bold title over ``widgets``; without ``fill`` the widgets keep their height
    and the space left stays below them."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.setSpacing(4)
    label = QLabel(title)
    label.setStyleSheet("font-weight: bold;")
    layout.addWidget(label)
    for widget in widgets:
        layout.addWidget(widget, 1 if fill else 0)
    if not fill:
        layout.addStretch(1)
    return box


class ReviewPane(DocumentBound, QWidget):
    """Shows the ``YearReview`` of the document's plan and owns its three models.

    Re-reads the review when the document reports a change it shows; while the tab is
    hidden it only notes that it is stale and re-reads when shown. GUI thread only.
    """

    objective_chosen = Signal(object)  # uuid.UUID of the objective double-clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._stale = False
        self.review: YearReview | None = None
        self.content = ContentLanguage()
        self.counts_model = ReviewCountsModel(self)
        self.initiatives_model = ReviewInitiativesModel(self)
        self.indicators_model = ReviewIndicatorsModel(self)
        self.overdue_model = ReviewOverdueModel(self)

        self.heading = QLabel()
        self.heading.setObjectName("review_heading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.counts_view = QTableView()
        _read_only(self.counts_view, "review_counts")
        self.counts_view.setModel(self.counts_model)
        self.counts_view.verticalHeader().hide()
        self.counts_view.setWordWrap(False)
        header = self.counts_view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(header.fontMetrics().lineSpacing() * 3 + 8)
        self.counts_model.modelReset.connect(self._size_counts)

        self.initiatives_view = QTreeView()
        _read_only(self.initiatives_view, "review_initiatives")
        self.initiatives_view.setUniformRowHeights(True)
        self.initiatives_view.setModel(self.initiatives_model)
        self.initiatives_model.modelReset.connect(self._lay_out_initiatives)

        self.indicators_view = QTableView()
        _read_only(self.indicators_view, "review_indicators")
        self.indicators_view.setModel(self.indicators_model)
        self.indicators_view.verticalHeader().hide()
        self.indicators_view.setWordWrap(False)
        self.no_indicators = QLabel(_("No objective of this plan has an indicator."))
        self.no_indicators.setStyleSheet("color: palette(placeholder-text);")
        self.indicators_model.modelReset.connect(self._size_indicators)

        self.overdue_view = QTableView()
        _read_only(self.overdue_view, "review_overdue")
        self.overdue_view.setModel(self.overdue_model)
        self.overdue_view.verticalHeader().hide()
        self.overdue_view.setWordWrap(False)
        self.no_overdue = QLabel(_("No milestone is overdue today."))
        self.no_overdue.setStyleSheet("color: palette(placeholder-text);")
        self.overdue_model.modelReset.connect(self._size_overdue)

        views = (self.counts_view, self.initiatives_view, self.overdue_view, self.indicators_view)
        for view in views:
            view.doubleClicked.connect(self._double_clicked)
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # not by double-click alone
                enter = QShortcut(QKeySequence(key), view)
                enter.setContext(Qt.ShortcutContext.WidgetShortcut)
                enter.activated.connect(lambda v=view: self._double_clicked(v.currentIndex()))

        for view, name in (
            (self.counts_view, _("Number of initiatives per strategic objective and status")),
            (self.initiatives_view, _("Initiatives by status")),
            (self.overdue_view, _("Milestones overdue")),
            (self.indicators_view, _("Indicators")),
        ):
            view.setAccessibleName(name)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("review_splitter")  # kept between runs (main window)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(
            _section(
                _("Number of initiatives per strategic objective and status"),
                self.counts_view,
                fill=False,
            )
        )
        self.splitter.addWidget(_section(_("Initiatives by status"), self.initiatives_view))
        self.splitter.addWidget(
            _section(_("Milestones overdue"), self.no_overdue, self.overdue_view)
        )
        self.splitter.addWidget(_section(_("Indicators"), self.no_indicators, self.indicators_view))
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setStretchFactor(3, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self.reload()

    # --- public API (``set_document`` and ``document`` come from DocumentBound) --------

    def set_language(self, language: str) -> None:
        """Show titles in ``language`` (one of the plan's content languages)."""
        if self.content.choose(language):
            self._show(self.review)

    def reload(self) -> None:
        """Read the review of the document's plan again and show it."""
        self._stale = False
        review, title = None, ""
        document = self._document
        if document is not None:
            try:
                info = plans.plan_info(document.store, document.plan_id)
                self.content.set_languages(info.languages)
                review = year_review(document.store, document.plan_id, at=today())
                years = (
                    str(info.first_year)
                    if info.first_year == info.last_year
                    else f"{info.first_year}–{info.last_year}"
                )
                title = _("Year review {years}").format(years=years)
            except PlannerError:
                review = None
        self.review = review
        self.heading.setText(title)
        self._show(review)

    # --- showing -----------------------------------------------------------------------

    def _show(self, review: YearReview | None) -> None:
        chosen = self._current_initiative()
        collapsed = self._collapsed_statuses()
        self.counts_model.set_review(review, self.content)
        self.initiatives_model.set_review(review, self.content)
        self.indicators_model.set_review(review, self.content)
        self.overdue_model.set_review(review, self.content)
        for row, status in enumerate(STATUS_ORDER if review is not None else ()):
            group = self.initiatives_model.index(row, 0)
            self.initiatives_view.setExpanded(group, status not in collapsed)
        if chosen is not None:
            index = self.initiatives_model.index_of(chosen)
            if index.isValid():
                self.initiatives_view.setCurrentIndex(index)
        has_indicators = bool(review and review.indicators)
        self.indicators_view.setVisible(has_indicators)
        self.no_indicators.setVisible(review is not None and not has_indicators)
        has_overdue = bool(review and review.overdue)
        self.overdue_view.setVisible(has_overdue)
        self.no_overdue.setVisible(review is not None and not has_overdue)
        lang = current_language()
        if review is None:
            self.summary.clear()
        elif not review.total:
            self.summary.setText(_("The plan has no initiatives."))
        else:
            self.summary.setText(
                _("{count} initiatives, {done} done, {attention} need attention or action.").format(
                    count=format_number(review.total, lang),
                    done=format_number(review.per_status[STATUS_ORDER[0]], lang),
                    attention=format_number(
                        review.per_status[STATUS_ORDER[2]] + review.per_status[STATUS_ORDER[3]],
                        lang,
                    ),
                )
            )

    def _current_initiative(self) -> uuid.UUID | None:
        item = self.initiatives_model.initiative(self.initiatives_view.currentIndex())
        return item.id if item is not None else None

    def _collapsed_statuses(self) -> set:
        model = self.initiatives_model
        return {
            STATUS_ORDER[row]
            for row in range(model.rowCount())
            if not self.initiatives_view.isExpanded(model.index(row, 0))
        }

    def _size_counts(self) -> None:
        view, header = self.counts_view, self.counts_view.horizontalHeader()
        header.setSectionResizeMode(ReviewCountsModel.OBJECTIVE, QHeaderView.ResizeMode.Stretch)
        for column in range(ReviewCountsModel.FIRST_STATUS, ReviewCountsModel.PROGRESS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, _STATUS_WIDTH)
        header.setSectionResizeMode(
            ReviewCountsModel.PROGRESS, QHeaderView.ResizeMode.ResizeToContents
        )
        view.resizeRowsToContents()
        rows = self.counts_model.rowCount()
        heights = [view.rowHeight(r) for r in range(rows)]
        frame = 2 * view.frameWidth()
        header_height = max(header.height(), header.sizeHint().height())
        view.setMaximumHeight(header_height + sum(heights) + frame)
        # every row (up to _MIN_COUNT_ROWS, then it scrolls): the splitter may not
        # squeeze the table to a row and a half
        view.setMinimumHeight(header_height + sum(heights[:_MIN_COUNT_ROWS]) + frame)

    def _lay_out_initiatives(self) -> None:
        view, model = self.initiatives_view, self.initiatives_model
        for row in range(model.rowCount()):
            view.setFirstColumnSpanned(row, QModelIndex(), True)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(model.CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(model.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(model.LEAD_UNIT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(model.STRATEGIC, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(model.LEAD_UNIT, 150)

    def _size_overdue(self) -> None:
        header, model = self.overdue_view.horizontalHeader(), self.overdue_model
        header.setSectionResizeMode(model.MILESTONE, QHeaderView.ResizeMode.Stretch)
        for column in (model.OBJECTIVE, model.DUE, model.LATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _size_indicators(self) -> None:
        header = self.indicators_view.horizontalHeader()
        model = self.indicators_model
        header.setSectionResizeMode(model.INDICATOR, QHeaderView.ResizeMode.Stretch)
        for column in (model.OBJECTIVE, model.UNIT, model.KIND):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(model.FIRST_YEAR, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    # --- events ------------------------------------------------------------------------

    def _double_clicked(self, index: QModelIndex) -> None:
        objective_id = index.data(ReviewCountsModel.IdRole)  # the three share the role
        if isinstance(objective_id, uuid.UUID):
            self.objective_chosen.emit(objective_id)

    def _on_changed(self, applied: Applied) -> None:
        changed = applied.changed
        if changed.entity not in REVIEW_ENTITIES:
            return
        if changed.entity is Entity.PLAN and not reshapes_plan(changed):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()
