"""What the budget and staffing tables share: copy a selection as tab-separated text,
find the cells a pasted block lands on, and the look of computed (read-only) cells."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from planner_app.i18n import _
from planner_app.services.paste import NumberStyle, PasteError, block_text, split_block

AnyIndex = QModelIndex | QPersistentModelIndex
# Marks a block copied out of our own tables; its numbers are exact and plain
# ("1234.5", English style), so pasting it back reads every cell as it was.
OWN_CELLS_MIME = "application/x-planner-cells"
# The exact value (Decimal or int) of a figure cell, None where the cell shows text.
VALUE_ROLE = Qt.ItemDataRole.UserRole + 40


def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def copy_mime(model: QAbstractItemModel, indexes: Sequence[AnyIndex], rows: list[AnyIndex]):
    """The selection as a rectangular tab-separated block, rows in the order of ``rows``
    (the view's visible rows).

    The text a spreadsheet gets has numbers without thousands separators and with a
    decimal comma (``129648``, ``1234,5``): a whole number reads the same in every
    spreadsheet locale (``129.648`` would be 129.648 in an English one), and the
    Belgian locales our users' spreadsheets run in read the comma. Our own copy of the
    block, for pasting back, holds the exact values."""
    order = {(index.row(), index.internalId()): n for n, index in enumerate(rows)}
    sheet: dict[tuple[int, int], str] = {}
    own: dict[tuple[int, int], str] = {}
    for index in indexes:
        key = order.get((index.row(), index.internalId()))
        if key is None:
            continue
        value = model.data(index, VALUE_ROLE)
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            exact = format(Decimal(value), "f")
            sheet[(key, index.column())] = exact.replace(".", ",")
            own[(key, index.column())] = exact
            continue
        text = model.data(index, Qt.ItemDataRole.DisplayRole)
        sheet[(key, index.column())] = own[(key, index.column())] = (
            "" if text is None else str(text)
        )
    mime = QMimeData()
    if not sheet:
        return mime
    row_keys = sorted({r for r, _c in sheet})
    col_keys = sorted({c for _r, c in sheet})
    mime.setText(block_text([[sheet.get((r, c), "") for c in col_keys] for r in row_keys]))
    own_text = block_text([[own.get((r, c), "") for c in col_keys] for r in row_keys])
    mime.setData(OWN_CELLS_MIME, own_text.encode("utf-8"))
    return mime


def paste_source(mime: QMimeData) -> tuple[list[list[str]], NumberStyle | None]:
    """The block in ``mime`` and the style its ambiguous cells default to."""
    if mime.hasFormat(OWN_CELLS_MIME):
        text = bytes(mime.data(OWN_CELLS_MIME).data()).decode("utf-8")
        return split_block(text), NumberStyle.ENGLISH  # "1.234" there is 1.234
    return split_block(mime.text()), None


def landing_cells(
    block: list[list[str]],
    start: AnyIndex,
    rows: list[AnyIndex],
    column_count: int,
    editable,
) -> list[list[QModelIndex]]:
    """The index each pasted cell lands on, from ``start`` down ``rows`` (visible rows in
    order) and to the right; refuses (``PasteError``) a block that overflows the table or
    covers a cell that cannot be edited (a total, a title)."""
    keys = [(index.row(), index.internalId()) for index in rows]
    try:
        first = keys.index((start.row(), start.internalId()))
    except ValueError:
        raise PasteError(0, 0, _("choose the cell where the paste starts.")) from None
    out: list[list[QModelIndex]] = []
    for r, line in enumerate(block):
        if first + r >= len(rows):
            raise PasteError(r, 0, _("the block has more rows than the table below the cell."))
        row_index = rows[first + r]
        targets = []
        for c, _text in enumerate(line):
            column = start.column() + c
            if column >= column_count:
                raise PasteError(
                    r, c, _("the block has more columns than the table right of the cell.")
                )
            index = row_index.sibling(row_index.row(), column)
            if not editable(index):
                raise PasteError(
                    r, c, _("this cell lands on a total or a title, which a paste cannot change.")
                )
            targets.append(index)
        out.append(targets)
    return out


class TotalledTree(QAbstractItemModel):
    """A tree of nodes (``children``, ``parent``, ``number`` attributes) under a hidden
    root, with one total row after the top-level rows. Subclasses fill ``_root`` and
    ``_total`` and keep nodes alive: an index points at its node."""

    def __init__(self, root, total, parent=None) -> None:
        super().__init__(parent)
        self._root = root
        self._total = total
        self._retired: tuple = ()
        self._shown = False  # False: no document, no rows

    def _retire(self) -> None:
        """Before a reset: indexes handed out before it still point at these nodes."""
        self._retired = (self._root, self._total)

    def _node(self, index: AnyIndex):
        return index.internalPointer() if index.isValid() else self._root

    def total_index(self, column: int = 0) -> QModelIndex:
        return self.createIndex(self._total.number, column, self._total)

    def all_rows(self) -> list[QModelIndex]:
        """Every row (column 0) depth first, the total last: the rows of a fully
        expanded view, which a paste walks down."""
        out: list[QModelIndex] = []

        def walk(node) -> None:
            for kid in node.children:
                out.append(self.createIndex(kid.number, 0, kid))
                walk(kid)

        walk(self._root)
        out.append(self.total_index())
        return out

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Checked here rather than with ``hasIndex``, which calls back ``rowCount`` and
        ``columnCount`` through Qt: a view expanding a thousand rows asks this for each."""
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            node = parent.internalPointer()
        else:
            node = self._root
            if not self._shown:
                return QModelIndex()
        if row < 0 or column < 0 or column >= self.columnCount():
            return QModelIndex()
        kids = node.children
        if row < len(kids):
            return self.createIndex(row, column, kids[row])
        if node is self._root and row == len(kids):
            return self.createIndex(row, column, self._total)
        return QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.number, 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0 if parent.column() != 0 else len(self._node(parent).children)
        return len(self._root.children) + 1 if self._shown else 0
