"""Between change-log JSON and column values, and from table names to models.

The change log stores every value in the exact JSON form of ``to_json_value`` (UUIDs
and decimals as text, enums by value, dates ISO); merging compares in that form and
writes back through the column's own Python type.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import Date, Enum, LargeBinary, inspect

from planner_app.domain import Base, Synced
from planner_app.domain.changes import to_json_value
from planner_app.domain.types import DecimalText, ScaledDecimal, UuidKey


class NotExchangeableError(ValueError):
    """A column whose values cannot travel in a package (the scanned signed copy)."""


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


def from_json(model: type[Synced], field: str, value: Any) -> Any:
    """The column value of ``model.field`` for its change-log JSON ``value``."""
    kind = _column_type(model, field)
    if value is None:
        return None
    if isinstance(kind, LargeBinary):
        raise NotExchangeableError(field)
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
