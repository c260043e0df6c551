"""The fingerprint reads rows as plain column tuples; it must give exactly the value
that reading them as ORM objects gives (a signed plan's printed fingerprint may never
change with the code that computes it)."""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain.changes import content_columns, to_json_value
from planner_app.services import fingerprint
from planner_app.services.common import get_plan
from planner_app.services.fingerprint_rules import NOT_CONTENT
from planner_app.services.plans import list_plans
from planner_app.storage import PlanFile


def orm_fingerprint(s: Session, plan_id: uuid.UUID) -> str:
    """The reference: every live row loaded as an ORM object, in id order."""
    plan = get_plan(s, plan_id)
    doc: dict[str, object] = {
        "format": fingerprint.FINGERPRINT_VERSION,
        "plan": {
            key: to_json_value(getattr(plan, key))
            for key in content_columns(plan)
            if key not in NOT_CONTENT["plans"]
        }
        | {"id": str(plan.id)},
    }
    for model in fingerprint.content_models():
        rows = s.scalars(
            select(model)
            .where(model.plan_id == plan_id, model.deleted.is_(False))
            .order_by(model.id)
        )
        doc[model.__tablename__] = [
            {"id": str(r.id)} | {k: to_json_value(getattr(r, k)) for k in content_columns(r)}
            for r in rows
        ]
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def test_fingerprint_equals_the_orm_reading_on_the_demo(demo_source: Path):
    with PlanFile.open(demo_source, readonly=True) as store:
        for plan in list_plans(store):
            with store.read() as s:
                value = fingerprint.compute_fingerprint(s, plan.id)
                assert value == orm_fingerprint(s, plan.id), plan.code


def test_fingerprint_equals_the_orm_reading_with_deleted_and_edited_rows(store, plan_id, tree):
    from planner_app.services import objectives

    objectives.delete_objective(store, tree["i2"])  # a tombstone, left out of both
    with store.read() as s:
        assert fingerprint.compute_fingerprint(s, plan_id) == orm_fingerprint(s, plan_id)
