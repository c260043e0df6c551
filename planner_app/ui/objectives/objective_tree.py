"""The objective tree of one plan as a Qt item model: titles edit in place, rows drag.

Edits go through the plan's ``PlanDocument`` as undo commands. An edit that changes
only what a row shows (title, status, lead unit, milestone counts) refreshes those rows
in place; one that changes the shape or the numbering (add, delete, move, a code
override, a unit or policy field) rebuilds the tree (a reset; the view keeps expansion
and the current row). On a 10,000-objective plan the first costs milliseconds, the
second about half a second.

The rows are read at once but made into nodes one sibling list at a time, when a view
(or a lookup, the filter, expand all) first reaches them: the first paint of a large
plan makes the SDs and ODs it shows, not the 10,000 initiatives under them
(``fetch_all`` makes the rest, in slices, once the window is up).
"""

from __future__ import annotations

import dataclasses
import html
import uuid
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from planner_app.domain.codes import LevelScheme
from planner_app.domain.enums import Status
from planner_app.i18n import N_, _, ngettext
from planner_app.services.common import (
    Entity,
    reshapes_plan,
)
from planner_app.services.plan_parts import load_policy_fields
from planner_app.services.plans import plan_info
from planner_app.services.tree_read import (
    ObjectiveNode,
    TreeRows,
    load_tree_rows,
    milestone_owners,
    node_fields,
    searchable_texts,
)
from planner_app.services.units import UnitInfo, load_units
from planner_app.storage import PlanFile
from planner_app.ui.core.document import Applied, PlanDocument
from planner_app.ui.core.document_bound import DocumentBound
from planner_app.ui.core.labels import one_line, pick_text, status_label
from planner_app.ui.core.status_icons import status_icon
from planner_app.ui.objectives.commands import MoveObjectiveCommand, SetObjectiveFieldCommand
from planner_app.ui.objectives.tree_moves import drop_move
from planner_app.ui.objectives.tree_node import TreeNode
from planner_app.ui.objectives.tree_progress import TreeProgress

Index = QModelIndex | QPersistentModelIndex
MIME_TYPE = "application/x-planner-objective-ids"
# Changes that may move a roll-up or an overdue mark (statuses, milestones, indicators'
# values, the tree's shape, the plan's status tracking)
PROGRESS_ENTITIES = (Entity.OBJECTIVE, Entity.MILESTONE, Entity.INDICATOR, Entity.PLAN)
_MARKED = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
)


