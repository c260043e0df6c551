"""Units with roles: an objective has a lead unit (``Objective.lead_unit_id``) and any
number of other units, each with a role: co-lead (co-pilote), involved, or one of the
plan's own roles ("Co", "Co-P", "OOT": ``PlanRole``, a code and a name per language).

``unit_matrix`` is the objectives × units view the window shows, the workbook writes
and the PDF prints. Every write returns what it replaced (``Changed.old``) for undo.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from planner_app.domain import Objective, ObjectivePartner, OrgUnit, PlanRole
from planner_app.domain.enums import UnitRole
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import rows
from planner_app.services.common import (
    Changed,
    Entity,
    check_i18n,
    check_text,
    get_live,
    merge_i18n,
    writable_plan,
)
from planner_app.services.tree_read import load_tree
from planner_app.services.units import load_units
from planner_app.storage import PlanFile

_SCOPE = ("plan_id",)
LEAD = "lead"  # the lead unit's place in a matrix cell (not a stored role)


@dataclass(frozen=True)
class PlanRoleInfo:
    id: uuid.UUID
    position: int
    code: str
    name: dict[str, str]


@dataclass(frozen=True)
class UnitLink:
    """A unit of an objective besides its lead: its role, and the plan role when the
    role is ``own``."""

    unit_id: uuid.UUID
    role: UnitRole
    role_id: uuid.UUID | None = None


# --- the plan's own roles ---------------------------------------------------------------


def load_plan_roles(store: PlanFile, plan_id: uuid.UUID) -> list[PlanRoleInfo]:
    with store.read() as s:
        return [
            PlanRoleInfo(r.id, r.position, r.code, dict(r.name))
            for r in rows.siblings(s, PlanRole, {"plan_id": plan_id})
        ]


def _check_code(s, plan_id: uuid.UUID, code: str, row_id: uuid.UUID | None = None) -> str:
    code = check_text(_("Code"), code, required=True, limit=16).strip()
    clash = s.scalar(
        select(PlanRole.id).where(
            PlanRole.plan_id == plan_id,
            PlanRole.deleted.is_(False),
            func.lower(PlanRole.code) == code.lower(),
            PlanRole.id != row_id,
        )
    )
    if clash is not None:
        raise ValidationError(_("Code"), _("the plan already has a role {code}.").format(code=code))
    return code


def add_plan_role(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    code: str,
    name: dict[str, str] | str = "",
    position: int | None = None,
) -> Changed:
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        row = PlanRole(
            id=uuid.uuid4(),
            plan_id=plan.id,
            code=_check_code(s, plan.id, code),
            name=check_i18n(_("Name"), name, languages=plan.language_list, limit=200),
        )
        rows.insert_at(s, row, {"plan_id": plan.id}, position)
        return Changed(Entity.PLAN_ROLE, (row.id,), "created")


def update_plan_role(
    store: PlanFile,
    role_id: uuid.UUID,
    *,
    code: str | None = None,
    name: dict[str, str] | None = None,
) -> Changed:
    with store.transaction() as s:
        row = get_live(s, PlanRole, role_id, "role")
        plan = writable_plan(s, row.plan_id)
        names = [n for n, v in (("code", code), ("name", name)) if v is not None]
        old = {n: dict(getattr(row, n)) if n == "name" else getattr(row, n) for n in names}
        if code is not None:
            row.code = _check_code(s, plan.id, code, row.id)
        if name is not None:
            row.name = merge_i18n(
                row.name, check_i18n(_("Name"), name, languages=plan.language_list, limit=200)
            )
        new = {n: dict(getattr(row, n)) if n == "name" else getattr(row, n) for n in names}
        return Changed(Entity.PLAN_ROLE, (row.id,), "updated", tuple(names), old=old, new=new)


def role_usage(store: PlanFile, role_id: uuid.UUID) -> int:
    """How many units of objectives hold a plan role."""
    with store.read() as s:
        return (
            s.scalar(
                select(func.count())
                .select_from(ObjectivePartner)
                .join(Objective, Objective.id == ObjectivePartner.objective_id)
                .where(
                    ObjectivePartner.role_id == role_id,
                    ObjectivePartner.deleted.is_(False),
                    Objective.deleted.is_(False),
                )
            )
            or 0
        )


def delete_plan_role(store: PlanFile, role_id: uuid.UUID) -> Changed:
    """Tombstone an unused plan role; one still held is refused, saying how often."""
    used = role_usage(store, role_id)
    if used:
        raise ValidationError(
            _("Role"),
            _("{n} units of objectives still hold it; give them another role first.").format(
                n=used
            ),
        )
    return rows.delete_row(store, PlanRole, role_id, entity=Entity.PLAN_ROLE, scope_fields=_SCOPE)


def restore_plan_role(
    store: PlanFile, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    return rows.restore_rows(
        store, PlanRole, ids, entity=Entity.PLAN_ROLE, scope_fields=_SCOPE, position=position
    )


def move_plan_role(store: PlanFile, role_id: uuid.UUID, position: int) -> Changed:
    return rows.move_row(
        store, PlanRole, role_id, position, entity=Entity.PLAN_ROLE, scope_fields=_SCOPE
    )


# --- an objective's units ----------------------------------------------------------------


def _role(role: UnitRole | str) -> UnitRole:
    try:
        return UnitRole(role)
    except ValueError:
        raise ValidationError(
            _("Role"), _("must be co-lead, involved or one of the plan's roles.")
        ) from None


def links_of(store: PlanFile, objective_id: uuid.UUID) -> list[UnitLink]:
    """The units of an objective besides its lead, in unit order."""
    with store.read() as s:
        obj = get_live(s, Objective, objective_id, "objective")
        order = {u.id: n for n, u in enumerate(_units_in_order(s, obj.plan_id))}
        links = [
            UnitLink(p.unit_id, p.role, p.role_id)
            for p in s.scalars(
                select(ObjectivePartner).where(
                    ObjectivePartner.objective_id == objective_id,
                    ObjectivePartner.deleted.is_(False),
                )
            )
        ]
    return sorted(links, key=lambda link: order.get(link.unit_id, len(order)))


def plan_links(store: PlanFile, plan_id: uuid.UUID) -> dict[uuid.UUID, list[UnitLink]]:
    """Every live objective's units besides its lead (one query)."""
    out: dict[uuid.UUID, list[UnitLink]] = defaultdict(list)
    with store.read() as s:
        query = (
            select(
                ObjectivePartner.objective_id,
                ObjectivePartner.unit_id,
                ObjectivePartner.role,
                ObjectivePartner.role_id,
            )
            .join(Objective, Objective.id == ObjectivePartner.objective_id)
            .where(
                ObjectivePartner.plan_id == plan_id,
                ObjectivePartner.deleted.is_(False),
                Objective.deleted.is_(False),
            )
        )
        for objective_id, unit_id, role, role_id in s.execute(query):
            out[objective_id].append(UnitLink(unit_id, role, role_id))
    return dict(out)


