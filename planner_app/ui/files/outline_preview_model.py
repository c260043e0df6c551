"""The lines of a recognised document as the import preview lists them.

One row per entry of the outline (``importing.corrections.rows``): its line in the
document, what it was recognised as, its code as printed, its text (indented by where
it stands) and why. Lines left out are greyed and struck through. With text hidden,
only chapters, policy fields, objectives and their details are listed, to read the
structure; corrections still act on the entries behind the rows. GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem

from planner_app.i18n import _
from planner_app.importing.corrections import Row, rows
from planner_app.importing.model import Entry, Role, Tree
from planner_app.importing.render import outline_lines

LINE, KIND, CODE, TEXT, WHY = range(5)
_HIDDEN_WHEN_STRUCTURE_ONLY = frozenset({Role.TEXT, Role.LABEL, Role.FURNITURE})
_MAX_SHOWN = 240  # characters of a long paragraph shown in its cell (the tooltip has all)

Index = QModelIndex | QPersistentModelIndex


class OutlineRowsModel(QAbstractTableModel):
    """Rows of ``entries``; ``shown`` maps a row to its entry's index."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[Entry] = []
        self._rows: list[Row] = []
        self.shown: list[int] = []
        self.structure_only = False

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self._rows = rows(entries)
        self.shown = [
            i
            for i, entry in enumerate(entries)
            if not (self.structure_only and entry.role in _HIDDEN_WHEN_STRUCTURE_ONLY)
        ]
        self.endResetModel()

    def set_structure_only(self, on: bool) -> None:
        self.structure_only = on
        self.set_entries(self.entries)

    def row_of(self, entry_index: int) -> int:
        """The row showing entry ``entry_index``, or the nearest shown before it."""
        best = 0
        for row, index in enumerate(self.shown):
            if index > entry_index:
                break
            best = row
        return best

    # --- Qt ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Line"), _("Recognised as"), _("Code"), _("Text"), _("Why"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[self.shown[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == LINE:
                return str(row.line) if row.line else ""
            if column == KIND:
                return _("{kind} (left out)").format(kind=row.kind) if row.excluded else row.kind
            if column == CODE:
                return row.code
            if column == TEXT:
                text = row.text if len(row.text) <= _MAX_SHOWN else row.text[:_MAX_SHOWN] + "…"
                return "    " * row.indent + text
            return row.why
        if role == Qt.ItemDataRole.ToolTipRole and column in (TEXT, WHY):
            return row.text if column == TEXT else row.why
        if role == Qt.ItemDataRole.FontRole and (row.structure or row.excluded):
            font = QFont()
            font.setBold(row.structure and not row.excluded)
            font.setStrikeOut(row.excluded)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row.excluded:
            return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def fill_result_tree(widget: QTreeWidget, tree: Tree) -> int:
    """The chapters, fields and objectives as they will be imported (the
    ``planner-app outline`` lines, nested by their indentation); how many items."""
    widget.clear()
    parents: list[QTreeWidgetItem] = []
    count = 0
    for line in outline_lines(tree):
        stripped = line.lstrip(" ")
        depth = (len(line) - len(stripped)) // 2
        del parents[depth:]
        item = QTreeWidgetItem([stripped])
        item.setToolTip(0, stripped)
        if parents:
            parents[-1].addChild(item)
        else:
            widget.addTopLevelItem(item)
        parents.append(item)
        count += 1
    widget.expandToDepth(1)
    return count
