"""The "New plan…" dialog: what a new plan needs before it can be created."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.enums import CONTENT_LANGUAGES, PlanKind
from planner_app.i18n import N_, _
from planner_app.ui.core.labels import capitalised
from planner_app.ui.core.palette_colours import error_colour

KIND_LABELS = {
    PlanKind.STRATEGIC: N_("Strategic plan (several years)"),
    PlanKind.BUSINESS: N_("Business plan (one year)"),
    PlanKind.OPERATIONAL: N_("Operational plan (one year)"),
    PlanKind.MANAGEMENT_PLAN: N_("Management plan"),
    PlanKind.ADMINISTRATION_CONTRACT: N_("Administration contract"),
    PlanKind.GESTION_PLAN: N_("Plan de gestion"),
    PlanKind.DIVERSITY_ACTION_PLAN: N_("Diversity action plan"),
    PlanKind.OTHER: N_("Other (name its document type in the plan's properties)"),
}
LANGUAGE_NAMES = {"nl": N_("Dutch"), "fr": N_("French"), "de": N_("German"), "en": N_("English")}
STRATEGIC_YEARS = 6


@dataclass(frozen=True)
class NewPlanValues:
    code: str
    kind: PlanKind
    title: str
    first_year: int
    last_year: int
    organisation: str
    languages: tuple[str, ...]


class NewPlanDialog(QDialog):
    """Asks code, kind, title, period, organisation and content languages. GUI thread.

    ``submit`` (if given) is called on OK with the values; it returns an error
    sentence to show (the dialog stays open), "" to stay open silently, or None when
    the plan was made and the dialog may close.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        submit: Callable[[NewPlanValues], str | None] | None = None,
        heading: str = "",
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(_("New plan"))
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(_("for example ibz-2026-2031"))
        self.kind_box = QComboBox()
        for kind, text in KIND_LABELS.items():
            self.kind_box.addItem(_(text), kind.value)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_("The plan's title in its first language"))
        year = dt.date.today().year + 1
        self.first_year = QSpinBox()
        self.last_year = QSpinBox()
        for box in (self.first_year, self.last_year):
            box.setRange(1990, 2200)
        self.first_year.setValue(year)
        self.last_year.setValue(year + STRATEGIC_YEARS - 1)
        period = QHBoxLayout()
        period.addWidget(self.first_year)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.last_year)
        period.addStretch(1)
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setPlaceholderText(_("The organisation that makes the plan"))
        self.language_boxes: dict[str, QCheckBox] = {}
        languages = QHBoxLayout()
        for code in CONTENT_LANGUAGES:
            box = QCheckBox(capitalised(_(LANGUAGE_NAMES[code])))
            box.setChecked(code == "nl")
            box.setToolTip(_("The first language checked is the plan's main language."))
            self.language_boxes[code] = box
            languages.addWidget(box)
        languages.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Code:"), self.code_edit)
        form.addRow(_("Kind:"), self.kind_box)
        form.addRow(_("Title:"), self.title_edit)
        form.addRow(_("Years:"), period)
        form.addRow(_("Organisation:"), self.organisation_edit)
        form.addRow(_("Content languages:"), languages)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {error_colour()};")
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if heading:
            intro = QLabel(heading)
            intro.setWordWrap(True)
            layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.first_year.valueChanged.connect(self._first_year_changed)
        self.setMinimumWidth(520)
        self._kind_changed()

    def kind(self) -> PlanKind:
        return PlanKind(self.kind_box.currentData())

    def _kind_changed(self) -> None:
        """A yearly plan covers one year; a strategic plan starts as a range; the others
        keep what is shown (one year or a range)."""
        yearly = self.kind().is_yearly
        self.last_year.setEnabled(not yearly)
        if yearly:
            self.last_year.setValue(self.first_year.value())
        elif (
            self.kind() is PlanKind.STRATEGIC and self.last_year.value() <= self.first_year.value()
        ):
            self.last_year.setValue(self.first_year.value() + STRATEGIC_YEARS - 1)

    def _first_year_changed(self, value: int) -> None:
        if self.kind().is_yearly:
            self.last_year.setValue(value)

    def values(self) -> NewPlanValues:
        return NewPlanValues(
            code=self.code_edit.text().strip(),
            kind=self.kind(),
            title=self.title_edit.text().strip(),
            first_year=self.first_year.value(),
            last_year=self.last_year.value(),
            organisation=self.organisation_edit.text().strip(),
            languages=tuple(c for c, box in self.language_boxes.items() if box.isChecked()),
        )

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def accept(self) -> None:
        if self._submit is not None:
            error = self._submit(self.values())
            if error is not None:
                self.show_error(error)
                return
        super().accept()
