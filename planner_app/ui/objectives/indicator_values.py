"""One indicator's figures as tables: by year (baseline, target, actual, and the
quarters' actuals where the plan reports quarterly) and by unit (its breakdown).

Passive, like the objective's other tables: the editor gives them the indicator as
read (``show``), the plan (``set_plan``) and whether they may edit; a figure typed is
read exactly (``indicators.parse_number``: ``4,2``, ``1.234,5``) and becomes an undo
command run through the owner, which applies what it changed and gives the indicator
back. The years run from three years before the plan's period (or the baseline's year,
when earlier) to ten years after it, as far as the services accept a target.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from planner_app.domain.enums import ValueKind
from planner_app.domain.labels import label
from planner_app.i18n import _, current_language
from planner_app.services.details import IndicatorInfo
from planner_app.services.plans import PlanInfo
from planner_app.services.units import UnitInfo
from planner_app.ui.core.document import document_read_only
from planner_app.ui.core.labels import capitalised, one_line, pick_text
from planner_app.ui.core.rows_model import Editing
from planner_app.ui.objectives.detail_commands import SetIndicatorValueCommand
from planner_app.ui.objectives.indicators import NumberError, format_value, parse_number

AnyIndex = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
YEARS_BEFORE = 3
YEARS_AFTER = 10  # the services accept values up to ten years after the plan's period
KINDS = (ValueKind.BASELINE, ValueKind.TARGET, ValueKind.ACTUAL)


class _IndicatorModel(QAbstractTableModel):
    """What the two tables share: the indicator shown, its objective, the plan, the
    owner that runs their edits. GUI thread only."""

    def __init__(self, owner: Editing | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.owner = owner
        self.objective_id: uuid.UUID | None = None
        self.indicator: IndicatorInfo | None = None
        self.plan: PlanInfo | None = None
        self.read_only = True

    def set_plan(self, plan: PlanInfo | None, read_only: bool) -> None:
        self.plan, self.read_only = plan, read_only
        self._reshape()

    def show(self, objective_id: uuid.UUID | None, indicator: IndicatorInfo | None) -> None:
        """Show ``indicator`` (of ``objective_id``): the same one in place, another anew."""
        same = indicator is not None and self.indicator is not None
        same = same and indicator.id == self.indicator.id  # type: ignore[union-attr]
        self.objective_id, before, self.indicator = objective_id, self.indicator, indicator
        if same and self._shape() == self._shape_of(before):
            if self.rowCount() and self.columnCount():
                last = self.index(self.rowCount() - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self._reshape()

    def editable(self) -> bool:
        return (
            not self.read_only
            and self.indicator is not None
            and self.owner is not None
            and not document_read_only(self.owner.document)
        )

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable() and index.column() > 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def write(self, cell: str, text: str, current: Decimal | None, **key: Any) -> bool:
        """Read ``text`` exactly and write it to the cell ``key`` names."""
        if not self.editable() or self.owner is None or self.objective_id is None:
            return False
        try:
            number = parse_number(text)
        except NumberError as err:
            self.owner.refuse(f"{cell}: {err}")
            return False
        if number == current:
            return False
        document = self.owner.document
        assert document is not None and self.indicator is not None
        command = SetIndicatorValueCommand(
            document,
            self.objective_id,
            self.indicator.id,
            value=number,
            cell=cell,
            merge_key=None,
            **key,
        )
        return bool(self.owner.run(command))

    def indicator_name(self) -> str:
        if self.indicator is None or self.plan is None:
            return ""
        return one_line(pick_text(self.indicator.name, self.plan.languages)) or _("indicator")

    # --- shape ------------------------------------------------------------------------

    def _shape(self) -> tuple:
        return self._shape_of(self.indicator)

    def _shape_of(self, indicator: IndicatorInfo | None) -> tuple:
        raise NotImplementedError

    def _reshape(self) -> None:
        self.beginResetModel()
        self._layout()
        self.endResetModel()

    def _layout(self) -> None:
        raise NotImplementedError


class IndicatorYearsModel(_IndicatorModel):
    """One row per year: baseline, target and actual, then the actual of each quarter
    where the plan reports quarterly (or the indicator has quarterly actuals)."""

    YEAR, BASELINE, TARGET, ACTUAL = range(4)
    FIRST_QUARTER = 4

    def __init__(self, owner: Editing | None = None, parent: QObject | None = None) -> None:
        super().__init__(owner, parent)
        self.years: list[int] = []
        self.quarterly = False

    def _shape_of(self, indicator: IndicatorInfo | None) -> tuple:
        return (tuple(self._years_for(indicator)), self._quarterly_for(indicator))

    def _years_for(self, indicator: IndicatorInfo | None) -> list[int]:
        if self.plan is None or indicator is None:
            return []
        years = set(
            range(self.plan.first_year - YEARS_BEFORE, self.plan.last_year + YEARS_AFTER + 1)
        )
        years |= {year for year, _kind in indicator.values}
        years |= {year for year, _quarter in indicator.quarters}
        base = indicator.baseline
        if base is not None:
            years |= set(range(base[0], self.plan.first_year))
        return sorted(years)

    def _quarterly_for(self, indicator: IndicatorInfo | None) -> bool:
        reports = bool(getattr(self.plan, "reports_quarterly", False))
        return indicator is not None and (reports or bool(indicator.quarters))

    def _layout(self) -> None:
        self.years = self._years_for(self.indicator)
        self.quarterly = self._quarterly_for(self.indicator)

    def row_of(self, year: int) -> int:
        return self.years.index(year)

    def cell(self, year: int, kind: ValueKind | str | int) -> QModelIndex:
        """The index of ``year``'s ``kind`` (a ``ValueKind``, or a quarter 1..4)."""
        column = (
            self.FIRST_QUARTER + kind - 1
            if isinstance(kind, int) and not isinstance(kind, ValueKind)
            else KINDS.index(ValueKind(kind)) + 1
        )
        return self.index(self.years.index(year), column)

    # --- Qt ---------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.years)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return self.FIRST_QUARTER + (4 if self.quarterly else 0)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.YEAR:
            return _("Year")
        if section < self.FIRST_QUARTER:
            return capitalised(label(KINDS[section - 1]))
        quarter = section - self.FIRST_QUARTER + 1
        return _("Actual Q{quarter}").format(quarter=quarter)

    def _key(self, column: int) -> dict[str, Any]:
        if column < self.FIRST_QUARTER:
            return {"kind": KINDS[column - 1]}
        return {"quarter": column - self.FIRST_QUARTER + 1}

    def value(self, row: int, column: int) -> Decimal | None:
        assert self.indicator is not None
        year, key = self.years[row], self._key(column)
        if "quarter" in key:
            return self.indicator.quarters.get((year, key["quarter"]))
        return self.indicator.values.get((year, key["kind"]))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.indicator is None:
            return None
        row, column = index.row(), index.column()
        if column == self.YEAR:
            return str(self.years[row]) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return format_value(self.value(row, column), current_language())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_name(row, column)
        return None

    def cell_name(self, row: int, column: int) -> str:
        """``Visits, target 2025``, ``Visits, actual Q2 2025``: how messages name a cell."""
        key, year = self._key(column), self.years[row]
        if "quarter" in key:
            what = _("actual Q{quarter}").format(quarter=key["quarter"])
        else:
            what = label(key["kind"])
        return _("{indicator}, {kind} {year}").format(
            indicator=self.indicator_name(), kind=what, year=year
        )

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() == 0:
            return False
        row, column = index.row(), index.column()
        text = "" if value is None else str(value)
        current = self.value(row, column)
        return self.write(
            self.cell_name(row, column), text, current, year=self.years[row], **self._key(column)
        )


