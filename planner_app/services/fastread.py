"""Hot-path reads that skip SQLAlchemy's per-value type processing.

Loading the tree or the totals of a large plan reads tens of thousands of rows; the ORM's
result processing (UUIDs, enums, JSON per value) costs five times the query itself. These
few reads use plain SQL over the same tables and convert values with caches. Only
read-only queries live here; every write goes through the ORM and its hooks, or through
``domain.bulk``, which stamps and logs alike.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from enum import Enum
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from planner_app.domain.types import _uuid_from_hex

E = TypeVar("E", bound=Enum)


def rows(s: Session, sql: str, **params: Any) -> Sequence[tuple[Any, ...]]:
    """Run ``sql`` on the session's own connection (same transaction) through the DBAPI
    cursor; UUID parameters are passed as the stored hex."""
    bound = {k: (v.hex if isinstance(v, uuid.UUID) else v) for k, v in params.items()}
    cursor = s.connection().connection.cursor()
    try:
        return cursor.execute(sql, bound).fetchall()
    finally:
        cursor.close()


def uid(value: str | None) -> uuid.UUID | None:
    return None if value is None else _uuid_from_hex(value)


@lru_cache(maxsize=256)
def member(enum_cls: type[E], value: str | None) -> E | None:
    return None if value is None else enum_cls(value)


def values_of(enum_cls: type[E]) -> dict[str | None, E | None]:
    """Stored value -> member (and ``None`` -> ``None``), for lookups in a loop."""
    return {None: None, **{m.value: m for m in enum_cls}}


def i18n(value: str | None) -> dict[str, str]:
    return json.loads(value) if value else {}


def rows_in(
    s: Session, sql: str, ids: Sequence[uuid.UUID], chunk: int = 500
) -> list[tuple[Any, ...]]:
    """``sql`` with ``{ids}`` standing for a list of ``?`` placeholders, run over ``ids``
    in chunks (SQLite limits the parameters of one statement)."""
    out: list[tuple[Any, ...]] = []
    cursor = s.connection().connection.cursor()
    try:
        for start in range(0, len(ids), chunk):
            part = [i.hex for i in ids[start : start + chunk]]
            out += cursor.execute(sql.format(ids=", ".join("?" * len(part))), part).fetchall()
    finally:
        cursor.close()
    return out
