"""The Units and Signatories pages of the plan pane: a view over a model with buttons
for the edits beyond a cell (add, remove, move, indent).

Each page reads its rows when given a document and gives them to its (passive) model;
it runs the model's edits (``run``) and follows every change of its rows: an update is
applied to the rows it holds, in place (no read), anything else reads them again."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.enums import UnitKind
from planner_app.domain.labels import label
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import plan_parts, plans, units
from planner_app.services.common import (
    Changed,
    Entity,
    replaced_rows,
    reshapes_plan,
)
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.document import Applied, Outcome, PlanDocument, document_read_only
from planner_app.ui.core.document_bound import DocumentBound
from planner_app.ui.core.labels import capitalised
from planner_app.ui.plan.document_box import SigningBox
from planner_app.ui.plan.signatories import SignatoryTableModel
from planner_app.ui.plan.units_tree import UnitTreeModel

_EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


def _buttons(*buttons: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class _ListPage(DocumentBound, QWidget):
    """What the units and signatories pages share: the rows of ``ENTITY`` shown by a
    ``model`` in ``view`` whose selection survives the model's resets (subclasses
    ``_remember`` and ``_restore`` it, ``_update`` their buttons, ``load`` their rows
    and ``show`` them)."""

    ENTITY: Entity
    model: UnitTreeModel | SignatoryTableModel
    view: QAbstractItemView

    def _follow_model(self) -> None:
        self._selected: uuid.UUID | None = None
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._restore)
        self.view.selectionModel().currentRowChanged.connect(self._update)
        self._update()

    def set_document(self, document: PlanDocument | None) -> None:
        self._selected = None
        super().set_document(document)

    def set_language(self, language: str) -> None:
        self.model.set_language(language)

    def reload(self) -> None:
        """Read the plan's languages and the rows, and show them."""
        document = self._document
        languages: tuple[str, ...] = ()
        rows: list = []
        if document is not None:
            try:
                languages = plans.plan_info(document.store, document.plan_id).languages
                rows = self.load(document)
            except PlannerError:
                rows = []
        self.model.set_languages(languages)
        self.model.set_read_only(document_read_only(document))
        self.show(rows)
        self._update()

    def run(self, command: BaseCommand) -> Outcome:
        """Run an edit of the model and show what it changed."""
        if self._document is None:
            return Outcome(reason="")
        outcome = self._document.run(command, initiator=self)
        if outcome.changed is not None:
            self._apply(outcome.changed)
        return outcome

    def refuse(self, reason: str) -> None:
        if self._document is not None:
            self._document.refuse(reason, self)

    def _on_changed(self, applied: Applied) -> None:
        if applied.initiator is self:
            return  # shown already, from the outcome
        changed = applied.changed
        if changed.entity is Entity.PLAN:
            if reshapes_plan(changed):
                self.reload()
        elif changed.entity is self.ENTITY:
            self._apply(changed)

    def _apply(self, changed: Changed) -> None:
        rows = replaced_rows(self.shown(), changed)
        if rows is None:
            assert self._document is not None
            rows = self.load(self._document)
        self.show(rows)
        self._update()

    def load(self, document: PlanDocument) -> list:
        raise NotImplementedError

    def shown(self) -> list:
        raise NotImplementedError

    def show(self, rows: list) -> None:
        raise NotImplementedError

    def _remember(self) -> None:
        raise NotImplementedError

    def _restore(self) -> None:
        raise NotImplementedError

    def _update(self, *_args: object) -> None:
        raise NotImplementedError


