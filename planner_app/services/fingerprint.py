"""The SHA-256 fingerprint of a plan's canonical content.

Canonical content is every live row of the plan in every content table, with its
content columns (no replication columns), rows sorted by id, serialised as JSON with
sorted keys. Excluded: the plan's state and fingerprint, and the signing metadata (the
signing record, the signed PDF and its signatures: ``PlanOwned.signing_metadata``), so
signing a final plan does not change the fingerprint printed on it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import uuid
from collections.abc import Callable, Iterator

from sqlalchemy import Column, inspect, select, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType, TypeEngine

from planner_app.domain import Base, Plan, PlanOwned
from planner_app.domain.changes import content_columns, content_columns_of, to_json_value
from planner_app.domain.types import I18nText, UuidKey, clean_i18n
from planner_app.services.common import get_plan
from planner_app.storage import PlanFile

FINGERPRINT_VERSION = 1
_PLAN_EXCLUDED = {"state", "fingerprint"}


def content_models() -> list[type[PlanOwned]]:
    models = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, PlanOwned) and not cls.signing_metadata:
            models.append(cls)
    return sorted(models, key=lambda m: m.__tablename__)


def canonical_content(s: Session, plan_id: uuid.UUID) -> bytes:
    return "".join(_canonical_pieces(s, plan_id)).encode()


_dumps = functools.partial(json.dumps, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _canonical_pieces(s: Session, plan_id: uuid.UUID) -> Iterator[str]:
    """The canonical JSON text in pieces, row by row: ``json.dumps`` of the whole
    document (sorted keys, no spaces) without holding it; a large plan's content as
    dicts and one string was 136 MB, more than the app with that plan open."""
    plan = get_plan(s, plan_id)
    head: dict[str, object] = {
        "format": FINGERPRINT_VERSION,
        "plan": {
            key: to_json_value(getattr(plan, key))
            for key in content_columns(plan)
            if key not in _PLAN_EXCLUDED
        }
        | {"id": str(plan.id)},
    }
    tables = {model.__tablename__: model for model in content_models()}
    assert not head.keys() & tables.keys()
    yield "{"
    for n, key in enumerate(sorted([*head, *tables])):
        yield f"{',' if n else ''}{_dumps(key)}:"
        if key in head:
            yield _dumps(head[key])
            continue
        yield "["
        for i, row in enumerate(_rows(s, tables[key], plan_id)):
            yield f"{',' if i else ''}{_dumps(row)}"
        yield "]"
    yield "}"


def _rows(s: Session, model: type[PlanOwned], plan_id: uuid.UUID) -> Iterator[dict[str, object]]:
    """The plan's live rows of ``model`` as canonical dicts, in id order.

    Read as the stored column values (no ORM objects, no column types) and turned into
    the canonical JSON values directly: on a large plan building ~30,000 objects, then
    a UUID object per id and a dict per text only to print them again, was most of the
    fingerprint's time. ``tests/test_fingerprint_read.py`` checks the value is the one
    the ORM reading gives."""
    keys, columns = _content_keys(model), _columns(model)
    converters = _converters(model, s.get_bind().dialect)
    query = (
        select(*(type_coerce(c, NullType()) for c in columns))
        .where(model.plan_id == plan_id, model.deleted.is_(False))
        .order_by(model.id)
    )
    ids = _uuid_text
    for chunk in s.execute(query).partitions(1000):
        for values in chunk:
            yield {"id": ids(values[0])} | {
                k: f(v) for k, f, v in zip(keys, converters, values[1:], strict=True)
            }


@functools.cache
def _content_keys(model: type[PlanOwned]) -> tuple[str, ...]:
    return tuple(k for k in content_columns_of(model) if k != "id")


@functools.cache
def _columns(model: type[PlanOwned]) -> tuple[Column, ...]:
    attrs = inspect(model).column_attrs
    return (attrs["id"].columns[0], *(attrs[key].columns[0] for key in _content_keys(model)))


@functools.lru_cache(maxsize=64)  # a dialect per open file: bounded
def _converters(model: type[PlanOwned], dialect: Dialect) -> tuple[Callable, ...]:
    """Per content column: stored value -> canonical JSON value (``to_json_value`` of
    what the mapped attribute would hold)."""
    return tuple(_converter(c.type, dialect) for c in _columns(model)[1:])


def _converter(kind: TypeEngine, dialect: Dialect) -> Callable[[object], object]:
    if isinstance(kind, UuidKey):
        return _uuid_text
    if isinstance(kind, I18nText):
        return _i18n_json
    load = kind.dialect_impl(dialect).result_processor(dialect, None)
    if load is None:
        return to_json_value
    return lambda value: to_json_value(load(value))


_HEX32 = re.compile(r"[0-9a-f]{32}")


def _uuid_text(stored: str | None) -> str | None:
    """``str(uuid.UUID(hex=stored))`` without making the UUID (ids are stored as hex)."""
    if stored is None:
        return None
    h = stored
    if not _HEX32.fullmatch(h):
        return str(uuid.UUID(hex=h))
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _i18n_json(stored: str | None) -> dict[str, str]:
    return clean_i18n(json.loads(stored)) if stored else {}


def compute_fingerprint(s: Session, plan_id: uuid.UUID) -> str:
    digest = hashlib.sha256()
    for piece in _canonical_pieces(s, plan_id):
        digest.update(piece.encode())
    return digest.hexdigest()


def current_fingerprint(store: PlanFile, plan_id: uuid.UUID) -> str:
    with store.read() as s:
        return compute_fingerprint(s, plan_id)


def verify_plan(store: PlanFile, plan_id: uuid.UUID) -> tuple[bool, str | None, str]:
    """(unchanged?, recorded fingerprint, fingerprint of the content now)."""
    with store.read() as s:
        plan: Plan = get_plan(s, plan_id)
        now = compute_fingerprint(s, plan_id)
        return plan.fingerprint == now, plan.fingerprint, now
