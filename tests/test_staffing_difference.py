"""Planned − as-is: which two years it compares and when it is blank; the Staffing tab
and the Excel sheet both follow these rules."""

from __future__ import annotations

from decimal import Decimal

from planner_app.domain.enums import Scenario
from planner_app.services.staffing import StaffingKey, compared_years, difference

AS_IS, PLANNED = Scenario.AS_IS, Scenario.PLANNED


def test_latest_as_is_year_against_first_planned_year():
    keys = [StaffingKey(AS_IS, 2023), StaffingKey(AS_IS, 2024), StaffingKey(PLANNED, 2025)]
    keys.append(StaffingKey(PLANNED, 2026))
    assert compared_years(keys, 2025) == (2024, 2025)


def test_without_figures_the_year_before_the_plan_and_its_first_year():
    assert compared_years([], 2025) == (2024, 2025)
    assert compared_years([StaffingKey(PLANNED, 2027)], 2025) == (2024, 2027)


def test_difference_is_blank_unless_both_sides_have_a_figure():
    assert difference(Decimal("5821.7"), Decimal("5882")) == Decimal("-60.3")
    assert difference(0, 3) == -3
    assert difference(None, 6385) is None
    assert difference(12, None) is None
    assert difference(None, None) is None
