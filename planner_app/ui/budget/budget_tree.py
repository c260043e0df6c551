"""The budget as a tree-table: lines (groups and leaves) × shown amount columns.

Column 0 is the line's title; then one column per shown year × stage × credit type
(``INI 2025 VL``), amounts in kEUR in the UI language's Belgian format. Leaves are
edited; groups and the final total row are sums, read-only, bold on a tinted
background. The file is the truth: the model re-reads ``budget_totals`` after any
change of lines or dimensions; amount writes (its own edits and pastes, their undo and
redo, anyone's ``set_amounts``) update the cells and the sums above them in place
(exact ``Decimal`` arithmetic from the values the service wrote), which keeps an edit
cheap on a large budget and leaves the view's rows, expansion and scroll alone.
"""

from __future__ import annotations

import dataclasses
import uuid
from decimal import Decimal
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal

from planner_app.errors import PlannerError
from planner_app.formatting import format_keur
from planner_app.i18n import _, current_language
from planner_app.services import (
    budget_dimensions,
    budget_read,
    plans,
    printed,
)
from planner_app.services.budget_read import BudgetColumn, BudgetLineInfo, BudgetTotals
from planner_app.services.common import (
    Entity,
    reshapes_plan,
)
from planner_app.services.paste import KEUR, NumberStyle, PasteError, parse_block, parse_value
from planner_app.services.printed import BudgetSpot
from planner_app.ui.budget.commands import RenameLineCommand, SetAmountsCommand
from planner_app.ui.core.accessible import spoken_cell
from planner_app.ui.core.document import Applied, PlanDocument, document_read_only
from planner_app.ui.core.document_bound import DocumentBound
from planner_app.ui.core.figure_grid import (
    VALUE_ROLE,
    AnyIndex,
    TotalledTree,
    bold_font,
    landing_cells,
)
from planner_app.ui.core.labels import one_line, pick_text
from planner_app.ui.core.palette_colours import row_brushes
from planner_app.ui.core.printed_totals import (
    difference_icon,
    differs,
    printed_tooltip,
)

_LINE_FIELDS = {"title", "code", "allow_negative"}
BUDGET_ENTITIES = (Entity.BUDGET, Entity.BUDGET_LINE, Entity.BUDGET_AMOUNT, Entity.PLAN)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ID = int(Qt.ItemDataRole.UserRole) + 1
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _SELECTABLE | Qt.ItemFlag.ItemIsEditable
# A cell that has no rows under it: the view need not ask (the model resets on any
# change of structure, so a line that gets sub-lines comes back as a new row).
_CHILDLESS = _SELECTABLE | Qt.ItemFlag.ItemNeverHasChildren
_CHILDLESS_EDITABLE = _EDITABLE | Qt.ItemFlag.ItemNeverHasChildren
# The roles data() answers; a painted cell is asked about twice as many.
_SERVED = frozenset(
    {
        _DISPLAY,
        _EDIT,
        _FONT,
        _BACKGROUND,
        _TOOLTIP,
        _ALIGN,
        _ID,
        VALUE_ROLE,
        _DECORATION,
        Qt.ItemDataRole.AccessibleTextRole,
    }
)


@lru_cache(maxsize=65536)
def _keur_text(value: Decimal | None, lang: str) -> str:
    """Formatted amounts, remembered: a repaint asks for every visible cell again."""
    return format_keur(value, lang)


class _Node:
    """One row; ``info`` is None for the grand-total row. Kept alive by the model."""

    __slots__ = ("children", "info", "number", "parent", "values")

    def __init__(self, info: BudgetLineInfo | None, parent: _Node | None) -> None:
        self.info = info
        self.parent = parent
        self.children: list[_Node] = []
        self.values: dict[BudgetColumn, Decimal] = {}
        self.number = 0  # the row's index under its parent


