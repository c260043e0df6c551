"""The status column of the tree edits in place with a combo box of the statuses.

A click on the status of the current row (or F2 there) opens the list; choosing one
commits at once, as an undoable step through the model. Qt's default editor for the
column would be a line edit of the label, which a user cannot type correctly.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from planner_app.domain.enums import Status
from planner_app.i18n import _
from planner_app.ui.core.labels import status_label
from planner_app.ui.core.status_icons import status_icon
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel

Index = QModelIndex | QPersistentModelIndex


class StatusDelegate(QStyledItemDelegate):
    """Edits ``ObjectiveTreeModel.STATUS`` cells; other columns keep Qt's editors."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() != ObjectiveTreeModel.STATUS:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for status in Status:
            combo.addItem(status_icon(status), status_label(status), status.value)
        combo.setAccessibleName(_("Status"))
        # one choice is one edit: commit and close as soon as the user picks
        combo.activated.connect(lambda _row, c=combo: self._chosen(c))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox) and index.column() == ObjectiveTreeModel.STATUS:
            row = editor.findData(index.data(ObjectiveTreeModel.StatusRole))
            editor.setCurrentIndex(max(row, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox) and index.column() == ObjectiveTreeModel.STATUS:
            model.setData(index, Status(editor.currentData()), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
