"""File → Export → Empty workbook for a new plan…: the kind of plan, its years and the
language the workbook is written in, before choosing where it goes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.enums import CONTENT_LANGUAGES, PlanKind
from planner_app.exporting.excel_template import default_years
from planner_app.i18n import _
from planner_app.ui.core.labels import capitalised
from planner_app.ui.files.new_plan_dialog import KIND_LABELS, LANGUAGE_NAMES


@dataclass(frozen=True)
class TemplateChoice:
    kind: PlanKind
    years: tuple[int, int]
    language: str


class TemplateDialog(QDialog):
    """Kind, years (one for a yearly plan) and language of the empty workbook. GUI thread."""

    def __init__(self, parent: QWidget | None = None, *, language: str = "nl") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Empty workbook for a new plan"))
        self.kind_box = QComboBox()
        for kind, text in KIND_LABELS.items():
            self.kind_box.addItem(_(text), kind.value)
        self.first_year, self.last_year = QSpinBox(), QSpinBox()
        for box, name in ((self.first_year, _("First year")), (self.last_year, _("Last year"))):
            box.setRange(1990, 2200)
            box.setAccessibleName(name)
        first, last = default_years(PlanKind.STRATEGIC, dt.date.today())
        self.first_year.setValue(first)
        self.last_year.setValue(last)
        period = QHBoxLayout()
        period.addWidget(self.first_year)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.last_year)
        period.addStretch(1)
        self.language_box = QComboBox()
        for code in CONTENT_LANGUAGES:
            self.language_box.addItem(capitalised(_(LANGUAGE_NAMES[code])), code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.language_box.setToolTip(
            _("The plan's main language: its instructions, headers and text columns.")
        )
        form = QFormLayout()
        form.addRow(_("&Kind:"), self.kind_box)
        form.addRow(_("&Years:"), period)
        form.addRow(_("&Language:"), self.language_box)
        for row, field in enumerate((self.kind_box, self.first_year, self.language_box)):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            if isinstance(label, QLabel):
                label.setBuddy(field)
        note = QLabel(
            _(
                "The workbook's year columns follow these years; another year can be "
                "added later as a column of its own."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.first_year.valueChanged.connect(self._first_year_changed)
        self.setMinimumWidth(460)

    def kind(self) -> PlanKind:
        return PlanKind(self.kind_box.currentData())

    def _kind_changed(self) -> None:
        """A yearly plan covers one year; a plan of several years gets the default span
        when it showed one year."""
        yearly = self.kind().is_yearly
        self.last_year.setEnabled(not yearly)
        if yearly:
            self.last_year.setValue(self.first_year.value())
        elif self.last_year.value() <= self.first_year.value():
            first = self.first_year.value()
            span = default_years(self.kind(), dt.date(first - 1, 1, 1))
            self.last_year.setValue(span[1])

    def _first_year_changed(self, value: int) -> None:
        if self.kind().is_yearly or self.last_year.value() < value:
            self.last_year.setValue(value)

    def choice(self) -> TemplateChoice:
        return TemplateChoice(
            self.kind(),
            (self.first_year.value(), self.last_year.value()),
            str(self.language_box.currentData()),
        )
