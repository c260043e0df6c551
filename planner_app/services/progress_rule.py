"""The one status rule of an indicator, for objectives' indicators and the diversity
plan's alike, judged at a reference date. The window, the workbook and the PDF all call
``assess``; the README says the same rule in words.

Time runs in days. An indicator's baseline of year Y is the value as Y begins (1 January
Y: a "nulmeting 2025" is where 2025 starts); a target of year Y is the value expected
when Y ends (31 December Y). The *line* runs straight from the baseline to each target
in turn (targets before the baseline's year are ignored, a target in the baseline's own
year counts), flat at the baseline before it and flat at the last target after it.

An actual measures a period: a year, or a quarter where the plan reports quarterly. At
the reference date ``at`` (judged at the end of that day) only actuals whose period has
begun count; a period still running counts as measured on ``at`` (the latest measure so
far), a finished one at its last day. The latest of them is *the actual*; the baseline's
year is the earliest an actual may be of.

* a numeric target and an actual: higher is better when the last target is at least
  the baseline, lower is better otherwise. While the last target's year is running,
  the actual on the line or on its better side is ``ON_TRACK``, on the worse side
  ``BEHIND``. Once that year is over (``at`` is its 31 December or later) the actual is
  held against the last target itself: ``REACHED`` or ``MISSED``;
* no numeric target but a target in words: ``DONE`` or ``OPEN`` by a person's mark;
* no target at all (a target before the baseline's year is none): ``NO_TARGET``;
* a numeric target without a baseline, or without an actual by ``at``: ``NO_DATA``.

Arithmetic is exact (``Fraction``): no float ever decides a status. No Qt.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise

from planner_app.domain.due import quarter_end, quarter_start
from planner_app.i18n import N_

Number = Decimal | int | Fraction


class IndicatorStatus(StrEnum):
    ON_TRACK = "on_track"
    BEHIND = "behind"
    REACHED = "reached"
    MISSED = "missed"
    DONE = "done"
    OPEN = "open"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"


STATUS_LABELS = {
    IndicatorStatus.ON_TRACK: N_("on track"),
    IndicatorStatus.BEHIND: N_("behind"),
    IndicatorStatus.REACHED: N_("reached"),
    IndicatorStatus.MISSED: N_("missed"),
    IndicatorStatus.DONE: N_("done"),
    IndicatorStatus.OPEN: N_("open"),
    IndicatorStatus.NO_DATA: N_("no data"),
    IndicatorStatus.NO_TARGET: N_("no target"),
}

# A shape beside the word wherever a status is shown in colour (never colour alone).
STATUS_SYMBOLS = {
    IndicatorStatus.ON_TRACK: "●",
    IndicatorStatus.BEHIND: "▼",
    IndicatorStatus.REACHED: "✔",
    IndicatorStatus.MISSED: "✖",
    IndicatorStatus.DONE: "✔",
    IndicatorStatus.OPEN: "○",
    IndicatorStatus.NO_DATA: "?",
    IndicatorStatus.NO_TARGET: "–",
}

# Statuses that ask for attention (a roll-up counts them).
ATTENTION = frozenset({IndicatorStatus.BEHIND, IndicatorStatus.MISSED})


@dataclass(frozen=True)
class Assessment:
    """A status and what it was judged on: the actual (its value and the day it counts
    as measured) and ``expected``, the line on that day (or the last target, once its
    year is over)."""

    status: IndicatorStatus
    measured: dt.date | None = None
    actual: Fraction | None = None
    expected: Fraction | None = None


def year_start(year: int) -> dt.date:
    return dt.date(year, 1, 1)


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def line_points(
    baseline: tuple[int, Number], targets: Mapping[int, Number]
) -> list[tuple[dt.date, Fraction]]:
    """The line's corners as (day, value), each at the end of its day: the baseline as
    its year begins (the end of the day before), each target (of the baseline's year
    or later) as its year ends, in time order."""
    points = [(year_start(baseline[0]) - dt.timedelta(days=1), Fraction(baseline[1]))]
    points += [
        (year_end(year), Fraction(value))
        for year, value in sorted(targets.items())
        if year >= baseline[0]
    ]
    return points


def expected_value(
    baseline: tuple[int, Number], targets: Mapping[int, Number], day: dt.date
) -> Fraction:
    """The line's value at the end of ``day`` (exact)."""
    points = line_points(baseline, targets)
    t = day.toordinal()
    if t <= points[0][0].toordinal():
        return points[0][1]
    for (d0, v0), (d1, v1) in pairwise(points):
        t0, t1 = d0.toordinal(), d1.toordinal()
        if t <= t1:
            return v0 + (v1 - v0) * Fraction(t - t0, t1 - t0)
    return points[-1][1]


