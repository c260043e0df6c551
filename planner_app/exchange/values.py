"""Between change-log JSON and column values, and from table names to models.

The change log stores every value in the exact JSON form of ``to_json_value`` (UUIDs
and decimals as text, enums by value, dates ISO); merging compares in that form and
writes back through the column's own Python type.

Binary values (an image kept in the plan, the scan of a signed copy) are logged by
their SHA-256 and size only; a package carries the bytes beside its changes, once per
digest (``blobs``), and a change is written back only with bytes whose digest is the
one logged.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import Date, Enum, LargeBinary, inspect

from planner_app.domain import Base, Synced
from planner_app.domain.changes import to_json_value
from planner_app.domain.types import DecimalText, ScaledDecimal, UuidKey


class NotExchangeableError(ValueError):
    """A value that cannot be written back: binary data whose bytes the package lacks."""


@cache
def synced_models() -> dict[str, type[Synced]]:
    """Every exchanged table by name."""
    return {
        mapper.class_.__tablename__: mapper.class_
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Synced)
    }


def row_uuid(change: dict[str, Any]) -> uuid.UUID:
    """The row id of a package's change, parsed once when the package was read (a
    5,000-change merge parsed each id five times over)."""
    parsed = change.get("_row_id")
    return parsed if parsed is not None else uuid.UUID(change["row"])


def load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def current(row: Synced, field: str) -> Any:
    """A row's field in change-log JSON form."""
    return to_json_value(getattr(row, field))


@cache
def _column_type(model: type[Synced], field: str) -> Any:
    return inspect(model).columns[field].type


def from_json(
    model: type[Synced], field: str, value: Any, blobs: Mapping[str, bytes] | None = None
) -> Any:
    """The column value of ``model.field`` for its change-log JSON ``value``; binary
    values come from ``blobs`` (bytes by SHA-256, as a package carries them)."""
    kind = _column_type(model, field)
    if value is None:
        return None
    if isinstance(kind, LargeBinary):
        digest = value.get("sha256") if isinstance(value, dict) else None
        data = (blobs or {}).get(digest) if isinstance(digest, str) else None
        if data is None:
            raise NotExchangeableError(field)
        return data
    if isinstance(kind, UuidKey):
        return uuid.UUID(str(value))
    if isinstance(kind, ScaledDecimal | DecimalText):
        return Decimal(str(value))
    if isinstance(kind, Enum) and kind.enum_class is not None:
        enum_class: type[enum.Enum] = kind.enum_class
        return enum_class(value)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(str(value))
    return value


@cache
def blob_columns(model: type[Synced]) -> tuple[str, ...]:
    """The binary columns of a model (logged by digest, carried as blobs)."""
    return tuple(
        c.key for c in inspect(model).column_attrs if isinstance(c.columns[0].type, LargeBinary)
    )


def blob_digests(change: dict[str, Any], model: type[Synced]) -> list[str]:
    """The SHA-256 of every binary value a change writes."""
    names = blob_columns(model)
    if not names:
        return []
    new = load(change.get("new"))
    if change["op"] == "insert":
        values = [new.get(n) for n in names] if isinstance(new, dict) else []
    elif change.get("field") in names:
        values = [new]
    else:
        values = []
    return [v["sha256"] for v in values if isinstance(v, dict) and isinstance(v.get("sha256"), str)]
