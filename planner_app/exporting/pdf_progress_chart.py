"""The chart of one indicator in a document (reportlab graphics), as the window draws it
(``ui.core.progress_chart``): the line from the baseline to the targets the status is
judged on, the actuals, a time axis whose years are labelled in the middle of each
year, and the whole title, wrapped over as many lines as it needs.

Charts only draw: exact values become floats here; the figures a reader reads are in
the table beside the chart.
"""

from __future__ import annotations

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit

from planner_app.exporting.pdf_fonts import BASE_FONT
from planner_app.i18n import N_
from planner_app.services.progress_rule import Series

LINE = colors.HexColor("#2f6fd6")
ACTUAL = colors.HexColor("#f08c00")
CHART_WIDTH, PLOT_HEIGHT = 160 * mm, 45 * mm
TITLE_SIZE, LABEL_SIZE = 8, 7


def drawing(width: float, height: float) -> Drawing:
    """A drawing whose initial font is ours: reportlab's default (Times-Roman) would
    put an unembedded font into the PDF even when every label names ours."""
    found = Drawing(width, height)
    found.initialFontName = BASE_FONT
    return found


def progress_chart(t, series: Series, title: str, width: float = CHART_WIDTH) -> Drawing | None:
    """The chart of ``series`` under ``title`` (``t`` translates our labels into the
    document's language); ``None`` when there is nothing to draw."""
    if series.years is None:
        return None
    first, last = series.years
    lines = simpleSplit(title, BASE_FONT, TITLE_SIZE, width) if title else []
    title_room = len(lines) * (TITLE_SIZE + 2) + 4
    height = PLOT_HEIGHT + 36 + title_room
    found = drawing(width, height)
    for n, text in enumerate(lines):
        y = height - (n + 1) * (TITLE_SIZE + 2)
        found.add(String(0, y, text, fontName=BASE_FONT, fontSize=TITLE_SIZE))
    shown = [(list(pts), colour) for pts, colour in ((series.line, LINE), (series.actuals, ACTUAL))]
    shown = [(pts, colour) for pts, colour in shown if pts]
    plot = LinePlot()
    plot.x, plot.y = 34, 28
    plot.width, plot.height = width - 50, PLOT_HEIGHT
    plot.data = [[(float(x), float(v)) for x, v in pts] for pts, _colour in shown]
    values = [float(v) for pts, _c in shown for _x, v in pts]
    axis = plot.xValueAxis
    axis.valueMin, axis.valueMax = first, last + 1
    axis.valueSteps = [first + n for n in range(last - first + 2)]  # the years' boundaries
    axis.labelTextFormat = lambda _value: ""  # the years are written between the ticks
    plot.yValueAxis.valueMin = min(0.0, min(values))
    plot.yValueAxis.valueMax = max(values) * 1.15 if max(values) > 0 else 1.0
    plot.yValueAxis.labels.fontName = BASE_FONT
    plot.yValueAxis.labels.fontSize = LABEL_SIZE
    for n, (_pts, colour) in enumerate(shown):
        plot.lines[n].strokeColor = colour
        plot.lines[n].strokeWidth = 1.5
        marker = "FilledCircle" if colour is LINE else "FilledDiamond"
        plot.lines[n].symbol = makeMarker(marker, size=5, fillColor=colour)
        if colour is LINE:
            plot.lines[n].strokeDashArray = (4, 2)
    found.add(plot)
    span = plot.width / (last - first + 1)
    for n, year in enumerate(range(first, last + 1)):
        x = plot.x + (n + 0.5) * span
        found.add(
            String(
                x,
                plot.y - 10,
                str(year),
                fontName=BASE_FONT,
                fontSize=LABEL_SIZE,
                textAnchor="middle",
            )
        )
    found.add(Line(plot.x, plot.y, plot.x + plot.width, plot.y, strokeWidth=0.5))
    legend = Legend()
    legend.x, legend.y = plot.x, 8
    legend.fontName, legend.fontSize = BASE_FONT, LABEL_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 140
    names = {LINE: N_("Baseline and targets"), ACTUAL: N_("Actual")}
    legend.colorNamePairs = [(colour, t(names[colour])) for _pts, colour in shown]
    found.add(legend)
    return found
