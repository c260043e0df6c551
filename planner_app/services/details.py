"""What hangs on an objective: milestones, indicators and their yearly values."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import Indicator, IndicatorValue, Milestone, Objective, ObjectivePartner
from planner_app.domain.enums import InitiativeKind, ObjectiveLevel, Status, ValueKind
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import rows
from planner_app.services.common import (
    Changed,
    check_decimal,
    check_i18n,
    check_text,
    check_year,
    get_live,
    merge_required,
    writable_plan,
)
from planner_app.services.objectives import code_of, objective_codes
from planner_app.storage import PlanFile

INDICATOR_LIMIT = Decimal(10) ** 15


@dataclass(frozen=True)
class MilestoneInfo:
    id: uuid.UUID
    position: int
    period: str
    due_date: dt.date | None
    text: dict[str, str]
    done: bool


@dataclass(frozen=True)
class IndicatorInfo:
    id: uuid.UUID
    position: int
    name: dict[str, str]
    unit_of_measure: str
    values: dict[tuple[int, ValueKind], Decimal]


@dataclass(frozen=True)
class ObjectiveDetail:
    id: uuid.UUID
    plan_id: uuid.UUID
    parent_id: uuid.UUID | None
    level: ObjectiveLevel
    kind: InitiativeKind | None
    code: str
    code_override: str
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


def objective_detail(store: PlanFile, objective_id: uuid.UUID) -> ObjectiveDetail:
    with store.read() as s:
        obj = get_live(s, Objective, objective_id, "objective")
        return _details(s, [obj], {obj.id: code_of(s, obj)})[obj.id]


def plan_details(store: PlanFile, plan_id: uuid.UUID) -> dict[uuid.UUID, ObjectiveDetail]:
    """Every live objective's detail in a handful of queries (a document prints them all)."""
    with store.read() as s:
        objectives = s.scalars(
            select(Objective).where(Objective.plan_id == plan_id, Objective.deleted.is_(False))
        ).all()
        return _details(s, objectives, objective_codes(s, plan_id))


def _details(
    s: Session, objectives: Sequence[Objective], codes: dict[uuid.UUID, str]
) -> dict[uuid.UUID, ObjectiveDetail]:
    """Details of ``objectives``: the rows of one objective, or of its whole plan when
    ``objectives`` are all of a plan's (one query per table either way)."""
    if not objectives:
        return {}
    plan_id = objectives[0].plan_id
    single = objectives[0].id if len(objectives) == 1 else None
    partners: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    milestones: dict[uuid.UUID, list[Milestone]] = defaultdict(list)
    indicators: dict[uuid.UUID, list[Indicator]] = defaultdict(list)
    values: dict[uuid.UUID, dict[tuple[int, ValueKind], Decimal]] = defaultdict(dict)

    def where(model, column):
        scope = model.plan_id == plan_id if single is None else column == single
        return scope, model.deleted.is_(False)

    for objective_id, unit_id in s.execute(
        select(ObjectivePartner.objective_id, ObjectivePartner.unit_id).where(
            *where(ObjectivePartner, ObjectivePartner.objective_id)
        )
    ):
        partners[objective_id].append(unit_id)
    for m in s.scalars(
        select(Milestone)
        .where(*where(Milestone, Milestone.objective_id))
        .order_by(Milestone.position)
    ):
        milestones[m.objective_id].append(m)
    for i in s.scalars(
        select(Indicator)
        .where(*where(Indicator, Indicator.objective_id))
        .order_by(Indicator.position)
    ):
        indicators[i.objective_id].append(i)
    indicator_ids = [i.id for group in indicators.values() for i in group]
    scope = (
        IndicatorValue.plan_id == plan_id
        if single is None
        else IndicatorValue.indicator_id.in_(indicator_ids)
    )
    for v in s.scalars(select(IndicatorValue).where(scope, IndicatorValue.deleted.is_(False))):
        if v.value is not None:
            values[v.indicator_id][(v.year, v.kind)] = v.value
    return {
        obj.id: ObjectiveDetail(
            obj.id,
            obj.plan_id,
            obj.parent_id,
            obj.level,
            obj.kind,
            codes[obj.id],
            obj.code_override,
            dict(obj.title),
            dict(obj.description),
            dict(obj.intended_results),
            obj.status,
            obj.lead_unit_id,
            tuple(partners.get(obj.id, ())),
            obj.policy_field_id,
            obj.strategic_link_id,
            tuple(
                MilestoneInfo(m.id, m.position, m.period, m.due_date, dict(m.text), m.done)
                for m in milestones.get(obj.id, ())
            ),
            tuple(
                IndicatorInfo(
                    i.id, i.position, dict(i.name), i.unit_of_measure, values.get(i.id, {})
                )
                for i in indicators.get(obj.id, ())
            ),
        )
        for obj in objectives
    }


# --- milestones ----------------------------------------------------------------------

_MILESTONE_SCOPE = ("objective_id",)


def add_milestone(
    store: PlanFile,
    objective_id: uuid.UUID,
    *,
    text: dict[str, str] | str,
    period: str = "",
    due_date: dt.date | None = None,
    done: bool = False,
    position: int | None = None,
) -> Changed:
    with store.transaction() as s:
        obj = get_live(s, Objective, objective_id, "objective")
        plan = writable_plan(s, obj.plan_id)
        row = Milestone(
            id=uuid.uuid4(),
            plan_id=plan.id,
            objective_id=obj.id,
            period=check_text(_("Period"), period, limit=64).strip(),
            due_date=_check_date(due_date),
            text=check_i18n(_("Milestone"), text, languages=plan.language_list, required=True),
            done=bool(done),
        )
        rows.insert_at(s, row, {"objective_id": obj.id}, position)
        return Changed("milestone", (row.id, obj.id), "created")


