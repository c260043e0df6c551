"""The status rule of a diversity indicator and percentages from counts (issue 8)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from planner_app.formatting import format_percent
from planner_app.services.diversity_status import (
    IndicatorStatus as S,
)
from planner_app.services.diversity_status import (
    assess,
    expected_value,
    format_share,
    percent_of,
    round_tenths,
)

D = Decimal

# (case, baseline, targets, actuals, status)
CASES = [
    ("no target, no actual", (2025, D("4.2")), {}, {}, S.NO_TARGET),
    ("no target, with actual", (2025, D("4.2")), {}, {2026: D("5")}, S.NO_TARGET),
    ("target, no actual", (2025, D("4.2")), {2029: D("10")}, {}, S.NO_DATA),
    ("target, no baseline", None, {2029: D("10")}, {2026: D("5")}, S.NO_DATA),
    ("actual before the baseline year", (2025, D("4")), {2029: D("8")}, {2024: D("9")}, S.NO_DATA),
    # target above the baseline: higher is better; the line 4 -> 8 over 2025-2029 is +1/yr
    ("rising, above the line", (2025, D("4")), {2029: D("8")}, {2027: D("6.5")}, S.ON_TRACK),
    ("rising, exactly on the line", (2025, D("4")), {2029: D("8")}, {2027: D("6")}, S.ON_TRACK),
    ("rising, below the line", (2025, D("4")), {2029: D("8")}, {2027: D("5.9")}, S.BEHIND),
    ("rising, actual in baseline year", (2025, D("4")), {2029: D("8")}, {2025: D("4")}, S.ON_TRACK),
    # target below the baseline: lower is better (e.g. average age 46 -> 42)
    ("falling, below the line", (2025, D("46")), {2029: D("42")}, {2027: D("43")}, S.ON_TRACK),
    ("falling, exactly on the line", (2025, D("46")), {2029: D("42")}, {2027: D("44")}, S.ON_TRACK),
    ("falling, above the line", (2025, D("46")), {2029: D("42")}, {2027: D("45")}, S.BEHIND),
    # the target year has passed: the target itself is expected
    ("passed, target reached", (2025, D("4")), {2027: D("8")}, {2029: D("8")}, S.ON_TRACK),
    ("passed, target missed", (2025, D("4")), {2027: D("8")}, {2029: D("7.9")}, S.BEHIND),
    ("passed, falling missed", (2025, D("46")), {2027: D("42")}, {2029: D("43")}, S.BEHIND),
    # the latest actual counts, not an earlier good one
    (
        "latest actual decides",
        (2025, D("4")),
        {2029: D("8")},
        {2026: D("9"), 2028: D("6")},
        S.BEHIND,
    ),
    # several targets: a straight segment between neighbours (4 -> 6 in 2027 -> 12 in 2029)
    (
        "second segment, on it",
        (2025, D("4")),
        {2027: D("6"), 2029: D("12")},
        {2028: D("9")},
        S.ON_TRACK,
    ),
    (
        "second segment, under",
        (2025, D("4")),
        {2027: D("6"), 2029: D("12")},
        {2028: D("8")},
        S.BEHIND,
    ),
    # keep the level: a target equal to the baseline means at least that much
    ("keep level, held", (2025, D("50")), {2027: D("50")}, {2026: D("50")}, S.ON_TRACK),
    ("keep level, dropped", (2025, D("50")), {2027: D("50")}, {2026: D("49")}, S.BEHIND),
    # counts give exact thirds: 1/3 of the way from 0 to 1 in 2026 is exactly 1/3
    ("exact thirds on the line", (2025, 0), {2028: 1}, {2026: Fraction(1, 3)}, S.ON_TRACK),
]


@pytest.mark.parametrize(
    ("baseline", "targets", "actuals", "status"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_status_rule(baseline, targets, actuals, status):
    assert assess(baseline, targets, actuals).status is status


def test_assessment_names_year_and_expected_value():
    found = assess((2025, D("4")), {2029: D("8")}, {2026: D("4.5"), 2027: D("5")})
    assert (found.year, found.actual, found.expected) == (2027, 5, 6)


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2024, 4), (2025, 4), (2026, 5), (2027, 6), (2028, Fraction(15, 2)), (2029, 9), (2031, 9)],
)
def test_expected_value_is_piecewise_straight(year, expected):
    assert expected_value((2025, 4), {2027: 6, 2029: 9}, year) == expected


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
