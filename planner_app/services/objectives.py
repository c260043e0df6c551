"""The objective tree: add, edit, move, delete and restore objectives.

Codes are stored (``services.codes``): an added objective gets the next free code of
its level under its parent, or the one typed, refused when another objective prints
alike; moving, deleting and restoring never change a code. A strategic objective keeps
its policy field through a move unless the move names another one.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import (
    BudgetLineObjective,
    Indicator,
    IndicatorValue,
    Milestone,
    Objective,
    ObjectiveContribution,
    ObjectivePartner,
    OrgUnit,
    Plan,
    PolicyField,
)
from planner_app.domain.enums import InitiativeKind, ObjectiveLevel, PlanKind, Status
from planner_app.domain.labels import label
from planner_app.domain.rules import descendants, parent_allowed
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import codes, references
from planner_app.services.common import (
    MAX_TITLE,
    Changed,
    Entity,
    check_i18n,
    get_live,
    merge_i18n,
    renumber,
    updated,
    values_of,
    writable_plan,
)
from planner_app.services.levels import scheme_of
from planner_app.services.tree_order import field_rank, field_ranks
from planner_app.storage import PlanFile

# The per-language texts of an objective (the editor shows a reference under each).
TEXT_FIELDS = ("title", "description", "intended_results")


# --- helpers -------------------------------------------------------------------------


def _objective(s: Session, objective_id: uuid.UUID) -> Objective:
    return get_live(s, Objective, objective_id, "objective")


def _siblings(s: Session, plan_id: uuid.UUID, parent_id: uuid.UUID | None) -> list[Objective]:
    """The live objectives under ``parent_id`` in document order: at the top, grouped
    by policy field in the fields' order (as the tree and the document show them)."""
    query = select(Objective).where(Objective.plan_id == plan_id, Objective.deleted.is_(False))
    query = query.where(
        Objective.parent_id.is_(None) if parent_id is None else Objective.parent_id == parent_id
    )
    found = list(s.scalars(query.order_by(Objective.position, Objective.id)))
    if parent_id is None:
        ranks = field_ranks(s, plan_id)
        found.sort(key=lambda o: field_rank(ranks, o.policy_field_id))
    return found


def _check_parent(
    s: Session, plan: Plan, level: ObjectiveLevel, parent_id: uuid.UUID | None
) -> Objective | None:
    parent = None if parent_id is None else _objective(s, parent_id)
    if parent is not None and parent.plan_id != plan.id:
        raise ValidationError(_("Parent"), _("belongs to another plan."))
    if not parent_allowed(level, parent.level if parent else None):
        where = _("at the top") if parent is None else label(parent.level)
        raise ValidationError(
            _("Parent"),
            _("a {level} objective cannot be placed {where}.").format(
                level=label(level), where=where
            )
            if parent is None
            else _("a {level} cannot be placed under a {parent} objective.").format(
                level=label(level), parent=where
            ),
        )
    return parent


def _check_unit(s: Session, plan: Plan, unit_id: uuid.UUID | None, field: str) -> None:
    if unit_id is None:
        return
    unit = get_live(s, OrgUnit, unit_id, "unit")
    if unit.plan_id != plan.id:
        raise ValidationError(field, _("the unit belongs to another plan."))


def _check_policy_field(
    s: Session, plan: Plan, level: ObjectiveLevel, policy_field_id: uuid.UUID | None
) -> None:
    if policy_field_id is None:
        return
    if level is not ObjectiveLevel.STRATEGIC:
        raise ValidationError(
            _("Policy field"), _("only strategic objectives are grouped by policy field.")
        )
    field = get_live(s, PolicyField, policy_field_id, "policy field")
    if field.plan_id != plan.id:
        raise ValidationError(_("Policy field"), _("belongs to another plan."))


def _check_kind(level: ObjectiveLevel, kind: InitiativeKind | str | None) -> InitiativeKind | None:
    if kind is None or kind == "":
        return InitiativeKind.PROJECT if level is ObjectiveLevel.INITIATIVE else None
    if level is not ObjectiveLevel.INITIATIVE:
        raise ValidationError(_("Kind"), _("only initiatives are projects or processes."))
    try:
        return InitiativeKind(kind)
    except ValueError:
        raise ValidationError(_("Kind"), _("must be project or process.")) from None


def _check_link(s: Session, plan: Plan, link_id: uuid.UUID | None) -> None:
    if link_id is None:
        return
    target = _objective(s, link_id)
    if plan.strategic_plan_id is None or target.plan_id != plan.strategic_plan_id:
        raise ValidationError(
            _("Strategic objective"),
            _("link only to an objective of the strategic plan this plan carries out."),
        )


# --- writes --------------------------------------------------------------------------


