"""Bar charts (Qt Charts, from PySide6-Addons) for the budget and staffing editors.

Charts only draw: exact ``Decimal`` figures are turned into floats here and nowhere
else, and every number a user reads stays in the tables next to them.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import QWidget

from planner_app.formatting import belgian_locale, format_number
from planner_app.i18n import _, current_language
from planner_app.ui.core.chart_table import ChartFigures

MAX_LABEL = 40  # a group's name on the axis (28 cut "Enveloppe 1 (personeel onde…")
LABEL_GAP = 24  # pixels between two axis numbers, so they never run together
REFRESH_MS = 120  # a burst of edits (typing down a column, a paste) redraws once


def refresher(parent: QWidget, redraw) -> QTimer:
    """A single-shot timer that calls ``redraw`` shortly after the last ``start()``:
    charts follow every edit without slowing the edit itself."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(REFRESH_MS)
    timer.timeout.connect(redraw)
    return timer


def title_text(text: str) -> str:
    """``text`` as a chart title: QChart reads titles as rich text, so a unit or an
    indicator named "<b>" or "R&D" is escaped (user text is data, never markup). Not
    shortened: the chart elides it to the width it has, so a wide chart shows it whole."""
    return html.escape(text, quote=False)


def short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _figure(value: Decimal | None, lang: str) -> str:
    """A figure as the tables show it (exact; empty when there is none)."""
    if value is None:
        return ""
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(value, lang, decimals=min(decimals, 3))


def nice_step(top: float, most: int) -> float:
    """The smallest step of 1, 2 or 5 × 10ⁿ that covers 0‥``top`` in at most ``most``
    intervals: axis numbers a reader can add up in their head."""
    if top <= 0:
        return 1.0
    most = max(most, 1)
    magnitude = 10.0 ** math.floor(math.log10(top / most))
    for factor in (1, 2, 5, 10):
        step = factor * magnitude
        if top / step <= most + 1e-9:
            return step
    return 10 * magnitude  # pragma: no cover - the loop always returns


def new_chart() -> QChart:
    """An empty chart with our margins, the legend below and no animation."""
    chart = QChart()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


class BarChart(ChartFigures, QChartView):
    """Horizontal bars: one category per row (group, unit), one bar set per series.

    ``stacked`` stacks the sets (FTE by statute); otherwise they stand side by side
    (years, as-is vs planned). Rebuilt from plain values on every ``show_values``.
    """

    def __init__(self, *, stacked: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stacked = stacked
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.setChart(self._new_chart())
        self.series_names: list[str] = []
        self.categories: list[str] = []
        self.axis_x: QValueAxis | None = None
        self.top = 0.0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.set_figures("", [], [])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.chart_key(event):
            super().keyPressEvent(event)

    @staticmethod
    def _new_chart() -> QChart:
        return new_chart()

    def show_values(
        self,
        title: str,
        categories: Sequence[str],
        series: Sequence[tuple[str, Sequence[Decimal | None]]],
    ) -> None:
        """Draw ``series`` (name, one value per category; None draws nothing)."""
        # A new chart each time: a QChart whose axes were removed and replaced kept
        # drawing the old axis labels under the new ones (seen with PySide6 6.12).
        old, chart = self.chart(), self._new_chart()
        self.setChart(chart)
        old.deleteLater()
        lang = current_language()
        self.set_figures(
            title,
            ["", *(name for name, _values in series)],
            [
                [category, *(_figure(values[i], lang) for _name, values in series)]
                for i, category in enumerate(categories)
            ],
        )
        if not categories or not any(v for _name, values in series for v in values):
            # nothing but empty cells: say so, not a 0-2 axis of "…" labels
            chart.setTitle(
                title_text(_("{title}: no figures yet").format(title=title)) if title else ""
            )
            self.series_names, self.categories, self.axis_x, self.top = [], [], None, 0.0
            return
        chart.setTitle(title_text(title))
        # Axis numbers as the tables show them: 1.000.000 (nl), 1 000 000 (fr).
        chart.setLocale(QLocale(belgian_locale(current_language())))
        chart.setLocalizeNumbers(True)
        self.series_names = [name for name, _values in series]
        self.categories = [short(c) for c in categories]
        # horizontal bars grow upwards: reversed, the first row is drawn at the top
        categories = list(reversed(self.categories))
        series = [(name, list(reversed(values))) for name, values in series]
        bars = QHorizontalStackedBarSeries() if self.stacked else QHorizontalBarSeries()
        top = 0.0
        for name, values in series:
            bar_set = QBarSet(name)
            for value in values:
                number = float(value) if value is not None else 0.0
                bar_set.append(number)
                top = max(top, number)
            bars.append(bar_set)
        chart.addSeries(bars)
        axis_y = QBarCategoryAxis()
        axis_y.append(categories)
        font = axis_y.labelsFont()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        axis_y.setLabelsFont(font)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(axis_y)
        axis_x = QValueAxis()
        axis_x.setLabelFormat("%.0f")
        if self.stacked:
            columns = zip(*(values for _name, values in series), strict=False)
            top = max((sum(float(v or 0) for v in column) for column in columns), default=0.0)
        self.axis_x, self.top = axis_x, top
        self._fit_ticks()
        chart.plotAreaChanged.connect(self._fit_ticks)  # laid out later, resized later
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(axis_x)
        chart.legend().setVisible(len(series) > 1)

    def _fit_ticks(self, *_area) -> None:
        """As many round axis numbers as the width holds without overlapping: Qt's
        own nice numbers put 1.000.000-sized labels on top of each other in a
        narrow chart (seen beside the budget table at 800 pixels wide)."""
        axis = self.axis_x
        if axis is None:
            return
        widest = self.chart().locale().toString(max(self.top, 1.0) * 10, "f", 0)
        label = QFontMetrics(axis.labelsFont()).horizontalAdvance(widest) + LABEL_GAP
        plot = self.chart().plotArea().width()
        room = plot if plot > 0 else self.width() * 0.6
        # Labels are whole numbers ("%.0f"): a step under 1 would print 0 0 0 1 1 1.
        step = max(nice_step(self.top if self.top > 0 else 1.0, int(room // label)), 1.0)
        axis.setRange(0, step * math.ceil((self.top or 1.0) * 1.02 / step))
        axis.setTickType(QValueAxis.TickType.TicksDynamic)
        axis.setTickAnchor(0)
        axis.setTickInterval(step)
