"""Progress at a glance for a diversity indicator, and percentages from counts.

The status rule (issue 8) compares the latest actual with the straight line from the
baseline to the targets:

* no target at all: ``NO_TARGET`` (the demo's 2025 plan states baselines only);
* a target but no baseline, or no actual in or after the baseline year: ``NO_DATA``;
* otherwise the expected value in the actual's year lies on the line through the
  baseline (year, value) and the targets (year, value) in year order, a straight
  segment between two neighbouring points; once the last target year has passed the
  line stays flat at the last target (the target year passed: the target itself is
  what is expected);
* direction: the last target above or equal to the baseline means higher is better
  (``ON_TRACK`` when actual >= expected); below the baseline means lower is better
  (``ON_TRACK`` when actual <= expected). An actual exactly on the line is on track;
  anything on the wrong side of it is ``BEHIND``.

Arithmetic is exact (``Fraction``): no float ever decides a status. No Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise

from planner_app.formatting import format_percent
from planner_app.i18n import N_

Number = Decimal | int | Fraction


class IndicatorStatus(StrEnum):
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"


STATUS_LABELS = {
    IndicatorStatus.ON_TRACK: N_("on track"),
    IndicatorStatus.BEHIND: N_("behind"),
    IndicatorStatus.NO_DATA: N_("no data"),
    IndicatorStatus.NO_TARGET: N_("no target"),
}


@dataclass(frozen=True)
class Assessment:
    """A status and what it was judged on (``expected``: the line in ``year``)."""

    status: IndicatorStatus
    year: int | None = None
    actual: Fraction | None = None
    expected: Fraction | None = None


def expected_value(
    baseline: tuple[int, Number], targets: Mapping[int, Number], year: int
) -> Fraction:
    """The line's value in ``year``: the baseline, then straight to each target in turn,
    flat after the last one (and at the baseline before the baseline year)."""
    points = [(baseline[0], Fraction(baseline[1]))]
    points += [(y, Fraction(v)) for y, v in sorted(targets.items()) if y > baseline[0]]
    if year <= points[0][0]:
        return points[0][1]
    for (y0, v0), (y1, v1) in pairwise(points):
        if year <= y1:
            return v0 + (v1 - v0) * Fraction(year - y0, y1 - y0)
    return points[-1][1]


def assess(
    baseline: tuple[int, Number] | None,
    targets: Mapping[int, Number],
    actuals: Mapping[int, Number],
) -> Assessment:
    """The status of one indicator by the rule in this module's docstring."""
    if not targets:
        return Assessment(IndicatorStatus.NO_TARGET)
    if baseline is None:
        return Assessment(IndicatorStatus.NO_DATA)
    usable = [y for y in actuals if y >= baseline[0]]
    if not usable:
        return Assessment(IndicatorStatus.NO_DATA)
    year = max(usable)
    actual = Fraction(actuals[year])
    expected = expected_value(baseline, targets, year)
    last_target = Fraction(targets[max(targets)])
    higher_is_better = last_target >= Fraction(baseline[1])
    on_track = actual >= expected if higher_is_better else actual <= expected
    status = IndicatorStatus.ON_TRACK if on_track else IndicatorStatus.BEHIND
    return Assessment(status, year, actual, expected)


def percent_of(numerator: int, denominator: int) -> Fraction:
    """The exact share ``numerator / denominator`` in percent."""
    return Fraction(numerator * 100, denominator)


def round_tenths(value: Fraction) -> Decimal:
    """``value`` rounded half up to one decimal, exactly (no binary float in between)."""
    sign = -1 if value < 0 else 1
    tenths = (abs(value) * 20 + 1) // 2  # floor(10|v| + 1/2)
    return Decimal(sign * tenths).scaleb(-1)


def format_share(numerator: int, denominator: int, lang: str) -> str:
    """``42/1000`` -> nl ``4,2%``, fr ``4,2 %`` (one decimal, the Belgian way)."""
    return format_percent(round_tenths(percent_of(numerator, denominator)), lang, decimals=1)