def add_objective(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    level: ObjectiveLevel | str,
    title: dict[str, str] | str,
    parent_id: uuid.UUID | None = None,
    position: int | None = None,
    kind: InitiativeKind | str | None = None,
    description: dict[str, str] | str = "",
    intended_results: dict[str, str] | str = "",
    status: Status | str = Status.NOT_STARTED,
    lead_unit_id: uuid.UUID | None = None,
    policy_field_id: uuid.UUID | None = None,
    code: str = "",
    strategic_link_id: uuid.UUID | None = None,
    objective_id: uuid.UUID | None = None,
) -> Changed:
    """Add an objective under ``parent_id`` at ``position`` (default: last), coded
    ``code`` as typed ("SD 6", "6" or a literal "Axe 2"), else the next free code."""
    level = ObjectiveLevel(level)
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        langs = plan.language_list
        scheme = scheme_of(s, plan)
        if not scheme.used(level):
            raise ValidationError(
                _("Level"),
                _(
                    "this plan has no level “{level}”; choose its levels in the plan's properties."
                ).format(level=scheme.name(level)),
            )
        _check_parent(s, plan, level, parent_id)
        _check_unit(s, plan, lead_unit_id, _("Lead unit"))
        _check_policy_field(s, plan, level, policy_field_id)
        _check_link(s, plan, strategic_link_id)
        try:
            status = Status(status)
        except ValueError:
            raise ValidationError(_("Status"), _("unknown status {s}.").format(s=status)) from None
        new_id = objective_id or uuid.uuid4()
        rows = codes.code_rows(s, plan.id)
        number, literal = codes.read_code(s, plan, level, code, scheme=scheme)
        if number:
            codes.check_free(s, plan, new_id, level, number, literal, scheme=scheme, rows=rows)
        else:
            number = codes.fresh_code(s, plan, level, parent_id, scheme=scheme, rows=rows)
        obj = Objective(
            id=new_id,
            plan_id=plan.id,
            parent_id=parent_id,
            level=level,
            kind=_check_kind(level, kind),
            title=check_i18n(_("Title"), title, languages=langs, required=True, limit=MAX_TITLE),
            description=check_i18n(_("Description"), description, languages=langs),
            intended_results=check_i18n(_("Intended results"), intended_results, languages=langs),
            status=status,
            lead_unit_id=lead_unit_id,
            policy_field_id=policy_field_id,
            code=number,
            code_literal=literal,
            strategic_link_id=strategic_link_id,
        )
        siblings = _siblings(s, plan.id, parent_id)
        index = len(siblings) if position is None else max(0, min(position, len(siblings)))
        siblings.insert(index, obj)
        obj.position = index
        s.add(obj)
        renumber(siblings, moved=obj)
        return Changed(Entity.OBJECTIVE, (obj.id,), "created")


