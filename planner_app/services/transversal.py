"""Transversal objectives: an objective that, besides the strategic objective it sits
under, also serves others of the same plan (federal transversal objectives do: one OD
serving SD 2 and SD 4). It is shown under each with a mark, and the plan lists them.

Only operational objectives and initiatives serve other strategic objectives; the one
an objective sits under is its own, never a transversal link.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from planner_app.domain import Objective, ObjectiveContribution
from planner_app.domain.enums import ObjectiveLevel
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import references
from planner_app.services.common import Changed, Entity, get_live, writable_plan
from planner_app.storage import PlanFile


@dataclass(frozen=True)
class Transversal:
    """The transversal links of a plan: for each objective, the strategic objectives
    it also serves; for each strategic objective, the objectives that also serve it."""

    serves: dict[uuid.UUID, tuple[uuid.UUID, ...]]
    served_by: dict[uuid.UUID, tuple[uuid.UUID, ...]]


def plan_transversal(store: PlanFile, plan_id: uuid.UUID) -> Transversal:
    """Live links between live objectives (one query)."""
    serves: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    served_by: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    with store.read() as s:
        target = select(Objective.id).where(Objective.deleted.is_(False))
        query = select(
            ObjectiveContribution.objective_id, ObjectiveContribution.strategic_id
        ).where(
            ObjectiveContribution.plan_id == plan_id,
            ObjectiveContribution.deleted.is_(False),
            ObjectiveContribution.objective_id.in_(target),
            ObjectiveContribution.strategic_id.in_(target),
        )
        for objective_id, strategic_id in s.execute(query):
            serves[objective_id].append(strategic_id)
            served_by[strategic_id].append(objective_id)
    return Transversal(
        {k: tuple(v) for k, v in serves.items()}, {k: tuple(v) for k, v in served_by.items()}
    )


def _home(s, obj: Objective) -> uuid.UUID | None:
    """The strategic objective an objective sits under."""
    node = obj
    while node is not None and node.level is not ObjectiveLevel.STRATEGIC:
        node = s.get(Objective, node.parent_id) if node.parent_id else None
    return node.id if node is not None else None


def set_serves(
    store: PlanFile, objective_id: uuid.UUID, strategic_ids: Iterable[uuid.UUID]
) -> Changed:
    """Make ``strategic_ids`` the strategic objectives the objective also serves.
    ``Changed.old["serves"]`` is the tuple it served before (what undo writes back)."""
    with store.transaction() as s:
        obj = get_live(s, Objective, objective_id, "objective")
        plan = writable_plan(s, obj.plan_id)
        references.refuse_reference(obj)
        wanted = list(dict.fromkeys(strategic_ids))
        if wanted and obj.level is ObjectiveLevel.STRATEGIC:
            raise ValidationError(
                _("Serves"), _("a strategic objective does not serve another one.")
            )
        home = _home(s, obj)
        for target_id in wanted:
            target = get_live(s, Objective, target_id, "objective")
            if target.plan_id != plan.id or target.level is not ObjectiveLevel.STRATEGIC:
                raise ValidationError(_("Serves"), _("choose strategic objectives of this plan."))
            if target.id == home:
                raise ValidationError(
                    _("Serves"), _("the objective already sits under this strategic objective.")
                )
        links = {
            link.strategic_id: link
            for link in s.scalars(
                select(ObjectiveContribution).where(ObjectiveContribution.objective_id == obj.id)
            )
        }
        old = tuple(sorted((k for k, v in links.items() if not v.deleted), key=str))
        for target_id, link in links.items():
            if target_id not in wanted and not link.deleted:
                link.deleted = True
        for target_id in wanted:
            link = links.get(target_id)
            if link is None:
                s.add(
                    ObjectiveContribution(
                        id=ObjectiveContribution.key_id(obj.id, target_id),
                        plan_id=plan.id,
                        objective_id=obj.id,
                        strategic_id=target_id,
                    )
                )
            elif link.deleted:
                link.deleted = False
        return Changed(
            Entity.OBJECTIVE,
            (obj.id,),
            "updated",
            ("serves",),
            old={"serves": old},
            new={"serves": tuple(sorted(wanted, key=str))},
        )