class IndicatorUnitsModel(_IndicatorModel):
    """The indicator broken down per unit: a row per unit it names (and per unit added
    to type its first figure), a column for the baseline's year and for each year of
    the plan's period its target and actual."""

    UNIT = 0

    def __init__(self, owner: Editing | None = None, parent: QObject | None = None) -> None:
        super().__init__(owner, parent)
        self.units: dict[uuid.UUID, UnitInfo] = {}
        self.rows: list[uuid.UUID] = []
        self.columns: list[tuple[int, ValueKind]] = []
        self._added: list[uuid.UUID] = []

    def set_units(self, units: Sequence[UnitInfo]) -> None:
        self.units = {u.id: u for u in units}
        self._reshape()

    def add_unit(self, unit_id: uuid.UUID) -> int:
        """Show a row for ``unit_id`` to type its figures in; its row."""
        if unit_id not in self.rows:
            self._added.append(unit_id)
            self._reshape()
        return self.rows.index(unit_id)

    def show(self, objective_id: uuid.UUID | None, indicator: IndicatorInfo | None) -> None:
        if indicator is None or self.indicator is None or indicator.id != self.indicator.id:
            self._added = []
        super().show(objective_id, indicator)

    def _shape_of(self, indicator: IndicatorInfo | None) -> tuple:
        return (tuple(self._rows_for(indicator)), tuple(self._columns_for(indicator)))

    def _rows_for(self, indicator: IndicatorInfo | None) -> list[uuid.UUID]:
        if indicator is None:
            return []
        return list(dict.fromkeys([*indicator.unit_ids(), *self._added]))

    def _columns_for(self, indicator: IndicatorInfo | None) -> list[tuple[int, ValueKind]]:
        if self.plan is None or indicator is None:
            return []
        base = indicator.baseline
        columns = [(base[0] if base else self.plan.first_year, ValueKind.BASELINE)]
        for year in range(self.plan.first_year, self.plan.last_year + 1):
            columns += [(year, ValueKind.TARGET), (year, ValueKind.ACTUAL)]
        for _unit, year, kind in indicator.unit_values:
            if (year, kind) not in columns:
                columns.append((year, kind))
        return sorted(columns, key=lambda c: (c[0], KINDS.index(c[1])))

    def _layout(self) -> None:
        self.rows = self._rows_for(self.indicator)
        self.columns = self._columns_for(self.indicator)

    def unit_name(self, unit_id: uuid.UUID) -> str:
        unit = self.units.get(unit_id)
        if unit is None:
            return "?"
        languages = self.plan.languages if self.plan else ()
        return one_line(pick_text(unit.name, languages)) or unit.code

    # --- Qt ---------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.UNIT:
            return _("Unit")
        year, kind = self.columns[section - 1]
        return f"{year}\n{capitalised(label(kind))}"

    def value(self, row: int, column: int) -> Decimal | None:
        assert self.indicator is not None
        year, kind = self.columns[column - 1]
        return self.indicator.unit_values.get((self.rows[row], year, kind))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.indicator is None:
            return None
        row, column = index.row(), index.column()
        if column == self.UNIT:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.unit_name(self.rows[row])
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return format_value(self.value(row, column), current_language())
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() == 0:
            return False
        row, column = index.row(), index.column()
        year, kind = self.columns[column - 1]
        unit_id = self.rows[row]
        cell = _("{indicator}, {unit}, {kind} {year}").format(
            indicator=self.indicator_name(),
            unit=self.unit_name(unit_id),
            kind=label(kind),
            year=year,
        )
        text = "" if value is None else str(value)
        current = self.value(row, column)
        return self.write(cell, text, current, year=year, kind=kind, unit_id=unit_id)
