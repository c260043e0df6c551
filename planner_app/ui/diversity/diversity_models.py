"""Table models of the diversity pane: the plan's lists (pillars, bottlenecks,
priorities), its objectives with their actions, its indicators with their status, and
one indicator's values by year.

Passive: the pane gives each the ``DiversityInfo`` it holds (``set_info``); the models
never read the file. A cell typed becomes an undo command run through the pane, which
applies what it changed to every model in place."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt

from planner_app.domain.due import parse_due
from planner_app.domain.enums import MeasureUnit, ValueKind
from planner_app.domain.labels import label
from planner_app.errors import PlannerError
from planner_app.formatting import format_numeric_date
from planner_app.i18n import N_, _, current_language
from planner_app.services.diversity_read import (
    DiversityIndicatorInfo,
    DiversityInfo,
    ObjectiveInfo,
    format_exact,
    format_value,
    parse_value_input,
)
from planner_app.services.progress_rule import STATUS_LABELS, IndicatorStatus
from planner_app.services.reference import today
from planner_app.ui.core.rows_model import AnyIndex, Editing, RowsModel
from planner_app.ui.core.status_icons import Shape, shape_icon
from planner_app.ui.diversity.commands import (
    AddItemCommand,
    ItemFieldCommand,
    SetValueCommand,
    delete_item_command,
    move_item_command,
)

STATUS_SHAPES = {
    IndicatorStatus.ON_TRACK: Shape.DISC,
    IndicatorStatus.BEHIND: Shape.TRIANGLE,
    IndicatorStatus.REACHED: Shape.TICK,
    IndicatorStatus.MISSED: Shape.DIAMOND,
    IndicatorStatus.DONE: Shape.TICK,
    IndicatorStatus.OPEN: Shape.RING,
    IndicatorStatus.NO_DATA: Shape.RING,
    IndicatorStatus.NO_TARGET: Shape.DASH,
}
STATUS_COLOURS = {
    IndicatorStatus.ON_TRACK: "#2e7d32",  # green
    IndicatorStatus.BEHIND: "#c62828",  # red
    IndicatorStatus.REACHED: "#1b5e20",  # dark green
    IndicatorStatus.MISSED: "#8e0000",  # dark red
    IndicatorStatus.DONE: "#1b5e20",
    IndicatorStatus.OPEN: "#5d4037",  # brown
    IndicatorStatus.NO_DATA: "#757575",  # grey
    IndicatorStatus.NO_TARGET: "#1f5fbf",  # blue
}
_EDIT = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole)


class DiversityModel(RowsModel):
    """Rows of the diversity plan shown (``set_info``). ``KIND`` names the rows for the
    commands; subclasses say which rows (``rows_of``) and which columns hold texts
    (``TEXT_FIELDS``: column -> field in ``{lang: text}``)."""

    KIND = ""
    TEXT_FIELDS: ClassVar[dict[int, str]] = {}

    def __init__(self, owner: Editing | None = None, parent: QObject | None = None) -> None:
        super().__init__(owner, parent)
        self.info: DiversityInfo | None = None

    def set_info(self, info: DiversityInfo | None) -> None:
        """Show the rows of ``info`` (``None``: no diversity plan)."""
        self.info = info
        self.set_rows(self.rows_of(info) if info is not None else [])

    def rows_of(self, info: DiversityInfo) -> Sequence[Any]:
        raise NotImplementedError

    def parent_id(self) -> uuid.UUID | None:
        return self.info.id if self.info is not None else None

    def editable(self) -> bool:
        return super().editable() and self.parent_id() is not None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        vertical = orientation == Qt.Orientation.Vertical
        if vertical and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
            return str(section + 1)
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.IdRole:
            return row.id
        field = self.TEXT_FIELDS.get(index.column())
        if field is not None:
            return self.content.cell_data(getattr(row, field), role)
        return self.cell(row, index.column(), role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.editable():
            return False
        row = self._rows[index.row()]
        text = ("" if value is None else str(value)).strip()
        field = self.TEXT_FIELDS.get(index.column())
        if field is not None:
            if text == self.text_of(getattr(row, field)):
                return False
            return self.set_field(row.id, field, {**getattr(row, field), self.language: text})
        return self.set_cell(row, index.column(), text)

    def set_cell(self, row: Any, column: int, text: str) -> bool:
        return False

    def set_field(self, row_id: uuid.UUID, field: str, value: Any) -> bool:
        assert self.document is not None
        command = ItemFieldCommand(self.document, self.KIND, row_id, field, value, merge_key=None)
        return self.run(command)

    # --- edits beyond cells -------------------------------------------------------------

    def new_values(self) -> dict[str, Any]:
        """What a new row starts with (a placeholder text in the language edited)."""
        return {"text": {self.language: _("New item")}}

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        """Add a row at the end; its row number, or -1 if refused."""
        parent = self.parent_id()
        if not self.editable() or parent is None:
            return -1
        assert self.document is not None
        command = AddItemCommand(self.document, self.KIND, parent, values or self.new_values())
        return self.row_of(command.row_id) if self.run(command) else -1

    def remove_row(self, row: int) -> bool:
        if not self.editable() or not 0 <= row < len(self._rows):
            return False
        assert self.document is not None
        return self.run(delete_item_command(self.document, self.KIND, self.row_id(row)))

    def move_row(self, row: int, position: int) -> bool:
        if not self.editable() or row == position:
            return False
        if not (0 <= row < len(self._rows) and 0 <= position < len(self._rows)):
            return False
        assert self.document is not None
        command = move_item_command(self.document, self.KIND, self.row_id(row), row, position)
        return self.run(command)


class DiversityListModel(DiversityModel):
    """Pillars, bottlenecks or priorities (``kind``): one text per row."""

    TEXT_FIELDS: ClassVar[dict[int, str]] = {0: "text"}
    _HEADERS: ClassVar[dict[str, str]] = {
        "pillar": N_("Pillar"),
        "bottleneck": N_("Bottleneck"),
        "priority": N_("Priority"),
    }

    def __init__(
        self, kind: str, owner: Editing | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(owner, parent)
        self.KIND = kind
        self.COLUMNS = (self._HEADERS[kind],)

    def rows_of(self, info: DiversityInfo) -> Sequence[Any]:
        return {"pillar": info.pillars, "bottleneck": info.bottlenecks}.get(
            self.KIND, info.priorities
        )


def pillar_numbers(info: DiversityInfo | None, pillar_ids: Sequence[uuid.UUID]) -> str:
    """``"1, 4, 5"``: the pillars' numbers in the plan's pillar order."""
    if info is None:
        return ""
    number = {p.id: i + 1 for i, p in enumerate(info.pillars)}
    return ", ".join(str(number[p]) for p in pillar_ids if p in number)


class ObjectivesModel(DiversityModel):
    """Objectives: title, text and the pillars they serve (edited as ``1, 4, 5``)."""

    TITLE, TEXT, PILLARS = range(3)
    COLUMNS = (N_("Objective"), N_("Text"), N_("Pillars"))
    TEXT_FIELDS: ClassVar[dict[int, str]] = {TITLE: "title", TEXT: "text"}
    KIND = "objective"

    def rows_of(self, info: DiversityInfo) -> Sequence[Any]:
        return info.objectives

    def new_values(self) -> dict[str, Any]:
        return {"title": {self.language: _("New objective")}}

    def objective(self, row: int) -> ObjectiveInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def cell(self, row: ObjectiveInfo, column: int, role: int) -> Any:
        if column == self.PILLARS and role in _EDIT:
            return pillar_numbers(self.info, row.pillar_ids)
        if column == self.PILLARS and role == Qt.ItemDataRole.ToolTipRole and self.info:
            chosen = set(row.pillar_ids)
            return "\n".join(
                f"{i + 1}. {self.content.shown(p.text)}"
                for i, p in enumerate(self.info.pillars)
                if p.id in chosen
            )
        return None

    def set_cell(self, row: ObjectiveInfo, column: int, text: str) -> bool:
        if column != self.PILLARS or self.info is None:
            return False
        pillars = self.info.pillars
        numbers = [int(n) for n in re.findall(r"\d+", text)]
        if any(not 1 <= n <= len(pillars) for n in numbers):
            self.refuse(_("Pillars: choose numbers from 1 to {n}.").format(n=len(pillars)))
            return False
        wanted = {pillars[n - 1].id for n in numbers}
        ids = tuple(p.id for p in pillars if p.id in wanted)
        if ids == row.pillar_ids:
            return False
        return self.set_field(row.id, "pillar_ids", ids)


class ActionsModel(DiversityModel):
    """The actions of one objective (``objective_id``): text, owner, due period."""

    TEXT, OWNER, DUE = range(3)
    COLUMNS = (N_("Action"), N_("Owner"), N_("Due"))
    TEXT_FIELDS: ClassVar[dict[int, str]] = {TEXT: "text"}
    KIND = "action"

    def __init__(self, owner: Editing | None = None, parent: QObject | None = None) -> None:
        super().__init__(owner, parent)
        self.objective_id: uuid.UUID | None = None

    def show_objective(self, objective_id: uuid.UUID | None) -> None:
        if objective_id != self.objective_id:
            self.objective_id = objective_id
            self.set_info(self.info)

    def rows_of(self, info: DiversityInfo) -> Sequence[Any]:
        found = next((o for o in info.objectives if o.id == self.objective_id), None)
        if found is None:
            self.objective_id = None
        return found.actions if found else ()

    def parent_id(self) -> uuid.UUID | None:
        return self.objective_id

    def new_values(self) -> dict[str, Any]:
        return {"text": {self.language: _("New action")}}

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role in _EDIT:
            return {self.OWNER: row.owner, self.DUE: row.due}.get(column)
        return None

    def set_cell(self, row: Any, column: int, text: str) -> bool:
        field = {self.OWNER: "owner", self.DUE: "due"}.get(column)
        if field is None or text == getattr(row, field):
            return False
        assert self.info is not None
        return self.set_field(row.id, field, text)


def status_tooltip(found: Any, unit: MeasureUnit) -> str:
    """What a status was judged on: the day, the actual and the line's value then."""
    when = format_numeric_date(today(), current_language())
    text = _("Judged on {date}.").format(date=when)
    if found.actual is not None and found.expected is not None:
        lang = current_language()
        actual = format_exact(unit, found.actual, lang)
        expected = format_exact(unit, found.expected, lang)
        text += " " + _("Actual {actual}, expected {expected}.").format(
            actual=actual, expected=expected
        )
    return text


