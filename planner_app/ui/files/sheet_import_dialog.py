"""File → Import → Budget or staffing sheet…: the column-mapping step.

Administrations keep their own simple sheets ("code, name, 2025 VL, 2025 VE"). The
dialog shows the first rows, lets the user say what each column holds, and checks the
whole sheet through ``exporting.excel_mapping`` before anything is written; every
problem (sheet, row, column) is listed in the dialog, which stays open to fix the
mapping. The checked cells are then written by the caller as *one undo step* (the same
commands a paste uses), so the import is all-or-nothing and can be undone. GUI thread.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from openpyxl.utils import get_column_letter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.enums import Scenario
from planner_app.errors import PlannerError
from planner_app.exporting.excel_limits import WorkbookError
from planner_app.exporting.excel_mapping import (
    AmountColumn,
    BudgetMapping,
    FigureColumn,
    StaffingMapping,
    budget_sheet_cells,
    preview_sheet,
    sheet_names,
    staffing_sheet_cells,
)
from planner_app.i18n import _
from planner_app.services import (
    budget_dimensions,
    plans,
)
from planner_app.storage import PlanFile

PREVIEW_ROWS = 8
BUDGET, STAFFING = "budget", "staffing"
# what a sheet column holds; SKIP leaves it out (FTE and HEADCOUNT are the field names
# ``FigureColumn.what`` expects)
SKIP, CODE, AMOUNT = "", "code", "amount"
UNIT, STATUTE, FTE, HEADCOUNT = "unit", "statute", "fte", "headcount"
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def _roles(kind: str) -> list[tuple[str, str]]:
    if kind == BUDGET:
        return [
            (SKIP, _("(not imported)")),
            (CODE, _("Line code or title")),
            (AMOUNT, _("Amount (kEUR)")),
        ]
    return [
        (SKIP, _("(not imported)")),
        (UNIT, _("Unit code")),
        (STATUTE, _("Statute")),
        (FTE, _("FTE")),
        (HEADCOUNT, _("Headcount")),
    ]


def _text(value: object) -> str:
    return "" if value is None else str(value)


class SheetImportDialog(QDialog):
    """Owns the mapping widgets; ``cells`` holds the checked cells once accepted."""

    def __init__(
        self, store: PlanFile, plan_id: uuid.UUID, source: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import budget or staffing sheet"))
        self.resize(900, 640)
        self._store, self._plan_id, self._source = store, plan_id, source
        info = plans.plan_info(store, plan_id)
        self._years = list(range(info.first_year, info.last_year + 1))
        self._stages, self._credit_types = budget_dimensions.list_dimensions(store, plan_id)
        self._rows: list[list[object]] = []
        self.cells: list = []
        self.kind = BUDGET

        self.kind_combo = QComboBox()
        self.kind_combo.addItem(_("Budget amounts"), BUDGET)
        self.kind_combo.addItem(_("Staffing figures"), STAFFING)
        self.sheet_combo = QComboBox()
        self.sheet_combo.addItems(sheet_names(source))
        self.first_row_spin = QSpinBox()
        self.first_row_spin.setRange(1, 1_000_000)
        self.first_row_spin.setValue(2)
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.mapping = QTableWidget()
        self.mapping.setColumnCount(5)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setPlaceholderText(_("Problems found in the sheet are listed here."))
        self.problems.setMaximumHeight(120)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Import"))
        self.buttons.accepted.connect(self.check_and_accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(_("File"), QLabel(source.name))
        form.addRow(_("The sheet holds"), self.kind_combo)
        form.addRow(_("Sheet"), self.sheet_combo)
        form.addRow(_("First data row"), self.first_row_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("First rows of the sheet:")))
        layout.addWidget(self.preview, 1)
        layout.addWidget(QLabel(_("What each column holds:")))
        layout.addWidget(self.mapping, 2)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.sheet_combo.currentIndexChanged.connect(self._load_sheet)
        self._load_sheet()

    # --- building the mapping table ---------------------------------------------------

    def _load_sheet(self) -> None:
        self._rows = preview_sheet(self._source, self.sheet_combo.currentText() or None)
        width = max((len(r) for r in self._rows), default=0)
        self.preview.setRowCount(len(self._rows))
        self.preview.setColumnCount(width)
        self.preview.setHorizontalHeaderLabels([get_column_letter(i + 1) for i in range(width)])
        for r, row in enumerate(self._rows):
            for c, value in enumerate(row):
                self.preview.setItem(r, c, QTableWidgetItem(_text(value)))
        self.preview.resizeColumnsToContents()
        self._build_mapping()

    def _kind_changed(self) -> None:
        self.kind = self.kind_combo.currentData()
        self._build_mapping()

    def _header(self, column: int) -> str:
        first = self._rows[0] if self._rows else []
        return _text(first[column]) if column < len(first) else ""

    def _build_mapping(self) -> None:
        width = self.preview.columnCount()
        budget_kind = self.kind == BUDGET
        self.mapping.clear()
        self.mapping.setHorizontalHeaderLabels(
            [
                _("Column"),
                _("Use as"),
                _("Year"),
                _("Budget stage") if budget_kind else _("Scenario"),
                _("Credit type") if budget_kind else "",
            ]
        )
        self.mapping.setColumnHidden(4, not budget_kind)
        self.mapping.setRowCount(width)
        for column in range(width):
            header = self._header(column)
            label = get_column_letter(column + 1) + (f" — {header}" if header else "")
            self.mapping.setItem(column, 0, QTableWidgetItem(label))
            role = QComboBox()
            for key, text in _roles(self.kind):
                role.addItem(text, key)
            year = QComboBox()
            for value in self._years:
                year.addItem(str(value), value)
            third = QComboBox()
            if budget_kind:
                third.addItems(self._stages)
            else:
                third.addItem(_("As-is"), Scenario.AS_IS)
                third.addItem(_("Planned"), Scenario.PLANNED)
            credit = QComboBox()
            credit.addItems(self._credit_types)
            self._guess(column, header, role, year, third, credit)
            for index, widget in enumerate((role, year, third, credit), 1):
                self.mapping.setCellWidget(column, index, widget)
        self.mapping.resizeColumnsToContents()

    def _guess(self, column: int, header: str, role, year, third, credit) -> None:
        """Prefill from the header ("2025 INI VL", "code", "VTE"): the user checks it."""
        words = {w.upper() for w in re.split(r"[\s/_\-]+", header) if w}
        found = _YEAR.search(header)
        if found and int(found.group()) in self._years:
            year.setCurrentIndex(self._years.index(int(found.group())))
        lowered = header.lower()
        if self.kind == BUDGET:
            for combo, codes in ((third, self._stages), (credit, self._credit_types)):
                match = next((c for c in codes if c.upper() in words), None)
                if match is not None:
                    combo.setCurrentText(match)
            if "code" in lowered and not found:
                role.setCurrentIndex(role.findData(CODE))
            elif found or words & {c.upper() for c in self._credit_types}:
                role.setCurrentIndex(role.findData(AMOUNT))
            return
        if "statu" in lowered:
            role.setCurrentIndex(role.findData(STATUTE))
        elif "unit" in lowered or "eenheid" in lowered or "code" in lowered:
            role.setCurrentIndex(role.findData(UNIT))
        elif words & {"FTE", "VTE", "ETP"}:
            role.setCurrentIndex(role.findData(FTE))
        elif found:
            role.setCurrentIndex(role.findData(HEADCOUNT))
        if "planned" in lowered or "gepland" in lowered or "prévu" in lowered:
            third.setCurrentIndex(1)

    # --- the mapping the user chose ------------------------------------------------------

    def set_role(self, column: int, role: str, **choice: object) -> None:
        """Choose what sheet column ``column`` (0 = A) holds (tests and keyboard users)."""
        widgets = [self.mapping.cellWidget(column, i) for i in range(1, 5)]
        widgets[0].setCurrentIndex(widgets[0].findData(role))
        for key, widget in zip(("year", "third", "credit"), widgets[1:], strict=True):
            if key in choice:
                index = widget.findData(choice[key])
                widget.setCurrentIndex(index if index >= 0 else widget.findText(str(choice[key])))

    def _chosen(self) -> list[tuple[str, str, QComboBox, QComboBox, QComboBox]]:
        out = []
        for column in range(self.mapping.rowCount()):
            role, year, third, credit = (self.mapping.cellWidget(column, i) for i in range(1, 5))
            if role.currentData():
                out.append((role.currentData(), get_column_letter(column + 1), year, third, credit))
        return out

    def _single(self, chosen, role: str, label: str) -> str:
        letters = [letter for r, letter, *_rest in chosen if r == role]
        if len(letters) != 1:
            raise PlannerError(
                _("Choose exactly one column as {role}.").format(role=label)
                if letters
                else _("Choose the column that holds the {role}.").format(role=label)
            )
        return letters[0]

    def build_mapping(self) -> BudgetMapping | StaffingMapping:
        """The mapping for the services; ``PlannerError`` when it is incomplete."""
        chosen = self._chosen()
        sheet = self.sheet_combo.currentText() or None
        first = self.first_row_spin.value()
        if self.kind == BUDGET:
            code = self._single(chosen, CODE, _("Line code or title"))
            amounts = tuple(
                AmountColumn(letter, year.currentData(), third.currentText(), credit.currentText())
                for role, letter, year, third, credit in chosen
                if role == AMOUNT
            )
            if not amounts:
                raise PlannerError(_("Choose at least one column of amounts or figures."))
            if not all(a.stage and a.credit_type for a in amounts):
                raise PlannerError(
                    _("Add a budget stage and a credit type to the plan before importing.")
                )
            return BudgetMapping(code, amounts, sheet, first)
        unit = self._single(chosen, UNIT, _("Unit code"))
        statute = self._single(chosen, STATUTE, _("Statute"))
        figures = tuple(
            FigureColumn(letter, year.currentData(), third.currentData(), role)
            for role, letter, year, third, _credit in chosen
            if role in (FTE, HEADCOUNT)
        )
        if not figures:
            raise PlannerError(_("Choose at least one column of amounts or figures."))
        return StaffingMapping(unit, statute, figures, sheet, first)

    def check_and_accept(self) -> None:
        """Check the whole sheet with the chosen mapping; accept only when it is clean,
        else list every problem and stay open."""
        try:
            mapping = self.build_mapping()
            if isinstance(mapping, BudgetMapping):
                cells = budget_sheet_cells(self._store, self._plan_id, self._source, mapping)
            else:
                cells = staffing_sheet_cells(self._store, self._plan_id, self._source, mapping)
        except WorkbookError as err:
            problems = getattr(err, "problems", None) or [str(err)]
            self.problems.setPlainText(
                _("Nothing was imported; fix these and try again:") + "\n" + "\n".join(problems)
            )
            return
        except PlannerError as err:
            self.problems.setPlainText(str(err))
            return
        if not cells:
            self.problems.setPlainText(_("The mapped columns hold no values to import."))
            return
        self.cells = cells
        self.accept()