def update_objective(store: PlanFile, objective_id: uuid.UUID, **fields: object) -> Changed:
    """Set fields of an objective. Texts merge per language; others replace.

    Accepted: title, description, intended_results, kind, status, lead_unit_id,
    policy_field_id, code (as typed: "SD 3.1", "3.1", or a literal "Axe 2"),
    strategic_link_id.
    """
    allowed = {
        *TEXT_FIELDS,
        "kind",
        "status",
        "lead_unit_id",
        "policy_field_id",
        "code",
        "strategic_link_id",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(", ".join(sorted(unknown)), _("is not a field of an objective."))
    with store.transaction() as s:
        obj = _objective(s, objective_id)
        plan = writable_plan(s, obj.plan_id)
        references.refuse_reference(obj)
        old = values_of(obj, sorted(fields))  # what an undo writes back
        langs = plan.language_list
        labels = {
            "title": _("Title"),
            "description": _("Description"),
            "intended_results": _("Intended results"),
        }
        for name in TEXT_FIELDS:
            if name in fields:
                value = check_i18n(
                    labels[name],
                    fields[name],  # type: ignore[arg-type]
                    languages=langs,
                    limit=MAX_TITLE if name == "title" else 100_000,
                )
                merged = merge_i18n(getattr(obj, name), value)
                if name == "title" and not any(t.strip() for t in merged.values()):
                    raise ValidationError(labels[name], _("must not be empty."))
                setattr(obj, name, merged)
        if "kind" in fields:
            obj.kind = _check_kind(obj.level, fields["kind"])  # type: ignore[arg-type]
        if "status" in fields:
            try:
                obj.status = Status(fields["status"])
            except ValueError:
                raise ValidationError(
                    _("Status"), _("unknown status {s}.").format(s=fields["status"])
                ) from None
        if "lead_unit_id" in fields:
            _check_unit(s, plan, fields["lead_unit_id"], _("Lead unit"))  # type: ignore[arg-type]
            obj.lead_unit_id = fields["lead_unit_id"]  # type: ignore[assignment]
        if "policy_field_id" in fields:
            _check_policy_field(s, plan, obj.level, fields["policy_field_id"])  # type: ignore[arg-type]
            obj.policy_field_id = fields["policy_field_id"]  # type: ignore[assignment]
        if "code" in fields:
            number, literal = codes.read_code(s, plan, obj.level, fields["code"])  # type: ignore[arg-type]
            codes.check_free(s, plan, obj.id, obj.level, number, literal)
            obj.code, obj.code_literal = number, literal
        if "strategic_link_id" in fields:
            _check_link(s, plan, fields["strategic_link_id"])  # type: ignore[arg-type]
            obj.strategic_link_id = fields["strategic_link_id"]  # type: ignore[assignment]
        if plan.kind is PlanKind.STRATEGIC and {"title", "code"} & set(fields):
            s.flush()
            references.follow(s, plan.id)  # the yearly plans' drafts refer to it
        return updated(Entity.OBJECTIVE, obj, old)


def set_partners(store: PlanFile, objective_id: uuid.UUID, unit_ids: list[uuid.UUID]) -> Changed:
    """Make ``unit_ids`` the involved units (betrokkenen) of an objective."""
    with store.transaction() as s:
        obj = _objective(s, objective_id)
        plan = writable_plan(s, obj.plan_id)
        references.refuse_reference(obj)
        wanted = list(dict.fromkeys(unit_ids))
        for unit_id in wanted:
            _check_unit(s, plan, unit_id, _("Partners"))
        existing = {
            p.unit_id: p
            for p in s.scalars(
                select(ObjectivePartner).where(ObjectivePartner.objective_id == obj.id)
            )
        }
        old = tuple(unit_id for unit_id, link in existing.items() if not link.deleted)
        for unit_id, link in existing.items():
            if unit_id not in wanted and not link.deleted:
                link.deleted = True
        for unit_id in wanted:
            link = existing.get(unit_id)
            if link is None:
                s.add(
                    ObjectivePartner(
                        id=ObjectivePartner.key_id(obj.id, unit_id),
                        plan_id=plan.id,
                        objective_id=obj.id,
                        unit_id=unit_id,
                    )
                )
            elif link.deleted:
                link.deleted = False
        return Changed(
            Entity.OBJECTIVE,
            (obj.id,),
            "updated",
            ("partners",),
            old={"partners": old},
            new={"partners": tuple(wanted)},
        )


KEEP_FIELD: Any = object()  # move_objective: the policy field stays as it is


def move_objective(
    store: PlanFile,
    objective_id: uuid.UUID,
    *,
    parent_id: uuid.UUID | None,
    position: int,
    policy_field_id: uuid.UUID | None = KEEP_FIELD,
) -> Changed:
    """Re-parent and/or reorder, within the level rules. ``position`` counts the new
    siblings in document order without the moved objective. Codes never change; a
    strategic objective keeps its policy field unless ``policy_field_id`` names another
    (or None: no field). ``extra`` holds the old parent, position and field."""
    with store.transaction() as s:
        obj = _objective(s, objective_id)
        plan = writable_plan(s, obj.plan_id)
        references.refuse_reference(obj)
        parent = _check_parent(s, plan, obj.level, parent_id)
        old_field = obj.policy_field_id
        if policy_field_id is not KEEP_FIELD:
            _check_policy_field(s, plan, obj.level, policy_field_id)
        new_field = old_field if policy_field_id is KEEP_FIELD else policy_field_id
        ancestor = parent
        while ancestor is not None:  # no cycles, whatever the levels say
            if ancestor.id == obj.id:
                raise ValidationError(_("Parent"), _("an objective cannot move under itself."))
            ancestor = s.get(Objective, ancestor.parent_id) if ancestor.parent_id else None
        old_parent = obj.parent_id
        before = _siblings(s, plan.id, old_parent)
        old_index = [o.id for o in before].index(obj.id)
        old_siblings = [o for o in before if o.id != obj.id]
        obj.policy_field_id = new_field
        new_siblings = (
            old_siblings
            if old_parent == parent_id
            else [o for o in _siblings(s, plan.id, parent_id) if o.id != obj.id]
        )
        index = max(0, min(position, len(new_siblings)))
        new_siblings.insert(index, obj)
        obj.parent_id = parent_id
        if parent_id is None:  # the field's group decides the order
            ranks = field_ranks(s, plan.id)
            new_siblings.sort(key=lambda o: field_rank(ranks, o.policy_field_id))
        renumber(new_siblings, moved=obj)
        if old_parent != parent_id:
            renumber(old_siblings)
        moved = {o.id for o in new_siblings} | {o.id for o in old_siblings}
        return Changed(
            Entity.OBJECTIVE,
            (obj.id, *sorted(moved - {obj.id})),
            "moved",
            extra={
                "old_parent_id": old_parent,
                "old_position": old_index,
                "old_policy_field_id": old_field,
            },
            old={"parent_id": old_parent, "position": old_index, "policy_field_id": old_field},
            new={"parent_id": parent_id, "position": index, "policy_field_id": new_field},
        )


def _subtree(s: Session, obj: Objective, *, deleted: bool) -> list[Objective]:
    rows = s.scalars(
        select(Objective).where(Objective.plan_id == obj.plan_id, Objective.deleted.is_(deleted))
    ).all()
    children: dict[uuid.UUID | None, list[uuid.UUID]] = {}
    by_id = {o.id: o for o in rows}
    by_id[obj.id] = obj
    for o in sorted(rows, key=lambda o: o.position):
        children.setdefault(o.parent_id, []).append(o.id)
    return [by_id[i] for i in descendants(children, obj.id)]


_DEPENDENTS = (Milestone, Indicator, ObjectivePartner, BudgetLineObjective, ObjectiveContribution)


def delete_objective(store: PlanFile, objective_id: uuid.UUID) -> Changed:
    """Tombstone an objective, its subtree and what hangs on them; renumber siblings.

    ``Changed.ids`` lists every tombstoned row, which ``restore_objective`` takes back.
    """
    with store.transaction() as s:
        obj = _objective(s, objective_id)
        writable_plan(s, obj.plan_id)
        references.refuse_reference(obj)
        nodes = _subtree(s, obj, deleted=False)
        node_ids = [n.id for n in nodes]
        gone: list[uuid.UUID] = []
        for node in nodes:
            node.deleted = True
            gone.append(node.id)
        indicator_ids: list[uuid.UUID] = []
        for model in _DEPENDENTS:
            for row in s.scalars(
                select(model).where(model.objective_id.in_(node_ids), model.deleted.is_(False))  # type: ignore[attr-defined]
            ):
                row.deleted = True
                gone.append(row.id)
                if model is Indicator:
                    indicator_ids.append(row.id)
        for value in s.scalars(
            select(IndicatorValue).where(
                IndicatorValue.indicator_id.in_(indicator_ids), IndicatorValue.deleted.is_(False)
            )
        ):
            value.deleted = True
            gone.append(value.id)
        for link in s.scalars(  # other objectives' transversal links to these
            select(ObjectiveContribution).where(
                ObjectiveContribution.strategic_id.in_(node_ids),
                ObjectiveContribution.deleted.is_(False),
            )
        ):
            link.deleted = True
            gone.append(link.id)
        renumber(_siblings(s, obj.plan_id, obj.parent_id))
        return Changed(
            Entity.OBJECTIVE,
            tuple(gone),
            "deleted",
            extra={"parent_id": obj.parent_id, "position": obj.position},
        )


_RESTORABLE = (Objective, *_DEPENDENTS, IndicatorValue)


def restore_objective(
    store: PlanFile, deleted_ids: tuple[uuid.UUID, ...], *, position: int | None = None
) -> Changed:
    """Undo ``delete_objective``: bring back the rows it tombstoned, at ``position``."""
    with store.transaction() as s:
        root: Objective | None = None
        for row_id in deleted_ids:
            for model in _RESTORABLE:
                row = s.get(model, row_id)
                if row is not None:
                    if root is None:
                        root = row  # type: ignore[assignment]
                        writable_plan(s, row.plan_id)
                    row.deleted = False
                    break
        if root is None:
            raise ValidationError(_("Objective"), _("nothing to restore."))
        _recode_restored(s, root, deleted_ids)
        if root.parent_id is not None:
            _objective(s, root.parent_id)  # the parent must still be there
        siblings = [o for o in _siblings(s, root.plan_id, root.parent_id) if o.id != root.id]
        index = len(siblings) if position is None else max(0, min(position, len(siblings)))
        siblings.insert(index, root)
        renumber(siblings, moved=root)
        return Changed(Entity.OBJECTIVE, tuple(deleted_ids), "restored")


def _recode_restored(s: Session, root: Objective, deleted_ids: tuple[uuid.UUID, ...]) -> None:
    """Restored objectives keep their codes; a code another objective took meanwhile
    refuses the restore (an undo cannot take it back), an empty one is filled."""
    plan = writable_plan(s, root.plan_id)
    scheme = scheme_of(s, plan)
    s.flush()
    rows = codes.code_rows(s, plan.id)
    back = set(deleted_ids)
    for row in rows:
        if row.id not in back:
            continue
        obj = s.get(Objective, row.id)
        assert obj is not None
        if not obj.code:
            obj.code = codes.fresh_code(s, plan, obj.level, obj.parent_id, scheme=scheme)
            continue
        codes.check_free(
            s, plan, obj.id, obj.level, obj.code, obj.code_literal, scheme=scheme, rows=rows
        )
