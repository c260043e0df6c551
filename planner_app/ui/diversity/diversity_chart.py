"""The diversity plan's indicator chart: the one indicator chart (``progress_chart``),
judged today, with its figures by year as text (Enter on the chart)."""

from __future__ import annotations

from planner_app.domain.enums import ValueKind
from planner_app.i18n import _, current_language
from planner_app.services.diversity_read import DiversityIndicatorInfo, format_value
from planner_app.services.reference import today
from planner_app.ui.core.progress_chart import ProgressChart


class IndicatorChart(ProgressChart):
    """Baseline and targets joined by the line the status is judged on; the actuals
    that count today. GUI thread only."""

    def show_indicator(self, indicator: DiversityIndicatorInfo | None, title: str = "") -> None:
        if indicator is None:
            self.show_series(None, title)
            return
        self.show_series(indicator.chart(today()), title, _figures(indicator))


def _figures(indicator: DiversityIndicatorInfo) -> tuple[list[str], list[list[str]]]:
    """Year, baseline or target, actual: the figures the chart draws, as text."""
    lang = current_language()
    by_year: dict[int, list[str]] = {}
    base = indicator.baseline
    shown = [(base.year, base)] if base is not None else []
    shown += [
        (y, v)
        for y, v in indicator.of_kind(ValueKind.TARGET).items()
        if base is None or y >= base.year
    ]
    for column, points in enumerate((shown, indicator.of_kind(ValueKind.ACTUAL).items())):
        for year, value in points:
            text = format_value(indicator.unit, value, lang)
            if text:
                by_year.setdefault(year, ["", ""])[column] = text
    header = [_("Year"), _("Baseline and targets"), _("Actual")]
    return header, [[str(year), *values] for year, values in sorted(by_year.items())]