class UnitsPage(_ListPage):
    """Edits the plan's organisation units as a tree: names and codes in place, kind
    in a combo, buttons to add, remove, move and re-parent. A unit still in use is
    not removed; the document reports why (``PlanDocument.failed``).

    Owns the view, the buttons and the ``UnitTreeModel``. GUI thread only.
    """

    ENTITY = Entity.UNIT

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = UnitTreeModel(self, self)
        self.view = QTreeView()
        self.view.setObjectName("units_tree")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.header()
        header.setSectionResizeMode(UnitTreeModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(UnitTreeModel.CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(UnitTreeModel.KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.add_button = QPushButton(_("Add unit"))
        self.add_child_button = QPushButton(_("Add sub-unit"))
        self.remove_button = QPushButton(_("Remove"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        self.indent_button = QPushButton(_("Indent"))
        self.outdent_button = QPushButton(_("Outdent"))
        self.indent_button.setToolTip(_("Make the unit a sub-unit of the one above it"))
        self.outdent_button.setToolTip(_("Move the unit up one level"))
        self.kind_combo = QComboBox()
        for kind in UnitKind:
            self.kind_combo.addItem(capitalised(label(kind)), kind.value)
        self.add_button.clicked.connect(lambda: self.add_unit(child=False))
        self.add_child_button.clicked.connect(lambda: self.add_unit(child=True))
        self.remove_button.clicked.connect(self.remove_unit)
        self.up_button.clicked.connect(lambda: self.move_unit(-1))
        self.down_button.clicked.connect(lambda: self.move_unit(+1))
        self.indent_button.clicked.connect(self.indent_unit)
        self.outdent_button.clicked.connect(self.outdent_unit)
        self.kind_combo.activated.connect(self._kind_chosen)
        kind_row = _buttons(QLabel(_("Kind")), self.kind_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(_buttons(self.add_button, self.add_child_button, self.remove_button))
        layout.addLayout(
            _buttons(self.up_button, self.down_button, self.outdent_button, self.indent_button)
        )
        layout.addLayout(kind_row)
        self._follow_model()

    # --- rows --------------------------------------------------------------------------

    def load(self, document: PlanDocument) -> list:
        return units.load_units(document.store, document.plan_id)

    def shown(self) -> list:
        return self.model.units()

    def show(self, rows: list) -> None:
        self.model.set_units(rows)

    # --- public API --------------------------------------------------------------------

    def current_unit(self) -> uuid.UUID | None:
        info = self.model.unit(self.view.currentIndex())
        return info.id if info else None

    def select_unit(self, unit_id: uuid.UUID | None) -> None:
        index = self.model.index_of(unit_id)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def add_unit(self, *, child: bool) -> uuid.UUID | None:
        current = self.current_unit()
        parent_id = current if child else self._parent_of(current)
        unit_id = self.model.add_unit(parent_id)
        if unit_id is not None:
            self.select_unit(unit_id)
            self.view.edit(self.model.index_of(unit_id))
        return unit_id

    def remove_unit(self) -> bool:
        current = self.current_unit()
        return current is not None and self.model.remove_unit(current)

    def move_unit(self, step: int) -> bool:
        current = self.current_unit()
        if current is None:
            return False
        siblings = self.model.siblings_of(current)
        target = siblings.index(current) + step
        if not 0 <= target < len(siblings):
            return False
        return self._move(current, self._parent_of(current), target)

    def indent_unit(self) -> bool:
        current = self.current_unit()
        if current is None:
            return False
        siblings = self.model.siblings_of(current)
        row = siblings.index(current)
        if row == 0:
            return False
        new_parent = siblings[row - 1]
        index = self.model.index_of(new_parent)
        return self._move(current, new_parent, self.model.rowCount(index))

    def outdent_unit(self) -> bool:
        current = self.current_unit()
        parent_id = self._parent_of(current) if current else None
        if current is None or parent_id is None:
            return False
        grand = self._parent_of(parent_id)
        position = self.model.siblings_of(parent_id).index(parent_id) + 1
        return self._move(current, grand, position)

    # --- internals ---------------------------------------------------------------------

    def _move(self, unit_id: uuid.UUID, parent_id: uuid.UUID | None, position: int) -> bool:
        if not self.model.move_unit(unit_id, parent_id, position):
            return False
        self.select_unit(unit_id)
        return True

    def _parent_of(self, unit_id: uuid.UUID | None) -> uuid.UUID | None:
        info = self.model.unit(self.model.index_of(unit_id)) if unit_id else None
        return info.parent_id if info else None

    def _kind_chosen(self, _index: int) -> None:
        current = self.current_unit()
        if current is not None and not self.model.set_kind(current, self.kind_combo.currentData()):
            self._update()

    def _remember(self) -> None:
        self._selected = self.current_unit()

    def _restore(self) -> None:
        self.view.expandAll()
        if self._selected is not None:
            self.select_unit(self._selected)
        self._update()

    def _update(self, *_args: object) -> None:
        editable = self.model.editable()
        info = self.model.unit(self.view.currentIndex())
        self.view.setEditTriggers(
            _EDIT_TRIGGERS if editable else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.add_button.setEnabled(editable)
        for button in (
            self.add_child_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.indent_button,
            self.outdent_button,
        ):
            button.setEnabled(editable and info is not None)
        self.kind_combo.setEnabled(editable and info is not None)
        if info is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(info.kind.value))
            siblings = self.model.siblings_of(info.id)
            row = siblings.index(info.id)
            self.up_button.setEnabled(editable and row > 0)
            self.indent_button.setEnabled(editable and row > 0)
            self.down_button.setEnabled(editable and row < len(siblings) - 1)
            self.outdent_button.setEnabled(editable and info.parent_id is not None)


class SignatoriesPage(_ListPage):
    """Edits the plan's signatories in signing order: function and name in place,
    buttons to add, remove and reorder. Owns the view, the buttons and the
    ``SignatoryTableModel``. GUI thread only."""

    ENTITY = Entity.SIGNATORY

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SignatoryTableModel(self, self)
        self.view = QTableView()
        self.view.setObjectName("signatories_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(_("Add signatory"))
        self.remove_button = QPushButton(_("Remove"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        self.add_button.clicked.connect(self.add_signatory)
        self.remove_button.clicked.connect(self.remove_signatory)
        self.up_button.clicked.connect(lambda: self.move_signatory(-1))
        self.down_button.clicked.connect(lambda: self.move_signatory(+1))
        self.signing = SigningBox()
        layout = QVBoxLayout(self)
        layout.addWidget(self.signing)
        layout.addWidget(self.view)
        layout.addLayout(
            _buttons(self.add_button, self.remove_button, self.up_button, self.down_button)
        )
        self._follow_model()

    def load(self, document: PlanDocument) -> list:
        return plan_parts.load_signatories(document.store, document.plan_id)

    def shown(self) -> list:
        return self.model.rows()

    def show(self, rows: list) -> None:
        self.model.set_rows(rows)

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)

    def add_signatory(self) -> int:
        row = self.model.add_signatory()
        if row >= 0:
            self.select_row(row)
            self.view.edit(self.model.index(row, SignatoryTableModel.FUNCTION))
        return row

    def remove_signatory(self) -> bool:
        return self.model.remove_row(self.current_row())

    def set_document(self, document: PlanDocument | None) -> None:
        super().set_document(document)
        self.signing.set_document(document)

    def set_language(self, language: str) -> None:
        super().set_language(language)
        self.signing.set_language(language)

    def commit_pending(self) -> None:
        self.signing.commit_pending()

    def move_signatory(self, step: int) -> bool:
        row = self.current_row()
        if row < 0 or not self.model.move_row(row, row + step):
            return False
        self.select_row(row + step)
        return True

    def _remember(self) -> None:
        row = self.current_row()
        self._selected = self.model.row_id(row) if row >= 0 else None

    def _restore(self) -> None:
        row = self.model.row_of(self._selected)
        if row >= 0:
            self.select_row(row)
        self._update()

    def _update(self, *_args: object) -> None:
        editable = self.model.editable()
        row = self.current_row()
        self.view.setEditTriggers(
            _EDIT_TRIGGERS if editable else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and row >= 0)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < self.model.rowCount() - 1)
