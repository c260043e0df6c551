"""The Staffing tab: units × statute for as-is and planned, their difference, a unit
kind filter, and two charts below the table (per unit and statute; as-is vs planned),
in FTE or headcount as the Show switch says."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.enums import Scenario, UnitKind
from planner_app.domain.labels import label
from planner_app.i18n import _
from planner_app.services.staffing import StaffingKey
from planner_app.ui.budget.budget_editor import FigureTableView, RefusalLabel
from planner_app.ui.core.charts import BarChart, refresher
from planner_app.ui.core.document import PlanDocument, document_read_only
from planner_app.ui.core.labels import capitalised
from planner_app.ui.core.printed_totals import printed_total_action
from planner_app.ui.staffing.staffing_table import STATUTES, StaffingTableModel


class StaffingEditor(QWidget):
    """Edits the staffing figures of the document's plan; owns its model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = StaffingTableModel(self)
        self.message = RefusalLabel("staffing_message")
        self.view = FigureTableView(self.model, self.message)
        self.view.setObjectName("staffing_view")
        self.view.setAccessibleName(_("Staffing per unit and statute"))
        self.model.refused.connect(self.message.setText)
        self.model.dataChanged.connect(self.message.clear)  # the next good edit: gone
        self.model.modelReset.connect(self._resize_columns)
        self.statute_chart = BarChart(stacked=True)
        self.scenario_chart = BarChart()
        self.chart_timer = refresher(self, self.update_charts)
        self.model.totals_changed.connect(self.chart_timer.start)

        self.measure_combo = QComboBox()
        self.measure_combo.addItem(_("FTE"), "fte")
        self.measure_combo.addItem(_("Headcount"), "headcount")
        self.measure_combo.activated.connect(
            lambda _i: self.model.set_choice(measure=self.measure_combo.currentData())
        )
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(_("All units"), "")
        for kind in UnitKind:
            self.kind_combo.addItem(capitalised(label(kind)), kind.value)
        self.kind_combo.activated.connect(self._kind_chosen)
        self.as_is_combo = QComboBox()
        self.planned_combo = QComboBox()
        self.as_is_combo.activated.connect(
            lambda _i: self.model.set_choice(as_is_year=self.as_is_combo.currentData())
        )
        self.planned_combo.activated.connect(
            lambda _i: self.model.set_choice(planned_year=self.planned_combo.currentData())
        )
        tools = QHBoxLayout()
        for text, widget in (
            (_("Show"), self.measure_combo),
            (_("Units"), self.kind_combo),
            (_("As-is year"), self.as_is_combo),
            (_("Planned year"), self.planned_combo),
        ):
            tools.addWidget(QLabel(text))
            tools.addWidget(widget)
            tools.addSpacing(8)
        tools.addStretch(1)
        # The table takes the whole width (beside the charts its planned columns were
        # behind a horizontal scroll bar); the two charts sit side by side below it.
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.setObjectName("staffing_charts_row")  # kept between runs (main window)
        charts.addWidget(self.statute_chart)
        charts.addWidget(self.scenario_chart)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("staffing_table_charts")
        splitter.addWidget(self.view)
        splitter.addWidget(charts)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([450, 300])
        self.printed_action = printed_total_action(
            self, self.view, lambda: not document_read_only(self.model.document)
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(tools)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def set_document(self, document: PlanDocument | None) -> None:
        self.message.clear()
        self.model.set_document(document)
        self._fill_years()

    def _context_menu(self, pos) -> None:
        """Copy, paste and the printed total of the cell under the mouse."""
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.setCurrentIndex(index)
        self.printed_action.update_state()  # type: ignore[attr-defined]
        menu = QMenu(self)
        menu.addAction(self.view.copy_action)
        menu.addAction(self.view.paste_action)
        menu.addSeparator()
        menu.addAction(self.printed_action)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def set_language(self, language: str) -> None:
        self.model.beginResetModel()  # titles change; the view re-expands on reset
        self.model.language = language
        self.model.endResetModel()
        self.update_charts()

    def _fill_years(self) -> None:
        for combo, year in (
            (self.as_is_combo, self.model.as_is_year),
            (self.planned_combo, self.model.planned_year),
        ):
            combo.clear()
            for option in self.model.years:
                combo.addItem(str(option), option)
            combo.setCurrentIndex(max(0, combo.findData(year)))

    def _kind_chosen(self, _row: int) -> None:
        value = self.kind_combo.currentData()
        self.model.set_choice(kind=UnitKind(value) if value else None)

    def _resize_columns(self) -> None:
        self.view.expandAll()
        header = self.view.header()
        header.setMinimumSectionSize(48)
        # the unit names take the width the figures leave (no horizontal scrolling)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            # wide enough for its two-line header ("Planned 2025" / "Total", longer in
            # French) and its widest figure, never narrower than before
            least = 64 if (column - 1) % 4 < 3 else 76
            width = max(least, header.sectionSizeHint(column), self.view.sizeHintForColumn(column))
            self.view.setColumnWidth(column, width)

    def update_charts(self) -> None:
        """Per unit stacked by statute (planned year); as-is vs planned totals; FTE or
        headcount as the Show switch says (titles and figures alike)."""
        model = self.model
        rows = model.unit_rows()
        names = [model.name(info) for info, _row in rows]
        planned = StaffingKey(Scenario.PLANNED, model.planned_year)
        as_is = StaffingKey(Scenario.AS_IS, model.as_is_year)
        measure = model.measure  # "fte" or "headcount": the Figure attribute shown
        headcount = measure == "headcount"
        by_statute = (
            _("Headcount per unit and statute, planned {year}")
            if headcount
            else _("FTE per unit and statute, planned {year}")
        )
        compared = (
            _("Headcount as-is {as_is} and planned {planned}")
            if headcount
            else _("FTE as-is {as_is} and planned {planned}")
        )
        self.statute_chart.show_values(
            by_statute.format(year=model.planned_year),
            names,
            [
                (
                    statute.value,
                    [getattr(model.figure(row, planned, statute), measure) for _i, row in rows],
                )
                for statute in STATUTES
            ],
        )
        self.scenario_chart.show_values(
            compared.format(as_is=model.as_is_year, planned=model.planned_year),
            names,
            [
                (
                    _("As-is {year}").format(year=model.as_is_year),
                    [getattr(model.figure(row, as_is, None), measure) for _i, row in rows],
                ),
                (
                    _("Planned {year}").format(year=model.planned_year),
                    [getattr(model.figure(row, planned, None), measure) for _i, row in rows],
                ),
            ],
        )