def status_text(status: IndicatorStatus) -> str:
    """The status's word; its cell shows a shape beside it (``STATUS_SHAPES``)."""
    return _(STATUS_LABELS[status])


class IndicatorsModel(DiversityModel):
    """Indicators with unit, baseline, latest target and actual, status (a shape and a
    word), a target in words with its date and done mark, source and reliability note.
    Values are edited per year in ``IndicatorValuesModel``."""

    (
        NAME,
        UNIT,
        BASE_YEAR,
        BASELINE,
        TARGET,
        ACTUAL,
        STATUS,
        TARGET_TEXT,
        TARGET_DATE,
        TARGET_DONE,
        SOURCE,
        RELIABILITY,
    ) = range(12)
    COLUMNS = (
        N_("Indicator"),
        N_("Unit"),
        N_("Baseline year"),
        N_("Baseline"),
        N_("Target"),
        N_("Actual"),
        N_("Status"),
        N_("Target in words"),
        N_("Target date"),
        N_("Target done"),
        N_("Source"),
        N_("Reliability"),
    )
    TEXT_FIELDS: ClassVar[dict[int, str]] = {
        NAME: "name",
        TARGET_TEXT: "target_text",
        SOURCE: "source",
        RELIABILITY: "reliability",
    }
    KIND = "indicator"
    StatusRole = Qt.ItemDataRole.UserRole + 2

    def rows_of(self, info: DiversityInfo) -> Sequence[Any]:
        return info.indicators

    def indicator(self, row: int) -> DiversityIndicatorInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def new_values(self) -> dict[str, Any]:
        return {"name": {self.language: _("New indicator")}, "unit": MeasureUnit.PERCENT}

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() in (self.BASE_YEAR, self.BASELINE, self.TARGET, self.ACTUAL, self.STATUS):
            flags &= ~Qt.ItemFlag.ItemIsEditable
        if index.column() == self.TARGET_DONE:
            flags &= ~Qt.ItemFlag.ItemIsEditable
            if self.editable():
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A target's done mark is a check box (an undoable field edit, as every cell)."""
        if index.isValid() and index.column() == self.TARGET_DONE:
            if role != Qt.ItemDataRole.CheckStateRole or not self.editable():
                return False
            row = self._rows[index.row()]
            done = Qt.CheckState(value) == Qt.CheckState.Checked
            return done != row.target_done and self.set_field(row.id, "target_done", done)
        return super().setData(index, value, role)

    def cell(self, row: DiversityIndicatorInfo, column: int, role: int) -> Any:
        if column == self.TARGET_DONE:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.target_done else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("A person marks the target in words done.")
            return None
        if column == self.TARGET_DATE:
            if role in _EDIT:
                day = row.target_date
                return format_numeric_date(day, current_language()) if day else ""
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("A day such as 31/12/2026, or a month, quarter or year (its last day).")
            return None
        if column == self.STATUS:
            found = row.assessment(today())
            status = found.status
            if role == self.StatusRole:
                return status
            if role == Qt.ItemDataRole.DisplayRole:
                return status_text(status)
            if role == Qt.ItemDataRole.DecorationRole:  # a shape too: not colour alone
                return shape_icon(STATUS_SHAPES[status], STATUS_COLOURS[status])
            # no filled background: a saturated fill (the blue of "no target") read as
            # the selection, so every row looked selected (issue 32, item 8)
            if role == Qt.ItemDataRole.ToolTipRole:
                return status_tooltip(found, row.unit)
            return None
        if role == Qt.ItemDataRole.EditRole and column == self.UNIT:
            return row.unit.value
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        base = row.baseline
        if column == self.UNIT:
            return label(row.unit)
        if column == self.BASE_YEAR:
            return str(base.year) if base else ""
        if column == self.BASELINE:
            return format_value(row.unit, base, current_language())
        if column in (self.TARGET, self.ACTUAL):
            kind = ValueKind.TARGET if column == self.TARGET else ValueKind.ACTUAL
            found = row.of_kind(kind)
            if not found:
                return ""
            year = max(found)
            return f"{format_value(row.unit, found[year], current_language())} ({year})"
        return None

    def set_cell(self, row: DiversityIndicatorInfo, column: int, text: str) -> bool:
        if column == self.TARGET_DATE:
            day = None
            if text:
                found = parse_due(text)
                if found is None:
                    self.refuse(
                        _("Target date: write a day such as 31/12/2026, a quarter or a year.")
                    )
                    return False
                day = found.day
            return day != row.target_date and self.set_field(row.id, "target_date", day)
        if column != self.UNIT:
            return False
        unit = next((u for u in MeasureUnit if text in (u.value, label(u))), text)
        if unit == row.unit:
            return False
        return self.set_field(row.id, "unit", unit)


