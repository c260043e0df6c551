"""Next year's plan: the yearly cycle's step from one year's plan to the next.

From a yearly plan of year Y (or from a strategic plan: the yearly plan after its
latest one, or its first year's when it has none), a draft of year Y+1 that takes:

* the structure, units, levels and chapters, and the strategic plan's objectives it
  refers to (``services.references``) as they stand there now: today's codes and
  titles, and a reference for an objective added there since;
* the initiatives that are not done; those that are done are left behind;
* their milestones not yet done, moved to Y+1 ("Q3 2025" -> "Q3 2026", the due date a
  year later) and marked for re-planning (``Milestone.replan``, cleared when the
  milestone is planned again);
* each indicator's targets for Y+1 and later, and as its baseline for Y+1 last year's
  actual where there is one (else the baselines it had); no actuals;
* the diversity plan (the latest one up to Y) as the diversity plan of Y+1, its
  indicators' baselines likewise from the actuals of Y;
* no budget amounts, staffing figures or printed totals (a new year's figures).

``Changed.extra["report"]`` is a ``CarryReport``: what was carried and what was left
behind, which the window shows and prints.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import (
    BudgetAmount,
    DiversityIndicatorValue,
    DiversityPlan,
    IndicatorValue,
    Milestone,
    Objective,
    Plan,
    PlanOwned,
    PrintedTotal,
    StaffingFigure,
)
from planner_app.domain.enums import ObjectiveLevel, PlanKind, PlanState, Status, ValueKind
from planner_app.errors import ValidationError
from planner_app.i18n import _, ngettext
from planner_app.services.codes import code_rows
from planner_app.services.common import Changed, Entity, get_plan
from planner_app.services.copying import copy_rows, document_fields, link_copies
from planner_app.services.levels import scheme_of
from planner_app.services.plans import _check_code
from planner_app.storage import PlanFile

_DROPPED = (BudgetAmount, StaffingFigure, PrintedTotal)
_VALUES = {IndicatorValue: True, DiversityIndicatorValue: True}  # per-year figures


@dataclass(frozen=True)
class CarriedItem:
    """An initiative as printed in last year's plan: its code and title (main language)."""

    code: str
    title: str
    open_milestones: int = 0


@dataclass(frozen=True)
class CarryReport:
    """What next year's plan took from last year's, and what it left behind."""

    source_code: str
    target_code: str
    year: int
    carried: tuple[CarriedItem, ...] = ()
    left_behind: tuple[CarriedItem, ...] = ()
    milestones_moved: int = 0
    baselines_from_actuals: int = 0
    diversity_year: int | None = None  # the diversity plan carried (its year before)
    references_added: tuple[str, ...] = field(default_factory=tuple)  # codes, as printed


def carry_facts(report: CarryReport) -> list[str]:
    """What the report says in sentences, in the UI language (window and terminal)."""
    facts = [
        ngettext(
            "{n} milestone not done moved to {year}, marked to re-plan.",
            "{n} milestones not done moved to {year}, marked to re-plan.",
            report.milestones_moved,
        ).format(n=report.milestones_moved, year=report.year),
        ngettext(
            "{n} indicator starts from last year's actual as its baseline.",
            "{n} indicators start from last year's actual as their baseline.",
            report.baselines_from_actuals,
        ).format(n=report.baselines_from_actuals),
        (
            _("The diversity plan of {old} is the diversity plan of {year}.").format(
                old=report.diversity_year, year=report.year
            )
            if report.diversity_year is not None
            else _("There was no diversity plan to carry.")
        ),
        _("Budget amounts and staffing figures start empty."),
    ]
    if report.references_added:
        facts.append(
            _("Added since last year in the strategic plan, now referred to: {codes}.").format(
                codes=", ".join(report.references_added)
            )
        )
    return facts


