"""The Roles page of the plan pane: the plan's own roles for units ("Co", "Co-P",
"OOT", each with a name per language) and the objectives × units matrix, where a
unit's role in an objective is chosen cell by cell (the lead unit is the objective's,
chosen in the objective editor).

The page reads the plan's roles, units, objectives and links when shown and after a
change that concerns them; every edit is one undo command. GUI thread only.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.enums import UnitRole
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import plans, unit_roles
from planner_app.services.common import Changed
from planner_app.services.tree_read import load_tree
from planner_app.services.units import load_units
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import Applied, PlanDocument, document_read_only
from planner_app.ui.core.undo_texts import undo_text
from planner_app.ui.plan.chapter_commands import WriteCommand, unit_role_command

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
SIGNS = {"lead": "●", UnitRole.CO_LEAD.value: "◐", UnitRole.INVOLVED.value: "○"}
Cell = tuple[str, uuid.UUID | None] | None  # (role, plan role id) or no role


class MatrixModel(QAbstractTableModel):
    """Objectives (tree order) × units (unit order); a cell is the unit's role in the
    objective. Passive: ``set_data`` gives it what the page read."""

    CellRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, page: RolesPage) -> None:
        super().__init__(page)
        self.page = page
        self.objectives: list[Any] = []  # ObjectiveNode
        self.units: list[Any] = []  # UnitInfo
        self.cells: dict[tuple[uuid.UUID, uuid.UUID], Cell] = {}
        self.roles: dict[uuid.UUID, unit_roles.PlanRoleInfo] = {}
        self.content = ContentLanguage()

    def set_data(self, objectives, units, links, roles) -> None:
        self.beginResetModel()
        self.objectives, self.units = list(objectives), list(units)
        self.roles = {r.id: r for r in roles}
        self.cells = {}
        for objective_id, group in links.items():
            for link in group:
                self.cells[(objective_id, link.unit_id)] = (link.role.value, link.role_id)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.objectives)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.units)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.units):
            unit = self.units[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return unit.code or self.content.shown(unit.name)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.content.shown(unit.name)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.objectives):
            node = self.objectives[section]
            if role == Qt.ItemDataRole.DisplayRole:
                title = self.content.shown(node.title)
                return f"{node.code}  {title[:50]}" + ("…" if len(title) > 50 else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.content.shown(node.title)
        return None

    def cell(self, index: AnyIndex) -> str | Cell:
        node, unit = self.objectives[index.row()], self.units[index.column()]
        if node.lead_unit_id == unit.id:
            return "lead"
        return self.cells.get((node.id, unit.id))

    def text_of(self, value: str | Cell) -> str:
        if value is None:
            return ""
        if value == "lead":
            return SIGNS["lead"]
        role, role_id = value  # type: ignore[misc]
        if role == UnitRole.OWN.value:
            own = self.roles.get(role_id)  # type: ignore[arg-type]
            return own.code if own else "?"
        return SIGNS.get(role, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.cell(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text_of(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.page.role_name(value)
        if role == self.CellRole:
            return value
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and not self.page.read_only and self.cell(index) != "lead":
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if value == self.cell(index):
            return False
        node, unit = self.objectives[index.row()], self.units[index.column()]
        return self.page.set_role(node.id, unit.id, value)


class RoleDelegate(QStyledItemDelegate):
    """A matrix cell edits with a list: no role, co-lead, involved, the plan's roles."""

    def __init__(self, page: RolesPage) -> None:
        super().__init__(page)
        self.page = page

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        for text, value in self.page.choices():
            box.addItem(text, value)
        return box

    def setEditorData(self, editor, index) -> None:
        value = index.data(MatrixModel.CellRole)
        for i in range(editor.count()):
            if editor.itemData(i) == value:
                editor.setCurrentIndex(i)
                return

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentData())


