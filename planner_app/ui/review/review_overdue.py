"""The Review tab's milestones overdue: each milestone due before the review's date and
not done by then, with its objective and when it was due (the review PDF lists the
same, from the same ``YearReview``)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from planner_app.domain.enums import Status
from planner_app.formatting import format_date, format_due, format_number
from planner_app.i18n import N_, _, current_language, ngettext
from planner_app.services.review import OverdueMilestone, YearReview
from planner_app.ui.core.accessible import spoken_cell
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.labels import one_line
from planner_app.ui.core.status_icons import status_icon

AnyIndex = QModelIndex | QPersistentModelIndex


class ReviewOverdueModel(QAbstractTableModel):
    """Read-only rows of ``YearReview.overdue``, in document order. GUI thread only."""

    IdRole = Qt.ItemDataRole.UserRole + 1  # the objective the milestone belongs to
    DueRole = Qt.ItemDataRole.UserRole + 2  # the last day it was due by (dt.date)
    OBJECTIVE, MILESTONE, DUE, LATE = range(4)
    HEADERS = (N_("Objective"), N_("Milestone"), N_("Due"), N_("Overdue by"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[OverdueMilestone, ...] = ()
        self._at = dt.date(1900, 1, 1)
        self._content = ContentLanguage()

    def set_review(self, review: YearReview | None, content: ContentLanguage) -> None:
        self.beginResetModel()
        self._content = content
        self._rows = review.overdue if review is not None else ()
        self._at = review.at if review is not None else self._at
        self.endResetModel()

    def objective_id(self, row: int) -> uuid.UUID:
        return self._rows[row].objective.id

    # --- Qt ---------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        late = self._rows[index.row()]
        column = index.column()
        if role == self.IdRole:
            return late.objective.id
        if role == self.DueRole:
            return late.due_by
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return spoken_cell(index)
        if role == Qt.ItemDataRole.DecorationRole and column == self.DUE:
            return status_icon(Status.DELAYED)  # the shape the tree marks it with
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        lang = current_language()
        if column == self.OBJECTIVE:
            title = one_line(self._content.shown(late.objective.title))
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{late.objective.code}  {title}"
            return late.objective.code
        if column == self.MILESTONE:
            return one_line(self._content.shown(late.text))
        if column == self.DUE:
            precision = getattr(late.precision, "value", None)
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Due by {day}").format(day=format_date(late.due_by, lang))
            return format_due(late.period, late.due_by, precision, lang)
        days = (self._at - late.due_by).days
        return ngettext("{count} day", "{count} days", days).format(count=format_number(days, lang))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None
