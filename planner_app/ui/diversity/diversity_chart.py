"""The chart of one diversity indicator: the straight line from the baseline to the
targets, the targets themselves and the actuals, over the years (Qt Charts).

Charts only draw: exact values become floats here and nowhere else; the numbers a user
reads stay in the table beside the chart.
"""

from __future__ import annotations

from PySide6.QtCharts import QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QWidget

from planner_app.domain.enums import ValueKind
from planner_app.i18n import _, current_language
from planner_app.services.diversity_read import DiversityIndicatorInfo, format_value
from planner_app.ui.core.chart_table import ChartFigures
from planner_app.ui.core.charts import new_chart, title_text

LINE_COLOUR = "#2f6fd6"
ACTUAL_COLOUR = "#f08c00"


class IndicatorChart(ChartFigures, QChartView):
    """Baseline and targets joined by the line the status is judged on; actuals as
    their own line with markers. Rebuilt from plain values on every ``show_indicator``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.setChart(new_chart())
        self.series_names: list[str] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.set_figures("", [], [])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.chart_key(event):
            super().keyPressEvent(event)

    def show_indicator(self, indicator: DiversityIndicatorInfo | None, title: str = "") -> None:
        old, chart = self.chart(), new_chart()  # see charts.BarChart.show_values
        self.setChart(chart)
        old.deleteLater()
        chart.setTitle(title_text(title) if title else "")
        self.series_names = []
        if indicator is None:
            self.set_figures(title, [], [])
            return
        line, actuals = indicator.chart_points()
        lang = current_language()
        by_year: dict[int, list[str]] = {}
        base = indicator.baseline
        shown = [(base.year, base)] if base is not None else []
        shown += [
            (y, v)
            for y, v in indicator.of_kind(ValueKind.TARGET).items()
            if base is None or y > base.year
        ]
        for column, pts in enumerate((shown, indicator.of_kind(ValueKind.ACTUAL).items())):
            for year, value in pts:
                text = format_value(indicator.unit, value, lang)
                if text:
                    by_year.setdefault(year, ["", ""])[column] = text
        self.set_figures(
            title,
            [_("Year"), _("Baseline and targets"), _("Actual")],
            [[str(year), *values] for year, values in sorted(by_year.items())],
        )
        points = {
            _("Baseline and targets"): [(y, float(v)) for y, v in line],
            _("Actual"): [(y, float(v)) for y, v in actuals],
        }
        every = [p for pts in points.values() for p in pts]
        if not every:
            return
        axis_x, axis_y = QValueAxis(), QValueAxis()
        axis_x.setLabelFormat("%d")
        years = [y for y, _v in every]
        first, last = min(years) - 1, max(years) + 1  # a year of room either side
        axis_x.setRange(first, last)
        axis_x.setTickCount(min(last - first + 1, 12))
        values = [v for _y, v in every]
        top = max(values) * 1.15 if max(values) > 0 else 1.0
        axis_y.setRange(min(0.0, min(values)), top)
        axis_y.applyNiceNumbers()
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for (name, pts), colour in zip(points.items(), (LINE_COLOUR, ACTUAL_COLOUR), strict=True):
            if not pts:
                continue
            line, dots = QLineSeries(), QScatterSeries()
            line.setName(name)
            pen = QPen(QColor(colour), 2)
            if colour == LINE_COLOUR:
                pen.setStyle(Qt.PenStyle.DashLine)
            line.setPen(pen)
            dots.setColor(QColor(colour))
            dots.setMarkerSize(9)
            for year, value in pts:
                line.append(QPointF(year, value))
                dots.append(QPointF(year, value))
            for series in (line, dots):
                chart.addSeries(series)
                series.attachAxis(axis_x)
                series.attachAxis(axis_y)
            chart.legend().markers(dots)[0].setVisible(False)
            self.series_names.append(name)
