"""The status column of the workbook's indicator sheets: each indicator's status by the
one rule (``services.progress_rule``), for an objective's indicators and the diversity
plan's alike, judged at the plan's own date (``services.reference``: how far its
measurements go), so that a workbook, like the plan document, does not depend on the day
it is written. For people only: the import ignores it (an INFO column). No Qt."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from planner_app.domain import DiversityPlan
from planner_app.formatting import format_numeric_date
from planner_app.i18n import N_
from planner_app.services.diversity_read import read_diversity
from planner_app.services.progress_rule import STATUS_LABELS, STATUS_SYMBOLS, IndicatorStatus
from planner_app.services.reference import plan_reference_in
from planner_app.services.rollup import read_measures

STATUS_KEY = "~status"


def status_at(ctx) -> dt.date:
    """The day the workbook judges at (read once per export)."""
    if ctx.status_at is None:
        ctx.status_at = plan_reference_in(ctx.s, ctx.plan.id)
    return ctx.status_at


def status_label(ctx) -> str:
    """The column's header: "Status on 31/12/2025"."""
    day = format_numeric_date(status_at(ctx), ctx.lang)
    return ctx.t(N_("Status on {day}")).format(day=day)


def _words(ctx, status: IndicatorStatus) -> str:
    return f"{STATUS_SYMBOLS[status]} {ctx.t(STATUS_LABELS[status])}"


def indicator_statuses(ctx) -> dict[uuid.UUID, str]:
    """The status of each of the plan's objectives' indicators, as words with a shape."""
    at = status_at(ctx)
    measures = read_measures(ctx.s, ctx.plan.id)
    return {
        i.id: _words(ctx, i.assessment(at).status)
        for found in measures.indicators.values()
        for i in found
    }


def diversity_statuses(ctx) -> dict[uuid.UUID, str]:
    """The status of each indicator of the plan's diversity plans."""
    at = status_at(ctx)
    found: dict[uuid.UUID, str] = {}
    for row in ctx.s.scalars(
        select(DiversityPlan).where(
            DiversityPlan.plan_id == ctx.plan.id, DiversityPlan.deleted.is_(False)
        )
    ):
        for indicator in read_diversity(ctx.s, row).indicators:
            found[indicator.id] = _words(ctx, indicator.assessment(at).status)
    return found
