"""The plan's organisation units as a tree: name, code, kind.

Passive: the units page gives it the units (``set_units``) and runs its edits."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from planner_app.domain.labels import label
from planner_app.i18n import N_, _
from planner_app.services.units import UnitInfo
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.headers import TranslatedHeaders
from planner_app.ui.core.labels import capitalised
from planner_app.ui.core.rows_model import Editing
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


class UnitTreeModel(TranslatedHeaders, QAbstractItemModel):
    """The units it is given (``set_units``): the same units with other names, codes or
    kinds are updated in place, another tree resets the model. Owns the node tree;
    names and codes are edited in place, every edit an undo command run through the
    ``owner`` (the units page). GUI thread only."""

    NAME, CODE, KIND = range(3)
    COLUMNS = (N_("Name"), N_("Code"), N_("Kind"))
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, owner: Editing | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.owner = owner
        self._root = UnitNode(None)
        self._by_id: dict[uuid.UUID, UnitNode] = {}
        self.content = ContentLanguage()
        self._read_only = True

    # --- what is shown ------------------------------------------------------------------

    @property
    def document(self) -> PlanDocument | None:
        return self.owner.document if self.owner is not None else None

    def editable(self) -> bool:
        return self.document is not None and not self._read_only

    def set_language(self, language: str) -> None:
        """Show and edit unit names in ``language`` (one of the plan's)."""
        if self.content.choose(language):
            self._repaint()

    def set_languages(self, languages: tuple[str, ...]) -> None:
        if tuple(languages) != self.content.languages:
            self.content.set_languages(languages)
            self._repaint()

    def set_read_only(self, read_only: bool) -> None:
        if read_only != self._read_only:
            self.layoutAboutToBeChanged.emit()
            self._read_only = read_only
            self.layoutChanged.emit()

    def units(self) -> list[UnitInfo]:
        """The units shown, depth first."""
        out: list[UnitInfo] = []

        def walk(node: UnitNode) -> None:
            for kid in node.children:
                assert kid.info is not None
                out.append(kid.info)
                walk(kid)

        walk(self._root)
        return out

    def _repaint(self) -> None:
        for node in self._by_id.values():
            self._row_changed(node)

    def _row_changed(self, node: UnitNode) -> None:
        first = self.createIndex(node.row(), 0, node)
        self.dataChanged.emit(first, first.siblingAtColumn(len(self.COLUMNS) - 1))

    def set_units(self, infos: list[UnitInfo]) -> None:
        """Show ``infos`` (depth first): in place when the tree's shape is the one shown."""
        shape = [(u.id, u.parent_id) for u in infos]
        if shape == [(u.id, u.parent_id) for u in self.units()]:
            for info in infos:
                node = self._by_id[info.id]
                if node.info != info:
                    node.info = info
                    self._row_changed(node)
            return
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
        document = self.document
        if not self.editable() or document is None:
            return None
        command = AddUnitCommand(
            document, {self.content.current: name or _("New unit")}, parent_id=parent_id
        )
        return command.row_id if self._run(command) else None

    def remove_unit(self, unit_id: uuid.UUID) -> bool:
        document = self.document
        if not self.editable() or document is None:
            return False
        return self._run(delete_unit_command(document, unit_id))

    def move_unit(self, unit_id: uuid.UUID, parent_id: uuid.UUID | None, position: int) -> bool:
        document = self.document
        if not self.editable() or document is None:
            return False
        return self._run(MoveUnitCommand(document, unit_id, parent_id, position))

    def set_kind(self, unit_id: uuid.UUID, kind: str) -> bool:
        node = self._by_id.get(unit_id)
        document = self.document
        if not self.editable() or node is None or node.info is None or node.info.kind == kind:
            return False
        assert document is not None
        return self._run(UpdateUnitCommand(document, unit_id, "kind", kind, merge_key=None))

    def _run(self, command) -> bool:
        return self.owner is not None and bool(self.owner.run(command))

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
        document = self.document
        assert document is not None
        text = ("" if value is None else str(value)).strip()
        if index.column() == self.NAME:
            if text == self.content.edited(info.name):
                return False
            command = UpdateUnitCommand(
                document, info.id, "name", {self.content.current: text}, merge_key=None
            )
        elif index.column() == self.CODE:
            if text == info.code:
                return False
            command = UpdateUnitCommand(document, info.id, "code", text, merge_key=None)
        else:
            return False
        return self._run(command)
