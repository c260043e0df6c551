"""Under an objective's indicators, the one selected: its figures by year (and
quarter) beside its chart, its target in words with a date and a done mark, and its
breakdown per unit. Every edit is an undo command run through the editor (``owner``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.due import parse_due
from planner_app.domain.enums import DuePrecision, ValueKind
from planner_app.domain.labels import label
from planner_app.formatting import format_numeric_date
from planner_app.i18n import _, current_language
from planner_app.services.details import IndicatorInfo
from planner_app.services.plans import PlanInfo
from planner_app.services.reference import today
from planner_app.services.units import UnitInfo
from planner_app.ui.core.labels import capitalised, one_line, pick_text
from planner_app.ui.core.progress_chart import ProgressChart
from planner_app.ui.core.rows_model import Editing
from planner_app.ui.core.text_fields import TextBinding
from planner_app.ui.objectives.detail_commands import UpdateIndicatorCommand
from planner_app.ui.objectives.indicator_values import IndicatorUnitsModel, IndicatorYearsModel
from planner_app.ui.objectives.indicators import IndicatorTableModel, format_value

TABLE_ROWS = 8  # rows of the years' table in view at once
YEARS_WIDTH = 330  # pixels: year, baseline, target and actual side by side


def _table(name: str, model) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    return view


class IndicatorDetail(QWidget):
    """The selected indicator's figures, target in words and breakdown (three tabs).

    Owns its widgets and two passive models; holds the indicator shown (``show``) and
    runs edits through ``owner``. GUI thread only."""

    def __init__(self, owner: Editing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owner = owner
        self.objective_id: uuid.UUID | None = None
        self._view: QAbstractItemView | None = None
        self._model: IndicatorTableModel | None = None
        self.indicator: IndicatorInfo | None = None
        self.language = "nl"
        self._languages: tuple[str, ...] = ()
        self._read_only = True
        self._loading = False
        self.years = IndicatorYearsModel(owner, self)
        self.units = IndicatorUnitsModel(owner, self)

        self.heading = QLabel()
        self.heading.setObjectName("indicator_heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.years_view = _table("indicator_years", self.years)
        self.years_view.setToolTip(_("Type a figure such as 4,2 or 1.234,5; empty clears it."))
        self.years.modelReset.connect(self._scroll_to_period)
        self.chart = ProgressChart()
        self.chart.setMinimumWidth(260)
        figures = QSplitter(Qt.Orientation.Horizontal)
        figures.addWidget(self.years_view)
        figures.addWidget(self.chart)
        figures.setStretchFactor(0, 2)
        figures.setStretchFactor(1, 3)
        figures.setChildrenCollapsible(False)
        # the years' table shows its four columns whole beside the chart
        self.years_view.setMinimumWidth(YEARS_WIDTH)
        figures.setSizes([YEARS_WIDTH, 2 * YEARS_WIDTH])

        self.target_text = QLineEdit()
        self.target_text.setObjectName("target_text")
        self.target_text.setPlaceholderText(_("e.g. all carried out six months after approval"))
        self.target_date = QLineEdit()
        self.target_date.setObjectName("target_date")
        self.target_date.setPlaceholderText(_("dd/mm/yyyy"))
        self.target_date.setMaximumWidth(130)
        self.target_done = QCheckBox(_("Done"))
        self.target_done.setObjectName("target_done")
        self.target_done.setToolTip(_("Mark the target in words as reached (its status: done)."))
        self._text_binding = TextBinding(self, self.target_text, "target_text", self._commit_text)
        self._date_binding = TextBinding(self, self.target_date, "target_date", self._commit_date)
        self.target_done.toggled.connect(self._done_toggled)
        words = QWidget()
        form = QFormLayout(words)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Target in words"), self.target_text)
        date_row = QHBoxLayout()
        date_row.addWidget(self.target_date)
        date_row.addWidget(self.target_done)
        date_row.addStretch(1)
        form.addRow(_("Target date"), date_row)
        hint = QLabel(
            _(
                "Beside or instead of figures: with no target figure, the indicator's "
                "status is done or open by this mark."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        form.addRow("", hint)

        self.units_view = _table("indicator_units", self.units)
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("breakdown_unit")
        self.unit_combo.setMinimumContentsLength(20)
        self.add_unit_button = QPushButton(_("Add unit"))
        self.add_unit_button.clicked.connect(self._add_unit)
        per_unit = QWidget()
        unit_layout = QVBoxLayout(per_unit)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.unit_combo, 1)
        unit_row.addWidget(self.add_unit_button)
        unit_layout.addWidget(self.units_view, 1)
        unit_layout.addLayout(unit_row)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(figures, _("Figures by year"))
        self.tabs.addTab(words, _("Target in words"))
        self.tabs.addTab(per_unit, _("Per unit"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs)
        line = self.years_view.verticalHeader().defaultSectionSize()
        self.tabs.setMinimumHeight(line * (TABLE_ROWS + 2) + 40)
        self.setVisible(False)

    # --- what is shown ------------------------------------------------------------------

    def set_plan(self, plan: PlanInfo | None, units: Sequence[UnitInfo], read_only: bool) -> None:
        self._read_only = read_only
        self._languages = plan.languages if plan else ()
        self.years.set_plan(plan, read_only)
        self.units.set_plan(plan, read_only)
        self.units.set_units(units)
        self.unit_combo.clear()
        for unit in units:
            name = one_line(pick_text(unit.name, self._languages)) or unit.code
            self.unit_combo.addItem("    " * unit.depth + name, str(unit.id))
        self._apply_read_only()

    def follow(self, view: QAbstractItemView, model: IndicatorTableModel) -> None:
        """Show the indicator current in ``view`` (of ``model``, the objective's
        indicators), and follow the current row and the rows as they change."""
        self._view, self._model = view, model
        view.selectionModel().currentRowChanged.connect(lambda *_a: self.show_current())
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(lambda *_a: self.show_current())

    def show_current(self, objective_id: uuid.UUID | None = None) -> None:
        """The current indicator's figures (the first when none is current); with
        ``objective_id``, of that objective from now on."""
        if objective_id is not None:
            self.objective_id = objective_id
        view, model = self._view, self._model
        if view is None or model is None or self.objective_id is None:
            self.show_indicator(None, None, self.language)
            return
        row = view.currentIndex().row()
        if row < 0 and model.rowCount():
            view.setCurrentIndex(model.index(0, 0))  # the current row's change shows it
            return
        self.show_indicator(self.objective_id, model.indicator(row), self.language)

    def show_indicator(
        self, objective_id: uuid.UUID | None, indicator: IndicatorInfo | None, language: str
    ) -> None:
        """Show ``indicator`` (``None``: hide), its texts in ``language``."""
        if self.indicator is not None and (indicator is None or indicator.id != self.indicator.id):
            self.commit_pending()
        changed_one = (
            indicator is None or self.indicator is None or indicator.id != self.indicator.id
        )
        self.objective_id, self.indicator, self.language = objective_id, indicator, language
        self.years.show(objective_id, indicator)
        self.units.show(objective_id, indicator)
        self.setVisible(indicator is not None)
        if indicator is None:
            return
        name = one_line(pick_text(indicator.name, (language, *self._languages)))
        self.heading.setText(name)
        self.chart.show_series(indicator.chart(today()), name, _figures(indicator))
        self._loading = True
        try:
            self._text_binding.load(indicator.target_text.get(language, ""), force=changed_one)
            date = indicator.target_date
            shown = format_numeric_date(date, current_language()) if date else ""
            self._date_binding.load(shown, force=changed_one)
            self.target_done.setChecked(indicator.target_done)
        finally:
            self._loading = False
        self._apply_read_only()

    def commit_pending(self) -> None:
        if self.indicator is not None and not self._read_only:
            self._text_binding.commit()
            self._date_binding.commit()

    def _apply_read_only(self) -> None:
        ro = self._read_only
        self.target_text.setReadOnly(ro)
        self.target_date.setReadOnly(ro)
        self.target_done.setEnabled(not ro)
        self.add_unit_button.setEnabled(not ro and self.unit_combo.count() > 0)
        self.unit_combo.setEnabled(not ro)
        triggers = (
            QAbstractItemView.EditTrigger.NoEditTriggers
            if ro
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.years_view.setEditTriggers(triggers)
        self.units_view.setEditTriggers(triggers)

    def _scroll_to_period(self) -> None:
        plan = self.years.plan
        if plan is not None and plan.first_year in self.years.years:
            row = self.years.row_of(plan.first_year)
            self.years_view.scrollTo(
                self.years.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop
            )

    # --- edits --------------------------------------------------------------------------

    def _run(self, field: str, value, merge_key=None) -> bool:
        document = self.owner.document
        if document is None or self.indicator is None or self.objective_id is None:
            return False
        command = UpdateIndicatorCommand(
            document, self.objective_id, self.indicator.id, field, value, merge_key=merge_key
        )
        return bool(self.owner.run(command))

    def _commit_text(self, binding: TextBinding) -> None:
        if self.indicator is None or self._loading or self._read_only:
            return
        text = binding.text().strip()
        key = ("indicator-target", self.indicator.id, binding.session)
        if self._run("target_text", {self.language: text}, key):
            binding.load(text, force=True)
        else:
            binding.load(self.indicator.target_text.get(self.language, ""), force=True)

    def _commit_date(self, binding: TextBinding) -> None:
        if self.indicator is None or self._loading or self._read_only:
            return
        text = binding.text().strip()
        day = None
        if text:
            found = parse_due(text)
            if found is None or found.precision is not DuePrecision.DAY or found.label:
                self.owner.refuse(
                    _("Target date: “{text}” is not a day such as 30/06/2026.").format(text=text)
                )
                old = self.indicator.target_date
                binding.load(
                    format_numeric_date(old, current_language()) if old else "", force=True
                )
                return
            day = found.day
        if day == self.indicator.target_date:
            binding.load(text, force=True)
            return
        self._run("target_date", day)
        binding.load(format_numeric_date(day, current_language()) if day else "", force=True)

    def _done_toggled(self, checked: bool) -> None:
        if self._loading or self.indicator is None or checked == self.indicator.target_done:
            return
        if not self._run("target_done", checked):
            self._loading = True
            self.target_done.setChecked(self.indicator.target_done)
            self._loading = False

    def _add_unit(self) -> None:
        data = self.unit_combo.currentData()
        if not data or self.indicator is None:
            return
        row = self.units.add_unit(uuid.UUID(data))
        index = self.units.index(row, 1)
        self.units_view.setCurrentIndex(index)
        self.units_view.edit(index)


def _figures(indicator: IndicatorInfo) -> tuple[list[str], list[list[str]]]:
    """The indicator's figures by year as text (what Enter on its chart shows)."""
    lang = current_language()
    kinds = (ValueKind.BASELINE, ValueKind.TARGET, ValueKind.ACTUAL)
    years = sorted({year for year, _kind in indicator.values})
    rows = [
        [str(year), *(format_value(indicator.values.get((year, k)), lang) for k in kinds)]
        for year in years
    ]
    return [_("Year"), *(capitalised(label(k)) for k in kinds)], rows
