"""The SHA-256 fingerprint of a plan's canonical content.

Canonical content is every live row of the plan in every content table, with its
content columns (no replication columns), rows sorted by id, serialised as JSON with
sorted keys. Excluded: the plan's state and fingerprint, and the signing record, so
signing a final plan does not change the fingerprint printed on it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import uuid

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from planner_app.domain import Base, Plan, PlanOwned, SigningRecord
from planner_app.domain.changes import content_columns, content_columns_of, to_json_value
from planner_app.services.common import get_plan
from planner_app.storage import PlanFile

FINGERPRINT_VERSION = 1
_PLAN_EXCLUDED = {"state", "fingerprint"}


def content_models() -> list[type[PlanOwned]]:
    models = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, PlanOwned) and cls is not SigningRecord:
            models.append(cls)
    return sorted(models, key=lambda m: m.__tablename__)


def canonical_content(s: Session, plan_id: uuid.UUID) -> bytes:
    plan = get_plan(s, plan_id)
    doc: dict[str, object] = {
        "format": FINGERPRINT_VERSION,
        "plan": {
            key: to_json_value(getattr(plan, key))
            for key in content_columns(plan)
            if key not in _PLAN_EXCLUDED
        }
        | {"id": str(plan.id)},
    }
    for model in content_models():
        doc[model.__tablename__] = _rows(s, model, plan_id)
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _rows(s: Session, model: type[PlanOwned], plan_id: uuid.UUID) -> list[dict[str, object]]:
    """The plan's live rows of ``model`` as canonical dicts, in id order.

    Read as plain column tuples (Core, with the columns' own types, so every value is
    what the mapped attribute would hold) rather than as ORM objects: on a large plan
    building ~30,000 objects was most of the fingerprint's time."""
    keys = _content_keys(model)
    attrs = inspect(model).column_attrs
    columns = [model.id, *(attrs[key].columns[0] for key in keys)]
    query = (
        select(*columns)
        .where(model.plan_id == plan_id, model.deleted.is_(False))
        .order_by(model.id)
    )
    return [
        {"id": str(values[0])}
        | {k: to_json_value(v) for k, v in zip(keys, values[1:], strict=True)}
        for values in s.execute(query)
    ]


@functools.cache
def _content_keys(model: type[PlanOwned]) -> tuple[str, ...]:
    return tuple(k for k in content_columns_of(model) if k != "id")


def compute_fingerprint(s: Session, plan_id: uuid.UUID) -> str:
    return hashlib.sha256(canonical_content(s, plan_id)).hexdigest()


def current_fingerprint(store: PlanFile, plan_id: uuid.UUID) -> str:
    with store.read() as s:
        return compute_fingerprint(s, plan_id)


def verify_plan(store: PlanFile, plan_id: uuid.UUID) -> tuple[bool, str | None, str]:
    """(unchanged?, recorded fingerprint, fingerprint of the content now)."""
    with store.read() as s:
        plan: Plan = get_plan(s, plan_id)
        now = compute_fingerprint(s, plan_id)
        return plan.fingerprint == now, plan.fingerprint, now
