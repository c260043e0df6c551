"""The Review tab's count table: strategic objectives × status, with a total row, a
total column and each objective's progress from below (the year review's first table)."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from planner_app.formatting import format_number
from planner_app.i18n import _, current_language
from planner_app.services.review import STATUS_ORDER, StrategicCounts, YearReview
from planner_app.services.rollup import RollUp
from planner_app.services.rollup_words import lines
from planner_app.ui.core.accessible import spoken_cell
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.labels import one_line, status_label
from planner_app.ui.core.status_icons import status_icon

AnyIndex = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ReviewCountsModel(QAbstractTableModel):
    """Read-only counts of one ``YearReview``: a row per strategic objective that has
    initiatives, then the total; a column per status (``STATUS_ORDER``), the total, then
    the objective's progress from below (its roll-up at the review's date: a shape and a
    word, each part counted in the tooltip). Counts are shown in the UI language's Belgian
    format. GUI thread only."""

    IdRole = Qt.ItemDataRole.UserRole + 1  # the strategic objective's id (None: total row)
    CountRole = Qt.ItemDataRole.UserRole + 2  # the count as an int
    OBJECTIVE = 0
    FIRST_STATUS = 1
    TOTAL = FIRST_STATUS + len(STATUS_ORDER)
    PROGRESS = TOTAL + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._review: YearReview | None = None
        self._rows: tuple[StrategicCounts, ...] = ()
        self._rollups: dict[uuid.UUID, RollUp] = {}
        self._content = ContentLanguage()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_review(self, review: YearReview | None, content: ContentLanguage) -> None:
        self.beginResetModel()
        self._review, self._content = review, content
        self._rows = review.per_strategic if review is not None else ()
        self._rollups = {p.objective.id: p.rollup for p in review.progress} if review else {}
        self.endResetModel()

    def is_total_row(self, row: int) -> bool:
        return row == len(self._rows)

    def count(self, row: int, column: int) -> int:
        """The figure in a cell: one status or all of them, one objective or all."""
        assert self._review is not None
        statuses = STATUS_ORDER if column == self.TOTAL else (STATUS_ORDER[column - 1],)
        if self.is_total_row(row):
            return sum(self._review.per_status[s] for s in statuses)
        return sum(self._rows[row].counts[s] for s in statuses)

    def objective_id(self, row: int) -> uuid.UUID | None:
        return None if self.is_total_row(row) else self._rows[row].objective.id

    # --- Qt ---------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._review is None:
            return 0
        return len(self._rows) + 1

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.PROGRESS + 1

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._review is None:
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return spoken_cell(index)
        row, column = index.row(), index.column()
        total_row = self.is_total_row(row)
        if role == self.IdRole:
            return self.objective_id(row)
        if role == Qt.ItemDataRole.FontRole and (total_row or column == self.TOTAL):
            return self._bold
        if column == self.OBJECTIVE:
            if total_row:
                return _("Total") if role == Qt.ItemDataRole.DisplayRole else None
            sd = self._rows[row].objective
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                title = one_line(self._content.shown(sd.title))
                return f"{sd.code}  {title}"
            return None
        if column == self.PROGRESS:
            return self._progress(row, role)
        if role == self.CountRole:
            return self.count(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(self.count(row, column), current_language())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT)
        return None

    def _progress(self, row: int, role: int) -> Any:
        rollup = None if self.is_total_row(row) else self._rollups.get(self.objective_id(row))
        verdict = rollup.verdict if rollup is not None else None
        if verdict is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:  # the word; its shape is the icon
            return status_label(verdict)
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(verdict)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(lines(rollup, _, current_language()))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= self.PROGRESS:
            return None
        if section == self.PROGRESS:
            if role == Qt.ItemDataRole.DisplayRole:
                return _("Progress from below")
            if role == Qt.ItemDataRole.ToolTipRole:
                return _(
                    "Computed from the initiatives, milestones and indicators under it, "
                    "today; its initiatives' own statuses are counted on the left."
                )
            return None
        status = STATUS_ORDER[section - 1] if self.FIRST_STATUS <= section < self.TOTAL else None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == self.OBJECTIVE:
                return _("Strategic objective")
            return _("Total") if status is None else status_label(status)
        if role == Qt.ItemDataRole.DecorationRole and status is not None:
            return status_icon(status)
        if role == Qt.ItemDataRole.ToolTipRole and status is not None:
            return status_label(status)
        return None  # alignment: the view's default, which wraps a two-word status
