"""The one status rule of every indicator (issue 26), branch by branch, at reference
dates: the baseline as its year begins, targets as their year ends, the latest actual
that has begun, "missed"/"reached" once the last target's year is over."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner_app.services.progress_rule import (
    ATTENTION,
    STATUS_LABELS,
    STATUS_SYMBOLS,
    IndicatorStatus,
    assess,
    expected_value,
    latest_actual,
    series,
    time_x,
)

D = Decimal
S = IndicatorStatus
day = dt.date

# The example: a one-year plan, a 2025 baseline of 4,2 % and a 2025 target of
# 5,0 %, an actual of 4,5 %.
EXAMPLE = ((2025, D("4.2")), {2025: D("5.0")}, {2025: D("4.5")})

# (case, baseline, targets, actuals, reference date, status)
CASES = [
    # no target
    ("no target, no actual", (2025, D("4.2")), {}, {}, day(2026, 1, 1), S.NO_TARGET),
    ("no target, an actual", (2025, D("4.2")), {}, {2025: D("5")}, day(2026, 1, 1), S.NO_TARGET),
    (
        "a target before the baseline is none",
        (2025, D("4")),
        {2024: D("9")},
        {2025: D("5")},
        day(2026, 1, 1),
        S.NO_TARGET,
    ),
    # no data
    ("no baseline", None, {2029: D("10")}, {2026: D("5")}, day(2027, 1, 1), S.NO_DATA),
    ("no actual", (2025, D("4.2")), {2029: D("10")}, {}, day(2027, 1, 1), S.NO_DATA),
    (
        "actual before the baseline year",
        (2025, D("4")),
        {2029: D("8")},
        {2024: D("9")},
        day(2027, 1, 1),
        S.NO_DATA,
    ),
    (
        "actual of a year not begun",
        (2025, D("4")),
        {2029: D("8")},
        {2027: D("9")},
        day(2026, 12, 31),
        S.NO_DATA,
    ),
    # the example through the year
    ("example, Q1: ahead of the line", *EXAMPLE, day(2025, 3, 31), S.ON_TRACK),
    ("example, Q2: behind the line", *EXAMPLE, day(2025, 6, 30), S.BEHIND),
    ("example, Q3: behind the line", *EXAMPLE, day(2025, 9, 30), S.BEHIND),
    ("example, the year's last day: missed", *EXAMPLE, day(2025, 12, 31), S.MISSED),
    ("example, a year later: missed", *EXAMPLE, day(2026, 12, 7), S.MISSED),
    ("example, before the year", *EXAMPLE, day(2024, 12, 31), S.NO_DATA),
    (
        "target in the baseline's year, reached",
        (2025, D("4.2")),
        {2025: D("5")},
        {2025: D("5.1")},
        day(2025, 12, 31),
        S.REACHED,
    ),
    # rising: the line 4 (1/1/2025) -> 8 (31/12/2028): +1 a year, 6 at the end of 2026
    (
        "rising, on the line",
        (2025, D("4")),
        {2028: D("8")},
        {2026: D("6")},
        day(2027, 6, 1),
        S.ON_TRACK,
    ),
    (
        "rising, above the line",
        (2025, D("4")),
        {2028: D("8")},
        {2026: D("6.1")},
        day(2027, 6, 1),
        S.ON_TRACK,
    ),
    (
        "rising, below the line",
        (2025, D("4")),
        {2028: D("8")},
        {2026: D("5.9")},
        day(2027, 6, 1),
        S.BEHIND,
    ),
    ("rising, reached", (2025, D("4")), {2028: D("8")}, {2028: D("8")}, day(2029, 1, 1), S.REACHED),
    ("rising, missed", (2025, D("4")), {2028: D("8")}, {2028: D("7.9")}, day(2029, 1, 1), S.MISSED),
    (
        "rising, reached later",
        (2025, D("4")),
        {2027: D("8")},
        {2027: D("7"), 2028: D("8.5")},
        day(2029, 1, 1),
        S.REACHED,
    ),
    # falling (average age 46 -> 42): lower is better
    (
        "falling, below the line",
        (2025, D("46")),
        {2028: D("42")},
        {2026: D("43")},
        day(2027, 1, 1),
        S.ON_TRACK,
    ),
    (
        "falling, on the line",
        (2025, D("46")),
        {2028: D("42")},
        {2026: D("44")},
        day(2027, 1, 1),
        S.ON_TRACK,
    ),
    (
        "falling, above the line",
        (2025, D("46")),
        {2028: D("42")},
        {2026: D("45")},
        day(2027, 1, 1),
        S.BEHIND,
    ),
    (
        "falling, reached",
        (2025, D("46")),
        {2028: D("42")},
        {2028: D("41")},
        day(2029, 3, 31),
        S.REACHED,
    ),
    (
        "falling, missed",
        (2025, D("46")),
        {2028: D("42")},
        {2028: D("43")},
        day(2029, 3, 31),
        S.MISSED,
    ),
    # keep the level: a target equal to the baseline means at least that much
    (
        "keep level, held",
        (2025, D("50")),
        {2027: D("50")},
        {2026: D("50")},
        day(2026, 12, 31),
        S.ON_TRACK,
    ),
    (
        "keep level, dropped",
        (2025, D("50")),
        {2027: D("50")},
        {2026: D("49")},
        day(2026, 12, 31),
        S.BEHIND,
    ),
    # the latest actual decides, not an earlier good one
    (
        "latest actual decides",
        (2025, D("4")),
        {2028: D("8")},
        {2025: D("9"), 2026: D("4.5")},
        day(2027, 1, 1),
        S.BEHIND,
    ),
    # several targets: a straight segment between neighbours (4 -> 6 end 2025 -> 12 end 2027)
    (
        "second segment, on it",
        (2025, D("4")),
        {2025: D("6"), 2027: D("12")},
        {2026: D("9")},
        day(2027, 1, 1),
        S.ON_TRACK,
    ),
    (
        "second segment, under it",
        (2025, D("4")),
        {2025: D("6"), 2027: D("12")},
        {2026: D("8.9")},
        day(2027, 1, 1),
        S.BEHIND,
    ),
    (
        "an earlier target missed reads behind while the last runs",
        (2025, D("4")),
        {2025: D("6"), 2027: D("12")},
        {2025: D("5")},
        day(2026, 6, 30),
        S.BEHIND,
    ),
    # a running year's actual counts as measured on the reference date
    (
        "running year, measured now",
        (2025, D("0")),
        {2025: D("100")},
        {2025: D("50")},
        day(2025, 7, 3),
        S.BEHIND,
    ),
    (
        "running year, ahead",
        (2025, D("0")),
        {2025: D("100")},
        {2025: D("51")},
        day(2025, 7, 3),
        S.ON_TRACK,
    ),
]


@pytest.mark.parametrize(
    ("baseline", "targets", "actuals", "at", "status"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_status_rule(baseline, targets, actuals, at, status):
    assert assess(baseline, targets, actuals, at=at).status is status


def test_the_example_reads_behind_then_missed_with_what_it_was_judged_on():
    q3 = assess(*EXAMPLE, at=day(2025, 9, 30))
    # 4,2 as 1 January begins, 5,0 as 31 December ends: 273 of 365 days on
    assert (q3.status, q3.measured, q3.actual) == (S.BEHIND, day(2025, 9, 30), Fraction(9, 2))
    assert q3.expected == Fraction(42, 10) + Fraction(8, 10) * Fraction(273, 365)
    over = assess(*EXAMPLE, at=day(2026, 3, 31))
    assert (over.status, over.measured, over.expected) == (S.MISSED, day(2025, 12, 31), 5)


@pytest.mark.parametrize(
    ("targets", "text", "done", "status"),
    [
        ({}, True, False, S.OPEN),
        ({}, True, True, S.DONE),
        ({}, False, True, S.NO_TARGET),  # a mark without a text target is no target
        ({2025: D("5")}, True, True, S.MISSED),  # numbers decide where there are numbers
        ({2020: D("5")}, True, True, S.DONE),  # a target before the baseline is none
    ],
)
def test_a_target_in_words_is_done_or_open_by_a_persons_mark(targets, text, done, status):
    found = assess(
        (2025, D("4.2")),
        targets,
        {2025: D("4.5")},
        at=day(2026, 1, 1),
        text_target=text,
        text_done=done,
    )
    assert found.status is status


@pytest.mark.parametrize(
    ("quarters", "actuals", "at", "status", "measured"),
    [
        # Q2 at 4,4 against the line 4,2 -> 5,0: 4,2 + 0,8 x 181/365 = 4,597: behind
        ({(2025, 2): D("4.4")}, {}, day(2025, 9, 30), S.BEHIND, day(2025, 6, 30)),
        # Q3 on the line's better side
        (
            {(2025, 2): D("4.4"), (2025, 3): D("4.9")},
            {},
            day(2025, 9, 30),
            S.ON_TRACK,
            day(2025, 9, 30),
        ),
        # a quarter not begun by the reference date does not count
        (
            {(2025, 2): D("4.4"), (2025, 4): D("9")},
            {},
            day(2025, 9, 30),
            S.BEHIND,
            day(2025, 6, 30),
        ),
        # a running quarter counts as measured on the reference date
        ({(2025, 4): D("4.3")}, {}, day(2025, 11, 15), S.BEHIND, day(2025, 11, 15)),
        # the year's figure and Q4 end on the same day: the quarter is the finer measure
        ({(2025, 4): D("5.2")}, {2025: D("4.5")}, day(2025, 12, 31), S.REACHED, day(2025, 12, 31)),
        # a later yearly actual after the quarters decides
        ({(2025, 4): D("5.2")}, {2026: D("4.5")}, day(2027, 1, 1), S.MISSED, day(2026, 12, 31)),
    ],
)
def test_quarterly_actuals(quarters, actuals, at, status, measured):
    found = assess((2025, D("4.2")), {2025: D("5.0")}, actuals, at=at, quarters=quarters)
    assert (found.status, found.measured) == (status, measured)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (day(2024, 6, 1), 4),  # before the baseline: the baseline
        (day(2025, 1, 1), Fraction(4) + Fraction(2, 730)),  # the end of 1 January
        (day(2026, 12, 31), 6),  # the first target as its year ends
        (day(2027, 12, 31), 9),  # the second
        (day(2030, 1, 1), 9),  # flat after the last
    ],
)
def test_expected_value_is_piecewise_straight_in_days(at, expected):
    # 4 on 1/1/2025, 6 on 31/12/2026 (730 days on), 9 on 31/12/2027
    assert expected_value((2025, 4), {2026: 6, 2027: 9}, at) == expected


def test_latest_actual_ignores_periods_before_since_and_not_begun():
    found = latest_actual({2024: 1, 2025: 2, 2027: 9}, {}, day(2026, 3, 1), since=2025)
    assert found == (day(2025, 12, 31), 2)
    assert latest_actual({2024: 1}, {}, day(2026, 3, 1), since=2025) is None


def test_every_status_has_a_word_and_a_shape():
    assert set(STATUS_LABELS) == set(S) == set(STATUS_SYMBOLS)
    assert len(set(STATUS_SYMBOLS.values())) >= 6  # told apart without colour
    assert {S.BEHIND, S.MISSED} == ATTENTION


def test_series_draws_the_line_and_the_actuals_begun():
    drawn = series(*EXAMPLE, at=day(2025, 9, 30), quarters={(2025, 1): D("4.3")})
    assert drawn.line == ((2025, Fraction(21, 5)), (2026, 5))
    # Q1 at its end, the running year's actual on the reference date
    assert drawn.actuals == (
        (time_x(day(2025, 3, 31)), Fraction(43, 10)),
        (time_x(day(2025, 9, 30)), Fraction(9, 2)),
    )
    assert drawn.years == (2025, 2025)
    assert series(None, {}, {}, at=day(2025, 1, 1)).years is None


def test_time_axis():
    assert time_x(day(2024, 12, 31)) == 2025
    assert time_x(day(2025, 12, 31)) == 2026
    assert time_x(day(2025, 1, 1)) == 2025 + Fraction(1, 365)
    assert time_x(day(2024, 2, 29)) == 2024 + Fraction(60, 366)  # a leap year


values = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)
years = st.integers(min_value=2020, max_value=2030)
dates = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2032, 12, 31))


@given(
    base=values,
    base_year=years,
    targets=st.dictionaries(years, values, min_size=1, max_size=4),
    actuals=st.dictionaries(years, values, max_size=4),
    at=dates,
    better=st.decimals(min_value=D("0.01"), max_value=100, places=2),
)
def test_a_better_actual_never_reads_worse(base, base_year, targets, actuals, at, better):
    """Moving the latest actual in the better direction never turns on track into behind
    nor reached into missed; and the rule always answers one of its statuses."""
    baseline = (base_year, base)
    found = assess(baseline, targets, actuals, at=at)
    assert found.status in set(S) - {S.DONE, S.OPEN}
    if found.status not in (S.BEHIND, S.ON_TRACK, S.MISSED, S.REACHED):
        return
    usable = {y: v for y, v in targets.items() if y >= base_year}
    rising = usable[max(usable)] >= base
    latest = max(y for y in actuals if base_year <= y and dt.date(y, 1, 1) <= at)
    improved = dict(actuals)
    improved[latest] = actuals[latest] + (better if rising else -better)
    again = assess(baseline, targets, improved, at=at).status
    rank = {S.BEHIND: 0, S.ON_TRACK: 1, S.MISSED: 0, S.REACHED: 1}
    assert rank[again] >= rank[found.status]
    assert (again in (S.MISSED, S.REACHED)) == (found.status in (S.MISSED, S.REACHED))
