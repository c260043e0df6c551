"""Percentages from counts for the diversity plan (issue 8); the status rule itself is
``tests/test_progress_rule.py``."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from planner_app.formatting import format_percent
from planner_app.services.diversity_status import format_share, percent_of, round_tenths

D = Decimal


@pytest.mark.parametrize(
    ("numerator", "denominator", "exact", "nl", "fr"),
    [
        (42, 1000, Fraction(21, 5), "4,2%", "4,2\u202f%"),
        (23, 1000, Fraction(23, 10), "2,3%", "2,3\u202f%"),
        (1, 3, Fraction(100, 3), "33,3%", "33,3\u202f%"),
        (2, 3, Fraction(200, 3), "66,7%", "66,7\u202f%"),
        (1, 8, Fraction(25, 2), "12,5%", "12,5\u202f%"),
        (1, 16, Fraction(25, 4), "6,3%", "6,3\u202f%"),  # 6.25 rounds half up
        (0, 7, Fraction(0), "0,0%", "0,0\u202f%"),
        (7, 7, Fraction(100), "100,0%", "100,0\u202f%"),
        (6, 250, Fraction(12, 5), "2,4%", "2,4\u202f%"),  # the seed's "6 (2.4%)"
    ],
)
def test_percentages_from_counts(numerator, denominator, exact, nl, fr):
    assert percent_of(numerator, denominator) == exact
    assert format_share(numerator, denominator, "nl") == nl
    assert format_share(numerator, denominator, "fr") == fr


@pytest.mark.parametrize(
    ("value", "rounded"),
    [(Fraction(1, 20), D("0.1")), (Fraction(1, 21), D("0.0")), (Fraction(-1, 20), D("-0.1"))],
)
def test_round_tenths_half_up(value, rounded):
    assert round_tenths(value) == rounded


def test_format_percent_belgian():
    assert format_percent(D("4.2"), "nl") == "4,2%"
    assert format_percent(D("4.2"), "fr") == "4,2\u202f%"
    assert format_percent(D("1234.5"), "nl") == "1.234,5%"
    assert format_percent(None, "nl") == ""
