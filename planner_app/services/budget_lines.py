"""Budget lines: the tree of groups and leaves (add, rename, move, delete, restore) and
the objectives a line funds. Amounts live only on leaves (``budget_amounts``); a line
that has amounts of its own cannot become a group.
"""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner_app.domain import (
    BudgetAmount,
    BudgetLine,
    BudgetLineObjective,
    Objective,
)
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


def _has_amounts(s: Session, line_id: uuid.UUID) -> bool:
    return (
        s.scalar(
            select(func.count()).where(
                BudgetAmount.line_id == line_id, BudgetAmount.deleted.is_(False)
            )
        )
        or 0
    ) > 0


def add_line(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    title: dict[str, str] | str,
    parent_id: uuid.UUID | None = None,
    code: str = "",
    allow_negative: bool = False,
    position: int | None = None,
) -> Changed:
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        if parent_id is not None:
            parent = get_live(s, BudgetLine, parent_id, "budget line")
            if parent.plan_id != plan.id:
                raise ValidationError(_("Parent"), _("belongs to another plan."))
            if _has_amounts(s, parent.id):
                raise ValidationError(
                    _("Parent"),
                    _("the line has amounts of its own; clear them before adding lines under it."),
                )
        row = BudgetLine(
            id=uuid.uuid4(),
            plan_id=plan.id,
            parent_id=parent_id,
            code=check_text(_("Code"), code, limit=32).strip(),
            title=check_i18n(
                _("Title"), title, languages=plan.language_list, required=True, limit=MAX_TITLE
            ),
            allow_negative=bool(allow_negative),
        )
        rows.insert_at(s, row, {"plan_id": plan.id, "parent_id": parent_id}, position)
        return Changed(Entity.BUDGET_LINE, (row.id,), "created")


def update_line(
    store: PlanFile,
    line_id: uuid.UUID,
    *,
    title: dict[str, str] | None = None,
    code: str | None = None,
    allow_negative: bool | None = None,
) -> Changed:
    with store.transaction() as s:
        row = get_live(s, BudgetLine, line_id, "budget line")
        plan = writable_plan(s, row.plan_id)
        given = (("allow_negative", allow_negative), ("code", code), ("title", title))
        old = values_of(row, [n for n, v in given if v is not None])
        if title is not None:
            row.title = merge_required(_("Title"), row.title, title, plan.language_list)
        if code is not None:
            row.code = check_text(_("Code"), code, limit=32).strip()
        if allow_negative is not None:
            if not allow_negative:
                negative = s.scalars(
                    select(BudgetAmount.id).where(
                        BudgetAmount.line_id == row.id,
                        BudgetAmount.deleted.is_(False),
                        BudgetAmount.amount < 0,
                    )
                ).first()
                if negative is not None:
                    raise ValidationError(
                        _("Negative amounts"), _("the line still has negative amounts.")
                    )
            row.allow_negative = allow_negative
        return updated(Entity.BUDGET_LINE, row, old)


def move_line(
    store: PlanFile, line_id: uuid.UUID, *, parent_id: uuid.UUID | None, position: int
) -> Changed:
    with store.transaction() as s:
        row = get_live(s, BudgetLine, line_id, "budget line")
        plan = writable_plan(s, row.plan_id)
        ancestor_id = parent_id
        while ancestor_id is not None:
            if ancestor_id == row.id:
                raise ValidationError(_("Parent"), _("a line cannot move under itself."))
            ancestor = get_live(s, BudgetLine, ancestor_id, "budget line")
            if ancestor.plan_id != plan.id:
                raise ValidationError(_("Parent"), _("belongs to another plan."))
            ancestor_id = ancestor.parent_id
        if parent_id is not None and _has_amounts(s, parent_id):
            raise ValidationError(
                _("Parent"),
                _("the line has amounts of its own; clear them before adding lines under it."),
            )
        old_scope = rows.scope_of(row, _SCOPE)
        row.parent_id = parent_id
        rows.insert_at(s, row, {"plan_id": plan.id, "parent_id": parent_id}, position)
        rows.renumber(rows.siblings(s, BudgetLine, old_scope))
        return Changed(Entity.BUDGET_LINE, (row.id,), "moved")


def delete_line(store: PlanFile, line_id: uuid.UUID) -> Changed:
    """Tombstone a line with its sub-lines, amounts and objective links."""
    with store.transaction() as s:
        root = get_live(s, BudgetLine, line_id, "budget line")
        writable_plan(s, root.plan_id)
        lines = s.scalars(
            select(BudgetLine).where(
                BudgetLine.plan_id == root.plan_id, BudgetLine.deleted.is_(False)
            )
        ).all()
        children: dict[uuid.UUID | None, list[uuid.UUID]] = defaultdict(list)
        for line in sorted(lines, key=lambda x: x.position):
            children[line.parent_id].append(line.id)
        ids = descendants(children, root.id)
        gone: list[uuid.UUID] = []
        for model, fk in (
            (BudgetLine, "id"),
            (BudgetAmount, "line_id"),
            (BudgetLineObjective, "line_id"),
        ):
            for row in s.scalars(
                select(model).where(getattr(model, fk).in_(ids), model.deleted.is_(False))
            ):
                row.deleted = True
                gone.append(row.id)
        gone.remove(root.id)
        gone.insert(0, root.id)
        rows.renumber(rows.siblings(s, BudgetLine, rows.scope_of(root, _SCOPE)))
        return Changed(
            Entity.BUDGET_LINE, tuple(gone), "deleted", extra={"position": root.position}
        )


def restore_line(
    store: PlanFile, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    with store.read() as s:
        line = s.get(BudgetLine, ids[0])
        if line is not None and line.parent_id is not None and _has_amounts(s, line.parent_id):
            raise ValidationError(
                _("Parent"),
                _("the line has amounts of its own; clear them before adding lines under it."),
            )
    return rows.restore_rows(
        store,
        BudgetLine,
        ids,
        entity=Entity.BUDGET_LINE,
        scope_fields=_SCOPE,
        position=position,
        others=(BudgetLine, BudgetAmount, BudgetLineObjective),
    )


def link_objective(
    store: PlanFile, line_id: uuid.UUID, objective_id: uuid.UUID, linked: bool = True
) -> Changed:
    """Record (or undo) that a budget line funds an objective."""
    with store.transaction() as s:
        line = get_live(s, BudgetLine, line_id, "budget line")
        plan = writable_plan(s, line.plan_id)
        objective = get_live(s, Objective, objective_id, "objective")
        if objective.plan_id != plan.id:
            raise ValidationError(_("Objective"), _("belongs to another plan."))
        row_id = BudgetLineObjective.key_id(line.id, objective.id)
        row = s.get(BudgetLineObjective, row_id)
        if row is None:
            if not linked:
                return Changed(Entity.BUDGET_LINE, (line.id,), "updated")
            row = BudgetLineObjective(
                id=row_id, plan_id=plan.id, line_id=line.id, objective_id=objective.id
            )
            s.add(row)
        row.deleted = not linked
        return Changed(Entity.BUDGET_LINE, (line.id, objective.id), "updated", ("objectives",))
