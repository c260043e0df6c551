"""Copy a plan (a new draft version of a final plan; next year's plan in
``services.next_year``) or one objective with its subtree (paste, within a plan or
into another of the file)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import ForeignKey, select
from sqlalchemy.orm import Session

from planner_app.domain import (
    Base,
    Indicator,
    IndicatorValue,
    Milestone,
    Objective,
    ObjectiveContribution,
    ObjectivePartner,
    Plan,
    PlanOwned,
)
from planner_app.domain.changes import content_columns
from planner_app.domain.enums import PlanState
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import codes, objectives
from planner_app.services.common import (
    Changed,
    Entity,
    get_plan,
    renumber,
    writable_plan,
)
from planner_app.services.levels import scheme_of
from planner_app.services.plans import _check_code
from planner_app.storage import PlanFile

# Filter: (model, row) -> keep?
RowFilter = Callable[[type[PlanOwned], Any], bool]


def _ordered_models() -> list[type[PlanOwned]]:
    by_table = {
        m.class_.__tablename__: m.class_
        for m in Base.registry.mappers
        if issubclass(m.class_, PlanOwned)
    }
    return [
        by_table[t.name]
        for t in Base.metadata.sorted_tables
        if t.name in by_table and not by_table[t.name].signing_metadata
    ]


def _plan_fk_columns(model: type[PlanOwned]) -> list[str]:
    """Columns pointing at rows of the same plan (remapped on copy)."""
    out = []
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        fks: set[ForeignKey] = column.foreign_keys
        if column.name != "plan_id" and any(fk.column.table.name != "plans" for fk in fks):
            out.append(column.name)
    return out


# References that may point outside the copied rows: kept as they are (a link to the
# strategic plan's objective, the row a copy came from) or cleared (a lead unit or a
# policy field that was deleted). Any other reference is a parent: without it the row
# is not copied.
_OUTSIDE_REFS = frozenset({"strategic_link_id", "carried_from_id"})
_OPTIONAL_REFS = frozenset({"lead_unit_id", "policy_field_id"})


def copy_rows(
    s: Session,
    source: Plan,
    target: Plan,
    keep: RowFilter,
    adjust: Callable[[type[PlanOwned], dict[str, Any]], None] | None = None,
) -> dict[uuid.UUID, uuid.UUID]:
    """Copy every kept live row of ``source`` into ``target`` with new ids; positions of
    the copies are renumbered 0..n-1 within each parent, since rows may be left out.
    ``adjust(model, values)`` may change a copy's values (references already mapped)
    before it is made: its id derives from them where the model has a natural key."""
    id_map: dict[uuid.UUID, uuid.UUID] = {}
    for model in _ordered_models():
        fks = _plan_fk_columns(model)
        parents = [fk for fk in fks if fk not in _OUTSIDE_REFS | _OPTIONAL_REFS]
        rows = s.scalars(
            select(model).where(model.plan_id == source.id, model.deleted.is_(False))
        ).all()
        by_id = {x.id: x for x in rows}
        # Self-referencing tables (objectives, units, lines): parents before children.
        rows = sorted(rows, key=lambda r: (_depth(r, by_id), getattr(r, "position", 0)))
        siblings: dict[tuple, list[Any]] = {}
        for row in rows:
            if not keep(model, row):
                continue
            values = {k: getattr(row, k) for k in content_columns(row)}
            skip = False
            for fk in fks:
                old = values.get(fk)
                if old is None or fk in _OUTSIDE_REFS:
                    continue
                if old in id_map:
                    values[fk] = id_map[old]
                elif fk in _OPTIONAL_REFS:
                    values[fk] = None  # it pointed at a deleted unit or field
                else:
                    skip = True  # its parent was not copied
            if skip:
                continue
            values["plan_id"] = target.id
            if adjust is not None:
                adjust(model, values)
            clone = model(**values)
            clone.id = (
                model.key_id(*(getattr(clone, f) for f in model.natural_key))
                if model.natural_key
                else uuid.uuid4()
            )
            id_map[row.id] = clone.id
            s.add(clone)
            if "position" in values:
                siblings.setdefault(tuple(values.get(p) for p in parents), []).append(clone)
        for group in siblings.values():
            for index, clone in enumerate(group):
                clone.position = index
    return id_map


def _depth(row: Any, by_id: dict[uuid.UUID, Any]) -> int:
    depth, parent = 0, getattr(row, "parent_id", None)
    while parent is not None and parent in by_id and depth < 100:
        depth += 1
        parent = by_id[parent].parent_id
    return depth


def new_draft_version(store: PlanFile, plan_id: uuid.UUID, *, code: str | None = None) -> Changed:
    """Copy a final or signed plan into a new draft with version + 1."""
    with store.transaction() as s:
        source = get_plan(s, plan_id)
        if source.state is PlanState.DRAFT:
            raise ValidationError(_("State"), _("the plan is a draft; edit it directly instead."))
        version = source.version_no + 1
        code = _check_code(s, code or f"{source.code}-v{version}")
        target = Plan(
            id=uuid.uuid4(),
            code=code,
            kind=source.kind,
            title=dict(source.title),
            organisation=dict(source.organisation),
            first_year=source.first_year,
            last_year=source.last_year,
            languages=source.languages,
            track_status=source.track_status,
            state=PlanState.DRAFT,
            version_no=version,
            strategic_plan_id=source.strategic_plan_id,
            previous_plan_id=source.id,
            **document_fields(source),
        )
        s.add(target)
        s.flush()
        id_map = copy_rows(s, source, target, lambda model, row: True)
        link_copies(s, target.id, id_map)
        return Changed(Entity.PLAN, (target.id,), "created")


def document_fields(source: Plan) -> dict[str, Any]:
    """What the copy prints of itself as the source did: its document type, version
    label and place of signing; not the date of signing (a new version is signed on
    another day)."""
    return {
        "document_type": dict(source.document_type),
        "version_label": dict(source.version_label),
        "signing_place": dict(source.signing_place),
    }


def link_copies(s: Session, target_id: uuid.UUID, id_map: dict[uuid.UUID, uuid.UUID]) -> None:
    """Each copied objective records the one it was copied from (``carried_from_id``):
    comparing the versions (``services.compare``) pairs them by it, whatever was
    renumbered or retitled since."""
    sources = {new_id: old_id for old_id, new_id in id_map.items()}
    for row in s.scalars(select(Objective).where(Objective.plan_id == target_id)):
        if row.id in sources:
            row.carried_from_id = sources[row.id]
    s.flush()


# --- one objective -------------------------------------------------------------------

# The rows that hang on an objective and travel with it, in insert order; the field
# naming the row each belongs to (objective or indicator).
_OBJECTIVE_PARTS: tuple[tuple[type[PlanOwned], str], ...] = (
    (Milestone, "objective_id"),
    (Indicator, "objective_id"),
    (IndicatorValue, "indicator_id"),
    (ObjectivePartner, "objective_id"),
    (ObjectiveContribution, "objective_id"),
)


def _clone(model: type[PlanOwned], row: Any, **values: Any) -> Any:
    fields = {k: getattr(row, k) for k in content_columns(row)}
    fields.update(values)
    clone = model(**fields)
    clone.id = (
        model.key_id(*(getattr(clone, f) for f in model.natural_key))
        if model.natural_key
        else uuid.uuid4()
    )
    return clone


def copy_objective(
    store: PlanFile,
    objective_id: uuid.UUID,
    *,
    target_plan_id: uuid.UUID,
    parent_id: uuid.UUID | None,
    position: int | None = None,
) -> Changed:
    """Copy an objective with its live subtree, milestones, indicators and their values
    under ``parent_id`` of ``target_plan_id`` (this plan or another of the same file) at
    ``position`` (default last), with new ids.

    Texts are kept; the copies get new codes, the next free ones under their new
    parents (a copy is a new objective: it never takes a code already printed). Lead
    unit, partners and policy field stay only within the same plan. ``Changed.ids`` lists
    every created row, the copied root first; ``objectives.delete_objective`` on the
    root takes them all away again.
    """
    with store.transaction() as s:
        source = objectives._objective(s, objective_id)
        target = writable_plan(s, target_plan_id)
        objectives._check_parent(s, target, source.level, parent_id)
        same_plan = source.plan_id == target.id
        scheme = scheme_of(s, target)
        code_rows = codes.code_rows(s, target.id)
        nodes = objectives._subtree(s, source, deleted=False)
        for level in {node.level for node in nodes}:
            if not scheme.used(level):
                raise ValidationError(
                    _("Level"),
                    _("plan {code} has no level “{level}”; add it in its properties first.").format(
                        code=target.code, level=scheme.name(level)
                    ),
                )
        id_map: dict[uuid.UUID, uuid.UUID] = {}
        created: list[uuid.UUID] = []
        clones: list[Objective] = []
        counters: dict[uuid.UUID | None, int] = {}
        for node in nodes:  # depth first, siblings in order: a parent before its children
            link = node.strategic_link_id
            if link is not None and (
                target.strategic_plan_id is None
                or s.get(Objective, link) is None
                or s.get(Objective, link).plan_id != target.strategic_plan_id
            ):
                link = None
            new_parent = parent_id if node is source else id_map[node.parent_id]
            number = codes.fresh_code(
                s, target, node.level, new_parent, scheme=scheme, rows=code_rows
            )
            clone = _clone(
                Objective,
                node,
                plan_id=target.id,
                parent_id=new_parent,
                code=number,
                code_literal=False,
                lead_unit_id=node.lead_unit_id if same_plan else None,
                policy_field_id=node.policy_field_id if same_plan else None,
                strategic_link_id=link,
                carried_from_id=None,
                is_reference=False,  # a copy is the target plan's own objective
            )
            if node is not source:  # children keep their order, numbered from 0
                clone.position = counters.get(clone.parent_id, 0)
                counters[clone.parent_id] = clone.position + 1
            id_map[node.id] = clone.id
            code_rows.append(
                codes.CodeRow(
                    clone.id, new_parent, node.level, 0, None, number, False, dict(node.title)
                )
            )
            created.append(clone.id)
            clones.append(clone)
            s.add(clone)
        root = clones[0]
        siblings = [o for o in objectives._siblings(s, target.id, parent_id) if o is not root]
        index = len(siblings) if position is None else max(0, min(position, len(siblings)))
        siblings.insert(index, root)
        renumber(siblings)
        for model, owner in _OBJECTIVE_PARTS:
            if model in (ObjectivePartner, ObjectiveContribution) and not same_plan:
                continue  # the units and strategic objectives belong to the source plan
            rows = s.scalars(
                select(model).where(
                    getattr(model, owner).in_(list(id_map)), model.deleted.is_(False)
                )
            ).all()
            rows = sorted(rows, key=lambda r: getattr(r, "position", 0))
            counters = {}
            for row in rows:
                new_owner = id_map[getattr(row, owner)]
                extra: dict[str, Any] = {"plan_id": target.id, owner: new_owner}
                if hasattr(row, "position"):
                    extra["position"] = counters.get(new_owner, 0)
                    counters[new_owner] = extra["position"] + 1
                clone = _clone(model, row, **extra)
                id_map[row.id] = clone.id
                created.append(clone.id)
                s.add(clone)
        s.flush()
        return Changed(
            Entity.OBJECTIVE,
            tuple(created),
            "created",
            extra={"plan_id": target.id, "parent_id": parent_id, "position": index},
        )


def move_objective_to_plan(
    store: PlanFile,
    objective_id: uuid.UUID,
    *,
    target_plan_id: uuid.UUID,
    parent_id: uuid.UUID | None,
    position: int | None = None,
) -> Changed:
    """Cut in one plan, pasted in another of the same file: the objective and its subtree
    are copied there (``copy_objective``) and tombstoned here, in one transaction, so a
    refusal on either side changes nothing.

    ``Changed.ids`` lists the created rows (the copy's root first); ``extra`` holds
    ``removed`` (the tombstoned rows, the original root first) and ``removed_position``,
    what ``swap_objectives`` needs to undo it.
    """
    with store.transaction() as s:
        source = objectives._objective(s, objective_id)
        if source.plan_id == target_plan_id:
            raise ValidationError(
                _("Objective"), _("is already in this plan; move it instead of copying it.")
            )
        writable_plan(s, source.plan_id)
        copied = copy_objective(
            store,
            objective_id,
            target_plan_id=target_plan_id,
            parent_id=parent_id,
            position=position,
        )
        removed = objectives.delete_objective(store, objective_id)
    return Changed(
        Entity.OBJECTIVE,
        copied.ids,
        "created",
        extra={"removed": removed.ids, "removed_position": removed.extra["position"]},
    )


def swap_objectives(
    store: PlanFile,
    *,
    restore: tuple[uuid.UUID, ...],
    position: int | None,
    delete: uuid.UUID,
) -> Changed:
    """Bring back the tombstoned rows ``restore`` (an objective root first) at
    ``position`` and tombstone the objective ``delete`` with its subtree, in one
    transaction: the undo and redo of ``move_objective_to_plan``."""
    with store.transaction():
        back = objectives.restore_objective(store, restore, position=position)
        gone = objectives.delete_objective(store, delete)
    return Changed(Entity.OBJECTIVE, (*back.ids, *gone.ids), "moved", extra={"removed": gone.ids})
