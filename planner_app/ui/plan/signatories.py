"""The plan's signatories as a table in signing order: function, name, and whether a
body signs as a whole (no person's name)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from planner_app.i18n import N_, _
from planner_app.services.plan_parts import SignatoryInfo, update_signatory
from planner_app.ui.core.rows_model import (
    AnyIndex,
    RowsModel,
)
from planner_app.ui.core.undo_texts import undo_text
from planner_app.ui.plan.chapter_commands import WriteCommand
from planner_app.ui.plan.commands import (
    AddSignatoryCommand,
    UpdateSignatoryCommand,
    delete_signatory_command,
    move_signatory_command,
)


class SignatoryTableModel(RowsModel):
    """One row per signatory (``SignatoryInfo``, given by the signatories page); cell
    edits, adds, moves and removals are undo commands run through the page. GUI thread
    only."""

    FUNCTION, NAME, BODY = range(3)
    COLUMNS = (N_("Function"), N_("Name"), N_("A body signs"))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        vertical = orientation == Qt.Orientation.Vertical
        if vertical and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
            return str(section + 1)  # the signing order
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: SignatoryInfo = self._rows[index.row()]
        if role == self.IdRole:
            return row.id
        if index.column() == self.FUNCTION:
            return self.content.cell_data(row.function, role)
        if index.column() == self.BODY:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.body else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("A body signs as a whole (het Directiecomité): its name is the function.")
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if index.column() == self.NAME:
            if row.body:
                return "—" if role == Qt.ItemDataRole.DisplayRole else ""
            return row.name
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return base
        if index.column() == self.BODY:
            base &= ~Qt.ItemFlag.ItemIsEditable
            if self.editable():
                base |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() == self.NAME and self._rows[index.row()].body:
            base &= ~Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.BODY:
            return self.set_body(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.editable():
            return False
        document = self.document
        assert document is not None
        row: SignatoryInfo = self._rows[index.row()]
        text = ("" if value is None else str(value)).strip()
        if index.column() == self.FUNCTION:
            if text == self.text_of(row.function):
                return False
            field, new = "function", {self.language: text}
        elif index.column() == self.NAME:
            if text == row.name:
                return False
            field, new = "name", text
        else:
            return False
        return self.run(UpdateSignatoryCommand(document, row.id, field, new, merge_key=None))

    def set_body(self, row: int, body: bool, name: str = "") -> bool:
        """Make a signatory a body signing as a whole (its person's name goes) or a person
        again (with ``name``; a placeholder when empty): one undo step either way."""
        if not self.editable() or not 0 <= row < len(self._rows):
            return False
        info: SignatoryInfo = self._rows[row]
        if info.body == body:
            return False
        document = self.document
        assert document is not None
        command = WriteCommand(
            document,
            undo_text("signatory", "edit"),
            lambda v: update_signatory(document.store, info.id, body=v["body"], name=v["name"]),
            {"body": body, "name": "" if body else (name or _("Name"))},
            lambda c: {"body": c.old["body"], "name": c.old["name"]},
        )
        return self.run(command)

    # --- edits beyond cells -------------------------------------------------------------

    def add_signatory(self, function: str = "", name: str = "") -> int:
        """Add a signatory at the end; its row, or -1 if refused."""
        if not self.editable():
            return -1
        assert self.document is not None
        command = AddSignatoryCommand(
            self.document,
            {self.language: function or _("Function")},
            name or _("Name"),
        )
        return self.row_of(command.row_id) if self.run(command) else -1

    def remove_row(self, row: int) -> bool:
        if not self.editable() or not 0 <= row < len(self._rows):
            return False
        assert self.document is not None
        return self.run(delete_signatory_command(self.document, self.row_id(row)))

    def move_row(self, row: int, position: int) -> bool:
        if not self.editable() or row == position:
            return False
        if not (0 <= row < len(self._rows) and 0 <= position < len(self._rows)):
            return False
        assert self.document is not None
        return self.run(move_signatory_command(self.document, self.row_id(row), row, position))
