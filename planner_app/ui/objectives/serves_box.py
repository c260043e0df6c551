"""In the objective editor: the strategic objectives an objective also serves besides
the one it sits under (a transversal objective), and its other units with their roles.

Passive: the editor gives it the objective shown (``show_objective``); a tick is one
undo command. GUI thread only.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from planner_app.domain.enums import ObjectiveLevel, UnitRole
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import transversal, unit_roles
from planner_app.services.tree_read import ObjectiveNode, load_tree
from planner_app.services.units import load_units
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.plan.chapter_commands import serves_command

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ServesBox(QGroupBox):
    """Tick the strategic objectives the objective also serves; below, its units."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Transversal: also serves"), parent)
        self.setObjectName("serves_box")
        self.document: PlanDocument | None = None
        self.objective_id: uuid.UUID | None = None
        self.read_only = True
        self.content = ContentLanguage()
        self.list = QListWidget()
        self.list.setObjectName("serves_list")
        self.list.setMaximumHeight(110)
        self.list.itemChanged.connect(self._ticked)
        self.units = QLabel()
        self.units.setObjectName("objective_units")
        self.units.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.units)
        self._loading = False
        self._serves: tuple[uuid.UUID, ...] = ()
        self._cache: tuple | None = None

    def show_objective(
        self,
        document: PlanDocument | None,
        objective_id: uuid.UUID | None,
        read_only: bool,
        content: ContentLanguage,
    ) -> None:
        if document is not self.document:
            if self.document is not None:
                self.document.changed.disconnect(self._forget)
            if document is not None:
                document.changed.connect(self._forget)
            self._cache = None
        self.document, self.objective_id, self.read_only = document, objective_id, read_only
        self.content = content
        self.refresh()

    def _forget(self, applied) -> None:
        """The plan's tree, links and units as read: read again after a change to them;
        a change to this objective's units or links is shown at once."""
        changed = applied.changed
        if changed.entity in ("objective", "unit", "plan role", "plan"):
            self._cache = None
        if (
            changed.entity == "objective"
            and self.objective_id in changed.ids
            and {"partners", "serves", "lead_unit_id"} & set(changed.fields)
            and applied.initiator is not self
        ):
            self.refresh()

    def _plan_view(self, document: PlanDocument):
        """(tree, transversal links, plan roles, unit names), read once per change of
        the plan: showing another objective reads only its own units."""
        if self._cache is None:
            store, plan = document.store, document.plan_id
            self._cache = (
                load_tree(store, plan),
                transversal.plan_transversal(store, plan),
                {r.id: r for r in unit_roles.load_plan_roles(store, plan)},
                {u.id: u.code or self.content.shown(u.name) for u in load_units(store, plan)},
            )
        return self._cache

    def refresh(self) -> None:
        document, objective_id = self.document, self.objective_id
        self._loading = True
        self.list.clear()
        self.units.clear()
        try:
            if document is None or objective_id is None:
                self.setVisible(False)
                return
            try:
                tree, links, roles, unit_names = self._plan_view(document)
                own = unit_roles.links_of(document.store, objective_id)
            except PlannerError:
                self.setVisible(False)
                return
            node = next((n for n in tree if n.id == objective_id), None)
            self.setVisible(node is not None and node.level is not ObjectiveLevel.STRATEGIC)
            if node is None or node.level is ObjectiveLevel.STRATEGIC:
                return
            home = _home(tree, node)
            self._serves = links.serves.get(objective_id, ())
            for sd in (n for n in tree if n.level is ObjectiveLevel.STRATEGIC and n.id != home):
                item = QListWidgetItem(f"{sd.code}  {self.content.shown(sd.title)}")
                item.setData(ID_ROLE, sd.id)
                flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                if self.read_only:
                    flags &= ~Qt.ItemFlag.ItemIsEnabled
                item.setFlags(flags)
                item.setCheckState(
                    Qt.CheckState.Checked if sd.id in self._serves else Qt.CheckState.Unchecked
                )
                self.list.addItem(item)
            parts = []
            for link in own:
                if link.role is UnitRole.OWN:
                    role = roles.get(link.role_id)
                    what = role.code if role else "?"
                else:
                    what = _("co-lead") if link.role is UnitRole.CO_LEAD else _("involved")
                parts.append(f"{unit_names.get(link.unit_id, '?')} ({what})")
            self.units.setText(
                _("Other units: {units}").format(units=", ".join(parts))
                if parts
                else _("Other units: none (give them roles on the Plan tab, Roles).")
            )
        finally:
            self._loading = False

    def ticked(self) -> tuple[uuid.UUID, ...]:
        return tuple(
            self.list.item(i).data(ID_ROLE)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        )

    def _ticked(self, _item: QListWidgetItem) -> None:
        if self._loading or self.document is None or self.objective_id is None:
            return
        wanted = self.ticked()
        if set(wanted) == set(self._serves):
            return
        command = serves_command(self.document, self.objective_id, wanted)
        if self.document.run(command, initiator=self):
            self._serves = wanted
        else:
            self.refresh()


def _home(tree: list[ObjectiveNode], node: ObjectiveNode) -> uuid.UUID | None:
    by_id = {n.id: n for n in tree}
    current: ObjectiveNode | None = node
    while current is not None and current.level is not ObjectiveLevel.STRATEGIC:
        current = by_id.get(current.parent_id) if current.parent_id else None
    return current.id if current is not None else None
