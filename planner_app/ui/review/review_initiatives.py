"""The Review tab's initiatives: a group per status (``STATUS_ORDER``), under each the
initiatives with that status in tree order (code, title, lead unit, strategic objective)."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from planner_app.formatting import format_number
from planner_app.i18n import N_, _, current_language
from planner_app.services.review import STATUS_ORDER, ReviewInitiative, YearReview
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.headers import TranslatedHeaders
from planner_app.ui.core.labels import one_line, status_label
from planner_app.ui.core.status_icons import status_icon

AnyIndex = QModelIndex | QPersistentModelIndex
_GROUP = 0  # internal id of a status row; an initiative's is its group's row + 1


class ReviewInitiativesModel(TranslatedHeaders, QAbstractItemModel):
    """Read-only two-level tree over one ``YearReview``: five status rows (every status,
    an empty one without children) and their initiatives. Titles follow the content
    language given with the review. GUI thread only."""

    IdRole = Qt.ItemDataRole.UserRole + 1  # an initiative's objective id (None: a status row)
    StatusRole = Qt.ItemDataRole.UserRole + 2
    CODE, TITLE, LEAD_UNIT, STRATEGIC = range(4)
    COLUMNS = (N_("Code"), N_("Title"), N_("Lead unit"), N_("SD"))  # SD: a narrow column

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: tuple[tuple[ReviewInitiative, ...], ...] = ()
        self._content = ContentLanguage()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_review(self, review: YearReview | None, content: ContentLanguage) -> None:
        self.beginResetModel()
        self._content = content
        self._groups = tuple(review.groups[s] for s in STATUS_ORDER) if review else ()
        self.endResetModel()

    def initiative(self, index: AnyIndex) -> ReviewInitiative | None:
        """The initiative on ``index``'s row (None for a status row or no index)."""
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self._groups[index.internalId() - 1][index.row()]

    def index_of(self, objective_id: uuid.UUID, column: int = 0) -> QModelIndex:
        for group_row, group in enumerate(self._groups):
            for row, item in enumerate(group):
                if item.id == objective_id:
                    return self.createIndex(row, column, group_row + 1)
        return QModelIndex()

    # --- Qt ---------------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and section == self.STRATEGIC:
            return _("Strategic objective")
        return super().headerData(section, orientation, role)

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.initiative(index)
        if item is None:
            return self._group_data(index, role)
        if role == self.IdRole:
            return item.id
        if role == self.StatusRole:
            return item.status
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == self.CODE:
            return item.objective.code
        if column == self.TITLE:
            return one_line(self._content.shown(item.objective.title))
        if column == self.LEAD_UNIT:
            return one_line(self._content.shown(item.lead_unit)) if item.lead_unit else ""
        sd = item.strategic
        return sd.code

    def _group_data(self, index: AnyIndex, role: int) -> Any:
        status = STATUS_ORDER[index.row()]
        if role == self.StatusRole:
            return status
        if index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _("{status} ({count})").format(
                status=status_label(status),
                count=format_number(len(self._groups[index.row()]), current_language()),
            )
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(status)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        return None
