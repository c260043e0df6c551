"""What hangs on an objective, read in a handful of queries: milestones (with their due
and done days) and indicators (with their yearly values, quarterly actuals, values per
unit and a target in words). What an indicator's status is at a date is
``progress_rule``'s to say (``IndicatorInfo.assessment``). The edits are in
``detail_edit`` (also found here, as before)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from planner_app.domain import (
    Indicator,
    IndicatorQuarterValue,
    IndicatorUnitValue,
    IndicatorValue,
    Milestone,
    Objective,
    ObjectivePartner,
)
from planner_app.domain.due import done_at, overdue
from planner_app.domain.enums import (
    DuePrecision,
    InitiativeKind,
    ObjectiveLevel,
    Status,
    ValueKind,
)
from planner_app.services.common import get_live
from planner_app.services.progress_rule import Assessment, Series, assess, series
from planner_app.services.tree_read import code_of, objective_codes
from planner_app.storage import PlanFile


@dataclass(frozen=True)
class MilestoneInfo:
    """A milestone: ``period`` is its text as given, ``due_by`` the last day it is due
    by (``domain.due``), ``done_on`` the day it was done, if known."""

    id: uuid.UUID
    position: int
    period: str
    due_by: dt.date | None
    text: dict[str, str]
    done: bool
    due_precision: DuePrecision | None = None
    done_on: dt.date | None = None
    replan: bool = False  # carried undone from last year's plan: to plan again

    def overdue(self, at: dt.date) -> bool:
        """Due before the end of day ``at`` and not done by then."""
        return overdue(self.due_by, self.done, self.done_on, at)

    def done_at(self, at: dt.date) -> bool:
        """Done by the end of day ``at`` (done without a day: done at any date)."""
        return done_at(self.done, self.done_on, at)


@dataclass(frozen=True)
class IndicatorInfo:
    """An objective's indicator: ``values`` by (year, kind); ``quarters``: actuals by
    (year, quarter); ``unit_values``: the breakdown by (unit id, year, kind); a target
    in words (``target_text``, its ``target_date``) and whether a person marked it
    done."""

    id: uuid.UUID
    position: int
    name: dict[str, str]
    unit_of_measure: str
    values: dict[tuple[int, ValueKind], Decimal]
    target_text: dict[str, str] = field(default_factory=dict)
    target_date: dt.date | None = None
    target_done: bool = False
    quarters: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    unit_values: dict[tuple[uuid.UUID, int, ValueKind], Decimal] = field(default_factory=dict)

    def of_kind(self, kind: ValueKind) -> dict[int, Decimal]:
        return {year: v for (year, k), v in self.values.items() if k is kind}

    @property
    def baseline(self) -> tuple[int, Decimal] | None:
        """(year, value) of the earliest baseline (one is usual)."""
        found = self.of_kind(ValueKind.BASELINE)
        return (min(found), found[min(found)]) if found else None

    @property
    def has_text_target(self) -> bool:
        return any(text.strip() for text in self.target_text.values())

    def assessment(self, at: dt.date) -> Assessment:
        """The status at the end of day ``at`` (``progress_rule.assess``)."""
        return assess(
            self.baseline,
            self.of_kind(ValueKind.TARGET),
            self.of_kind(ValueKind.ACTUAL),
            at=at,
            quarters=self.quarters,
            text_target=self.has_text_target,
            text_done=self.target_done,
        )

    def chart(self, at: dt.date) -> Series:
        """What a chart of it draws at ``at``."""
        return series(
            self.baseline,
            self.of_kind(ValueKind.TARGET),
            self.of_kind(ValueKind.ACTUAL),
            at=at,
            quarters=self.quarters,
        )

    def unit_ids(self) -> tuple[uuid.UUID, ...]:
        """The units its breakdown names, in the order first met."""
        return tuple(dict.fromkeys(unit for unit, _y, _k in self.unit_values))


@dataclass(frozen=True)
class ObjectiveDetail:
    id: uuid.UUID
    plan_id: uuid.UUID
    parent_id: uuid.UUID | None
    level: ObjectiveLevel
    kind: InitiativeKind | None
    code: str  # as printed in the plan's main language (or the language asked)
    number: str  # as stored (see domain.codes)
    code_literal: bool
    title: dict[str, str]
    description: dict[str, str]
    intended_results: dict[str, str]
    status: Status
    lead_unit_id: uuid.UUID | None
    partner_ids: tuple[uuid.UUID, ...]
    policy_field_id: uuid.UUID | None
    strategic_link_id: uuid.UUID | None
    milestones: tuple[MilestoneInfo, ...]
    indicators: tuple[IndicatorInfo, ...]
    # the strategic plan's objective, shown read-only (``services.references``)
    is_reference: bool = False


def objective_detail(
    store: PlanFile, objective_id: uuid.UUID, language: str | None = None
) -> ObjectiveDetail:
    """One objective with what hangs on it; its code printed in ``language`` (default:
    the plan's main language)."""
    with store.read() as s:
        obj = get_live(s, Objective, objective_id, "objective")
        return _details(s, obj.plan_id, [obj.id], {obj.id: code_of(s, obj, language)})[obj.id]


def plan_details(
    store: PlanFile,
    plan_id: uuid.UUID,
    only: Sequence[uuid.UUID] | None = None,
    codes: Mapping[uuid.UUID, str] | None = None,
) -> dict[uuid.UUID, ObjectiveDetail]:
    """Every live objective's detail in a handful of queries (a document prints them
    all), or with ``only`` those objectives' (a document made part by part reads a few
    hundred at a time). ``codes``: the plan's objective codes, when known already."""
    with store.read() as s:
        known = codes if codes is not None else objective_codes(s, plan_id)
        return _details(s, plan_id, only, known)


_OBJECTIVE_COLUMNS = (
    Objective.id,
    Objective.plan_id,
    Objective.parent_id,
    Objective.level,
    Objective.kind,
    Objective.code,
    Objective.code_literal,
    Objective.title,
    Objective.description,
    Objective.intended_results,
    Objective.status,
    Objective.lead_unit_id,
    Objective.policy_field_id,
    Objective.strategic_link_id,
    Objective.is_reference,
)


def _details(
    s: Session,
    plan_id: uuid.UUID,
    only: Sequence[uuid.UUID] | None,
    codes: Mapping[uuid.UUID, str],
) -> dict[uuid.UUID, ObjectiveDetail]:
    """Details of the live objectives ``only``, or of every live objective of the plan
    (one query per table either way). Columns are read, not ORM objects: a large plan's
    document reads ~60,000 rows, and building an object for each was most of it."""
    partners: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    milestones: dict[uuid.UUID, list[MilestoneInfo]] = defaultdict(list)
    indicators: dict[uuid.UUID, list[tuple]] = defaultdict(list)

    def where(model, column):
        scope = model.plan_id == plan_id if only is None else column.in_(only)
        return scope, model.deleted.is_(False)

    objectives = s.execute(select(*_OBJECTIVE_COLUMNS).where(*where(Objective, Objective.id)))
    objectives = objectives.all()
    for objective_id, unit_id in s.execute(
        select(ObjectivePartner.objective_id, ObjectivePartner.unit_id).where(
            *where(ObjectivePartner, ObjectivePartner.objective_id)
        )
    ):
        partners[objective_id].append(unit_id)
    for objective_id, *milestone in s.execute(
        select(
            Milestone.objective_id,
            Milestone.id,
            Milestone.position,
            Milestone.period,
            Milestone.due_by,
            Milestone.text,
            Milestone.done,
            Milestone.due_precision,
            Milestone.done_on,
            Milestone.replan,
        )
        .where(*where(Milestone, Milestone.objective_id))
        .order_by(Milestone.position)
    ):
        milestones[objective_id].append(MilestoneInfo(*milestone))
    for objective_id, *indicator in s.execute(
        select(
            Indicator.objective_id,
            Indicator.id,
            Indicator.position,
            Indicator.name,
            Indicator.unit_of_measure,
            Indicator.target_text,
            Indicator.target_date,
            Indicator.target_done,
        )
        .where(*where(Indicator, Indicator.objective_id))
        .order_by(Indicator.position)
    ):
        indicators[objective_id].append(tuple(indicator))
    scope = (
        IndicatorValue.plan_id == plan_id
        if only is None
        else IndicatorValue.indicator_id.in_(
            select(Indicator.id).where(Indicator.objective_id.in_(only))
        )
    )
    values = indicator_values(s, scope)
    quarter_scope = (
        IndicatorQuarterValue.plan_id == plan_id
        if only is None
        else IndicatorQuarterValue.indicator_id.in_(
            select(Indicator.id).where(Indicator.objective_id.in_(only))
        )
    )
    unit_scope = (
        IndicatorUnitValue.plan_id == plan_id
        if only is None
        else IndicatorUnitValue.indicator_id.in_(
            select(Indicator.id).where(Indicator.objective_id.in_(only))
        )
    )
    quarters = quarter_values(s, quarter_scope)
    per_unit = unit_values(s, unit_scope)
    return {
        obj.id: ObjectiveDetail(
            obj.id,
            obj.plan_id,
            obj.parent_id,
            obj.level,
            obj.kind,
            codes[obj.id],
            obj.code,
            obj.code_literal,
            dict(obj.title),
            dict(obj.description),
            dict(obj.intended_results),
            obj.status,
            obj.lead_unit_id,
            tuple(partners.get(obj.id, ())),
            obj.policy_field_id,
            obj.strategic_link_id,
            tuple(milestones.get(obj.id, ())),
            tuple(
                IndicatorInfo(
                    i,
                    position,
                    dict(name),
                    unit,
                    values.get(i, {}),
                    dict(target_text),
                    target_date,
                    bool(target_done),
                    quarters.get(i, {}),
                    per_unit.get(i, {}),
                )
                for i, position, name, unit, target_text, target_date, target_done in (
                    indicators.get(obj.id, ())
                )
            ),
            bool(obj.is_reference),
        )
        for obj in objectives
    }


def indicator_values(
    s: Session, *where: ColumnElement[bool]
) -> dict[uuid.UUID, dict[tuple[int, ValueKind], Decimal]]:
    """The live values of the indicators ``where`` selects, per indicator by (year, kind)."""
    values: dict[uuid.UUID, dict[tuple[int, ValueKind], Decimal]] = defaultdict(dict)
    for indicator_id, year, kind, value in s.execute(
        select(
            IndicatorValue.indicator_id,
            IndicatorValue.year,
            IndicatorValue.kind,
            IndicatorValue.value,
        ).where(*where, IndicatorValue.deleted.is_(False))
    ):
        if value is not None:
            values[indicator_id][(year, kind)] = value
    return values


def quarter_values(
    s: Session, *where: ColumnElement[bool]
) -> dict[uuid.UUID, dict[tuple[int, int], Decimal]]:
    """The live quarterly actuals ``where`` selects, per indicator by (year, quarter)."""
    found: dict[uuid.UUID, dict[tuple[int, int], Decimal]] = defaultdict(dict)
    for indicator_id, year, quarter, value in s.execute(
        select(
            IndicatorQuarterValue.indicator_id,
            IndicatorQuarterValue.year,
            IndicatorQuarterValue.quarter,
            IndicatorQuarterValue.value,
        ).where(*where, IndicatorQuarterValue.deleted.is_(False))
    ):
        if value is not None:
            found[indicator_id][(year, quarter)] = value
    return found


def unit_values(
    s: Session, *where: ColumnElement[bool]
) -> dict[uuid.UUID, dict[tuple[uuid.UUID, int, ValueKind], Decimal]]:
    """The live values per unit ``where`` selects, per indicator by (unit, year, kind)."""
    found: dict[uuid.UUID, dict[tuple[uuid.UUID, int, ValueKind], Decimal]] = defaultdict(dict)
    for indicator_id, unit_id, year, kind, value in s.execute(
        select(
            IndicatorUnitValue.indicator_id,
            IndicatorUnitValue.unit_id,
            IndicatorUnitValue.year,
            IndicatorUnitValue.kind,
            IndicatorUnitValue.value,
        ).where(*where, IndicatorUnitValue.deleted.is_(False))
    ):
        if value is not None:
            found[indicator_id][(unit_id, year, kind)] = value
    return found


# The edits live in ``detail_edit``; callers that know them from here still find them.
from planner_app.services.detail_edit import (  # noqa: E402
    INDICATOR_LIMIT,
    MilestoneDue,
    add_indicator,
    add_milestone,
    delete_indicator,
    delete_milestone,
    due_from_text,
    move_milestone,
    restore_indicator,
    restore_milestone,
    set_indicator_value,
    set_quarter_value,
    set_unit_value,
    update_indicator,
    update_milestone,
)

__all__ = [
    "INDICATOR_LIMIT",
    "IndicatorInfo",
    "MilestoneDue",
    "MilestoneInfo",
    "ObjectiveDetail",
    "add_indicator",
    "add_milestone",
    "delete_indicator",
    "delete_milestone",
    "due_from_text",
    "indicator_values",
    "move_milestone",
    "objective_detail",
    "plan_details",
    "quarter_values",
    "restore_indicator",
    "restore_milestone",
    "set_indicator_value",
    "set_quarter_value",
    "set_unit_value",
    "unit_values",
    "update_indicator",
    "update_milestone",
]
