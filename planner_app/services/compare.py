"""Compare two versions of a plan: draft 2 against the signed version 1, this year's
plan against last year's. Read-only, in one snapshot of the file; the result
(``compare_model.PlanComparison``) is what the command line, the PDF and the window
show.

Rows are paired across the versions (``services.matching``), then compared part by
part: objectives with their indicators and milestones (``compare_objectives``: by the
copy's link to its source where a copy keeps one, else by code, then by title
similarity), chapters as word diffs (``compare_chapters``), budget lines and staffing
per line and in total (``compare_figures``), units, signatories and the plan's own
properties (``compare_parts``).

When two yearly plans of different years are compared, each year of one is set beside
the same year of the other's period (2026 beside 2025): budget, staffing and indicator
values are compared year for year. Otherwise years are compared as they are.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import compare_parts
from planner_app.services.compare_chapters import chapters
from planner_app.services.compare_figures import compare_budget, compare_staffing
from planner_app.services.compare_model import PlanComparison, PlanSide
from planner_app.services.compare_objectives import objectives
from planner_app.services.plans import PlanInfo, plan_info
from planner_app.storage import PlanFile

Progress = Callable[[int, int], bool | None]
STEPS = 5


class CompareCancelledError(Exception):
    """The user stopped a comparison (``progress`` answered False); nothing was kept."""


def compare_plans(
    store: PlanFile,
    plan_id: uuid.UUID,
    with_id: uuid.UUID,
    *,
    progress: Progress | None = None,
) -> PlanComparison:
    """``plan_id`` (after: the plan examined) against ``with_id`` (before: the version
    it is compared with); both plans of ``store``. ``progress(done, total)`` is told
    each part's end; False stops with ``CompareCancelledError``."""
    if plan_id == with_id:
        raise ValidationError(_("Compare"), _("choose another plan than the one compared."))

    def step(done: int) -> None:
        if progress is not None and progress(done, STEPS) is False:
            raise CompareCancelledError

    with store.snapshot():
        after, before = plan_info(store, plan_id), plan_info(store, with_id)
        both_yearly = after.kind.is_yearly and before.kind.is_yearly
        shift = after.first_year - before.first_year if both_yearly else 0
        ctx = compare_parts.Context(store, before, after, shift)
        differences = [*compare_parts.plan_properties(ctx), *chapters(ctx)]
        step(1)
        differences += objectives(ctx)
        step(2)
        budget, budget_totals = compare_budget(store, before.id, after.id, shift, ctx.lang)
        step(3)
        staffing, staffing_totals = compare_staffing(
            store, before.id, after.id, shift, ctx.unit_pairing
        )
        step(4)
        differences += [
            *budget,
            *staffing,
            *compare_parts.units(ctx),
            *compare_parts.signatories(ctx),
        ]
        step(5)
    return PlanComparison(
        _side(before),
        _side(after),
        shift,
        tuple(differences),
        (*budget_totals, *staffing_totals),
    )


def _side(info: PlanInfo) -> PlanSide:
    return PlanSide(
        info.id,
        info.code,
        info.kind,
        dict(info.title),
        info.languages,
        info.first_year,
        info.last_year,
        info.state,
        info.version_no,
    )
