"""Staffing as a tree-table: organisation units × (as-is, planned, difference) ×
statute (M, S, C, total), showing FTE or headcount.

A unit with sub-units shows the sum of its sub-units (and of any figures of its own),
read-only like every total and the planned − as-is difference; only units without
sub-units are edited. Filtered by unit kind (e.g. foreign posts) the rows are the
units of that kind, flat, and the total row sums them. The file is the truth: the model
re-reads ``staffing_totals`` after every change.
"""

from __future__ import annotations

import dataclasses
import uuid
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal

from planner_app.domain.enums import Measure, Scenario, Statute, UnitKind
from planner_app.errors import PlannerError
from planner_app.formatting import format_fte, format_number
from planner_app.i18n import _, current_language
from planner_app.services import plans, printed, staffing
from planner_app.services.common import (
    Entity,
    reshapes_plan,
)
from planner_app.services.paste import FTE, HEADCOUNT, parse_block, parse_value
from planner_app.services.printed import StaffingSpot
from planner_app.services.staffing import Figure, StaffingCell, StaffingKey, StaffingTotals
from planner_app.services.units import UnitInfo, load_units
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
from planner_app.ui.staffing.commands import SetFiguresCommand

STATUTES = (Statute.MANDATE, Statute.STATUTORY, Statute.CONTRACTUAL)
STAFFING_ENTITIES = (Entity.STAFFING, Entity.UNIT, Entity.PLAN)
AS_IS, PLANNED, DIFFERENCE = range(3)


class _Row:
    """A unit row (``info`` None: the total row). Kept alive by the model."""

    __slots__ = ("children", "has_children", "info", "number", "parent")

    def __init__(self, info: UnitInfo | None, parent: _Row | None) -> None:
        self.info = info
        self.parent = parent
        self.children: list[_Row] = []
        self.has_children = False  # in the full unit tree, whatever the filter
        self.number = 0


def format_figure(value: Decimal | int | None, fte: bool, lang: str) -> str:
    """FTE with the decimals it has (at least one, as the plans print them); headcount
    whole."""
    if value is None:
        return ""
    return format_fte(Decimal(value), lang) if fte else format_number(value, lang)


