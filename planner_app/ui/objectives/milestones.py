"""The milestones of one objective as a table: when due, text, done and when.

A due is typed as people write it ("Q3 2026", "15/05/2025", "mei 2025", "2025",
"Q3-Q4 2025") and shown back in the UI language ("T3 2026" in French); text that names
no date is kept as typed and cannot be overdue. A milestone due before today and not
done reads "overdue" beside its due, with a warning sign (never colour alone). A
milestone carried undone from last year's plan is marked "to re-plan" until a person
plans it again."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon

from planner_app.domain.due import parse_due
from planner_app.domain.enums import DuePrecision
from planner_app.formatting import format_due, format_numeric_date
from planner_app.i18n import N_, _, current_language
from planner_app.services.details import MilestoneInfo, ObjectiveDetail
from planner_app.services.reference import today
from planner_app.ui.core.headers import TranslatedHeaders
from planner_app.ui.core.labels import one_line
from planner_app.ui.objectives.detail_commands import (
    AddMilestoneCommand,
    UpdateMilestoneCommand,
    delete_milestone_command,
    move_milestone_command,
)
from planner_app.ui.objectives.objective_rows import AnyIndex, ObjectiveRowsModel


class MilestoneTableModel(TranslatedHeaders, ObjectiveRowsModel):
    """One row per milestone of the objective shown; edits are undo commands.

    Owns a copy of the milestones (``MilestoneInfo``) it was given. GUI thread only.
    """

    PERIOD, TEXT, DONE, DONE_ON, REPLAN = range(5)
    COLUMNS = (N_("Due"), N_("Milestone"), N_("Done"), N_("Done on"), N_("To re-plan"))
    OverdueRole = Qt.ItemDataRole.UserRole + 2  # True when overdue today

    def rows_of(self, detail: ObjectiveDetail) -> Sequence[MilestoneInfo]:
        return detail.milestones

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable():
            if index.column() in (self.DONE, self.REPLAN):
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            else:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: MilestoneInfo = self._rows[index.row()]
        column = index.column()
        if role == self.IdRole:
            return row.id
        if column == self.DONE:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.done else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Done") if row.done else _("Not done yet")
            return None
        if column == self.REPLAN:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.replan else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return (
                    _("Carried over undone from last year's plan: plan it again, then untick.")
                    if row.replan
                    else _("Planned")
                )
            return None
        if column == self.PERIOD:
            return self._due_data(row, role)
        if column == self.DONE_ON:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return format_numeric_date(row.done_on, current_language()) if row.done_on else ""
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("The day it was done, such as 12/09/2025 (may stay empty).")
            return None
        if column == self.TEXT:
            text = self.text_of(row.text)
            if role == Qt.ItemDataRole.DisplayRole:
                return one_line(text)
            if role in (Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
                return text
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.flags(index) & (
            Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        row: MilestoneInfo = self._rows[index.row()]
        column = index.column()
        if column == self.DONE and role == Qt.ItemDataRole.CheckStateRole:
            done = _checked(value)
            return done != row.done and self._update(row.id, "done", done)
        if column == self.REPLAN and role == Qt.ItemDataRole.CheckStateRole:
            replan = _checked(value)
            return replan != row.replan and self._update(row.id, "replan", replan)
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = "" if value is None else str(value)
        if column == self.PERIOD:
            if text.strip() == row.period.strip() and (row.due_by is not None or not text.strip()):
                return False
            return self._update(row.id, "due", text.strip())
        if column == self.DONE_ON:
            return self._set_done_on(row, text.strip())
        if column == self.TEXT:
            if text == self.text_of(row.text):
                return False
            return self._update(row.id, "text", {self.language: text})
        return False

    def _due_data(self, row: MilestoneInfo, role: int) -> Any:
        lang = current_language()
        precision = row.due_precision.value if row.due_precision else None
        shown = format_due(row.period, row.due_by, precision, lang)
        late = row.overdue(today())
        if role == self.OverdueRole:
            return late
        if role == Qt.ItemDataRole.EditRole:
            return row.period or shown
        if role == Qt.ItemDataRole.DisplayRole:
            return _("{due} · overdue").format(due=shown) if late else shown
        if role == Qt.ItemDataRole.DecorationRole and late:
            return _warning_icon()
        if role == Qt.ItemDataRole.ForegroundRole and late:
            return QColor("#b71c1c")
        if role == Qt.ItemDataRole.ToolTipRole and row.replan:
            return _("Moved from last year: to re-plan")
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.due_by is None:
                if row.period:
                    return _("“{text}” names no date, so it cannot be overdue.").format(
                        text=row.period
                    )
                return _("Type when it is due: Q3 2026, 15/05/2026, mei 2026 or 2026.")
            due = _("Due by {date}.").format(date=format_numeric_date(row.due_by, lang))
            if late:
                due += " " + _("Not done by today: overdue.")
            return due
        return None

    def _set_done_on(self, row: MilestoneInfo, text: str) -> bool:
        """A typed day ("12/09/2025"), or nothing to clear it."""
        if not text:
            return row.done_on is not None and self._update(row.id, "done_on", None)
        found = parse_due(text)
        if found is None or found.precision is not DuePrecision.DAY or found.label:
            self.refuse(_("Done on: “{text}” is not a day such as 12/09/2025.").format(text=text))
            return False
        if found.day == row.done_on:
            return False
        return self._update(row.id, "done_on", found.day)

    # --- edits beyond cells -------------------------------------------------------------

    def add_milestone(self, text: str = "", period: str = "", position: int | None = None) -> int:
        """Add a milestone (default text "New milestone"); its row, or -1 if refused."""
        if self._objective_id is None or self.document is None:
            return -1
        command = AddMilestoneCommand(
            self.document,
            self._objective_id,
            text={self.language: text or _("New milestone")},
            due=period,
            position=position,
        )
        if not self.run(command):
            return -1
        return self.row_of(command.milestone_id) if command.milestone_id else -1

    def remove_rows(self, rows: Sequence[int]) -> bool:
        """Remove the milestones in ``rows`` as one undo step."""
        document, objective_id = self.document, self._objective_id
        return self.remove_with(
            rows,
            _("Remove milestones"),
            lambda row_id: delete_milestone_command(document, objective_id, row_id),  # type: ignore[arg-type]
        )

    def move_milestone(self, row: int, position: int) -> bool:
        document, objective_id = self.document, self._objective_id
        if document is None or objective_id is None:
            return False
        if not 0 <= row < len(self._rows) or not 0 <= position < len(self._rows) or row == position:
            return False
        return self.run(
            move_milestone_command(document, objective_id, self.row_id(row), row, position)
        )

    def _update(self, milestone_id: uuid.UUID, field: str, value: Any) -> bool:
        document, objective_id = self.document, self._objective_id
        assert document is not None and objective_id is not None
        return self.run(
            UpdateMilestoneCommand(
                document, objective_id, milestone_id, field, value, merge_key=None
            )
        )


def _warning_icon() -> QIcon:
    from PySide6.QtWidgets import QApplication, QStyle

    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def _checked(value: Any) -> bool:
    """A check state as Qt hands it over (enum or int) -> bool."""
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    try:
        return int(value) == Qt.CheckState.Checked.value
    except (TypeError, ValueError):
        return bool(value)
