"""Budget stages (INI, adjusted, realised, ...) and credit types (VL, VE, ...): the
dimensions that, with a year, key every amount. Ids derive from codes, so replicas that
add "INI" agree on its id; a rename moves every amount to the cell keyed by the new code.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner_app.domain import (
    BudgetAmount,
    BudgetStage,
    CreditType,
)
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import rows
from planner_app.services.common import (
    Changed,
    Entity,
    check_i18n,
    check_text,
    writable_plan,
)
from planner_app.storage import PlanFile


def _code(field: str, code: str) -> str:
    code = check_text(field, code, required=True, limit=16).strip()
    if " " in code:
        raise ValidationError(field, _("must be one word (for example INI or VL)."))
    return code


def add_stage(
    store: PlanFile, plan_id: uuid.UUID, *, code: str, name: dict[str, str] | str = ""
) -> Changed:
    """A budget stage (INI initial, adjusted, realised, ...); its id derives from code."""
    return _add_dimension(store, plan_id, BudgetStage, _("Budget stage"), code, name)


def add_credit_type(
    store: PlanFile, plan_id: uuid.UUID, *, code: str, name: dict[str, str] | str = ""
) -> Changed:
    """A credit type (VL commitment, VE liquidation, ...); its id derives from code."""
    return _add_dimension(store, plan_id, CreditType, _("Credit type"), code, name)


def _add_dimension(store, plan_id, model, label, code, name) -> Changed:
    code = _code(label, code)
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        row_id = model.key_id(plan.id, code)
        row = s.get(model, row_id)
        if row is not None and not row.deleted:
            raise ValidationError(label, _("{code} exists already.").format(code=code))
        if row is None:
            row = model(id=row_id, plan_id=plan.id, code=code)
        row.name = check_i18n(label, name, languages=plan.language_list)
        row.deleted = False
        rows.insert_at(s, row, {"plan_id": plan.id}, None)
        return Changed(Entity.BUDGET, (row.id,), "created")


def dimension(s: Session, model, plan_id: uuid.UUID, code: str, label: str):
    """The live stage or credit type ``code`` of a plan, refused when it is not defined."""
    row = s.get(model, model.key_id(plan_id, code))
    if row is None or row.deleted:
        raise ValidationError(label, _("{code} is not defined in this plan.").format(code=code))
    return row


def list_dimensions(store: PlanFile, plan_id: uuid.UUID) -> tuple[list[str], list[str]]:
    """The codes of the plan's budget stages and credit types, in order."""
    with store.read() as s:
        stages = [r.code for r in rows.siblings(s, BudgetStage, {"plan_id": plan_id})]
        types = [r.code for r in rows.siblings(s, CreditType, {"plan_id": plan_id})]
        return stages, types


def remove_stage(store: PlanFile, plan_id: uuid.UUID, code: str) -> Changed:
    """Tombstone a budget stage that no amount uses (undo of ``add_stage``)."""
    return _remove_dimension(store, plan_id, BudgetStage, "stage_id", _("Budget stage"), code)


def remove_credit_type(store: PlanFile, plan_id: uuid.UUID, code: str) -> Changed:
    """Tombstone a credit type that no amount uses (undo of ``add_credit_type``)."""
    return _remove_dimension(store, plan_id, CreditType, "credit_type_id", _("Credit type"), code)


def _remove_dimension(store, plan_id, model, fk: str, label: str, code: str) -> Changed:
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        row = dimension(s, model, plan.id, code, label)
        used = s.scalar(
            select(func.count()).where(
                getattr(BudgetAmount, fk) == row.id,
                BudgetAmount.deleted.is_(False),
                BudgetAmount.amount.is_not(None),
            )
        )
        if used:
            raise ValidationError(
                label, _("{code} holds amounts; clear them first.").format(code=code)
            )
        row.deleted = True
        rows.renumber(rows.siblings(s, model, {"plan_id": plan.id}))
        return Changed(Entity.BUDGET, (row.id,), "deleted")


def _kind(kind: str) -> tuple[type, str, str]:
    """Model, amount column and label of a dimension kind ("stage" or "credit_type")."""
    if kind == "stage":
        return BudgetStage, "stage_id", _("Budget stage")
    if kind == "credit_type":
        return CreditType, "credit_type_id", _("Credit type")
    raise ValueError(kind)


def rename_dimension(store: PlanFile, plan_id: uuid.UUID, kind: str, old: str, new: str) -> Changed:
    """Give a budget stage or credit type a new code, keeping its place and amounts.

    Ids derive from codes (replicas that add "INI" agree on its id), so a rename is a
    new row with the new code in the old one's place, every amount moved to the cell
    keyed by it, and the old row tombstoned; renaming back revives the old rows."""
    model, fk, label = _kind(kind)
    new = _code(label, new)
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        row = dimension(s, model, plan.id, old, label)
        if new == row.code:
            return Changed(Entity.BUDGET, (row.id,), "updated")
        target = s.get(model, model.key_id(plan.id, new))
        if target is not None and not target.deleted:
            raise ValidationError(label, _("{code} exists already.").format(code=new))
        if target is None:
            target = model(id=model.key_id(plan.id, new), plan_id=plan.id, code=new)
        target.name = dict(row.name or {})
        target.deleted = False
        rows.insert_at(s, target, {"plan_id": plan.id}, row.position)
        moved = [target.id, row.id]
        amounts = s.scalars(
            select(BudgetAmount).where(
                getattr(BudgetAmount, fk) == row.id, BudgetAmount.deleted.is_(False)
            )
        ).all()
        for amount in amounts:
            keys = {
                "stage_id": amount.stage_id,
                "credit_type_id": amount.credit_type_id,
                fk: target.id,
            }
            cell_id = BudgetAmount.key_id(
                amount.line_id, amount.year, keys["stage_id"], keys["credit_type_id"]
            )
            cell = s.get(BudgetAmount, cell_id)
            if cell is None:
                cell = BudgetAmount(
                    id=cell_id, plan_id=plan.id, line_id=amount.line_id, year=amount.year, **keys
                )
                s.add(cell)
            cell.amount, cell.deleted = amount.amount, False
            amount.amount, amount.deleted = None, True
            moved.append(cell.id)
        row.deleted = True
        rows.renumber(rows.siblings(s, model, {"plan_id": plan.id}))
        return Changed(Entity.BUDGET, tuple(moved), "updated")


def remove_dimension(store: PlanFile, plan_id: uuid.UUID, kind: str, code: str) -> Changed:
    """Remove a budget stage or credit type; refused while it holds amounts."""
    model, fk, label = _kind(kind)
    return _remove_dimension(store, plan_id, model, fk, label, code)


def restore_dimension(
    store: PlanFile, plan_id: uuid.UUID, kind: str, code: str, position: int
) -> Changed:
    """Bring a removed stage or credit type back at ``position`` with its names (the
    undo of ``remove_dimension``)."""
    model, _fk, label = _kind(kind)
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        row = s.get(model, model.key_id(plan.id, code))
        if row is None:
            raise ValidationError(label, _("{code} is not defined in this plan.").format(code=code))
        if not row.deleted:
            raise ValidationError(label, _("{code} exists already.").format(code=code))
        row.deleted = False
        rows.insert_at(s, row, {"plan_id": plan.id}, position)
        return Changed(Entity.BUDGET, (row.id,), "restored")