def _units_in_order(s, plan_id: uuid.UUID) -> list[OrgUnit]:
    units = list(
        s.scalars(
            select(OrgUnit)
            .where(OrgUnit.plan_id == plan_id, OrgUnit.deleted.is_(False))
            .order_by(OrgUnit.position)
        )
    )
    children: dict[uuid.UUID | None, list[OrgUnit]] = defaultdict(list)
    for unit in units:
        children[unit.parent_id].append(unit)
    out: list[OrgUnit] = []
    stack = list(reversed(children[None]))
    while stack:
        unit = stack.pop()
        out.append(unit)
        stack.extend(reversed(children[unit.id]))
    return out


def set_unit_role(
    store: PlanFile,
    objective_id: uuid.UUID,
    unit_id: uuid.UUID,
    role: UnitRole | str | None,
    role_id: uuid.UUID | None = None,
) -> Changed:
    """Give ``unit_id`` a ``role`` in the objective (``own`` with a plan role
    ``role_id``), or take it off (``role`` None). The lead unit has no other role.
    ``Changed.old["role"]`` is the (role, role_id) it had, or None: what undo writes
    back."""
    with store.transaction() as s:
        obj = get_live(s, Objective, objective_id, "objective")
        plan = writable_plan(s, obj.plan_id)
        unit = get_live(s, OrgUnit, unit_id, "unit")
        if unit.plan_id != plan.id:
            raise ValidationError(_("Unit"), _("belongs to another plan."))
        link_id = ObjectivePartner.key_id(obj.id, unit.id)
        link = s.get(ObjectivePartner, link_id)
        old = None if link is None or link.deleted else (link.role, link.role_id)
        if role is None:
            if link is not None:
                link.deleted = True
        else:
            role = _role(role)
            if unit.id == obj.lead_unit_id:
                raise ValidationError(
                    _("Unit"), _("is the objective's lead unit; it has no other role.")
                )
            if role is UnitRole.OWN:
                own = get_live(s, PlanRole, role_id, "role") if role_id else None
                if own is None or own.plan_id != plan.id:
                    raise ValidationError(_("Role"), _("choose one of the plan's roles."))
            else:
                role_id = None
            if link is None:
                link = ObjectivePartner(
                    id=link_id, plan_id=plan.id, objective_id=obj.id, unit_id=unit.id
                )
                s.add(link)
            link.deleted = False
            link.role, link.role_id = role, role_id
        new = None if role is None else (link.role, link.role_id)  # type: ignore[union-attr]
        return Changed(
            Entity.OBJECTIVE,
            (obj.id,),
            "updated",
            ("partners",),
            extra={"unit_id": unit.id},
            old={"role": old},
            new={"role": new},
        )


