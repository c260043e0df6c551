"""The strategic plan's objectives as they stand in a yearly plan made from it.

An operational (or business) plan made from its strategic plan holds that plan's SDs
and ODs as *reference rows* (``Objective.is_reference``, ``strategic_link_id`` naming
the objective referred to): the year's own objectives and initiatives hang under them,
and the tree, the document and the workbook show them with their codes like any row.

They are read-only in the yearly plan (``refuse_reference``: a change is made in the
strategic plan). While the yearly plan is a draft their code and title follow the
strategic plan (``follow`` after every edit of a strategic objective's code or title,
``refresh`` before a yearly plan is made final, for what came in another way: a merged
package, an imported workbook); once it is final or signed they stay as they were
then, fixed by its fingerprint, whatever the strategic plan says later.

Runs inside the caller's transaction; imports nothing from the other services, so that
the objective services can call it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import Objective, Plan
from planner_app.domain.enums import PlanState
from planner_app.errors import ValidationError
from planner_app.i18n import _

# What a reference row takes from the objective it stands for.
FOLLOWED = ("code", "code_literal", "title")


def refuse_reference(obj: Objective) -> None:
    """Refuse a change of a reference row itself (adding under it is allowed)."""
    if obj.is_reference:
        raise ValidationError(
            _("Objective"),
            _(
                "it is the strategic plan's objective, shown here as a reference; "
                "change it in the strategic plan."
            ),
        )


def refuse_any_reference(s: Session, objective_ids: Iterable[uuid.UUID]) -> None:
    """``refuse_reference`` for each of ``objective_ids`` that is a reference row."""
    ids = list(objective_ids)
    if not ids:
        return
    found = s.scalars(
        select(Objective).where(Objective.id.in_(ids), Objective.is_reference.is_(True))
    ).first()
    if found is not None:
        refuse_reference(found)


def refresh(s: Session, plan: Plan) -> list[uuid.UUID]:
    """Bring the reference rows of a draft ``plan`` in step with its strategic plan's
    objectives; the ids of the rows that changed. A reference whose objective was
    deleted there keeps what it last showed."""
    if plan.state is not PlanState.DRAFT or plan.strategic_plan_id is None:
        return []
    rows = s.scalars(
        select(Objective).where(
            Objective.plan_id == plan.id,
            Objective.is_reference.is_(True),
            Objective.deleted.is_(False),
        )
    ).all()
    links = [row.strategic_link_id for row in rows if row.strategic_link_id is not None]
    sources = {
        o.id: o
        for o in s.scalars(
            select(Objective).where(
                Objective.id.in_(links),
                Objective.plan_id == plan.strategic_plan_id,
                Objective.deleted.is_(False),
            )
        )
    }
    changed = []
    for row in rows:
        source = sources.get(row.strategic_link_id)  # type: ignore[arg-type]
        if source is None:
            continue
        touched = False
        for name in FOLLOWED:
            value = getattr(source, name)
            if getattr(row, name) != value:
                setattr(row, name, dict(value) if isinstance(value, dict) else value)
                touched = True
        if touched:
            changed.append(row.id)
    return changed


def follow(s: Session, strategic_plan_id: uuid.UUID) -> list[uuid.UUID]:
    """After an edit of the strategic plan ``strategic_plan_id``: ``refresh`` every draft
    yearly plan made from it; the reference rows that changed."""
    plans = s.scalars(
        select(Plan).where(
            Plan.strategic_plan_id == strategic_plan_id,
            Plan.state == PlanState.DRAFT,
            Plan.deleted.is_(False),
        )
    ).all()
    changed: list[uuid.UUID] = []
    for plan in plans:
        changed += refresh(s, plan)
    if changed:
        s.flush()
    return changed