class ObjectiveTreeModel(DocumentBound, QAbstractItemModel):
    """The objectives of one plan (SD > OD > initiative) with policy-field headings.

    Owns a tree of ``TreeNode`` made from ``load_tree_rows`` and friends (a node's
    children when first reached, see the module docstring); keeps the open
    ``PlanFile`` and the plan id to ``reload()``, and the plan's ``PlanDocument`` (when
    one is set) to run edits. Lives on the GUI thread.
    """

    CODE, TITLE, STATUS, PROGRESS, LEAD_UNIT, MILESTONES = range(6)
    COLUMN_COUNT = 6
    # Header texts in column order (translated when shown).
    HEADERS = (
        N_("Code"),
        N_("Title"),
        N_("Status"),
        N_("Progress"),
        N_("Lead unit"),
        N_("Milestones"),
    )

    progress_shown = Signal()  # roll-ups and overdue marks were read again

    IdRole = Qt.ItemDataRole.UserRole + 1  # uuid.UUID of the objective (None on headings)
    HeadingRole = Qt.ItemDataRole.UserRole + 2  # True on a policy-field heading
    LevelRole = Qt.ItemDataRole.UserRole + 3  # ObjectiveLevel value, "" on headings
    StatusRole = Qt.ItemDataRole.UserRole + 4  # Status value, "" on headings
    LeadUnitIdRole = Qt.ItemDataRole.UserRole + 5  # uuid.UUID of the lead unit, or None
    RollUpRole = Qt.ItemDataRole.UserRole + 6  # the roll-up's verdict (Status), or None

    def __init__(
        self,
        store: PlanFile | None = None,
        plan_id: uuid.UUID | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._plan_id = plan_id
        self._root = TreeNode(id=None, parent=None)
        self._by_id: dict[uuid.UUID, TreeNode] = {}  # the objective nodes made so far
        self._rows: TreeRows | None = None  # as read, for the nodes not made yet
        self._units: dict[uuid.UUID, UnitInfo] = {}
        self._document: PlanDocument | None = None
        self._editable = False
        self._languages: tuple[str, ...] = ()
        self._scheme = LevelScheme({}, ("nl",))  # the plan's levels: names, code patterns
        self._tracks_status = True
        self._full_texts: dict[uuid.UUID, str] | None = None  # for Find in all text
        self._heading_font = QFont()
        self._heading_font.setBold(True)
        self._reference_font = QFont()
        self._reference_font.setItalic(True)
        self._muted = QColor("#808080")  # "not started" is the common case: keep it quiet
        # roll-ups and overdue milestones, read after the rows (``tree_progress``)
        self.progress = TreeProgress(self._progress_read, self.objective_count, self)
        if store is not None and plan_id is not None:
            self._build()

    # --- loading -------------------------------------------------------------------

    @property
    def plan_id(self) -> uuid.UUID | None:
        return self._plan_id

    def set_plan(self, store: PlanFile | None, plan_id: uuid.UUID | None) -> None:
        """Show another plan (or nothing, with ``None``)."""
        self.beginResetModel()
        self._store, self._plan_id = store, plan_id
        self._build()
        self.endResetModel()

    @property
    def languages(self) -> tuple[str, ...]:
        """The plan's content languages, the first one edited in place."""
        return self._languages

    @property
    def scheme(self) -> LevelScheme:
        """The plan's levels (names and code patterns in its content languages)."""
        return self._scheme

    @property
    def tracks_status(self) -> bool:
        """Whether the plan's objectives carry a status (else the column stays empty)."""
        return self._tracks_status

    @property
    def editable(self) -> bool:
        return self._document is not None and self._editable

    def set_document(self, document: PlanDocument | None, *, editable: bool = True) -> None:
        """Show the document's plan and run edits through it (``None``: nothing shown)."""
        self._editable = editable
        if document is None:
            self._store, self._plan_id = None, None
        super().set_document(document)

    def _on_changed(self, applied: Applied) -> None:
        self._document_changed(applied)

    # Objective fields whose change neither moves nor renumbers a row.
    IN_PLACE_FIELDS = frozenset(
        {"title", "description", "intended_results", "kind", "status", "lead_unit_id"}
        | {"partners", "strategic_link_id"}
    )

    def full_texts(self) -> dict[uuid.UUID, str]:
        """Descriptions, results, milestones and indicators per objective (read once,
        until an edit changes one of them)."""
        if self._full_texts is None:
            self._full_texts = (
                searchable_texts(self._store, self._plan_id)
                if self._store is not None and self._plan_id is not None
                else {}
            )
        return self._full_texts

    def _document_changed(self, applied: Applied) -> None:
        """Follow a change: rows whose shown fields it gives are updated in place (no
        read); milestones added or removed re-read their objective's counts; a change of
        shape or numbering rebuilds the tree."""
        changed = applied.changed
        if changed.entity in (Entity.OBJECTIVE, Entity.MILESTONE, Entity.INDICATOR):
            self._full_texts = None
        if changed.entity in PROGRESS_ENTITIES:  # a status, a due, a value: read again
            self.progress.schedule(self._store, self._plan_id, soon=True)
        if applied.initiator is self:
            return  # our own title or status edit, already shown
        entity, op = changed.entity, changed.op
        if entity is Entity.OBJECTIVE and op == "updated":
            if set(changed.fields) <= self.IN_PLACE_FIELDS:
                self._update_rows(changed)
                return
        elif entity is Entity.MILESTONE:
            self._milestones_changed(changed)
            return
        elif entity is Entity.UNIT and op == "updated" and set(changed.new) <= {"name", "code"}:
            self._unit_renamed(changed)
            return
        elif entity is Entity.PLAN:
            if not reshapes_plan(changed):
                return  # the tree shows none of the plan's own properties
        elif entity not in (Entity.OBJECTIVE, Entity.UNIT, Entity.POLICY_FIELD):
            return
        self.reload()

    def _update_rows(self, changed) -> None:
        """The objectives' shown fields from ``changed.new`` (title, status, lead unit)."""
        new = changed.new
        for oid in changed.ids:
            node = self._node_of(oid)  # made now if the view has not reached it yet
            if node is None:
                continue
            if "title" in new:
                node.title = one_line(pick_text(new["title"], self._languages))
            if "status" in new:
                node.status = Status(new["status"])
            if "lead_unit_id" in new:
                self._set_lead_unit(node, new["lead_unit_id"])
            node.search_text = None
            self._row_changed(node)

    def _set_lead_unit(self, node: TreeNode, unit_id: uuid.UUID | None) -> None:
        unit = self._units.get(unit_id) if unit_id else None
        name = one_line(pick_text(unit.name, self._languages)) if unit else ""
        node.lead_unit_name = name
        node.lead_unit = (unit.code or name) if unit else ""
        node.lead_unit_id = unit_id

    def _milestones_changed(self, changed) -> None:
        """A milestone marked done or open moves its objective's count in place; others
        (added, removed) re-read the counts of their objective."""
        owners = {oid for oid in changed.ids if self._node_of(oid) is not None}
        if changed.op == "updated" and "done" in changed.new and len(owners) == 1:
            node = self._by_id[owners.pop()]
            node.milestones_done += int(bool(changed.new["done"])) - int(
                bool(changed.old.get("done"))
            )
            self._row_changed(node)
            return
        if changed.op == "updated":
            return  # a text or period: the tree shows neither
        if not owners and self._store is not None:
            owners = milestone_owners(self._store, changed.ids)
        self.refresh_rows(owners)

    def _unit_renamed(self, changed) -> None:
        """A unit's new name or code, in place on the rows it leads."""
        unit_id = changed.ids[0]
        unit = self._units.get(unit_id)
        if unit is None:
            return
        self._units[unit_id] = dataclasses.replace(
            unit, **{k: v for k, v in changed.new.items() if hasattr(unit, k)}
        )
        for node in self._by_id.values():
            if node.lead_unit_id == unit_id:
                self._set_lead_unit(node, unit_id)
                self._row_changed(node)

    def refresh_rows(self, objective_ids) -> None:
        """Read the shown fields of these objectives again and repaint their rows."""
        shown = [oid for oid in objective_ids if self._node_of(oid) is not None]
        if not shown or self._store is None or self._plan_id is None:
            return
        fields = node_fields(self._store, shown)
        if len(fields) != len(shown):  # one is gone after all: the shape changed
            self.reload()
            return
        units = None
        for oid, values in fields.items():
            node = self._by_id[oid]
            if values.lead_unit_id != node.lead_unit_id:
                if units is None:
                    units = {u.id: u for u in load_units(self._store, self._plan_id)}
                unit = units.get(values.lead_unit_id) if values.lead_unit_id else None
                name = one_line(pick_text(unit.name, self._languages)) if unit else ""
                node.lead_unit_name = name
                node.lead_unit = (unit.code or name) if unit else ""
                node.lead_unit_id = values.lead_unit_id
            node.title = one_line(pick_text(values.title, self._languages))
            node.status = values.status
            node.milestones_done = values.milestones_done
            node.milestones_total = values.milestones_total
            node.search_text = None
            self._row_changed(node)

    def reload(self) -> None:
        """Read the plan (the document's, when one is set) again and rebuild the tree."""
        self.beginResetModel()  # the view notes the plan shown before, then after
        document = self._document
        if document is not None:
            self._store, self._plan_id = document.store, document.plan_id
        self._build()
        self.endResetModel()

    def _build(self) -> None:
        self._root = TreeNode(id=None, parent=None)
        self._by_id = {}
        self._rows = None
        self._units = {}
        self._full_texts = None
        self.progress.schedule(self._store, self._plan_id)
        if self._store is None or self._plan_id is None:
            return
        store, plan_id = self._store, self._plan_id
        info = plan_info(store, plan_id)
        languages = info.languages
        self._languages = languages
        self._tracks_status = info.track_status
        self._units = {u.id: u for u in load_units(store, plan_id)}
        fields = {f.id: f for f in load_policy_fields(store, plan_id)}
        self._rows = load_tree_rows(store, plan_id)  # codes in the plan's main language
        self._scheme = self._rows.scheme
        seen_fields: set[uuid.UUID] = set()
        root = self._root
        for item in self._rows.children(None):
            field = fields.get(item.policy_field_id) if item.policy_field_id else None
            if field is not None and field.id not in seen_fields:
                seen_fields.add(field.id)
                title = one_line(pick_text(field.title, languages))
                label = f"{field.code}. {title}" if field.code else title
                root.append(TreeNode(id=field.id, parent=root, title=label, heading=True))
            self._add_node(item, root)

    def _add_node(self, item: ObjectiveNode, parent: TreeNode) -> None:
        """A node for ``item`` under ``parent``; its own children pending."""
        assert self._rows is not None
        node = parent.append(self._objective_node(item, parent, self._units, self._languages))
        self._by_id[item.id] = node
        rows = self._rows
        count = rows.child_count(item.id)
        if count:
            node.set_pending(lambda n: self._fill(n, rows), count)

    def _fill(self, node: TreeNode, rows: TreeRows) -> None:
        """Make the children of ``node`` from ``rows``; nothing for a node of a tree
        that a reload has replaced."""
        if rows is self._rows and node.id is not None:
            for item in rows.children(node.id):
                self._add_node(item, node)

    def _node_of(self, objective_id: uuid.UUID | None) -> TreeNode | None:
        """The node of an objective of the tree (made now, with the sibling lists above
        it, if it was not yet), else None."""
        if objective_id is None:
            return None
        node = self._by_id.get(objective_id)
        if node is None and self._rows is not None:
            for ancestor in self._rows.ancestors(objective_id) or ():
                self._by_id[ancestor].children  # noqa: B018 - makes the pending children
            node = self._by_id.get(objective_id)
        return node

    def fetch_all(self, limit: int = 0) -> bool:
        """Make the nodes still pending, about ``limit`` of them (0: all); True while
        some are left. Nothing changes for Qt: row counts were known already."""
        made = 0
        stack = [n for n in self._root.children if not n.heading]
        while stack:
            node = stack.pop()
            if node.pending:
                if limit and made >= limit:
                    return True
                made += node.child_count()
            stack.extend(node.children)
        return False

    @staticmethod
    def _objective_node(
        item: ObjectiveNode, parent: TreeNode, units: dict, languages: tuple[str, ...]
    ) -> TreeNode:
        unit = units.get(item.lead_unit_id) if item.lead_unit_id else None
        unit_name = one_line(pick_text(unit.name, languages)) if unit else ""
        return TreeNode(
            id=item.id,
            parent=parent,
            level=item.level,
            code=item.code,
            title=one_line(pick_text(item.title, languages)),
            status=item.status,
            lead_unit=(unit.code or unit_name) if unit else "",
            lead_unit_name=unit_name,
            lead_unit_id=item.lead_unit_id,
            policy_field_id=item.policy_field_id,
            milestones_done=item.milestones_done,
            milestones_total=item.milestones_total,
            reference=item.reference,
        )

    # --- lookups -------------------------------------------------------------------

    def node(self, index: Index) -> TreeNode:
        if not index.isValid():
            return self._root
        return index.internalPointer()

    def index_of(self, objective_id: uuid.UUID, column: int = 0) -> QModelIndex:
        """The index of an objective, or an invalid index when it is not in the tree."""
        node = self._node_of(objective_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def heading_indexes(self) -> list[QModelIndex]:
        return [self.createIndex(n.row, 0, n) for n in self._root.children if n.heading]

    def first_objective_index(self) -> QModelIndex:
        """The first objective row (skipping headings), or an invalid index."""
        node = next((n for n in self._root.children if not n.heading), None)
        return QModelIndex() if node is None else self.createIndex(node.row, 0, node)

    def objective_count(self) -> int:
        return self._rows.count if self._rows is not None else 0

    def column_has_data(self, column: int) -> bool:
        """Whether any objective fills ``column`` (views may hide an empty one)."""
        rows = self._rows
        if column == self.LEAD_UNIT:
            units = self._units
            return rows is not None and any(
                units[u].code or one_line(pick_text(units[u].name, self._languages))
                for u in rows.lead_unit_ids()
                if u in units
            )
        if column == self.MILESTONES:
            return rows is not None and rows.has_milestones()
        if column == self.STATUS:
            return self._tracks_status
        if column == self.PROGRESS:
            return self.progress.any_shown()
        return True

    # --- QAbstractItemModel --------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.node(parent).children[row])

    def parent(self, index: Index | None = None) -> Any:  # type: ignore[override]
        if index is None:  # QObject.parent(): the model's owner
            return QObject.parent(self)
        if not index.isValid():
            return QModelIndex()
        parent = self.node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return self.node(parent).child_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return self.COLUMN_COUNT

    def flags(self, index: Index) -> Qt.ItemFlag:
        editable = self.editable
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if editable else Qt.ItemFlag.NoItemFlags
        if self.node(index).heading:
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if editable and self.node(index).reference:  # read-only: objectives go under it
            return flags | Qt.ItemFlag.ItemIsDropEnabled
        if editable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
            if index.column() == self.TITLE or (
                index.column() == self.STATUS and self._tracks_status
            ):
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.COLUMN_COUNT
        ):
            return _(self.HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section == self.PROGRESS:
            return _(
                "Progress from below, today: computed from the initiatives, milestones and "
                "indicators under a strategic or operational objective (its shape, and the "
                "initiatives done); its own status, left, is yours and never changes by it."
            )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        column = index.column()
        if role == self.IdRole:
            return None if node.heading else node.id
        if role == self.HeadingRole:
            return node.heading
        if role == self.LevelRole:
            return node.level.value if node.level else ""
        if role == self.StatusRole:
            return node.status.value if node.status else ""
        if role == self.LeadUnitIdRole:
            return node.lead_unit_id
        if role == self.RollUpRole:
            return None if node.heading else self.progress.verdict(node.id, node.level)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(node, column)
        if node.heading:
            return self._heading_data(node, column, role)
        if column == self.STATUS and (not self._tracks_status or node.reference):
            return None  # the plan does not track status: nothing to show
        if node.reference and role == Qt.ItemDataRole.FontRole:
            return self._reference_font
        if node.reference and role == Qt.ItemDataRole.ForegroundRole:
            return self._muted
        if column == self.PROGRESS:
            return self.progress.progress_cell(node.id, node.level, role)
        if column == self.MILESTONES and role in _MARKED:
            if role == Qt.ItemDataRole.ToolTipRole:
                parts = (self._tooltip(node, column), self.progress.overdue_tooltip(node.id))
                return "\n".join(p for p in parts if p) or None
            return self.progress.milestones_cell(node.id, self._display(node, column) or "", role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._display(node, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS and node.status:
            return status_icon(node.status)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == self.STATUS
            and node.status is Status.NOT_STARTED
        ):
            return self._muted
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.MILESTONES:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _heading_data(self, node: TreeNode, column: int, role: int) -> Any:
        if column != self.CODE:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return node.title
        if role == Qt.ItemDataRole.FontRole:
            return self._heading_font
        return None

    def _display(self, node: TreeNode, column: int) -> str | None:
        if column == self.CODE:
            return node.code
        if column == self.TITLE:
            return node.title
        if column == self.STATUS:
            return status_label(node.status) if node.status else ""
        if column == self.LEAD_UNIT:
            return node.lead_unit
        if column == self.MILESTONES:
            total = node.milestones_total
            return f"{node.milestones_done}/{total}" if total else ""
        return None

    def _spoken(self, node: TreeNode, column: int) -> str:
        """What a screen reader says for a cell: the whole row as a sentence on the
        code column ("SD 1, Vlaanderen investeert …, status on schedule, 3 of 4
        milestones done"), the column's name and value elsewhere."""
        if node.heading:
            return node.title
        if column != self.CODE:
            header = self.headerData(column, Qt.Orientation.Horizontal)
            return f"{header}: {self._display(node, column) or '—'}"
        parts = [f"{node.code}, {node.title}" if node.code else node.title]
        if node.status:
            parts.append(_("status {status}").format(status=status_label(node.status)))
        progress = self.progress.spoken(node.id, node.level)
        if progress:
            parts.append(_("progress from below {progress}").format(progress=progress))
        if node.lead_unit_name:
            parts.append(_("led by {unit}").format(unit=node.lead_unit_name))
        if node.milestones_total:
            parts.append(
                ngettext(
                    "{done} of {total} milestone done",
                    "{done} of {total} milestones done",
                    node.milestones_total,
                ).format(done=node.milestones_done, total=node.milestones_total)
            )
        late = self.progress.overdue_text(node.id)
        if late:
            parts.append(late)
        return ", ".join(parts)

    def _tooltip(self, node: TreeNode, column: int) -> str | None:
        if node.reference and column in (self.CODE, self.TITLE):
            return "<p>{}</p><p><i>{}</i></p>".format(
                html.escape(node.title if column == self.TITLE else node.code),
                html.escape(
                    _(
                        "The strategic plan's objective, read-only here: add this year's "
                        "objectives under it."
                    )
                ),
            )
        if column == self.CODE and node.level:
            return self._scheme.name(node.level)
        if column == self.TITLE and node.title:
            return f"<p>{html.escape(node.title)}</p>"  # rich text so long titles wrap
        if column == self.LEAD_UNIT and node.lead_unit_name:
            return node.lead_unit_name
        if column == self.MILESTONES and node.milestones_total:
            return ngettext(
                "{done} of {total} milestone done",
                "{done} of {total} milestones done",
                node.milestones_total,
            ).format(done=node.milestones_done, total=node.milestones_total)
        return None

    # --- editing -------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A new title (in the plan's first language) or status, as an undoable command."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.editable:
            return False
        node = self.node(index)
        if node.heading:
            return False
        if index.column() == self.STATUS:
            return self._set_status(index, node, value)
        title = one_line(str(value or ""))
        if index.column() != self.TITLE or not title or title == node.title:
            return False
        document = self._document
        assert document is not None and node.id is not None
        command = SetObjectiveFieldCommand(
            document, node.id, "title", {self._languages[0]: title}, merge_key=None
        )
        if not document.run(command, initiator=self):
            return False
        node.title = title
        node.search_text = None
        self._row_changed(node)
        return True

    def _set_status(self, index: Index, node: TreeNode, value: Any) -> bool:
        if not self._tracks_status:
            return False
        try:
            status = Status(value)
        except ValueError:
            return False
        if status is node.status:
            return False
        document = self._document
        assert document is not None and node.id is not None
        command = SetObjectiveFieldCommand(document, node.id, "status", status, merge_key=None)
        if not document.run(command, initiator=self):
            return False
        node.status = status
        self._row_changed(node)
        return True

    def _progress_read(self) -> None:
        """New roll-ups and overdue marks: repaint those two columns of the rows made."""
        stack = [self._root]
        while stack:
            parent = stack.pop()
            if parent.pending or not parent.child_count():
                continue
            kids = parent.children
            first, last = kids[0], kids[-1]
            self.dataChanged.emit(
                self.createIndex(first.row, self.PROGRESS, first),
                self.createIndex(last.row, self.MILESTONES, last),
            )
            stack.extend(kids)
        self.progress_shown.emit()

    def _row_changed(self, node: TreeNode) -> None:
        first = self.createIndex(node.row, 0, node)
        self.dataChanged.emit(first, first.siblingAtColumn(self.COLUMN_COUNT - 1))

    # --- drag and drop -------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        ids = dict.fromkeys(
            str(self.node(i).id) for i in indexes if i.isValid() and not self.node(i).heading
        )
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray("\n".join(ids).encode("ascii")))
        return data

    def _dropped_node(self, data: QMimeData) -> TreeNode | None:
        """The one objective of this plan that ``data`` carries, else None."""
        if data is None or not data.hasFormat(MIME_TYPE):
            return None
        text = bytes(data.data(MIME_TYPE).data()).decode("ascii", "replace")
        ids = [line for line in text.split() if line]
        if len(ids) != 1:
            return None
        try:
            return self._node_of(uuid.UUID(ids[0]))
        except ValueError:
            return None

    def drop_target_for(self, data: QMimeData, row: int, parent: Index):
        """(node, where a drop of ``data`` at ``row`` under ``parent`` would move it
        with its policy field, or None), or None."""
        node = self._dropped_node(data)
        if node is None or not self.editable:
            return None
        return node, drop_move(node, self.node(parent), row)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action != Qt.DropAction.MoveAction:
            return False
        found = self.drop_target_for(data, row, parent)
        return found is not None and found[1] is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        node, ((parent_id, position), field) = self.drop_target_for(data, row, parent)  # type: ignore[misc]
        assert self._document is not None and node.id is not None
        fields: dict[str, Any] = {}
        if field != node.policy_field_id:
            fields["policy_field_id"] = field  # dropped under another field's heading
        command = MoveObjectiveCommand(
            self._document, node.id, parent_id=parent_id, position=position, **fields
        )
        outcome = self._document.run(command, initiator=self)
        if outcome:
            self.reload()  # our own move: the echo is skipped, the shape changed
        return bool(outcome)
