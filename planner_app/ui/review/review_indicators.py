"""The Review tab's indicators: a row for each indicator's targets and, once it has
any, one for its actuals, with its status today; a column per year that has either (the
review's last table)."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from planner_app.domain.enums import ValueKind
from planner_app.domain.labels import label
from planner_app.formatting import format_keur
from planner_app.i18n import N_, _, current_language
from planner_app.services.progress_rule import STATUS_LABELS, STATUS_SYMBOLS
from planner_app.services.review import ReviewIndicator, YearReview
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.labels import capitalised, one_line

AnyIndex = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ReviewIndicatorsModel(QAbstractTableModel):
    """Read-only rows (indicator, value kind) of one ``YearReview``; the year columns
    follow the fixed ones. Figures are exact Decimals shown with the decimals they have
    in the UI language's Belgian format. GUI thread only."""

    IdRole = Qt.ItemDataRole.UserRole + 1  # the objective the indicator belongs to
    ValueRole = Qt.ItemDataRole.UserRole + 2  # the Decimal of a year cell (None: empty)
    OBJECTIVE, INDICATOR, UNIT, STATUS, KIND = range(5)
    FIXED = (N_("Objective"), N_("Indicator"), N_("Unit"), N_("Status"), N_("Value"))
    FIRST_YEAR = len(FIXED)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[ReviewIndicator, ValueKind]] = []
        self._years: tuple[int, ...] = ()
        self._content = ContentLanguage()

    def set_review(self, review: YearReview | None, content: ContentLanguage) -> None:
        self.beginResetModel()
        self._content = content
        indicators = review.indicators if review is not None else ()
        self._rows = [(i, kind) for i in indicators for kind in i.kinds()]
        self._years = review.years if review is not None else ()
        self.endResetModel()

    @property
    def years(self) -> tuple[int, ...]:
        return self._years

    def objective_id(self, row: int) -> uuid.UUID:
        return self._rows[row][0].objective.id

    # --- Qt ---------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.FIRST_YEAR + len(self._years)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        indicator, kind = self._rows[index.row()]
        column = index.column()
        if role == self.IdRole:
            return indicator.objective.id
        if column >= self.FIRST_YEAR:
            value = indicator.values.get((self._years[column - self.FIRST_YEAR], kind))
            if role == self.ValueRole:
                return value
            if role == Qt.ItemDataRole.DisplayRole:
                return format_keur(value, current_language())
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(_RIGHT)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        first = kind is indicator.kinds()[0]  # the actuals row does not repeat the names
        if column == self.OBJECTIVE:
            objective = indicator.objective
            return objective.code if first else ""
        if column == self.INDICATOR:
            return one_line(self._content.shown(indicator.name)) if first else ""
        if column == self.UNIT:
            return indicator.unit_of_measure if first else ""
        if column == self.STATUS:  # judged at the review's date: a shape and a word
            status = indicator.status
            return f"{STATUS_SYMBOLS[status]} {_(STATUS_LABELS[status])}" if first else ""
        return capitalised(label(kind))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < self.FIRST_YEAR:
                return _(self.FIXED[section])
            return str(self._years[section - self.FIRST_YEAR])
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= self.FIRST_YEAR:
            return int(_RIGHT)
        return None
