"""The rows of one communication plan chapter: goal, audience, date, message,
channel, material."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from planner_app.domain.labels import label
from planner_app.services.sections import COMMUNICATION_FIELDS, CommunicationRowInfo
from planner_app.ui.core.labels import one_line
from planner_app.ui.core.rows_model import (
    AnyIndex,
    RowsModel,
)
from planner_app.ui.plan.commands import (
    AddCommunicationRowCommand,
    UpdateCommunicationRowCommand,
    delete_communication_row_command,
)


class CommunicationTableModel(RowsModel):
    """One row per ``CommunicationRowInfo`` of the chapter shown (``set_section``, given
    by the chapters editor); each cell edit, add and removal is an undo command run
    through the editor. GUI thread only."""

    FIELDS = COMMUNICATION_FIELDS
    COLUMNS = COMMUNICATION_FIELDS  # stored names; headers come from the vocabulary

    def __init__(self, owner=None, parent=None) -> None:
        self._section_id: uuid.UUID | None = None
        super().__init__(owner, parent)

    @property
    def section_id(self) -> uuid.UUID | None:
        return self._section_id

    def set_section(self, section_id: uuid.UUID | None, rows: Sequence[CommunicationRowInfo]):
        """Show the rows of the communication plan chapter ``section_id`` (or none)."""
        if section_id != self._section_id:
            self._section_id = section_id
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()
        else:
            self.set_rows(rows)

    def editable(self) -> bool:
        return super().editable() and self._section_id is not None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.FIELDS):
            return label(self.FIELDS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: CommunicationRowInfo = self._rows[index.row()]
        if role == self.IdRole:
            return row.id
        if not 0 <= index.column() < len(self.FIELDS):
            return None
        texts = row.cells.get(self.FIELDS[index.column()], {})
        if role == Qt.ItemDataRole.DisplayRole:
            return one_line(self.content.shown(texts))
        if role == Qt.ItemDataRole.ToolTipRole and not self.content.untranslated(texts):
            return self.content.shown(texts)
        return self.content.cell_data(texts, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.editable():
            return False
        if not 0 <= index.column() < len(self.FIELDS):
            return False
        document = self.document
        assert document is not None and self._section_id is not None
        row: CommunicationRowInfo = self._rows[index.row()]
        field = self.FIELDS[index.column()]
        text = "" if value is None else str(value)
        old = row.cells.get(field, {})
        if text == self.text_of(old):
            return False
        command = UpdateCommunicationRowCommand(
            document, self._section_id, row.id, field, {self.language: text}, merge_key=None
        )
        return self.run(command)

    def add_row(self) -> int:
        """Add an empty row at the end; its row, or -1 if refused."""
        if not self.editable():
            return -1
        assert self.document is not None and self._section_id is not None
        command = AddCommunicationRowCommand(self.document, self._section_id, {})
        return self.row_of(command.row_id) if self.run(command) else -1

    def remove_row(self, row: int) -> bool:
        if not self.editable() or not 0 <= row < len(self._rows):
            return False
        assert self.document is not None
        return self.run(delete_communication_row_command(self.document, self.row_id(row)))