class StaffingTableModel(DocumentBound, TotalledTree):
    """Units of the document's plan with their staffing; edits are undo commands."""

    refused = Signal(str)
    totals_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_Row(None, None), _Row(None, None), parent)
        self._document: PlanDocument | None = None
        self._read_only = True
        self._by_id: dict[uuid.UUID, _Row] = {}
        self._languages: tuple[str, ...] = ()
        self.language = ""
        self.measure = "fte"  # or "headcount"
        self.kind: UnitKind | None = None
        self.as_is_year = 0
        self.planned_year = 0
        self.years: list[int] = []
        self.totals: StaffingTotals | None = None
        self.printed: dict = {}  # StaffingSpot -> the total the source prints there

    # --- document and choices --------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        """Another plan: the years compared go back to defaults."""
        self.as_is_year = self.planned_year = 0
        super().set_document(document)

    def _on_changed(self, applied: Applied) -> None:
        document = self._document
        changed = applied.changed
        if changed.entity is Entity.PRINTED_TOTAL and document is not None:
            self._read_printed()  # figures the source printed: marks only
            self._all_changed()
            return
        if changed.entity is Entity.STAFFING and document is not None and self._by_id:
            # figures only: the rows stay, the view keeps its selection
            self.totals = staffing.staffing_totals(document.store, document.plan_id)
            self._all_changed()
            self.totals_changed.emit()
        elif changed.entity is Entity.PLAN:
            if reshapes_plan(changed):
                self.reload()  # the years or the names' language
        elif changed.entity is Entity.UNIT and self._unit_renamed(changed):
            return
        elif changed.entity in STAFFING_ENTITIES:
            self.reload()

    def _unit_renamed(self, changed) -> bool:
        """A unit's new name or code (``changed.new``), in place on its row."""
        row = self._by_id.get(changed.ids[0]) if changed.ids else None
        new = changed.new
        if changed.op != "updated" or row is None or row.info is None:
            return False
        if not new or not set(new) <= {"name", "code"}:
            return False
        row.info = dataclasses.replace(row.info, **new)
        first = self.createIndex(row.number, 0, row)
        self.dataChanged.emit(first, first)
        return True

    def _all_changed(self) -> None:
        def walk(row: _Row) -> None:
            if row.children:
                first, last = row.children[0], row.children[-1]
                self.dataChanged.emit(
                    self.createIndex(first.number, 1, first),
                    self.createIndex(last.number, self.columnCount() - 1, last),
                )
                for kid in row.children:
                    walk(kid)

        walk(self._root)
        self.dataChanged.emit(self.total_index(1), self.total_index(self.columnCount() - 1))

    def reload(self) -> None:
        self.beginResetModel()
        document = self._document
        self._read_only = document_read_only(document)
        self._retire()
        self._shown = document is not None
        self._root, self._by_id, self.totals = _Row(None, None), {}, None
        if document is not None:
            info = plans.plan_info(document.store, document.plan_id)
            self._languages = info.languages
            self.totals = staffing.staffing_totals(document.store, document.plan_id)
            self._read_printed()
            self.years = list(range(info.first_year - 1, info.last_year + 1))
            as_is_year, planned_year = staffing.compared_years(self.totals.keys, info.first_year)
            self.as_is_year = self.as_is_year or as_is_year
            self.planned_year = self.planned_year or planned_year
            self._build(load_units(document.store, document.plan_id))
        self._total = _Row(None, self._root)
        self._total.number = len(self._root.children)
        self.endResetModel()
        self.totals_changed.emit()

    def _build(self, units: list[UnitInfo]) -> None:
        full: dict[uuid.UUID, _Row] = {}
        for unit in units:
            row = _Row(unit, None)
            full[unit.id] = row
            if unit.parent_id in full:
                full[unit.parent_id].has_children = True
        for unit in units:
            row = full[unit.id]
            if self.kind is None:
                parent = full.get(unit.parent_id) if unit.parent_id else None
            elif unit.kind is self.kind:
                parent = None
            else:
                continue
            row.parent = parent or self._root
            row.number = len(row.parent.children)
            row.parent.children.append(row)
            self._by_id[unit.id] = row

    def set_choice(
        self,
        *,
        measure: str | None = None,
        kind: UnitKind | str | None = "",
        as_is_year: int | None = None,
        planned_year: int | None = None,
    ) -> None:
        """What is shown: FTE or headcount, a unit kind (None: all), the two years."""
        if measure is not None:
            self.measure = measure
        if kind != "":
            self.kind = kind  # type: ignore[assignment]
        if as_is_year:
            self.as_is_year = as_is_year
        if planned_year:
            self.planned_year = planned_year
        self.reload()

    # --- values ------------------------------------------------------------------------

    def key(self, block: int) -> StaffingKey:
        if block == AS_IS:
            return StaffingKey(Scenario.AS_IS, self.as_is_year)
        return StaffingKey(Scenario.PLANNED, self.planned_year)

    def figure(self, row: _Row, key: StaffingKey, statute: Statute | None) -> Figure:
        totals = self.totals
        if totals is None:
            return Figure()
        if row.info is not None:
            return totals.unit(row.info.id, key, statute)
        if self.kind is None:
            if statute is None:
                return totals.per_key.get(key, Figure())
            return totals.per_statute.get((key, statute), Figure())
        out = Figure()
        for top in self._root.children:
            out = out + self.figure(top, key, statute)
        return out

    def value(self, row: _Row, block: int, statute: Statute | None):
        if block == DIFFERENCE:
            return staffing.difference(
                self.value(row, PLANNED, statute), self.value(row, AS_IS, statute)
            )
        return getattr(self.figure(row, self.key(block), statute), self.measure)

    def unit_rows(self) -> list[tuple[UnitInfo, _Row]]:
        """The chart's rows: the children of a single root unit, else the top rows."""
        rows = self._root.children
        if self.kind is None and len(rows) == 1 and rows[0].children:
            rows = rows[0].children
        return [(r.info, r) for r in rows if r.info is not None]

    def name(self, info: UnitInfo) -> str:
        return one_line(pick_text(info.name, (self.language, *self._languages))) or info.code

    # --- Qt model API ------------------------------------------------------------------

    def index_of(self, unit_id: uuid.UUID, column: int = 0) -> QModelIndex:
        row = self._by_id.get(unit_id)
        return self.createIndex(row.number, column, row) if row else QModelIndex()

    def column(self, block: int, statute: Statute | None) -> int:
        return 1 + block * 4 + (STATUTES.index(statute) if statute else 3)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 13

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return _("Unit (FTE)") if self.measure == "fte" else _("Unit (headcount)")
        if not 0 < section < 13:
            return None
        block, sub = divmod(section - 1, 4)
        statute = STATUTES[sub].value if sub < 3 else _("Total")
        if block == AS_IS:
            title = _("As-is {year}").format(year=self.as_is_year)
        elif block == PLANNED:
            title = _("Planned {year}").format(year=self.planned_year)
        else:
            title = _("Difference")
        return f"{title}\n{statute}"

    def _editable(self, index: AnyIndex) -> bool:
        if self._read_only or not index.isValid() or index.column() == 0:
            return False
        return self._editable_shape(self._node(index), index.column())

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if self._editable(index) else flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return spoken_cell(index)
        row = self._node(index)
        column = index.column()
        computed = (column > 0 and not self._editable_shape(row, column)) or row.has_children
        if role == Qt.ItemDataRole.FontRole and (computed or row.info is None):
            return bold_font()
        if role == Qt.ItemDataRole.BackgroundRole and (computed or row.info is None):
            subtotal, total = row_brushes()  # readable on the palette in use
            return total if row.info is None else subtotal
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return self.name(row.info) if row.info else _("Total")
            if role == Qt.ItemDataRole.ToolTipRole and row.info:
                return f"{row.info.code} — {self.name(row.info)}"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, VALUE_ROLE):
            block, sub = divmod(column - 1, 4)
            value = self.value(row, block, STATUTES[sub] if sub < 3 else None)
            if role == VALUE_ROLE:
                return value
            text = format_figure(value, self.measure == "fte", current_language())
            return f"+{text}" if block == DIFFERENCE and value and value > 0 else text
        if role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole):
            return self._printed_data(index, role)
        return None

    # --- printed totals ------------------------------------------------------------------

    def _read_printed(self) -> None:
        document = self._document
        self.printed = {}
        if document is not None:
            values = printed.printed_totals(document.store, document.plan_id).values
            self.printed = {k: v for k, v in values.items() if isinstance(k, StaffingSpot)}

    def _printed_data(self, index: AnyIndex, role: int) -> Any:
        spot = self.printed_spot(index)
        source = self.printed.get(spot) if spot is not None else None
        if source is None:
            return None
        row = self._node(index)
        block, sub = divmod(index.column() - 1, 4)
        value = self.value(row, block, STATUTES[sub] if sub < 3 else None)
        computed = Decimal(value) if value is not None else None
        if role == Qt.ItemDataRole.DecorationRole:
            return difference_icon() if differs(source, computed) else None
        return printed_tooltip(source, computed, self.printed_text)

    def printed_spot(self, index: AnyIndex) -> StaffingSpot | None:
        """The total a cell shows (a group's, a unit's over its statutes, the table's
        total), or None: typed figures, differences, a filtered table's total row."""
        if not index.isValid() or index.column() == 0:
            return None
        row = self._node(index)
        block, sub = divmod(index.column() - 1, 4)
        if block == DIFFERENCE or self._editable_shape(row, index.column()):
            return None
        if row.info is None and self.kind is not None:
            return None  # the sum of the units of one kind: not a total the source prints
        if row.info is not None and not row.has_children and sub < 3:
            return None
        measure = Measure.FTE if self.measure == "fte" else Measure.HEADCOUNT
        statute = STATUTES[sub] if sub < 3 else None
        return StaffingSpot(row.info.id if row.info else None, self.key(block), statute, measure)

    def printed_value(self, index: AnyIndex) -> Decimal | None:
        spot = self.printed_spot(index)
        return self.printed.get(spot) if spot is not None else None

    def printed_kind(self, _index: AnyIndex):
        return self._kind()

    def printed_text(self, value: Decimal) -> str:
        return format_figure(value, self.measure == "fte", current_language())

    def _editable_shape(self, row: _Row, column: int) -> bool:
        """A unit without sub-units, one statute of as-is or planned: typed, not summed."""
        block, sub = divmod(column - 1, 4)
        return row.info is not None and not row.has_children and block != DIFFERENCE and sub < 3

    def _kind(self):
        return FTE if self.measure == "fte" else HEADCOUNT

    def _cell(self, index: AnyIndex, value: Decimal | None) -> StaffingCell:
        row = self._node(index)
        block, sub = divmod(index.column() - 1, 4)
        key = self.key(block)
        number = value if value is None or self.measure == "fte" else int(value)
        assert row.info is not None
        return StaffingCell(
            row.info.id, STATUTES[sub], key.year, key.scenario, self.measure, number
        )

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self._editable(index):
            return False
        try:
            number = (
                value
                if value is None or isinstance(value, Decimal | int)
                else parse_value(str(value), self._kind())
            )
        except PlannerError as err:
            self.show_refusal(str(err))
            return False
        return self.write([self._cell(index, number)])

    def write(self, cells: list[StaffingCell]) -> bool:
        """Write ``cells`` as one undo step (the figures follow: ``_on_changed``)."""
        assert self._document is not None
        outcome = self._document.run(SetFiguresCommand(self._document, cells), initiator=self)
        return bool(outcome)

    def show_refusal(self, reason: str) -> None:
        """Why an edit of this table was not made: beside the table (``refused``)."""
        self.refused.emit(reason)

    def paste(
        self, block: list[list[str]], start: AnyIndex, rows: list[AnyIndex], default_style=None
    ) -> bool:
        """Paste a block from ``start`` down ``rows``: one undo step or nothing."""
        try:
            targets = landing_cells(block, start, rows, self.columnCount(), self._editable)
            values = parse_block(block, self._kind(), default_style=default_style)
        except PlannerError as err:
            self.show_refusal(str(err))
            return False
        cells = [
            self._cell(index, value)
            for line, line_values in zip(targets, values, strict=True)
            for index, value in zip(line, line_values, strict=True)
        ]
        return self.write(cells)