def next_year_plan(store: PlanFile, plan_id: uuid.UUID, *, code: str | None = None) -> Changed:
    """Next year's plan from the yearly plan ``plan_id``, or from the strategic plan
    ``plan_id`` (its next yearly plan). ``Changed.ids`` is the new plan's id."""
    with store.transaction() as s:
        source = get_plan(s, plan_id)
        if source.kind is PlanKind.STRATEGIC:
            latest = _latest_yearly(s, source)
            if latest is None:
                from planner_app.services.operational_plan import create_from_strategic

                year = source.first_year
                made = create_from_strategic(
                    store,
                    strategic_plan_id=source.id,
                    year=year,
                    code=code or _suggested(source.code, year),
                )
                target = get_plan(s, made.ids[0])
                report = CarryReport(source.code, target.code, year)
                return Changed(Entity.PLAN, made.ids, "created", extra={"report": report})
            if latest.first_year >= source.last_year:
                raise ValidationError(
                    _("Year"),
                    _(
                        "strategic plan {code} ends in {last}; its last yearly plan is {plan}."
                    ).format(code=source.code, last=source.last_year, plan=latest.code),
                )
            source = latest
        if not source.kind.is_yearly:
            raise ValidationError(
                _("Plan"), _("only a yearly plan or a strategic plan has a next year's plan.")
            )
        return _next_year(store, s, source, code)


def _latest_yearly(s: Session, strategic: Plan) -> Plan | None:
    return s.scalars(
        select(Plan)
        .where(
            Plan.strategic_plan_id == strategic.id,
            Plan.deleted.is_(False),
            Plan.kind.in_([k for k in PlanKind if k.is_yearly]),
        )
        .order_by(Plan.first_year.desc(), Plan.version_no.desc())
    ).first()


def _suggested(code: str, year: int) -> str:
    from planner_app.services.operational_plan import suggested_code

    return suggested_code(code, year)


def next_code(code: str, year: int, next_year: int) -> str:
    """ "dkbuza-2025" -> "dkbuza-2026"; a code without the year gets it appended."""
    return code.replace(str(year), str(next_year)) if str(year) in code else f"{code}-{next_year}"


def _next_year(store: PlanFile, s: Session, source: Plan, code: str | None) -> Changed:
    year = source.first_year
    new_year = year + 1
    code = _check_code(s, code or next_code(source.code, year, new_year))
    target = Plan(
        id=uuid.uuid4(),
        code=code,
        kind=source.kind,
        title={k: v.replace(str(year), str(new_year)) for k, v in source.title.items()},
        organisation=dict(source.organisation),
        first_year=new_year,
        last_year=new_year,
        languages=source.languages,
        track_status=source.track_status,
        state=PlanState.DRAFT,
        version_no=1,
        strategic_plan_id=source.strategic_plan_id,
        previous_plan_id=source.id,
        **document_fields(source),
    )
    s.add(target)
    s.flush()
    diversity = _diversity_to_carry(s, source.id, year)
    actual_of = _actuals(s, IndicatorValue, source.id, year)
    diversity_actual_of = _actuals(s, DiversityIndicatorValue, source.id, year)
    moved = [0]
    baselines = [0]

    def keep(model: type[PlanOwned], row: Any) -> bool:
        if model in _DROPPED:
            return False
        if model is DiversityPlan:
            return diversity is not None and row.id == diversity
        if model is Objective and row.level is ObjectiveLevel.INITIATIVE:
            return row.status is not Status.DONE
        if model is Milestone:
            return not row.done
        if model in (IndicatorValue, DiversityIndicatorValue):
            return _keep_value(
                row, year, actual_of if model is IndicatorValue else diversity_actual_of
            )
        return True

    def adjust(model: type[PlanOwned], values: dict[str, Any]) -> None:
        if model is Milestone:
            values["period"] = _moved_period(values["period"], year, new_year)
            values["due_date"] = _a_year_later(values["due_date"])
            # its due day moves with it (issue 26): else it would be overdue on arrival
            values["due_by"] = _a_year_later(values.get("due_by"))
            values["replan"] = True
            moved[0] += 1
        elif model is DiversityPlan:
            values["year"] = new_year
        elif (
            model in (IndicatorValue, DiversityIndicatorValue)
            and values["kind"] is ValueKind.ACTUAL
        ):
            values["kind"] = ValueKind.BASELINE  # last year's actual is the new baseline
            values["year"] = new_year
            baselines[0] += 1

    link_copies(s, target.id, copy_rows(s, source, target, keep, adjust))
    from planner_app.services.operational_plan import bring_references_up

    added = bring_references_up(store, s, target)
    report = _report(s, source, target, moved[0], baselines[0], diversity, tuple(added))
    return Changed(Entity.PLAN, (target.id,), "created", extra={"report": report})


