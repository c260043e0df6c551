"""The chart of one indicator (an objective's or the diversity plan's): the straight line
from the baseline to the targets that the status is judged on, the targets on it and
the actuals, on a time axis whose years are labelled in the middle of each year (Qt
Charts). The title is shown whole, wrapped over as many lines as it needs.

Charts only draw: the exact values of ``progress_rule.Series`` become floats here and
nowhere else; the numbers a user reads stay in the table beside the chart, and the chart
keeps the figures it was given as text, one key away (Enter: ``chart_table``).
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QCategoryAxis,
    QChartView,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from planner_app.formatting import belgian_locale
from planner_app.i18n import _, current_language
from planner_app.services.progress_rule import Series
from planner_app.ui.core.chart_table import ChartFigures
from planner_app.ui.core.charts import new_chart

Figures = tuple[list[str], list[list[str]]]  # a header and rows of text

LINE_COLOUR = "#2f6fd6"
ACTUAL_COLOUR = "#f08c00"
MAX_YEAR_LABELS = 12


class ProgressChart(ChartFigures, QWidget):
    """A wrapped title over the chart view; rebuilt from a ``Series`` on every
    ``show_series``. The line is dashed with round markers, the actuals solid with
    diamonds: told apart without colour. GUI thread only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("chart_title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # user text is data, never markup
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(200)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the chart takes it: Enter
        self.view.setChart(new_chart())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        self.series_names: list[str] = []
        self.year_labels: list[str] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.set_figures("", [], [])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.chart_key(event):
            super().keyPressEvent(event)

    def chart(self):
        return self.view.chart()

    def show_series(
        self, series: Series | None, title: str = "", figures: Figures | None = None
    ) -> None:
        """Draw ``series`` under ``title`` (``None``: nothing, the title alone);
        ``figures`` are what it shows as text (Enter opens them as a table)."""
        old, chart = self.view.chart(), new_chart()  # see charts.BarChart.show_values
        self.view.setChart(chart)
        old.deleteLater()
        self.title.setText(title)
        self.set_figures(title, *(figures or ([], [])))
        self.view.setAccessibleName(title or _("Chart"))
        self.series_names, self.year_labels = [], []
        if series is None or series.years is None:
            if title:
                self.title.setText(_("{title}: no figures yet").format(title=title))
            return
        chart.setLocale(QLocale(belgian_locale(current_language())))
        chart.setLocalizeNumbers(True)
        first, last = series.years
        axis_x = _year_axis(first, last)
        self.year_labels = list(axis_x.categoriesLabels())
        axis_y = QValueAxis()
        values = [float(v) for _x, v in (*series.line, *series.actuals)]
        low, high = min(0.0, min(values)), max(values)
        axis_y.setRange(low, high * 1.15 if high > 0 else 1.0)
        axis_y.applyNiceNumbers()
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        drawn = (
            (_("Baseline and targets"), series.line, LINE_COLOUR, True),
            (_("Actual"), series.actuals, ACTUAL_COLOUR, False),
        )
        for name, points, colour, dashed in drawn:
            if not points:
                continue
            line, dots = QLineSeries(), QScatterSeries()
            line.setName(name)
            pen = QPen(QColor(colour), 2)
            if dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            line.setPen(pen)
            dots.setColor(QColor(colour))
            dots.setMarkerSize(9)
            dots.setMarkerShape(
                QScatterSeries.MarkerShape.MarkerShapeCircle
                if dashed
                else QScatterSeries.MarkerShape.MarkerShapeRotatedRectangle
            )
            for x, value in points:
                line.append(QPointF(float(x), float(value)))
                dots.append(QPointF(float(x), float(value)))
            for item in (line, dots):
                chart.addSeries(item)
                item.attachAxis(axis_x)
                item.attachAxis(axis_y)
            chart.legend().markers(dots)[0].setVisible(False)
            self.series_names.append(name)


def _year_axis(first: int, last: int) -> QCategoryAxis:
    """A time axis from the start of ``first`` to the end of ``last``: one category per
    year, its label in the middle of its span (a year is a span, not a point: a target
    sits where its year ends, a baseline where its year begins), the grid lines on the
    years' boundaries; smaller labels when there are many years."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
    axis.setStartValue(first)
    axis.setRange(first, last + 1)
    for year in range(first, last + 1):
        axis.append(str(year), year + 1)
    if last - first + 1 > MAX_YEAR_LABELS:
        font = QFont(axis.labelsFont())
        font.setPointSizeF(font.pointSizeF() * 0.8)
        axis.setLabelsFont(font)
    return axis
