"""Organisation units of a plan: directorates, services, foreign posts, a tree."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from planner_app.domain import Objective, ObjectivePartner, OrgUnit, StaffingFigure
from planner_app.domain.enums import UnitKind
from planner_app.domain.rules import descendants
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import rows
from planner_app.services.common import (
    MAX_TITLE,
    Changed,
    Entity,
    check_i18n,
    check_text,
    get_live,
    merge_required,
    updated,
    values_of,
    writable_plan,
)
from planner_app.storage import PlanFile

_SCOPE = ("plan_id", "parent_id")


@dataclass(frozen=True)
class UnitInfo:
    id: uuid.UUID
    parent_id: uuid.UUID | None
    position: int
    depth: int
    code: str
    name: dict[str, str]
    kind: UnitKind


def load_units(store: PlanFile, plan_id: uuid.UUID) -> list[UnitInfo]:
    """The plan's units depth first, each with its depth in the tree."""
    with store.read() as s:
        units = s.scalars(
            select(OrgUnit)
            .where(OrgUnit.plan_id == plan_id, OrgUnit.deleted.is_(False))
            .order_by(OrgUnit.position)
        ).all()
        children: dict[uuid.UUID | None, list[OrgUnit]] = {}
        for unit in units:
            children.setdefault(unit.parent_id, []).append(unit)
        out: list[UnitInfo] = []
        stack = [(u, 0) for u in reversed(children.get(None, []))]
        while stack:
            unit, depth = stack.pop()
            out.append(
                UnitInfo(
                    unit.id,
                    unit.parent_id,
                    unit.position,
                    depth,
                    unit.code,
                    dict(unit.name),
                    unit.kind,
                )
            )
            stack.extend((c, depth + 1) for c in reversed(children.get(unit.id, [])))
        return out


def _kind(kind: UnitKind | str) -> UnitKind:
    try:
        return UnitKind(kind)
    except ValueError:
        raise ValidationError(
            _("Kind"), _("must be directorate, service, post or other.")
        ) from None


def add_unit(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    name: dict[str, str] | str,
    kind: UnitKind | str = UnitKind.SERVICE,
    code: str = "",
    parent_id: uuid.UUID | None = None,
    position: int | None = None,
) -> Changed:
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        if parent_id is not None:
            parent = get_live(s, OrgUnit, parent_id, "unit")
            if parent.plan_id != plan.id:
                raise ValidationError(_("Parent"), _("belongs to another plan."))
        row = OrgUnit(
            id=uuid.uuid4(),
            plan_id=plan.id,
            parent_id=parent_id,
            name=check_i18n(
                _("Name"), name, languages=plan.language_list, required=True, limit=MAX_TITLE
            ),
            kind=_kind(kind),
            code=check_text(_("Code"), code, limit=64).strip(),
        )
        rows.insert_at(s, row, {"plan_id": plan.id, "parent_id": parent_id}, position)
        return Changed(Entity.UNIT, (row.id,), "created")


def update_unit(
    store: PlanFile,
    unit_id: uuid.UUID,
    *,
    name: dict[str, str] | None = None,
    kind: UnitKind | str | None = None,
    code: str | None = None,
) -> Changed:
    with store.transaction() as s:
        row = get_live(s, OrgUnit, unit_id, "unit")
        plan = writable_plan(s, row.plan_id)
        given = (("code", code), ("kind", kind), ("name", name))
        old = values_of(row, [n for n, v in given if v is not None])
        if name is not None:
            row.name = merge_required(_("Name"), row.name, name, plan.language_list)
        if kind is not None:
            row.kind = _kind(kind)
        if code is not None:
            row.code = check_text(_("Code"), code, limit=64).strip()
        return updated(Entity.UNIT, row, old)


def move_unit(
    store: PlanFile, unit_id: uuid.UUID, *, parent_id: uuid.UUID | None, position: int
) -> Changed:
    with store.transaction() as s:
        row = get_live(s, OrgUnit, unit_id, "unit")
        plan = writable_plan(s, row.plan_id)
        units = s.scalars(
            select(OrgUnit).where(OrgUnit.plan_id == plan.id, OrgUnit.deleted.is_(False))
        ).all()
        children: dict[uuid.UUID | None, list[uuid.UUID]] = {}
        for u in units:
            children.setdefault(u.parent_id, []).append(u.id)
        if parent_id is not None and parent_id in descendants(children, row.id):
            raise ValidationError(_("Parent"), _("a unit cannot move under itself."))
        if parent_id is not None and get_live(s, OrgUnit, parent_id, "unit").plan_id != plan.id:
            raise ValidationError(_("Parent"), _("belongs to another plan."))
        old_scope = rows.scope_of(row, _SCOPE)
        old = {
            "parent_id": row.parent_id,
            "position": [u.id for u in rows.siblings(s, OrgUnit, old_scope)].index(row.id),
        }
        row.parent_id = parent_id
        rows.insert_at(s, row, {"plan_id": plan.id, "parent_id": parent_id}, position)
        rows.renumber(rows.siblings(s, OrgUnit, old_scope))
        return Changed(
            Entity.UNIT,
            (row.id,),
            "moved",
            old=old,
            new={"parent_id": parent_id, "position": row.position},
        )


def unit_usage(store: PlanFile, unit_id: uuid.UUID) -> dict[str, int]:
    """How many live rows refer to a unit (sub-units, objectives, staffing figures)."""
    with store.read() as s:
        return {
            "units": s.scalar(
                select(func.count()).where(OrgUnit.parent_id == unit_id, OrgUnit.deleted.is_(False))
            )
            or 0,
            "objectives": s.scalar(
                select(func.count(func.distinct(Objective.id)))
                .select_from(Objective)
                .outerjoin(
                    ObjectivePartner,
                    (ObjectivePartner.objective_id == Objective.id)
                    & ObjectivePartner.deleted.is_(False),
                )
                .where(
                    Objective.deleted.is_(False),
                    or_(Objective.lead_unit_id == unit_id, ObjectivePartner.unit_id == unit_id),
                )
            )
            or 0,
            "staffing": s.scalar(
                select(func.count()).where(
                    StaffingFigure.unit_id == unit_id, StaffingFigure.deleted.is_(False)
                )
            )
            or 0,
        }


def delete_unit(store: PlanFile, unit_id: uuid.UUID) -> Changed:
    """Tombstone an unused unit; a unit still in use is refused, saying where."""
    usage = unit_usage(store, unit_id)
    if any(usage.values()):
        raise ValidationError(
            _("Unit"),
            _(
                "is still used by {units} sub-units, {objectives} objectives and "
                "{staffing} staffing figures; move or clear those first."
            ).format(**usage),
        )
    return rows.delete_row(store, OrgUnit, unit_id, entity=Entity.UNIT, scope_fields=_SCOPE)


def restore_unit(
    store: PlanFile, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    return rows.restore_rows(
        store, OrgUnit, ids, entity=Entity.UNIT, scope_fields=_SCOPE, position=position
    )