def _diversity_to_carry(s: Session, plan_id: uuid.UUID, year: int) -> uuid.UUID | None:
    """The id of the latest diversity plan of ``plan_id`` up to ``year``."""
    return s.scalars(
        select(DiversityPlan.id)
        .where(
            DiversityPlan.plan_id == plan_id,
            DiversityPlan.deleted.is_(False),
            DiversityPlan.year <= year,
        )
        .order_by(DiversityPlan.year.desc())
    ).first()


def _actuals(s: Session, model: Any, plan_id: uuid.UUID, year: int) -> set[uuid.UUID]:
    """The indicators of ``plan_id`` with an actual value recorded for ``year``."""
    return set(
        s.scalars(
            select(model.indicator_id).where(
                model.plan_id == plan_id,
                model.deleted.is_(False),
                model.year == year,
                model.kind == ValueKind.ACTUAL,
                (model.value.is_not(None))
                | (getattr(model, "numerator", model.value).is_not(None)),
            )
        )
    )


def _keep_value(row: Any, year: int, with_actual: set[uuid.UUID]) -> bool:
    """Targets for next year on; last year's actual (it becomes the new baseline); the
    baselines, unless that actual replaces next year's one."""
    if row.kind is ValueKind.TARGET:
        return row.year > year
    if row.kind is ValueKind.ACTUAL:
        return row.year == year and row.indicator_id in with_actual
    return not (row.year == year + 1 and row.indicator_id in with_actual)


_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _moved_period(period: str, year: int, new_year: int) -> str:
    """ "Q3 2025" -> "Q3 2026"; "2025-2026" -> "2026-2026"; a period without the year
    is kept (its milestone is marked for re-planning all the same)."""
    return _YEAR.sub(lambda m: str(new_year) if m.group(1) == str(year) else m.group(1), period)


def _a_year_later(day: dt.date | None) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _report(
    s: Session,
    source: Plan,
    target: Plan,
    moved: int,
    baselines: int,
    diversity: uuid.UUID | None,
    added: tuple[str, ...] = (),
) -> CarryReport:
    scheme = scheme_of(s, source)
    main = source.language_list[0] if source.language_list else "nl"
    carried_ids = set(
        s.scalars(
            select(Objective.carried_from_id).where(
                Objective.plan_id == target.id, Objective.deleted.is_(False)
            )
        )
    )
    open_milestones: dict[uuid.UUID, int] = {}
    for objective_id in s.scalars(
        select(Milestone.objective_id).where(
            Milestone.plan_id == source.id, Milestone.deleted.is_(False), Milestone.done.is_(False)
        )
    ):
        open_milestones[objective_id] = open_milestones.get(objective_id, 0) + 1
    carried: list[CarriedItem] = []
    left: list[CarriedItem] = []
    for row in code_rows(s, source.id, titles=True):
        if row.level is not ObjectiveLevel.INITIATIVE:
            continue
        title = row.title.get(main) or next(iter(row.title.values()), "")
        item = CarriedItem(
            scheme.printed(row.level, row.code, row.literal, main),
            " ".join(title.split()),
            open_milestones.get(row.id, 0),
        )
        (carried if row.id in carried_ids else left).append(item)
    year = None
    if diversity is not None:
        plan = s.get(DiversityPlan, diversity)
        year = plan.year if plan is not None else None
    return CarryReport(
        source.code,
        target.code,
        target.first_year,
        tuple(carried),
        tuple(left),
        moved,
        baselines,
        year,
        added,
    )
