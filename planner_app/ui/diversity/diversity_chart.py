"""The chart of one diversity indicator: ``core.progress_chart`` at the window's date."""

from __future__ import annotations

from planner_app.services.diversity_read import DiversityIndicatorInfo
from planner_app.services.reference import today
from planner_app.ui.core.progress_chart import ProgressChart


class IndicatorChart(ProgressChart):
    """Baseline and targets joined by the line the status is judged on; the actuals
    that count today. GUI thread only."""

    def show_indicator(self, indicator: DiversityIndicatorInfo | None, title: str = "") -> None:
        self.show_series(indicator.chart(today()) if indicator is not None else None, title)
