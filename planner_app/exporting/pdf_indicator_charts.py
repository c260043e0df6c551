"""The charts of an objective's indicators in the plan document: for each indicator that
has measured something by the document's date (an actual of a year or a quarter), its
line from the baseline to the targets and its actuals (``pdf_progress_chart``), under
the objective's indicator table, titled with the objective's number and the whole name.

An indicator with targets only (a plan for signature measures nothing yet) gets no
chart: its table says all a line from the baseline to a target would, and a plan of
10,000 initiatives would print 10,000 such charts. Drawn at the document's reference
date (``ctx.at``), so ``verify --pdf`` makes them again. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from planner_app.domain.enums import ValueKind
from planner_app.exporting.pdf_progress_chart import progress_chart
from planner_app.exporting.pdf_story import StoryContext
from planner_app.services.details import IndicatorInfo


def measured(indicator: IndicatorInfo) -> bool:
    """Whether it has an actual at all (a year's or a quarter's)."""
    return bool(indicator.quarters) or any(k is ValueKind.ACTUAL for _y, k in indicator.values)


def indicator_charts(
    ctx: StoryContext, indicators: Iterable[IndicatorInfo], number: str
) -> list[Flowable]:
    """A chart for each of ``indicators`` (of the objective ``number``) that has
    measured something by ``ctx.at``; each kept whole on its page."""
    story: list[Flowable] = []
    for indicator in indicators:
        if not measured(indicator):
            continue
        name = ctx.text.plain(indicator.name, number, "indicator")
        title = f"{number} {name}".strip()
        if indicator.unit_of_measure:
            title += f" ({indicator.unit_of_measure})"
        chart = progress_chart(ctx.t, indicator.chart(ctx.at), title)
        if chart is not None and chart.contents:
            story.append(KeepTogether([Spacer(1, 3 * mm), chart]))
    return story