class BudgetTreeModel(DocumentBound, TotalledTree):
    """Budget lines of the document's plan; edits are undo commands. GUI thread only."""

    IdRole = _ID
    refused = Signal(str)  # an edit that was not made, and why
    totals_changed = Signal()  # sums changed (charts follow)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_Node(None, None), _Node(None, None), parent)
        self._document: PlanDocument | None = None
        self._read_only = True
        self._by_id: dict[uuid.UUID, _Node] = {}
        self._languages: tuple[str, ...] = ()
        self.language = ""
        self.years: list[int] = []
        self.stages: list[str] = []
        self.credit_types: list[str] = []
        self._hidden: list[set[str]] = [set(), set()]  # stages, credit types
        self.available: tuple[list[int], list[str], list[str]] = ([], [], [])
        self.columns: list[BudgetColumn] = []
        self.totals: BudgetTotals | None = None
        self.printed: dict = {}  # BudgetSpot -> the total the source prints there
        self._bold = bold_font()

    # --- document ------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        """Another plan: the shown years, stages and credit types go back to defaults."""
        self.years, self.stages, self.credit_types = [], [], []
        self._hidden = [set(), set()]
        super().set_document(document)  # reload() picks the defaults: no years chosen

    def _on_changed(self, applied: Applied) -> None:
        changed = applied.changed
        if changed.entity is Entity.PRINTED_TOTAL:  # figures the source printed: marks only
            self._read_printed()
            self._all_changed()
            return
        if applied.initiator is self or changed.entity not in BUDGET_ENTITIES:
            return
        if changed.entity is Entity.PLAN and not reshapes_plan(changed):
            return  # the plan's code, title or organisation: not shown here
        cells = changed.extra.get("cells") if changed.entity is Entity.BUDGET_AMOUNT else None
        if cells is not None and all(line_id in self._by_id for line_id, _c, _a in cells):
            self._apply_in_place(cells)  # an undo, a redo, an import: amounts only
            return
        if self._line_updated(changed):
            return
        self.reload()

    def _line_updated(self, changed) -> bool:
        """A line's title, code or sign rule from ``changed.new``, in place."""
        if changed.entity is not Entity.BUDGET_LINE or changed.op != "updated":
            return False
        node = self._by_id.get(changed.ids[0]) if changed.ids else None
        new = changed.new
        if node is None or node.info is None or not new or not set(new) <= _LINE_FIELDS:
            return False
        node.info = dataclasses.replace(node.info, **new)
        first = self.createIndex(node.number, 0, node)
        self.dataChanged.emit(first, first)
        return True

    def reload(self, *, choose_defaults: bool = False) -> None:
        """Read lines, dimensions and sums again; keeps the shown choice where it can."""
        self.beginResetModel()
        document = self._document
        self._read_only = document_read_only(document)
        self._retire()
        self._shown = document is not None
        self._by_id = {}
        self._root = _Node(None, None)
        self._total = _Node(None, None)
        self.totals = None
        if document is not None:
            info = plans.plan_info(document.store, document.plan_id)
            self._languages = info.languages
            stages, types = budget_dimensions.list_dimensions(document.store, document.plan_id)
            self.totals = totals = budget_read.budget_totals(document.store, document.plan_id)
            self._read_printed()
            years = sorted(
                {*range(info.first_year, info.last_year + 1), *(c.year for c in totals.columns)}
            )
            self.available = (years, stages, types)
            used = sorted({c.year for c in totals.columns}) or [info.first_year]
            if choose_defaults or not self.years:
                self.years = used
            # new stages and credit types show up; those the user hid stay hidden
            self.stages = [s for s in stages if s not in self._hidden[0]] or list(stages)
            self.credit_types = [t for t in types if t not in self._hidden[1]] or list(types)
            self._build(totals)
        self._update_columns()
        self.endResetModel()
        self.totals_changed.emit()

    def _build(self, totals: BudgetTotals) -> None:
        for line in totals.lines:
            parent = self._by_id[line.parent_id] if line.parent_id else self._root
            node = _Node(line, parent)
            node.values = dict(totals.values.get(line.id, {}))
            node.number = len(parent.children)
            parent.children.append(node)
            self._by_id[line.id] = node
        self._total = _Node(None, self._root)
        self._total.values = dict(totals.grand_total)
        self._total.number = len(self._root.children)

    def set_shown(
        self,
        years: list[int] | None = None,
        stages: list[str] | None = None,
        credit_types: list[str] | None = None,
    ) -> None:
        """Choose the years, stages and credit types shown (None: keep)."""
        self.beginResetModel()
        if years is not None:
            self.years = sorted(years)
        if stages is not None:
            self.stages = [s for s in self.available[1] if s in stages]
            self._hidden[0] = {s for s in self.available[1] if s not in stages}
        if credit_types is not None:
            self.credit_types = [t for t in self.available[2] if t in credit_types]
            self._hidden[1] = {t for t in self.available[2] if t not in credit_types}
        self._update_columns()
        self.endResetModel()

    def _update_columns(self) -> None:
        # the very column objects the values are keyed by: a lookup then stops at identity
        known = {column: column for column in (self.totals.columns if self.totals else ())}
        self.columns = [
            known.get(column, column)
            for column in (
                BudgetColumn(year, stage, credit)
                for stage in self.stages
                for year in self.years
                for credit in self.credit_types
            )
        ]

    # --- lookups -------------------------------------------------------------------

    def line_id(self, index: AnyIndex) -> uuid.UUID | None:
        node = self._node(index)
        return node.info.id if node.info else None

    def line_info(self, index: AnyIndex) -> BudgetLineInfo | None:
        return self._node(index).info

    def index_of(self, line_id: uuid.UUID | None, column: int = 0) -> QModelIndex:
        node = self._by_id.get(line_id) if line_id else None
        if node is None:
            return QModelIndex()
        return self.createIndex(node.number, column, node)

    def column_of(self, column: BudgetColumn) -> int:
        return self.columns.index(column) + 1

    def line_value(self, line_id: uuid.UUID | None, column: BudgetColumn) -> Decimal | None:
        """The amount (a sum for a group, the grand total for ``None``) shown for it."""
        node = self._by_id.get(line_id) if line_id else self._total
        return node.values.get(column) if node is not None else None

    def top_level(self) -> list[tuple[BudgetLineInfo, dict[BudgetColumn, Decimal]]]:
        """Top-level lines and their sums (the chart's groups)."""
        return [(n.info, n.values) for n in self._root.children if n.info]

    def title(self, info: BudgetLineInfo) -> str:
        return one_line(pick_text(info.title, (self.language, *self._languages)))

    # --- Qt model API -------------------------------------------------------------

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1 + len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return _("Budget line (kEUR)")
        if 0 < section <= len(self.columns):
            return self.columns[section - 1].label
        return None

    def _editable(self, index: AnyIndex) -> bool:
        node = self._node(index)
        if self._read_only or node.info is None or not index.isValid():
            return False
        return index.column() == 0 or not node.children

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Asked several times a row when the view expands: constants, no arithmetic."""
        if not index.isValid():
            return _NO_FLAGS
        node = index.internalPointer()
        title = index.column() == 0
        if self._read_only or node.info is None:
            return _SELECTABLE if title and node.children else _CHILDLESS
        if node.children:  # a group: its title is edited, its sums are not
            return _EDITABLE if title else _CHILDLESS
        return _CHILDLESS_EDITABLE

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        """Asked for every role of every painted cell (and of a whole row when the view
        measures row 0): roles it has nothing for leave first, ints are compared."""
        if role not in _SERVED or not index.isValid():
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return spoken_cell(index)
        node = index.internalPointer()
        info = node.info
        if role == self.IdRole:
            return info.id if info else None
        computed = info is None or bool(node.children)
        if role == _FONT:
            return self._bold if computed else None
        if role == _BACKGROUND:
            if not computed:
                return None
            subtotal, total = row_brushes()  # readable on the palette in use
            return total if info is None else subtotal
        column = index.column()
        if column == 0:
            if role in (_DISPLAY, _EDIT):
                return self.title(info) if info else _("Total")
            if role == _TOOLTIP and info:
                return pick_text(info.title, (self.language, *self._languages))
            return None
        if role == _ALIGN:
            return _RIGHT
        if not 0 < column <= len(self.columns):
            return None
        if role in (_DISPLAY, _EDIT):
            return _keur_text(node.values.get(self.columns[column - 1]), current_language())
        if role == VALUE_ROLE:
            return node.values.get(self.columns[column - 1])
        if not computed or role not in (_TOOLTIP, _DECORATION):
            return None
        value = node.values.get(self.columns[column - 1])
        source = self.printed.get(BudgetSpot(info.id if info else None, self.columns[column - 1]))
        if role == _DECORATION:
            return difference_icon() if differs(source, value) else None
        return printed_tooltip(source, value, self.printed_text) or _(
            "A sum of the lines under it; edit those lines."
        )

    # --- printed totals ------------------------------------------------------------------

    def _read_printed(self) -> None:
        document = self._document
        self.printed = {}
        if document is not None:
            values = printed.printed_totals(document.store, document.plan_id).values
            self.printed = {k: v for k, v in values.items() if isinstance(k, BudgetSpot)}

    def _all_changed(self) -> None:
        """Every figure cell may look otherwise: one signal per group of siblings."""
        last = self.columnCount() - 1
        if last < 1:
            return
        todo = [self._root]
        while todo:
            node = todo.pop()
            if node.children:
                first, final = node.children[0], node.children[-1]
                self.dataChanged.emit(
                    self.createIndex(first.number, 1, first),
                    self.createIndex(final.number, last, final),
                )
                todo.extend(node.children)
        self.dataChanged.emit(self.total_index(1), self.total_index(last))

    def printed_spot(self, index: AnyIndex) -> BudgetSpot | None:
        """The total a cell shows (a group's or the grand total), or None."""
        if not index.isValid() or not 0 < index.column() <= len(self.columns):
            return None
        node = index.internalPointer()
        if node.info is not None and not node.children:
            return None
        return BudgetSpot(node.info.id if node.info else None, self.columns[index.column() - 1])

    def printed_value(self, index: AnyIndex) -> Decimal | None:
        spot = self.printed_spot(index)
        return self.printed.get(spot) if spot is not None else None

    def printed_kind(self, _index: AnyIndex):
        return KEUR

    @staticmethod
    def printed_text(value: Decimal) -> str:
        return _keur_text(value, current_language())

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self._editable(index):
            return False
        node = self._node(index)
        assert node.info is not None and self._document is not None
        if index.column() == 0:
            return self._rename(node.info, str(value))
        try:
            amount = (
                value
                if value is None or isinstance(value, Decimal | int)
                else parse_value(str(value), KEUR, allow_negative=node.info.allow_negative)
            )
        except PlannerError as err:
            self.show_refusal(str(err))
            return False
        column = self.columns[index.column() - 1]
        return self.set_amounts([(node.info.id, column, amount)])

    def _rename(self, info: BudgetLineInfo, text: str) -> bool:
        assert self._document is not None
        lang = self.language or (self._languages[0] if self._languages else "nl")
        if text == info.title.get(lang, ""):
            return True
        command = RenameLineCommand(self._document, info.id, lang, text, merge_key=None)
        outcome = self._document.run(command, initiator=self)
        if outcome.changed is not None:
            self._line_updated(outcome.changed)
        return bool(outcome)

    def show_refusal(self, reason: str) -> None:
        """Why an edit of this table was not made: beside the table (``refused``)."""
        self.refused.emit(reason)

    # --- amounts -------------------------------------------------------------------

    def set_amounts(self, cells: list[tuple[uuid.UUID, BudgetColumn, Decimal | None]]) -> bool:
        """Write ``cells`` as one undo step; sums follow in place."""
        assert self._document is not None
        if not self._document.run(SetAmountsCommand(self._document, cells), initiator=self):
            return False
        self._apply_in_place(cells)
        return True

    def _apply_in_place(self, cells) -> None:
        """Leaf values and every sum above them follow ``cells`` (exact deltas). The view
        hears of the changed cells only: one ``dataChanged`` per run of adjacent rows,
        over the columns that changed, so it repaints those cells and nothing else."""
        numbers = {column: n for n, column in enumerate(self.columns, start=1)}
        touched: dict[_Node, set[int]] = {}
        zero = Decimal(0)
        for line_id, column, amount in cells:
            node = self._by_id[line_id]
            old = node.values.get(column)
            if amount == old and (amount is None) == (old is None):
                continue
            delta = (amount or zero) - (old or zero)
            number = numbers.get(column)
            kept = amount is not None  # then every sum above has the column too
            target = node
            while True:
                if target is node:
                    new = amount
                else:
                    if not kept:  # a cell cleared: does a line under this one keep it?
                        kids = self._root.children if target is self._total else target.children
                        kept = any(column in kid.values for kid in kids)
                    new = (target.values.get(column) or zero) + delta if kept else None
                if new is None:
                    target.values.pop(column, None)
                else:
                    target.values[column] = new
                if number is not None:
                    touched.setdefault(target, set()).add(number)
                if target is self._total:
                    break
                target = self._total if target.parent is self._root else target.parent
        self._announce(list(touched.items()))
        self.totals_changed.emit()

    def _announce(self, touched: list[tuple[_Node, set[int]]]) -> None:
        """``dataChanged`` for ``touched`` rows (node, changed column numbers), grouped
        into runs of adjacent rows under one parent."""
        roles = [_DISPLAY, _EDIT, VALUE_ROLE]
        by_parent: dict[int, list[tuple[_Node, set[int]]]] = {}
        for node, columns in touched:
            by_parent.setdefault(id(node.parent), []).append((node, columns))
        for rows in by_parent.values():
            rows.sort(key=lambda entry: entry[0].number)
            run = [rows[0]]
            for entry in [*rows[1:], None]:
                if entry is not None and entry[0].number == run[-1][0].number + 1:
                    run.append(entry)
                    continue
                columns = set().union(*(c for _n, c in run))
                first, last = run[0][0], run[-1][0]
                self.dataChanged.emit(
                    self.createIndex(first.number, min(columns), first),
                    self.createIndex(last.number, max(columns), last),
                    roles,
                )
                if entry is not None:
                    run = [entry]

    def paste(
        self,
        block: list[list[str]],
        start: AnyIndex,
        rows: list[AnyIndex],
        default_style: NumberStyle | None = None,
    ) -> bool:
        """Paste ``block`` from ``start`` down the visible ``rows``: one undo step, or
        nothing and a message naming the bad cell."""
        try:
            targets = landing_cells(block, start, rows, self.columnCount(), self._editable)
            if any(index.column() == 0 for line in targets for index in line):
                raise PasteError(0, 0, _("paste amounts into the amount columns."))
            negatives = [[self._node(i).info.allow_negative for i in line] for line in targets]
            values = parse_block(block, KEUR, allow_negative=negatives, default_style=default_style)
        except PlannerError as err:
            self.refused.emit(str(err))
            return False
        cells = [
            (self._node(index).info.id, self.columns[index.column() - 1], value)
            for line, line_values in zip(targets, values, strict=True)
            for index, value in zip(line, line_values, strict=True)
        ]
        return self.set_amounts(cells)  # type: ignore[arg-type]
