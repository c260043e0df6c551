"""Edits of a diversity plan beyond adding rows (``diversity``): starting one with the
five pillars, changing, deleting, restoring and moving its parts, linking objectives to
pillars. Each returns a ``Changed`` of entity ``"diversity"`` so the pane re-reads once;
deletes tombstone and restores bring back exactly what was tombstoned (undo). No Qt.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select

from planner_app.domain import (
    DiversityAction,
    DiversityBottleneck,
    DiversityIndicator,
    DiversityIndicatorValue,
    DiversityObjective,
    DiversityObjectivePillar,
    DiversityPillar,
    DiversityPlan,
    DiversityPriority,
)
from planner_app.domain.enums import MeasureUnit
from planner_app.domain.labels import label
from planner_app.errors import ValidationError
from planner_app.i18n import N_, _, translator
from planner_app.services import diversity, rows
from planner_app.services.common import (
    MAX_TEXT,
    MAX_TITLE,
    Changed,
    Entity,
    check_i18n,
    check_text,
    get_live,
    merge_i18n,
    snapshot,
    updated,
    values_of,
    writable_plan,
)
from planner_app.storage import PlanFile

ENTITY = Entity.DIVERSITY

# The five pillars of the Flemish government's equal-opportunity policy (seed 004).
DEFAULT_PILLARS = (
    N_("Inclusive recruitment, selection and hiring (intake, onboarding, …)"),
    N_("Inclusive career policy (development, promotion, well-being, retention, …)"),
    N_(
        "Inclusive organisational culture and structure (reasonable adjustments, physical, "
        "digital and language accessibility, training, awareness, processes, behaviour, …)"
    ),
    N_("Anti-discrimination"),
    N_("An inclusive image"),
)

_LISTS: dict[str, tuple[type[Any], str]] = {
    "pillar": (DiversityPillar, "title"),
    "bottleneck": (DiversityBottleneck, "text"),
    "priority": (DiversityPriority, "text"),
    "objective": (DiversityObjective, "title"),
    "indicator": (DiversityIndicator, "name"),
}
_PLAN_SCOPE = ("diversity_plan_id",)
_ACTION_SCOPE = ("objective_id",)
_CASCADE: dict[str, tuple[tuple[type[Any], str], ...]] = {
    "pillar": ((DiversityObjectivePillar, "pillar_id"),),
    "objective": ((DiversityAction, "objective_id"), (DiversityObjectivePillar, "objective_id")),
    "indicator": ((DiversityIndicatorValue, "indicator_id"),),
}


def _model(kind: str) -> type[Any]:
    if kind not in _LISTS:
        raise ValidationError(_("Kind"), _("is not a part of a diversity plan."))
    return _LISTS[kind][0]


def start_diversity_plan(store: PlanFile, plan_id: uuid.UUID, *, year: int) -> Changed:
    """Create the diversity plan of ``year`` with the five pillars in every language, in
    one transaction (the services called join it): a plan never exists half-started."""
    with store.transaction() as s:
        languages = writable_plan(s, plan_id).language_list
        changed = diversity.create_diversity_plan(store, plan_id, year=year)
        for title in DEFAULT_PILLARS:
            text = {lang: translator(lang)(title) for lang in languages}
            diversity.add_list_item(store, changed.id, "pillar", text=text)
    return changed


def delete_diversity_plan(store: PlanFile, diversity_id: uuid.UUID) -> Changed:
    """Tombstone the diversity plan and every live row it holds; ``Changed.ids`` lists
    them all (the plan first) for ``restore_diversity_plan``."""
    with store.transaction() as s:
        row = get_live(s, DiversityPlan, diversity_id, "diversity plan")
        writable_plan(s, row.plan_id)
        row.deleted = True
        gone = [row.id]
        for child in _held_rows(s, row.id):
            child.deleted = True
            gone.append(child.id)
        return Changed(ENTITY, tuple(gone), "deleted", extra={"kind": "plan"})


def _held_rows(s: Any, diversity_id: uuid.UUID) -> list[Any]:
    """The live rows of a diversity plan, parents before children."""
    found: list[Any] = []
    for model in (DiversityPillar, DiversityBottleneck, DiversityPriority, DiversityObjective):
        found += rows.siblings(s, model, {"diversity_plan_id": diversity_id})
    objectives = [r.id for r in found if isinstance(r, DiversityObjective)]
    for model, fk in (
        (DiversityAction, DiversityAction.objective_id),
        (DiversityObjectivePillar, DiversityObjectivePillar.objective_id),
    ):
        found += s.scalars(select(model).where(fk.in_(objectives), model.deleted.is_(False)))
    indicators = rows.siblings(s, DiversityIndicator, {"diversity_plan_id": diversity_id})
    found += indicators
    found += s.scalars(
        select(DiversityIndicatorValue).where(
            DiversityIndicatorValue.indicator_id.in_([i.id for i in indicators]),
            DiversityIndicatorValue.deleted.is_(False),
        )
    )
    return found


_HELD = (
    DiversityPillar,
    DiversityBottleneck,
    DiversityPriority,
    DiversityObjective,
    DiversityAction,
    DiversityObjectivePillar,
    DiversityIndicator,
    DiversityIndicatorValue,
)


def restore_diversity_plan(store: PlanFile, ids: tuple[uuid.UUID, ...]) -> Changed:
    """Undo ``delete_diversity_plan``: the plan and exactly the rows it tombstoned."""
    with store.transaction() as s:
        row = s.get(DiversityPlan, ids[0])
        if row is None:
            raise ValidationError(label("diversity plan"), _("nothing to restore."))
        writable_plan(s, row.plan_id)
        clash = s.scalars(
            select(DiversityPlan).where(
                DiversityPlan.plan_id == row.plan_id,
                DiversityPlan.year == row.year,
                DiversityPlan.deleted.is_(False),
            )
        ).first()
        if clash is not None and clash.id != row.id:
            raise ValidationError(
                _("Year"),
                _("the plan already has a diversity plan for {year}.").format(year=row.year),
            )
        row.deleted = False
        for other_id in ids[1:]:
            for model in _HELD:
                found = s.get(model, other_id)
                if found is not None:
                    found.deleted = False
                    break
        return Changed(ENTITY, ids, "restored", extra={"kind": "plan"})


def update_item(store: PlanFile, kind: str, row_id: uuid.UUID, **fields: Any) -> Changed:
    """Set texts of a pillar/bottleneck/priority (``text``), an objective (``title``,
    ``text``) or an indicator (``name``, ``unit``, ``source``, ``reliability``, a target
    in words ``target_text`` with its ``target_date`` and the ``target_done`` mark)."""
    model = _model(kind)
    with store.transaction() as s:
        row = get_live(s, model, row_id, kind)
        plan = writable_plan(s, row.plan_id)
        columns = {
            name: "title" if kind == "pillar" and name == "text" else name for name in fields
        }
        for name, column in columns.items():
            if not hasattr(model, column) or column in ("id", "plan_id", "position"):
                raise ValidationError(name, _("is not a field of this row."))
        old = {name: snapshot(getattr(row, column)) for name, column in sorted(columns.items())}
        for name, value in fields.items():
            column = columns[name]
            if column == "unit" and kind == "indicator":
                row.unit = _check_unit(s, row, value)
                continue
            if column == "target_date" and kind == "indicator":
                row.target_date = _check_date(value)
                continue
            if column == "target_done" and kind == "indicator":
                if not isinstance(value, bool):
                    raise ValidationError(_("Target done"), _("must be yes or no."))
                row.target_done = value
                continue
            required = column in ("title", "name") or kind in ("pillar", "bottleneck", "priority")
            new = check_i18n(
                label(column),
                value,
                languages=plan.language_list,
                limit=MAX_TITLE if column == "title" else MAX_TEXT,
            )
            merged = merge_i18n(getattr(row, column), new)
            if required and not any(t.strip() for t in merged.values()):
                raise ValidationError(label(column), _("must not be empty."))
            setattr(row, column, merged)
        return Changed(
            ENTITY,
            (row.diversity_plan_id, row.id),
            "updated",
            tuple(old),
            extra={"kind": kind},
            old=old,
            new={name: snapshot(getattr(row, columns[name])) for name in old},
        )


def _check_date(value: Any) -> dt.date | None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise ValidationError(_("Target date"), _("is not a date."))
    return value


def _check_unit(s: Any, row: DiversityIndicator, value: Any) -> MeasureUnit:
    """A new unit must fit every value the indicator already has."""
    try:
        unit = MeasureUnit(value)
    except ValueError:
        raise ValidationError(_("Unit"), _("must be percent, years or count.")) from None
    for v in s.scalars(
        select(DiversityIndicatorValue).where(
            DiversityIndicatorValue.indicator_id == row.id,
            DiversityIndicatorValue.deleted.is_(False),
        )
    ):
        given = None if v.numerator is not None else v.value
        diversity.check_value(unit, given, v.numerator, v.denominator)
    return unit


def set_objective_pillars(
    store: PlanFile, objective_id: uuid.UUID, pillar_ids: list[uuid.UUID] | tuple[uuid.UUID, ...]
) -> Changed:
    """Link the objective to exactly ``pillar_ids`` (pillars of its own diversity plan)."""
    with store.transaction() as s:
        objective = get_live(s, DiversityObjective, objective_id, "diversity objective")
        plan = writable_plan(s, objective.plan_id)
        wanted = set(pillar_ids)
        old: list[uuid.UUID] = []
        for pillar_id in wanted:
            pillar = get_live(s, DiversityPillar, pillar_id, "pillar")
            if pillar.diversity_plan_id != objective.diversity_plan_id:
                raise ValidationError(_("Pillars"), _("belongs to another diversity plan."))
        for link in s.scalars(
            select(DiversityObjectivePillar).where(
                DiversityObjectivePillar.objective_id == objective.id
            )
        ):
            if not link.deleted:
                old.append(link.pillar_id)
            link.deleted = link.pillar_id not in wanted
            wanted.discard(link.pillar_id)
        for pillar_id in wanted:
            s.add(
                DiversityObjectivePillar(
                    id=DiversityObjectivePillar.key_id(objective.id, pillar_id),
                    plan_id=plan.id,
                    objective_id=objective.id,
                    pillar_id=pillar_id,
                )
            )
        return Changed(
            ENTITY,
            (objective.diversity_plan_id, objective.id),
            "updated",
            ("pillar_ids",),
            extra={"kind": "objective"},
            old={"pillar_ids": tuple(old)},
            new={"pillar_ids": tuple(dict.fromkeys(pillar_ids))},
        )


def update_action(
    store: PlanFile,
    action_id: uuid.UUID,
    *,
    text: dict[str, str] | None = None,
    owner: str | None = None,
    due: str | None = None,
) -> Changed:
    with store.transaction() as s:
        row = get_live(s, DiversityAction, action_id, "diversity action")
        plan = writable_plan(s, row.plan_id)
        given = {"text": text, "owner": owner, "due": due}
        old = values_of(row, sorted(n for n, v in given.items() if v is not None))
        if text is not None:
            new = check_i18n(_("Action"), text, languages=plan.language_list)
            merged = merge_i18n(row.text, new)
            if not any(t.strip() for t in merged.values()):
                raise ValidationError(_("Action"), _("must not be empty."))
            row.text = merged
        if owner is not None:
            row.owner = check_text(_("Owner"), owner, limit=200).strip()
        if due is not None:
            row.due = check_text(_("Due"), due, limit=64).strip()
        objective = get_live(s, DiversityObjective, row.objective_id, "diversity objective")
        return updated(
            ENTITY,
            row,
            old,
            ids=(objective.diversity_plan_id, row.id),
            kind="action",
            objective_id=row.objective_id,
        )


def delete_item(store: PlanFile, kind: str, row_id: uuid.UUID) -> Changed:
    """Tombstone a list row, objective (with actions and links) or indicator (with values)."""
    if kind == "action":
        return rows.delete_row(
            store, DiversityAction, row_id, entity=ENTITY, scope_fields=_ACTION_SCOPE
        )
    return rows.delete_row(
        store,
        _model(kind),
        row_id,
        entity=ENTITY,
        scope_fields=_PLAN_SCOPE,
        cascade=_CASCADE.get(kind, ()),
    )


def restore_item(
    store: PlanFile, kind: str, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    """Undo ``delete_item`` (``ids`` as it returned them)."""
    if kind == "action":
        return rows.restore_rows(
            store,
            DiversityAction,
            ids,
            entity=ENTITY,
            scope_fields=_ACTION_SCOPE,
            position=position,
        )
    others = tuple(model for model, _fk in _CASCADE.get(kind, ()))
    return rows.restore_rows(
        store,
        _model(kind),
        ids,
        entity=ENTITY,
        scope_fields=_PLAN_SCOPE,
        position=position,
        others=others,
    )


def move_item(store: PlanFile, kind: str, row_id: uuid.UUID, position: int) -> Changed:
    model = DiversityAction if kind == "action" else _model(kind)
    scope = _ACTION_SCOPE if kind == "action" else _PLAN_SCOPE
    return rows.move_row(store, model, row_id, position, entity=ENTITY, scope_fields=scope)
