"""The plan's organisation units as a tree: name, code, kind."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from planner_app.domain.labels import label
from planner_app.errors import PlannerError
from planner_app.i18n import N_, _
from planner_app.services import plans
from planner_app.services.units import UnitInfo, load_units
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import Applied, PlanDocument, document_read_only
from planner_app.ui.core.document_bound import DocumentBound
from planner_app.ui.core.headers import TranslatedHeaders
from planner_app.ui.core.labels import capitalised
from planner_app.ui.plan.commands import (
    AddUnitCommand,
    MoveUnitCommand,
    UpdateUnitCommand,
    delete_unit_command,
)

AnyIndex = QModelIndex | QPersistentModelIndex


class UnitNode:
    """One unit in the tree: its ``UnitInfo``, parent node and children (plain class)."""

    def __init__(self, info: UnitInfo | None, parent: UnitNode | None = None) -> None:
        self.info = info
        self.parent = parent
        self.children: list[UnitNode] = []

    @property
    def id(self) -> uuid.UUID | None:
        return self.info.id if self.info else None

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class UnitTreeModel(DocumentBound, TranslatedHeaders, QAbstractItemModel):
    """The units of the open plan, re-read (model reset) after every change to units
    or the plan. Owns the node tree; names and codes are edited in place, every edit
    an undo command run through the document. GUI thread only."""

    NAME, CODE, KIND = range(3)
    COLUMNS = (N_("Name"), N_("Code"), N_("Kind"))
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._root = UnitNode(None)
        self._by_id: dict[uuid.UUID, UnitNode] = {}
        self.content = ContentLanguage()
        self._read_only = True

    # --- what is shown ------------------------------------------------------------------

    def editable(self) -> bool:
        return self._document is not None and not self._read_only

    def set_language(self, language: str) -> None:
        """Show and edit unit names in ``language`` (one of the plan's)."""
        if self.content.choose(language):
            self.reload()

    def reload(self) -> None:
        document = self._document
        self._read_only = document_read_only(document)
        infos: list[UnitInfo] = []
        if document is not None:
            try:
                info = plans.plan_info(document.store, document.plan_id)
                self.content.set_languages(info.languages)
                infos = load_units(document.store, document.plan_id)
            except PlannerError:
                infos = []
        self.beginResetModel()
        self._root = UnitNode(None)
        self._by_id = {}
        for info in infos:  # depth first: a parent comes before its children
            parent = self._by_id.get(info.parent_id, self._root) if info.parent_id else self._root
            node = UnitNode(info, parent)
            parent.children.append(node)
            self._by_id[info.id] = node
        self.endResetModel()

    def index_of(self, unit_id: uuid.UUID | None, column: int = 0) -> QModelIndex:
        node = self._by_id.get(unit_id) if unit_id else None
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row(), column, node)

    def unit(self, index: AnyIndex) -> UnitInfo | None:
        node = self._node(index)
        return node.info if node is not self._root else None

    def siblings_of(self, unit_id: uuid.UUID) -> list[uuid.UUID]:
        node = self._by_id[unit_id]
        assert node.parent is not None
        return [c.info.id for c in node.parent.children if c.info]

    # --- edits --------------------------------------------------------------------------

    def add_unit(self, parent_id: uuid.UUID | None = None, name: str = "") -> uuid.UUID | None:
        if not self.editable():
            return None
        assert self._document is not None
        command = AddUnitCommand(
            self._document, {self.content.current: name or _("New unit")}, parent_id=parent_id
        )
        return command.row_id if self._run(command) else None

    def remove_unit(self, unit_id: uuid.UUID) -> bool:
        if not self.editable():
            return False
        assert self._document is not None
        return self._run(delete_unit_command(self._document, unit_id))

    def move_unit(self, unit_id: uuid.UUID, parent_id: uuid.UUID | None, position: int) -> bool:
        if not self.editable():
            return False
        assert self._document is not None
        return self._run(MoveUnitCommand(self._document, unit_id, parent_id, position))

    def set_kind(self, unit_id: uuid.UUID, kind: str) -> bool:
        node = self._by_id.get(unit_id)
        if not self.editable() or node is None or node.info is None or node.info.kind == kind:
            return False
        assert self._document is not None
        return self._run(UpdateUnitCommand(self._document, unit_id, "kind", kind))

    def _run(self, command) -> bool:
        return self._document is not None and self._document.run(command, initiator=self)

    # --- Qt -----------------------------------------------------------------------------

    def _node(self, index: AnyIndex) -> UnitNode:
        if index.isValid():
            return index.internalPointer()
        return self._root

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        node = self._node(parent)
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node: UnitNode = index.internalPointer()
        parent = node.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable() and index.column() in (self.NAME, self.CODE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        info = self.unit(index) if index.isValid() else None
        if info is None:
            return None
        if role == self.IdRole:
            return info.id
        column = index.column()
        if column == self.NAME:
            return self.content.cell_data(info.name, role)
        if role == Qt.ItemDataRole.EditRole:
            return info.code if column == self.CODE else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.CODE:
                return info.code
            if column == self.KIND:
                return capitalised(label(info.kind))
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        info = self.unit(index) if index.isValid() else None
        if info is None or role != Qt.ItemDataRole.EditRole or not self.editable():
            return False
        assert self._document is not None
        text = ("" if value is None else str(value)).strip()
        if index.column() == self.NAME:
            if text == self.content.edited(info.name):
                return False
            command = UpdateUnitCommand(
                self._document, info.id, "name", {**info.name, self.content.current: text}
            )
        elif index.column() == self.CODE:
            if text == info.code:
                return False
            command = UpdateUnitCommand(self._document, info.id, "code", text)
        else:
            return False
        return self._run(command)

    def _on_changed(self, applied: Applied) -> None:
        if applied.changed.entity in ("unit", "plan"):
            self.reload()
