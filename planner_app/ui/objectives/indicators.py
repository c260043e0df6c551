"""The indicators of one objective as a table: name, unit, baseline, latest target and
actual, and status today; and reading numbers typed the Belgian way exactly."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from planner_app.domain.enums import ValueKind
from planner_app.formatting import format_number, format_numeric_date
from planner_app.i18n import N_, _, current_language
from planner_app.services.details import IndicatorInfo, ObjectiveDetail
from planner_app.services.progress_rule import ATTENTION, STATUS_LABELS, STATUS_SYMBOLS
from planner_app.services.reference import today
from planner_app.ui.core.labels import one_line, pick_text
from planner_app.ui.objectives.detail_commands import (
    AddIndicatorCommand,
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


def _rounded(value: Fraction) -> Decimal:
    """An exact value (the line's) to two decimals, to show it."""
    return Decimal(round(value * 100)) / 100


def format_value(value: Decimal | None, language: str) -> str:
    """``1234.5`` -> ``1.234,5`` (nl): every decimal the value has, no more."""
    if value is None:
        return ""
    exponent = value.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(value, language, decimals=decimals)


class IndicatorTableModel(ObjectiveRowsModel):
    """One row per indicator of the objective shown: its name and unit of measure
    (edited in place), its baseline, latest target and latest actual, and its status
    today (a shape and a word). Its values by year are edited in the indicator's own
    table (``indicator_values.IndicatorYearsModel``).

    Owns a copy of the indicators (``IndicatorInfo``) it was given. GUI thread only.
    """

    NAME, UNIT_OF_MEASURE, BASELINE, TARGET, ACTUAL, STATUS = range(6)
    COLUMNS = (
        N_("Indicator"),
        N_("Unit"),
        N_("Baseline"),
        N_("Target"),
        N_("Actual"),
        N_("Status"),
    )
    StatusRole = Qt.ItemDataRole.UserRole + 2  # the IndicatorStatus today

    def rows_of(self, detail: ObjectiveDetail) -> Sequence[IndicatorInfo]:
        return detail.indicators

    def indicator(self, row: int) -> IndicatorInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --- Qt -----------------------------------------------------------------------------

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return _(self.COLUMNS[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable() and index.column() in (self.NAME, self.UNIT_OF_MEASURE):
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
        if column == self.STATUS:
            return self._status(row, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.TARGET:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole and role != Qt.ItemDataRole.ToolTipRole:
            return None
        lang = current_language()
        if column == self.BASELINE:
            base = row.baseline
            return f"{format_value(base[1], lang)} ({base[0]})" if base else ""
        kind = ValueKind.TARGET if column == self.TARGET else ValueKind.ACTUAL
        found = row.of_kind(kind)
        shown = f"{format_value(found[max(found)], lang)} ({max(found)})" if found else ""
        if kind is ValueKind.ACTUAL and row.quarters:
            year, quarter = max(row.quarters)
            if not found or year >= max(found):
                value = format_value(row.quarters[(year, quarter)], lang)
                when = _("Q{quarter} {year}").format(quarter=quarter, year=year)
                shown = f"{value} ({when})"
        if kind is ValueKind.TARGET and row.has_text_target:
            words = one_line(pick_text(row.target_text, (self.language, *self._languages)))
            shown = f"{shown} · {words}" if shown else words
        return shown

    def _status(self, row: IndicatorInfo, role: int) -> Any:
        found = row.assessment(today())
        if role == self.StatusRole:
            return found.status
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{STATUS_SYMBOLS[found.status]} {_(STATUS_LABELS[found.status])}"
        if role == Qt.ItemDataRole.ForegroundRole and found.status in ATTENTION:
            return QColor("#b71c1c")
        if role == Qt.ItemDataRole.ToolTipRole:
            lang = current_language()
            text = _("Judged on {date}.").format(date=format_numeric_date(today(), lang))
            if found.actual is not None and found.expected is not None:
                text += " " + _("Actual {actual}, expected {expected}.").format(
                    actual=format_value(_rounded(found.actual), lang),
                    expected=format_value(_rounded(found.expected), lang),
                )
            return text
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
        return False

    # --- edits beyond cells -------------------------------------------------------------

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
