"""The Units and Signatories pages of the plan pane: a view over a model with buttons
for the edits beyond a cell (add, remove, move, indent)."""

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
from planner_app.i18n import _
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.labels import capitalised
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


class _ListPage(QWidget):
    """What the units and signatories pages share: a ``model`` shown in ``view`` whose
    selection survives the model's resets (subclasses ``_remember`` and ``_restore``
    it, and ``_update`` their buttons)."""

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
        self.model.set_document(document)

    def set_language(self, language: str) -> None:
        self.model.set_language(language)

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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = UnitTreeModel(self)
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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SignatoryTableModel(self)
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(
            _buttons(self.add_button, self.remove_button, self.up_button, self.down_button)
        )
        self._follow_model()

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
