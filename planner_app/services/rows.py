"""Generic writes shared by the ordered child rows of a plan.

Milestones, indicators, chapters, units, budget lines, signatories and the diversity
plan's lists all follow one shape: a row with a plan, a parent (``scope``) and a
position. Deleting tombstones it and renumbers its siblings; restoring puts it back.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import PlanOwned
from planner_app.domain.labels import label
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services.common import (
    Changed,
    Entity,
    get_live,
    renumber,
    writable_plan,
)
from planner_app.storage import PlanFile


def siblings(s: Session, model: type[Any], scope: dict[str, Any]) -> list[Any]:
    query = select(model).where(model.deleted.is_(False))
    for name, value in scope.items():
        column = getattr(model, name)
        query = query.where(column.is_(None) if value is None else column == value)
    return list(s.scalars(query.order_by(model.position)))


def insert_at(s: Session, row: Any, scope: dict[str, Any], position: int | None) -> None:
    """Add ``row`` among its siblings at ``position`` (default last) and renumber."""
    rows = [r for r in siblings(s, type(row), scope) if r.id != row.id]
    index = len(rows) if position is None else max(0, min(position, len(rows)))
    rows.insert(index, row)
    if row not in s:
        s.add(row)
    renumber(rows, moved=row)


def scope_of(row: Any, scope_fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in scope_fields}


def delete_row(
    store: PlanFile,
    model: type[PlanOwned],
    row_id: uuid.UUID,
    *,
    entity: Entity,
    scope_fields: tuple[str, ...],
    cascade: tuple[tuple[type[PlanOwned], str], ...] = (),
) -> Changed:
    """Tombstone a row (and rows pointing at it through ``cascade``), renumber siblings."""
    with store.transaction() as s:
        row = get_live(s, model, row_id, entity)
        writable_plan(s, row.plan_id)
        row.deleted = True
        gone = [row.id]
        for child_model, fk in cascade:
            for child in s.scalars(
                select(child_model).where(
                    getattr(child_model, fk) == row.id, child_model.deleted.is_(False)
                )
            ):
                child.deleted = True
                gone.append(child.id)
        position = getattr(row, "position", None)
        if position is not None:
            renumber(siblings(s, model, scope_of(row, scope_fields)))
        return Changed(entity, tuple(gone), "deleted", extra={"position": position})


def _mapped_class(table_name: str) -> type[Any] | None:
    from planner_app.domain import Base

    for mapper in Base.registry.mappers:
        if mapper.class_.__tablename__ == table_name:
            return mapper.class_
    return None


def check_parents_live(s: Session, row: Any, scope_fields: tuple[str, ...]) -> None:
    """Refuse to bring back a row whose parent is itself deleted (restore it first)."""
    for name in scope_fields:
        value = getattr(row, name)
        if name == "plan_id" or value is None:
            continue
        for fk in type(row).__table__.columns[name].foreign_keys:
            parent_model = _mapped_class(fk.column.table.name)
            parent = s.get(parent_model, value) if parent_model else None
            if parent is None or parent.deleted:
                raise ValidationError(
                    label("row"), _("what it belongs to was deleted; restore that first.")
                )


def restore_rows(
    store: PlanFile,
    model: type[PlanOwned],
    ids: tuple[uuid.UUID, ...],
    *,
    entity: Entity,
    scope_fields: tuple[str, ...],
    position: int | None = None,
    others: tuple[type[PlanOwned], ...] = (),
) -> Changed:
    """Undo ``delete_row``: the first id is the row, the rest cascaded rows."""
    with store.transaction() as s:
        row = s.get(model, ids[0])
        if row is None:
            raise ValidationError(label(entity), _("nothing to restore."))
        writable_plan(s, row.plan_id)
        check_parents_live(s, row, scope_fields)
        row.deleted = False
        for other_id in ids[1:]:
            for other in others:
                found = s.get(other, other_id)
                if found is not None:
                    found.deleted = False
                    break
        if getattr(row, "position", None) is not None:
            insert_at(s, row, scope_of(row, scope_fields), position)
        return Changed(entity, ids, "restored")


def move_row(
    store: PlanFile,
    model: type[PlanOwned],
    row_id: uuid.UUID,
    position: int,
    *,
    entity: Entity,
    scope_fields: tuple[str, ...],
) -> Changed:
    with store.transaction() as s:
        row = get_live(s, model, row_id, entity)
        writable_plan(s, row.plan_id)
        scope = scope_of(row, scope_fields)
        old = [r.id for r in siblings(s, model, scope)].index(row.id)
        insert_at(s, row, scope, position)
        return Changed(
            entity, (row.id,), "moved", old={"position": old}, new={"position": row.position}
        )
