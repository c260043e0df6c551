"""The indicators of one objective as a table: name, unit, then per year baseline,
target and actual, shown the Belgian way and typed back exactly."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from planner_app.domain.enums import ValueKind
from planner_app.domain.labels import label
from planner_app.formatting import format_number
from planner_app.i18n import N_, _
from planner_app.services.details import IndicatorInfo, ObjectiveDetail
from planner_app.services.plans import PlanInfo
from planner_app.ui.core.labels import one_line
from planner_app.ui.objectives.detail_commands import (
    AddIndicatorCommand,
    SetIndicatorValueCommand,
    UpdateIndicatorCommand,
    delete_indicator_command,
)
from planner_app.ui.objectives.objective_rows import AnyIndex, ObjectiveRowsModel

VALUE_KINDS = (ValueKind.BASELINE, ValueKind.TARGET, ValueKind.ACTUAL)
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_DIGITS = re.compile(r"\d+")


class NumberError(ValueError):
    """Text that is not one exact number; ``str()`` is the reason for the user."""


def parse_number(text: str) -> Decimal | None:
    """An exact number from what a user typed; empty text is ``None`` (clear).

    Accepts the Belgian ``1.234,5``, ``1 234,5`` and ``4,2`` as well as ``1234.5``.
    Refuses ``12.345``, where the dot could be a thousands separator or a decimal point,
    and separators in the wrong places (``1,234.5``, ``1.23,4``).
    """
    shown = text.strip()
    text = _SPACES.sub("", text).replace("\u2212", "-")
    if not text:
        return None
    sign = "-" if text[0] == "-" else ""
    text = text[1:] if text[0] in "+-" else text
    if not text or not set(text) <= set("0123456789.,") or text.count(",") > 1:
        raise NumberError(_("“{text}” is not a number.").format(text=shown))
    whole, comma, fraction = text.partition(",")
    groups = whole.split(".")
    if comma or len(groups) > 2:  # Belgian: dots group thousands, the comma is decimal
        if not fraction and comma:
            raise NumberError(_("“{text}” is not a number.").format(text=shown))
        return _grouped(shown, sign, groups, fraction)
    if len(groups) == 1:
        return _exact(shown, sign + whole)
    left, right = groups
    if len(right) == 3 and 1 <= len(left) <= 3 and left != "0":
        raise NumberError(
            _(
                "“{text}” is ambiguous: write {whole} for a whole number or {decimal} "
                "for a decimal number."
            ).format(text=shown, whole=sign + left + right, decimal=f"{sign}{left},{right}")
        )
    return _exact(shown, f"{sign}{left}.{right}")


def _exact(shown: str, text: str) -> Decimal:
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise NumberError(_("“{text}” is not a number.").format(text=shown))
    try:
        return Decimal(text)
    except InvalidOperation:
        raise NumberError(_("“{text}” is not a number.").format(text=shown)) from None


def _grouped(shown: str, sign: str, groups: list[str], fraction: str) -> Decimal:
    ok = (
        all(_DIGITS.fullmatch(g) for g in groups)
        and 1 <= len(groups[0]) <= 3
        and all(len(g) == 3 for g in groups[1:])
        and (fraction == "" or _DIGITS.fullmatch(fraction) is not None)
    )
    if len(groups) == 1 and _DIGITS.fullmatch(groups[0]):
        ok = fraction == "" or _DIGITS.fullmatch(fraction) is not None
    if not ok:
        raise NumberError(
            _("“{text}” puts thousands and decimal separators in the wrong places.").format(
                text=shown
            )
        )
    return _exact(shown, sign + "".join(groups) + (f".{fraction}" if fraction else ""))


def format_value(value: Decimal | None, language: str) -> str:
    """``1234.5`` -> ``1.234,5`` (nl): every decimal the value has, no more."""
    if value is None:
        return ""
    exponent = value.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(value, language, decimals=decimals)


class IndicatorTableModel(ObjectiveRowsModel):
    """One row per indicator of the objective shown; columns name, unit of measure,
    then baseline, target and actual for each year of the plan (and any other year
    that holds a value). Edits are undo commands; a value that is not one exact number
    changes nothing and is refused through the owner, naming the cell.

    Owns a copy of the indicators (``IndicatorInfo``) it was given. GUI thread only.
    """

    NAME, UNIT_OF_MEASURE = range(2)
    FIRST_VALUE = 2
    COLUMNS = (N_("Indicator"), N_("Unit"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._period: tuple[int, int] | None = None
        self._years: list[int] = []
        super().__init__(*args, **kwargs)

    # --- columns ------------------------------------------------------------------------

    @property
    def years(self) -> list[int]:
        return list(self._years)

    def value_column(self, year: int, kind: ValueKind) -> int:
        return (
            self.FIRST_VALUE + self._years.index(year) * len(VALUE_KINDS) + VALUE_KINDS.index(kind)
        )

    def value_key(self, column: int) -> tuple[int, ValueKind] | None:
        offset = column - self.FIRST_VALUE
        if offset < 0 or offset >= len(self._years) * len(VALUE_KINDS):
            return None
        year, kind = divmod(offset, len(VALUE_KINDS))
        return self._years[year], VALUE_KINDS[kind]

    def plan_changed(self, info: PlanInfo | None) -> None:
        period = (info.first_year, info.last_year) if info is not None else None
        if period != self._period:
            self._period = period
            if self._objective_id is not None:
                self._reset(list(self._rows))

    def _years_for(self, rows: Sequence[IndicatorInfo]) -> list[int]:
        years = set(range(self._period[0], self._period[1] + 1)) if self._period else set()
        years.update(year for row in rows for year, _kind in row.values)
        return sorted(years)

    def shape_changed(self, rows: Sequence[Any]) -> bool:
        return self._years_for(rows) != self._years

    def _reset(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._years = self._years_for(rows) if rows or self._objective_id else []
        self.endResetModel()

    def rows_of(self, detail: ObjectiveDetail) -> Sequence[IndicatorInfo]:
        return detail.indicators

    # --- Qt -----------------------------------------------------------------------------

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return self.FIRST_VALUE + len(self._years) * len(VALUE_KINDS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if 0 <= section < self.FIRST_VALUE:
            return _(self.COLUMNS[section])
        key = self.value_key(section)
        if key is None:
            return None
        year, kind = key
        return f"{year}\n{label(kind)}"

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: IndicatorInfo = self._rows[index.row()]
        column = index.column()
        if role == self.IdRole:
            return row.id
        display = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole)
        if column == self.NAME:
            text = self.text_of(row.name)
            if role == Qt.ItemDataRole.DisplayRole:
                return one_line(text)
            if role in (Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
                return text
            return None
        if column == self.UNIT_OF_MEASURE:
            return row.unit_of_measure if display else None
        key = self.value_key(column)
        if key is None:
            return None
        if display:
            return format_value(row.values.get(key), self.language)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_name(index.row(), column)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row: IndicatorInfo = self._rows[index.row()]
        column = index.column()
        text = "" if value is None else str(value)
        if column == self.NAME:
            if text == self.text_of(row.name):
                return False
            return self._update(row.id, "name", {self.language: text})
        if column == self.UNIT_OF_MEASURE:
            if text.strip() == row.unit_of_measure:
                return False
            return self._update(row.id, "unit_of_measure", text.strip())
        key = self.value_key(column)
        if key is None:
            return False
        return self.set_value(index.row(), *key, text)

    # --- edits beyond cells -------------------------------------------------------------

    def cell_name(self, row: int, column: int) -> str:
        """``Visits, target 2025``: how messages name a value cell."""
        key = self.value_key(column)
        name = one_line(self.text_of(self._rows[row].name)) or _("indicator {n}").format(n=row + 1)
        if key is None:
            return name
        year, kind = key
        return _("{indicator}, {kind} {year}").format(indicator=name, kind=label(kind), year=year)

    def set_value(self, row: int, year: int, kind: ValueKind, text: str) -> bool:
        """Parse ``text`` exactly and write it; a bad number is reported, not written."""
        document, objective_id = self.document, self._objective_id
        if document is None or objective_id is None or not self.editable():
            return False
        indicator: IndicatorInfo = self._rows[row]
        cell = self.cell_name(row, self.value_column(year, kind))
        try:
            number = parse_number(text)
        except NumberError as err:
            self.refuse(f"{cell}: {err}")
            return False
        if number == indicator.values.get((year, kind)):
            return False
        command = SetIndicatorValueCommand(
            document,
            objective_id,
            indicator.id,
            year=year,
            kind=kind,
            value=number,
            cell=cell,
            merge_key=None,
        )
        return self.run(command)

    def add_indicator(self, name: str = "", unit_of_measure: str = "") -> int:
        """Add an indicator (default name "New indicator"); its row, or -1 if refused."""
        if self._objective_id is None or self.document is None:
            return -1
        command = AddIndicatorCommand(
            self.document,
            self._objective_id,
            name={self.language: name or _("New indicator")},
            unit_of_measure=unit_of_measure,
        )
        if not self.run(command):
            return -1
        return self.row_of(command.indicator_id) if command.indicator_id else -1

    def remove_rows(self, rows: Sequence[int]) -> bool:
        """Remove the indicators in ``rows`` (with their values) as one undo step."""
        document, objective_id = self.document, self._objective_id
        return self.remove_with(
            rows,
            _("Remove indicators"),
            lambda row_id: delete_indicator_command(document, objective_id, row_id),  # type: ignore[arg-type]
        )

    def _update(self, indicator_id: uuid.UUID, field: str, value: Any) -> bool:
        document, objective_id = self.document, self._objective_id
        assert document is not None and objective_id is not None
        return self.run(
            UpdateIndicatorCommand(
                document, objective_id, indicator_id, field, value, merge_key=None
            )
        )
