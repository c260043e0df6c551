"""Percentages from counts for the diversity plan's indicators, exactly.

Their status follows the one rule of every indicator (``progress_rule``), re-exported
here for the modules that know it by this name. No Qt.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from planner_app.formatting import format_percent
from planner_app.services.progress_rule import (
    STATUS_LABELS,
    Assessment,
    IndicatorStatus,
    assess,
    expected_value,
)

__all__ = [
    "STATUS_LABELS",
    "Assessment",
    "IndicatorStatus",
    "assess",
    "expected_value",
    "format_share",
    "percent_of",
    "round_tenths",
]


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
