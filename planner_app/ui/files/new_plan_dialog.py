"""The "New plan…" dialog: what a new plan needs before it can be created.

A yearly plan may be made from a strategic plan of the same file (003 §1.2: the
strategic plan is made concrete each year in an operational plan): then its year lies
within that plan's period, and its languages and organisation are that plan's.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
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
from planner_app.services.operational_plan import default_title, suggested_code
from planner_app.services.plans import PlanInfo
from planner_app.ui.core.labels import capitalised, pick_text
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
    # made from this strategic plan of the file (its SDs and, with ``with_operational``,
    # its ODs as references)
    strategic_plan_id: uuid.UUID | None = None
    with_operational: bool = True


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
        strategic_plans: Sequence[PlanInfo] = (),
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._strategic = {p.id: p for p in strategic_plans if p.kind is PlanKind.STRATEGIC}
        self._code_typed = False  # a code the user typed is never replaced
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
        self.strategic_box = QComboBox()
        self.strategic_box.addItem(_("None: a plan of its own"), "")
        for plan in self._strategic.values():
            title = pick_text(plan.title, plan.languages)
            self.strategic_box.addItem(
                f"{plan.code} — {title} ({plan.first_year}–{plan.last_year})", str(plan.id)
            )
        self.strategic_box.setToolTip(
            _(
                "The strategic plan this yearly plan carries out: its strategic (and "
                "operational) objectives come in as references, read-only, with their codes."
            )
        )
        self.with_operational = QCheckBox(_("Also its operational objectives"))
        self.with_operational.setChecked(True)
        self.strategic_hint = QLabel()
        self.strategic_hint.setWordWrap(True)
        form = QFormLayout()
        self.form = form
        form.addRow(_("Code:"), self.code_edit)
        form.addRow(_("Kind:"), self.kind_box)
        form.addRow(_("Strategic plan:"), self.strategic_box)
        form.addRow("", self.with_operational)
        form.addRow("", self.strategic_hint)
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
        self.strategic_box.currentIndexChanged.connect(self._strategic_changed)
        self.code_edit.textEdited.connect(self._code_edited)
        self.setMinimumWidth(520)
        self._kind_changed()

    def kind(self) -> PlanKind:
        return PlanKind(self.kind_box.currentData())

    def strategic_plan(self) -> PlanInfo | None:
        """The strategic plan chosen for a yearly plan, else None."""
        data = self.strategic_box.currentData()
        if not data or not self.kind().is_yearly:
            return None
        return self._strategic.get(uuid.UUID(data))

    def choose_strategic(self, plan_id: uuid.UUID) -> None:
        """Preselect ``plan_id`` (the strategic plan shown in the window) for a yearly
        plan; nothing when it is not one of the file's strategic plans."""
        index = self.strategic_box.findData(str(plan_id))
        if index >= 0:
            self.strategic_box.setCurrentIndex(index)

    def _code_edited(self, _text: str) -> None:
        self._code_typed = True

    def _strategic_changed(self) -> None:
        """A strategic plan chosen: the year within its period, its languages and
        organisation (the new plan takes them), a code and title to start from."""
        plan = self.strategic_plan()
        chosen = plan is not None
        self.with_operational.setVisible(chosen)
        self.strategic_hint.setVisible(chosen)
        self.organisation_edit.setEnabled(not chosen)
        for box in self.language_boxes.values():
            box.setEnabled(not chosen)
        if plan is None:
            self.first_year.setRange(1990, 2200)
            return
        year = min(max(self.first_year.value(), plan.first_year), plan.last_year)
        self.first_year.setRange(plan.first_year, plan.last_year)
        self.first_year.setValue(year)
        for code, box in self.language_boxes.items():
            box.setChecked(code in plan.languages)
        self.organisation_edit.setText(pick_text(plan.organisation, plan.languages))
        self.strategic_hint.setText(
            _(
                "The plan covers one year of {code} ({first}–{last}), in its languages. "
                "Its objectives are shown as references, read-only, with their codes; "
                "add this year's objectives under them."
            ).format(code=plan.code, first=plan.first_year, last=plan.last_year)
        )
        self._suggest()

    def _suggest(self) -> None:
        """The code and title a plan of the chosen year would have, where none is typed."""
        plan = self.strategic_plan()
        if plan is None:
            return
        year = self.first_year.value()
        if not self._code_typed:
            self.code_edit.setText(suggested_code(plan.code, year))
        self.title_edit.setPlaceholderText(
            default_title(self.kind(), year, plan.languages)[plan.languages[0]]
        )

    def _kind_changed(self) -> None:
        """A yearly plan covers one year; a strategic plan starts as a range; the others
        keep what is shown (one year or a range)."""
        yearly = self.kind().is_yearly
        self.form.setRowVisible(self.strategic_box, yearly and bool(self._strategic))
        self._strategic_changed()
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
        self._suggest()

    def values(self) -> NewPlanValues:
        strategic = self.strategic_plan()
        return NewPlanValues(
            code=self.code_edit.text().strip(),
            kind=self.kind(),
            title=self.title_edit.text().strip(),
            first_year=self.first_year.value(),
            last_year=self.last_year.value(),
            organisation=self.organisation_edit.text().strip(),
            languages=tuple(c for c, box in self.language_boxes.items() if box.isChecked()),
            strategic_plan_id=strategic.id if strategic else None,
            with_operational=self.with_operational.isChecked(),
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
