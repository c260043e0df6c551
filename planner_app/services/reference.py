"""The reference date progress is judged at: today in the window, a quarter's last day
in a report (``--progress 2025-Q3``), and for the plan document a date read from the
plan itself, so that nothing a document prints depends on the day it is printed.

The plan's own date is *how far its measurements go*: the last day of the latest period
(year, or quarter where the plan reports quarterly) for which it records an actual of
an indicator (its objectives' or its diversity plan's), kept within the plan's period;
the first day of the period when it records none yet. A plan for signature measures
nothing and is judged at its start; a year review filled in with the year's actuals is
judged at the year's end. No Qt.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner_app.domain import (
    DiversityIndicatorValue,
    IndicatorQuarterValue,
    IndicatorValue,
)
from planner_app.domain.due import quarter_end, quarter_of
from planner_app.domain.enums import ValueKind
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services.common import get_plan
from planner_app.storage import PlanFile

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[QqTtKk]([1-4])\s*$")


def today() -> dt.date:
    """The window's reference date (one place, so tests can set the day)."""
    return dt.date.today()


def current_quarter_end(day: dt.date | None = None) -> dt.date:
    """The last day of the quarter ``day`` (default today) falls in."""
    day = day or today()
    return quarter_end(day.year, quarter_of(day))


def parse_quarter(text: str) -> dt.date:
    """``"2025-Q3"`` -> 30/09/2025, the day a quarter's report judges progress at."""
    found = _QUARTER.match(text or "")
    if found is None:
        raise ValidationError(
            "--progress", _("“{text}” is not a quarter such as 2025-Q3.").format(text=text)
        )
    return quarter_end(int(found[1]), int(found[2]))


def quarter_label(day: dt.date) -> str:
    """30/09/2025 -> ``"2025-Q3"`` (as ``parse_quarter`` reads it)."""
    return f"{day.year}-Q{quarter_of(day)}"


def plan_reference(store: PlanFile, plan_id: uuid.UUID) -> dt.date:
    """The plan document's reference date (this module's docstring)."""
    with store.read() as s:
        return plan_reference_in(s, plan_id)


def plan_reference_in(s: Session, plan_id: uuid.UUID) -> dt.date:
    plan = get_plan(s, plan_id)
    first, last = dt.date(plan.first_year, 1, 1), dt.date(plan.last_year, 12, 31)
    latest: list[dt.date] = []
    for model in (IndicatorValue, DiversityIndicatorValue):
        year = s.scalar(
            select(func.max(model.year)).where(
                model.plan_id == plan_id,
                model.deleted.is_(False),
                model.kind == ValueKind.ACTUAL,
                model.value.is_not(None),
            )
        )
        if year is not None:
            latest.append(dt.date(year, 12, 31))
    found = s.execute(
        select(IndicatorQuarterValue.year, IndicatorQuarterValue.quarter)
        .where(
            IndicatorQuarterValue.plan_id == plan_id,
            IndicatorQuarterValue.deleted.is_(False),
            IndicatorQuarterValue.value.is_not(None),
        )
        .order_by(IndicatorQuarterValue.year.desc(), IndicatorQuarterValue.quarter.desc())
        .limit(1)
    ).first()
    if found is not None:
        latest.append(quarter_end(found[0], found[1]))
    if not latest:
        return first
    return max(first, min(last, max(latest)))