class IndicatorValuesModel(DiversityModel):
    """One indicator's baseline, target and actual per year, one row per year from a
    little before the plan's period (baselines are often older) to ten years after it
    (targets reach that far, as the services allow). A cell takes ``4,2``, ``4.2`` or
    counts ``3/50``; empty clears it."""

    YEAR, BASELINE, TARGET, ACTUAL = range(4)
    COLUMNS = (N_("Year"), N_("Baseline"), N_("Target"), N_("Actual"))
    KIND = "indicator"
    _KINDS: ClassVar[dict[int, ValueKind]] = {
        BASELINE: ValueKind.BASELINE,
        TARGET: ValueKind.TARGET,
        ACTUAL: ValueKind.ACTUAL,
    }
    YEARS_BEFORE = 3
    YEARS_AFTER = 10  # the services' limit for a target after the plan's period

    def __init__(self, owner: Editing | None = None, parent: QObject | None = None) -> None:
        super().__init__(owner, parent)
        self.indicator_id: uuid.UUID | None = None
        self.indicator: DiversityIndicatorInfo | None = None
        self.period: tuple[int, int] | None = None

    def show_indicator(self, indicator_id: uuid.UUID | None) -> None:
        if indicator_id != self.indicator_id:
            self.indicator_id = indicator_id
            self.set_info(self.info)

    def set_period(self, first: int, last: int) -> None:
        """The plan's years; the rows follow (an indicator may be shown before)."""
        if self.period != (first, last):
            self.period = (first, last)
            if self.indicator_id is not None:
                self.set_info(self.info)

    def set_info(self, info: DiversityInfo | None) -> None:
        before = self.indicator
        super().set_info(info)
        if self.indicator != before and self._rows:  # same years, other values
            self._repaint()

    def rows_of(self, info: DiversityInfo) -> Sequence[Any]:
        self.indicator = next((i for i in info.indicators if i.id == self.indicator_id), None)
        if self.indicator is None or self.period is None:
            return []
        years = {*range(self.period[0] - self.YEARS_BEFORE, self.period[1] + self.YEARS_AFTER + 1)}
        years |= set(self.indicator.years)
        return [_Year(y) for y in sorted(years)]

    def row_id(self, row: int) -> uuid.UUID:
        raise NotImplementedError  # rows are years, not rows of the file

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        year = self._rows[index.row()].year
        if index.column() == self.YEAR:
            return str(year) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in _EDIT or self.indicator is None:
            return None
        value = self.indicator.of_kind(self._KINDS[index.column()]).get(year)
        if role == Qt.ItemDataRole.EditRole and value is not None and value.numerator is not None:
            return f"{value.numerator}/{value.denominator}"
        return format_value(self.indicator.unit, value, current_language())

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == self.YEAR:
            flags &= ~Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.editable():
            return False
        if index.column() == self.YEAR or self.indicator is None or self.info is None:
            return False
        assert self.document is not None
        year, kind = self._rows[index.row()].year, self._KINDS[index.column()]
        try:
            new = parse_value_input("" if value is None else str(value), year, kind)
        except PlannerError as err:
            self.refuse(str(err))
            return False
        if new == self.indicator.of_kind(kind).get(year):
            return False
        command = SetValueCommand(self.document, self.indicator.id, year, kind, new, merge_key=None)
        return self.run(command)


class _Year:
    """A row of ``IndicatorValuesModel``: a year (no id of its own)."""

    __slots__ = ("year",)

    def __init__(self, year: int) -> None:
        self.year = year

    @property
    def id(self) -> int:
        return self.year

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Year) and other.year == self.year

    def __hash__(self) -> int:
        return hash(self.year)