class RolesPage(QWidget):
    """The plan's roles and the units matrix. GUI thread only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self.read_only = True
        self.content = ContentLanguage()
        self.roles: list[unit_roles.PlanRoleInfo] = []

        self.roles_table = QTableWidget(0, 2)
        self.roles_table.setObjectName("plan_roles")
        self.roles_table.setHorizontalHeaderLabels([_("Code"), _("Name")])
        self.roles_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.roles_table.verticalHeader().setVisible(False)
        self.roles_table.itemChanged.connect(self._role_edited)
        self.add_role_button = QPushButton(_("Add role…"))
        self.remove_role_button = QPushButton(_("Remove role"))
        self.add_role_button.clicked.connect(lambda: self.add_role())
        self.remove_role_button.clicked.connect(self.remove_role)
        role_buttons = QHBoxLayout()
        role_buttons.addWidget(self.add_role_button)
        role_buttons.addWidget(self.remove_role_button)
        role_buttons.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            _(
                "Roles of the plan's own for the units of an objective, besides lead, "
                "co-lead and involved (e.g. Co-P, OOT)."
            )
        )
        intro.setWordWrap(True)
        top_layout.addWidget(intro)
        top_layout.addWidget(self.roles_table)
        top_layout.addLayout(role_buttons)

        self.matrix = MatrixModel(self)
        self.matrix_view = QTableView()
        self.matrix_view.setObjectName("unit_matrix")
        self.matrix_view.setModel(self.matrix)
        self.matrix_view.setItemDelegate(RoleDelegate(self))
        self.matrix_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.matrix_view.horizontalHeader().setDefaultSectionSize(56)
        self.only_used = QCheckBox(_("Only objectives with units"))
        self.only_used.setChecked(True)
        self.only_used.toggled.connect(lambda _on: self.reload())
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(QLabel("<b>" + _("Units and their roles") + "</b>"))
        bottom_layout.addWidget(self.only_used)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        bottom_layout.addWidget(self.empty)
        bottom_layout.addWidget(self.matrix_view, 1)
        bottom_layout.addWidget(self.legend)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([160, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._loading = False
        self._stale = False

    # --- document ------------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        if self._document is not None:
            self._document.changed.disconnect(self._on_changed)
        self._document = document
        if document is not None:
            document.changed.connect(self._on_changed)
        self.reload()

    def set_language(self, language: str) -> None:
        if self.content.choose(language):
            self.matrix.content = self.content
            self.reload()

    def _on_changed(self, applied: Applied) -> None:
        if applied.changed.entity in ("plan role", "objective", "unit", "plan"):
            if self.isVisible():
                self.reload()
            else:  # read when shown: an objective edit elsewhere costs nothing here
                self._stale = True

    def showEvent(self, event) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self._stale = False
        document = self._document
        self.read_only = document_read_only(document)
        objectives: list = []
        units: list = []
        links: dict = {}
        self.roles = []
        if document is not None:
            try:
                info = plans.plan_info(document.store, document.plan_id)
                self.content.set_languages(info.languages)
                self.matrix.content = self.content
                self.roles = unit_roles.load_plan_roles(document.store, document.plan_id)
                objectives = load_tree(document.store, document.plan_id)
                units = load_units(document.store, document.plan_id)
                links = unit_roles.plan_links(document.store, document.plan_id)
            except PlannerError:
                pass
        if self.only_used.isChecked():
            objectives = [o for o in objectives if o.lead_unit_id or links.get(o.id)]
        self.matrix.set_data(objectives, units, links, self.roles)
        self.empty.setText(
            _(
                "No objective has a lead unit or other units yet. Untick the box to give "
                "units their roles in any objective."
            )
        )
        self.empty.setVisible(not objectives and self.only_used.isChecked())
        self._loading = True
        try:
            self.roles_table.setRowCount(len(self.roles))
            for row, role in enumerate(self.roles):
                code = QTableWidgetItem(role.code)
                name = QTableWidgetItem(self.content.shown(role.name))
                for item in (code, name):
                    item.setData(Qt.ItemDataRole.UserRole, role.id)
                    if self.read_only:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.roles_table.setItem(row, 0, code)
                self.roles_table.setItem(row, 1, name)
        finally:
            self._loading = False
        self.add_role_button.setEnabled(not self.read_only and document is not None)
        self.remove_role_button.setEnabled(not self.read_only and bool(self.roles))
        parts = [
            f"{SIGNS['lead']} {_('lead unit')}",
            f"{SIGNS[UnitRole.CO_LEAD.value]} {_('co-lead')}",
            f"{SIGNS[UnitRole.INVOLVED.value]} {_('involved')}",
            *(f"{r.code} {self.content.shown(r.name)}".strip() for r in self.roles),
        ]
        self.legend.setText(" · ".join(parts))

    # --- edits -----------------------------------------------------------------------------

    def choices(self) -> list[tuple[str, Cell]]:
        out: list[tuple[str, Cell]] = [
            (_("(none)"), None),
            (f"{SIGNS[UnitRole.CO_LEAD.value]} {_('co-lead')}", (UnitRole.CO_LEAD.value, None)),
            (f"{SIGNS[UnitRole.INVOLVED.value]} {_('involved')}", (UnitRole.INVOLVED.value, None)),
        ]
        for role in self.roles:
            text = f"{role.code} {self.content.shown(role.name)}".strip()
            out.append((text, (UnitRole.OWN.value, role.id)))
        return out

    def role_name(self, value: str | Cell) -> str:
        if value is None:
            return ""
        if value == "lead":
            return _("lead unit")
        role, role_id = value  # type: ignore[misc]
        if role == UnitRole.OWN.value:
            own = next((r for r in self.roles if r.id == role_id), None)
            return f"{own.code} {self.content.shown(own.name)}".strip() if own else ""
        return _("co-lead") if role == UnitRole.CO_LEAD.value else _("involved")

    def set_role(self, objective_id: uuid.UUID, unit_id: uuid.UUID, value: Cell) -> bool:
        if self._document is None or self.read_only:
            return False
        command = unit_role_command(self._document, objective_id, unit_id, value)
        return bool(self._document.run(command, initiator=self))

    def add_role(self, code: str | None = None) -> bool:
        if self._document is None or self.read_only:
            return False
        if code is None:
            code, ok = QInputDialog.getText(self, _("Add role"), _("Code of the new role:"))
            if not ok or not code.strip():
                return False
        document = self._document
        command = AddRoleCommand(document, code.strip())
        return bool(document.run(command, initiator=self))

    def remove_role(self) -> bool:
        row = self.roles_table.currentRow()
        if self._document is None or not 0 <= row < len(self.roles):
            return False
        command = DeleteRoleCommand(self._document, self.roles[row].id)
        return bool(self._document.run(command, initiator=self))

    def _role_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or self._document is None:
            return
        role_id = item.data(Qt.ItemDataRole.UserRole)
        role = next((r for r in self.roles if r.id == role_id), None)
        if role is None:
            return
        document = self._document
        if item.column() == 0:
            field, value = "code", item.text().strip()
            if value == role.code:
                return
        else:
            field, value = "name", {**role.name, self.content.current: item.text().strip()}
        command = WriteCommand(
            document,
            undo_text("plan role", "edit"),
            lambda v: unit_roles.update_plan_role(document.store, role_id, **{field: v}),
            value,
            lambda c: c.old[field],
        )
        if not document.run(command, initiator=self):
            self.reload()


class AddRoleCommand(BaseCommand):
    def __init__(self, document: PlanDocument, code: str) -> None:
        super().__init__(document, undo_text("plan role", "add"))
        self.code = code
        self.row_id: uuid.UUID | None = None
        self._deleted: tuple[uuid.UUID, ...] = ()
        self._position: int | None = None

    def do(self) -> Changed:
        store, plan = self.document.store, self.document.plan_id
        if self._deleted:
            return unit_roles.restore_plan_role(store, self._deleted, self._position)
        changed = unit_roles.add_plan_role(store, plan, code=self.code)
        self.row_id = changed.id
        return changed

    def undo_change(self) -> Changed:
        assert self.row_id is not None
        changed = unit_roles.delete_plan_role(self.document.store, self.row_id)
        self._deleted, self._position = changed.ids, changed.extra["position"]
        return changed


class DeleteRoleCommand(BaseCommand):
    def __init__(self, document: PlanDocument, role_id: uuid.UUID) -> None:
        super().__init__(document, undo_text("plan role", "remove"))
        self.role_id = role_id
        self._deleted: tuple[uuid.UUID, ...] = ()
        self._position: int | None = None

    def do(self) -> Changed:
        changed = unit_roles.delete_plan_role(self.document.store, self.role_id)
        self._deleted, self._position = changed.ids, changed.extra["position"]
        return changed

    def undo_change(self) -> Changed:
        return unit_roles.restore_plan_role(self.document.store, self._deleted, self._position)
