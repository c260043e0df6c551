"""What hangs on an objective: milestones, indicators and their yearly values."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from planner_app.domain import Indicator, IndicatorValue, Milestone, Objective, ObjectivePartner
from planner_app.domain.enums import InitiativeKind, ObjectiveLevel, Status, ValueKind
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import references, rows
from planner_app.services.common import (
    Changed,
    Entity,
    check_decimal,
    check_i18n,
    check_text,
    check_year,
    get_live,
    merge_required,
    updated,
    values_of,
    writable_plan,
)
from planner_app.services.tree_read import code_of, objective_codes
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
    replan: bool = False  # carried undone from last year's plan: to plan again


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
            Milestone.due_date,
            Milestone.text,
            Milestone.done,
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
                IndicatorInfo(i, position, dict(name), unit, values.get(i, {}))
                for i, position, name, unit in indicators.get(obj.id, ())
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
        references.refuse_reference(obj)
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
        return Changed(Entity.MILESTONE, (row.id, obj.id), "created")


def _check_date(value: dt.date | None) -> dt.date | None:
    if value is not None and not isinstance(value, dt.date):
        raise ValidationError(_("Date"), _("is not a date."))
    return value


def update_milestone(store: PlanFile, milestone_id: uuid.UUID, **fields: object) -> Changed:
    """Set period, due_date, text (merged per language), done or replan (a milestone
    carried from last year's plan that is still to plan again)."""
    unknown = set(fields) - {"period", "due_date", "text", "done", "replan"}
    if unknown:
        raise ValidationError(", ".join(sorted(unknown)), _("is not a field of a milestone."))
    with store.transaction() as s:
        row = get_live(s, Milestone, milestone_id, "milestone")
        plan = writable_plan(s, row.plan_id)
        old = values_of(row, sorted(fields))
        if "period" in fields:
            row.period = check_text(_("Period"), fields["period"], limit=64).strip()  # type: ignore[arg-type]
        if "due_date" in fields:
            row.due_date = _check_date(fields["due_date"])  # type: ignore[arg-type]
        if "text" in fields:
            row.text = merge_required(_("Milestone"), row.text, fields["text"], plan.language_list)
        if "done" in fields:
            row.done = bool(fields["done"])
        if "replan" in fields:
            row.replan = bool(fields["replan"])
        return updated(Entity.MILESTONE, row, old, ids=(row.id, row.objective_id))


def delete_milestone(store: PlanFile, milestone_id: uuid.UUID) -> Changed:
    return rows.delete_row(
        store, Milestone, milestone_id, entity=Entity.MILESTONE, scope_fields=_MILESTONE_SCOPE
    )


def restore_milestone(
    store: PlanFile, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    return rows.restore_rows(
        store,
        Milestone,
        ids,
        entity=Entity.MILESTONE,
        scope_fields=_MILESTONE_SCOPE,
        position=position,
    )


def move_milestone(store: PlanFile, milestone_id: uuid.UUID, position: int) -> Changed:
    return rows.move_row(
        store,
        Milestone,
        milestone_id,
        position,
        entity=Entity.MILESTONE,
        scope_fields=_MILESTONE_SCOPE,
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
        references.refuse_reference(obj)
        row = Indicator(
            id=uuid.uuid4(),
            plan_id=plan.id,
            objective_id=obj.id,
            name=check_i18n(_("Indicator"), name, languages=plan.language_list, required=True),
            unit_of_measure=check_text(_("Unit of measure"), unit_of_measure, limit=64).strip(),
        )
        rows.insert_at(s, row, {"objective_id": obj.id}, position)
        return Changed(Entity.INDICATOR, (row.id, obj.id), "created")


def update_indicator(store: PlanFile, indicator_id: uuid.UUID, **fields: object) -> Changed:
    unknown = set(fields) - {"name", "unit_of_measure"}
    if unknown:
        raise ValidationError(", ".join(sorted(unknown)), _("is not a field of an indicator."))
    with store.transaction() as s:
        row = get_live(s, Indicator, indicator_id, "indicator")
        plan = writable_plan(s, row.plan_id)
        old = values_of(row, sorted(fields))
        if "name" in fields:
            row.name = merge_required(_("Indicator"), row.name, fields["name"], plan.language_list)
        if "unit_of_measure" in fields:
            row.unit_of_measure = check_text(
                _("Unit of measure"),
                fields["unit_of_measure"],  # type: ignore[arg-type]
                limit=64,
            ).strip()
        return updated(Entity.INDICATOR, row, old, ids=(row.id, row.objective_id))


def set_indicator_value(
    store: PlanFile,
    indicator_id: uuid.UUID,
    *,
    year: int,
    kind: ValueKind | str,
    value: Decimal | int | str | None,
) -> Changed:
    """Set (or with ``None`` clear) the baseline, target or actual of a year; the
    ``Changed`` carries the value before and after (``old``/``new`` ``"value"``) and
    the cell (``extra`` ``year``, ``kind``, ``objective_id``)."""
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
        cell = {"year": year, "kind": kind, "objective_id": indicator.objective_id}
        old = {"value": None if row is None or row.deleted else row.value}
        if row is None:
            if number is None:
                return Changed(
                    Entity.INDICATOR,
                    (indicator.id,),
                    "updated",
                    ("values",),
                    extra=cell,
                    old=old,
                    new={"value": None},
                )
            row = IndicatorValue(
                id=row_id, plan_id=plan.id, indicator_id=indicator.id, year=year, kind=kind
            )
            s.add(row)
        row.value = number
        row.deleted = number is None
        return Changed(
            Entity.INDICATOR,
            (indicator.id, row.id),
            "updated",
            ("values",),
            extra=cell,
            old=old,
            new={"value": number},
        )


def delete_indicator(store: PlanFile, indicator_id: uuid.UUID) -> Changed:
    return rows.delete_row(
        store,
        Indicator,
        indicator_id,
        entity=Entity.INDICATOR,
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
        entity=Entity.INDICATOR,
        scope_fields=_MILESTONE_SCOPE,
        position=position,
        others=(IndicatorValue,),
    )