# --- the objectives × units matrix --------------------------------------------------------


@dataclass(frozen=True)
class MatrixRow:
    objective_id: uuid.UUID
    code: str
    level: str
    title: dict[str, str]
    depth: int
    cells: dict[uuid.UUID, str]  # unit -> "lead", "co_lead", "involved" or a role code


@dataclass(frozen=True)
class UnitMatrix:
    """Which unit does what in which objective: columns are the units that hold any
    role (unit order), rows the objectives that have any unit (tree order)."""

    units: tuple[tuple[uuid.UUID, str, dict[str, str]], ...]  # id, code, name
    rows: tuple[MatrixRow, ...]
    roles: tuple[PlanRoleInfo, ...]  # the plan's own roles, for the legend

    @property
    def has_roles(self) -> bool:
        """Whether any unit besides a lead holds a role (else a matrix says no more
        than the lead units do)."""
        return any(cell != LEAD for row in self.rows for cell in row.cells.values())


def unit_matrix(store: PlanFile, plan_id: uuid.UUID) -> UnitMatrix:
    roles = load_plan_roles(store, plan_id)
    codes = {r.id: r.code for r in roles}
    links = plan_links(store, plan_id)
    units = {u.id: u for u in load_units(store, plan_id)}
    used: set[uuid.UUID] = set()
    out: list[MatrixRow] = []
    depth: dict[uuid.UUID, int] = {}
    for node in load_tree(store, plan_id):  # parents before children
        depth[node.id] = depth[node.parent_id] + 1 if node.parent_id in depth else 0
        cells: dict[uuid.UUID, str] = {}
        if node.lead_unit_id in units:
            cells[node.lead_unit_id] = LEAD
        for link in links.get(node.id, ()):
            if link.unit_id not in units or link.unit_id == node.lead_unit_id:
                continue
            mark = codes.get(link.role_id, "") if link.role is UnitRole.OWN else link.role.value
            cells[link.unit_id] = mark or UnitRole.INVOLVED.value
        if cells:
            used |= set(cells)
            out.append(
                MatrixRow(
                    node.id, node.code, node.level.value, dict(node.title), depth[node.id], cells
                )
            )
    columns = tuple((u.id, u.code, dict(u.name)) for u in units.values() if u.id in used)
    return UnitMatrix(columns, tuple(out), tuple(roles))