def latest_actual(
    actuals: Mapping[int, Number],
    quarters: Mapping[tuple[int, int], Number],
    at: dt.date,
    since: int,
) -> tuple[dt.date, Fraction] | None:
    """The latest actual at ``at`` (the day it counts as measured, its value): of the
    periods begun by ``at`` and not before the year ``since``; a running period counts
    as measured on ``at``. Between a year and a quarter that count on the same day, the
    shorter period (the quarter) is the more precise measure."""
    found: list[tuple[dt.date, int, Fraction]] = []
    for year, value in actuals.items():
        if year >= since and year_start(year) <= at:
            found.append((min(year_end(year), at), 1, Fraction(value)))
    for (year, quarter), value in quarters.items():
        if year >= since and quarter_start(year, quarter) <= at:
            found.append((min(quarter_end(year, quarter), at), 2, Fraction(value)))
    if not found:
        return None
    day, _precision, value = max(found, key=lambda f: (f[0], f[1]))
    return day, value


def assess(
    baseline: tuple[int, Number] | None,
    targets: Mapping[int, Number],
    actuals: Mapping[int, Number],
    *,
    at: dt.date,
    quarters: Mapping[tuple[int, int], Number] | None = None,
    text_target: bool = False,
    text_done: bool = False,
) -> Assessment:
    """The status of one indicator at the end of day ``at``, by this module's rule.

    ``baseline``: (year, value); ``targets`` and ``actuals``: value by year;
    ``quarters``: actuals by (year, quarter); ``text_target``: it has a target in words,
    ``text_done``: a person marked that target done."""
    if baseline is not None:  # a target before the baseline's year is not a target
        targets = {year: value for year, value in targets.items() if year >= baseline[0]}
    if not targets:
        if text_target:
            return Assessment(IndicatorStatus.DONE if text_done else IndicatorStatus.OPEN)
        return Assessment(IndicatorStatus.NO_TARGET)
    if baseline is None:
        return Assessment(IndicatorStatus.NO_DATA)
    latest = latest_actual(actuals, quarters or {}, at, baseline[0])
    if latest is None:
        return Assessment(IndicatorStatus.NO_DATA)
    measured, actual = latest
    last_year = max(targets)
    last_target = Fraction(targets[last_year])
    higher_is_better = last_target >= Fraction(baseline[1])

    def meets(expected: Fraction) -> bool:
        return actual >= expected if higher_is_better else actual <= expected

    if at >= year_end(last_year):
        status = IndicatorStatus.REACHED if meets(last_target) else IndicatorStatus.MISSED
        return Assessment(status, measured, actual, last_target)
    expected = expected_value(baseline, targets, measured)
    status = IndicatorStatus.ON_TRACK if meets(expected) else IndicatorStatus.BEHIND
    return Assessment(status, measured, actual, expected)


# --- what a chart draws ---------------------------------------------------------------


def time_x(day: dt.date) -> Fraction:
    """The end of ``day`` on a chart's time axis in years: 31 December 2024 ends at
    2025 (where 2025 begins), 31 December 2025 at 2026."""
    first = dt.date(day.year, 1, 1).toordinal()
    days = dt.date(day.year, 12, 31).toordinal() - first + 1
    return day.year + Fraction(day.toordinal() - first + 1, days)


@dataclass(frozen=True)
class Series:
    """An indicator as a chart draws it at a reference date: the line the status is
    judged on (baseline, then the targets) and the actuals that count by then, each as
    (time in years, exact value) in time order (``time_x``)."""

    line: tuple[tuple[Fraction, Fraction], ...]
    actuals: tuple[tuple[Fraction, Fraction], ...]

    @property
    def years(self) -> tuple[int, int] | None:
        """The first and last calendar year the chart covers, or None when empty."""
        xs = [x for x, _v in (*self.line, *self.actuals)]
        if not xs:
            return None
        first = math.floor(min(xs))
        return first, max(first, math.ceil(max(xs)) - 1)


def series(
    baseline: tuple[int, Number] | None,
    targets: Mapping[int, Number],
    actuals: Mapping[int, Number],
    *,
    at: dt.date,
    quarters: Mapping[tuple[int, int], Number] | None = None,
) -> Series:
    """The chart of an indicator at ``at``: its line and the actuals ``assess`` could
    take (periods begun by ``at``, a running one at ``at``)."""
    if baseline is not None:
        line = [(time_x(d), v) for d, v in line_points(baseline, targets)]
    else:
        line = [(time_x(year_end(y)), Fraction(v)) for y, v in sorted(targets.items())]
    points: list[tuple[Fraction, Fraction]] = []
    for year, value in actuals.items():
        if year_start(year) <= at:
            points.append((time_x(min(year_end(year), at)), Fraction(value)))
    for (year, quarter), value in (quarters or {}).items():
        if quarter_start(year, quarter) <= at:
            points.append((time_x(min(quarter_end(year, quarter), at)), Fraction(value)))
    return Series(tuple(line), tuple(sorted(points)))