def _check_date(value: dt.date | None) -> dt.date | None:
    if value is not None and not isinstance(value, dt.date):
        raise ValidationError(_("Date"), _("is not a date."))
    return value


def update_milestone(store: PlanFile, milestone_id: uuid.UUID, **fields: object) -> Changed:
    """Set period, due_date, text (merged per language) or done."""
    unknown = set(fields) - {"period", "due_date", "text", "done"}
    if unknown:
        raise ValidationError(", ".join(sorted(unknown)), _("is not a field of a milestone."))
    with store.transaction() as s:
        row = get_live(s, Milestone, milestone_id, "milestone")
        plan = writable_plan(s, row.plan_id)
        if "period" in fields:
            row.period = check_text(_("Period"), fields["period"], limit=64).strip()  # type: ignore[arg-type]
        if "due_date" in fields:
            row.due_date = _check_date(fields["due_date"])  # type: ignore[arg-type]
        if "text" in fields:
            row.text = merge_required(_("Milestone"), row.text, fields["text"], plan.language_list)
        if "done" in fields:
            row.done = bool(fields["done"])
        return Changed("milestone", (row.id, row.objective_id), "updated", tuple(sorted(fields)))


def delete_milestone(store: PlanFile, milestone_id: uuid.UUID) -> Changed:
    return rows.delete_row(
        store, Milestone, milestone_id, entity="milestone", scope_fields=_MILESTONE_SCOPE
    )


def restore_milestone(
    store: PlanFile, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    return rows.restore_rows(
        store, Milestone, ids, entity="milestone", scope_fields=_MILESTONE_SCOPE, position=position
    )


def move_milestone(store: PlanFile, milestone_id: uuid.UUID, position: int) -> Changed:
    return rows.move_row(
        store, Milestone, milestone_id, position, entity="milestone", scope_fields=_MILESTONE_SCOPE
    )


# --- indicators ----------------------------------------------------------------------


def add_indicator(
    store: PlanFile,
    objective_id: uuid.UUID,
    *,
    name: dict[str, str] | str,
    unit_of_measure: str = "",
    position: int | None = None,
) -> Changed:
    with store.transaction() as s:
        obj = get_live(s, Objective, objective_id, "objective")
        plan = writable_plan(s, obj.plan_id)
        row = Indicator(
            id=uuid.uuid4(),
            plan_id=plan.id,
            objective_id=obj.id,
            name=check_i18n(_("Indicator"), name, languages=plan.language_list, required=True),
            unit_of_measure=check_text(_("Unit of measure"), unit_of_measure, limit=64).strip(),
        )
        rows.insert_at(s, row, {"objective_id": obj.id}, position)
        return Changed("indicator", (row.id, obj.id), "created")


def update_indicator(store: PlanFile, indicator_id: uuid.UUID, **fields: object) -> Changed:
    unknown = set(fields) - {"name", "unit_of_measure"}
    if unknown:
        raise ValidationError(", ".join(sorted(unknown)), _("is not a field of an indicator."))
    with store.transaction() as s:
        row = get_live(s, Indicator, indicator_id, "indicator")
        plan = writable_plan(s, row.plan_id)
        if "name" in fields:
            row.name = merge_required(_("Indicator"), row.name, fields["name"], plan.language_list)
        if "unit_of_measure" in fields:
            row.unit_of_measure = check_text(
                _("Unit of measure"),
                fields["unit_of_measure"],  # type: ignore[arg-type]
                limit=64,
            ).strip()
        return Changed("indicator", (row.id, row.objective_id), "updated", tuple(sorted(fields)))


def set_indicator_value(
    store: PlanFile,
    indicator_id: uuid.UUID,
    *,
    year: int,
    kind: ValueKind | str,
    value: Decimal | int | str | None,
) -> Changed:
    """Set (or with ``None`` clear) the baseline, target or actual of a year."""
    try:
        kind = ValueKind(kind)
    except ValueError:
        raise ValidationError(_("Kind"), _("must be baseline, target or actual.")) from None
    number = check_decimal(_("Value"), value, places=6, limit=INDICATOR_LIMIT, allow_negative=True)
    with store.transaction() as s:
        indicator = get_live(s, Indicator, indicator_id, "indicator")
        plan = writable_plan(s, indicator.plan_id)
        check_year(_("Year"), year, plan, slack=10)
        row_id = IndicatorValue.key_id(indicator.id, year, kind)
        row = s.get(IndicatorValue, row_id)
        if row is None:
            if number is None:
                return Changed("indicator", (indicator.id,), "updated", ("values",))
            row = IndicatorValue(
                id=row_id, plan_id=plan.id, indicator_id=indicator.id, year=year, kind=kind
            )
            s.add(row)
        row.value = number
        row.deleted = number is None
        return Changed("indicator", (indicator.id, row.id), "updated", ("values",))


def delete_indicator(store: PlanFile, indicator_id: uuid.UUID) -> Changed:
    return rows.delete_row(
        store,
        Indicator,
        indicator_id,
        entity="indicator",
        scope_fields=_MILESTONE_SCOPE,
        cascade=((IndicatorValue, "indicator_id"),),
    )


def restore_indicator(
    store: PlanFile, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    return rows.restore_rows(
        store,
        Indicator,
        ids,
        entity="indicator",
        scope_fields=_MILESTONE_SCOPE,
        position=position,
        others=(IndicatorValue,),
    )
