"""Column types that keep the plan file exact and mergeable.

* ``ScaledDecimal`` stores a ``Decimal`` as an integer of a fixed scale (kEUR with three
  decimals is whole euros; FTE with two decimals is hundredths), so SQLite sums exactly
  and a value that does not fit the scale is refused instead of rounded.
* ``DecimalText`` stores any exact decimal as its canonical text (indicator values).
* ``I18nText`` holds one text per content language as canonical JSON; ``I18nCells`` a
  row of table cells, each such a text.
* ``UuidKey`` stores ids as hex and reads them back through a cache.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from sqlalchemy import CHAR, Integer, String, Text
from sqlalchemy.types import TypeDecorator


@lru_cache(maxsize=1 << 17)
def _uuid_from_hex(text: str) -> uuid.UUID:
    return uuid.UUID(hex=text)


class UuidKey(TypeDecorator[uuid.UUID]):
    """A UUID stored as 32 hex characters (as SQLAlchemy's ``Uuid`` does on SQLite).

    Reading a large plan turns ~100,000 stored ids into ``uuid.UUID`` objects, most of
    them repeats (plan, parent, line ids); a cache makes each distinct id once.
    """

    impl = CHAR(32)
    cache_ok = True

    def process_bind_param(self, value: uuid.UUID | str | None, dialect: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, uuid.UUID):
            return value.hex
        return uuid.UUID(str(value)).hex

    def process_result_value(self, value: str | None, dialect: Any) -> uuid.UUID | None:
        return None if value is None else _uuid_from_hex(value)


class ScaledDecimal(TypeDecorator[Decimal]):
    impl = Integer
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale
        self._factor = Decimal(10) ** scale

    def process_bind_param(self, value: Decimal | None, dialect: Any) -> int | None:
        if value is None:
            return None
        value = _exact(value)
        scaled = value * self._factor
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.scale} decimals")
        return int(scaled)

    def process_result_value(self, value: int | None, dialect: Any) -> Decimal | None:
        if value is None:
            return None
        return Decimal(value).scaleb(-self.scale)


class DecimalText(TypeDecorator[Decimal]):
    impl = String(64)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Any) -> str | None:
        if value is None:
            return None
        return exact_str(_exact(value))

    def process_result_value(self, value: str | None, dialect: Any) -> Decimal | None:
        if value is None:
            return None
        try:
            return Decimal(value)
        except InvalidOperation as exc:  # pragma: no cover - only a hand-edited file
            raise ValueError(f"not a decimal in the plan file: {value!r}") from exc


class I18nText(TypeDecorator[dict[str, str]]):
    """A ``{"nl": "...", "fr": "..."}`` mapping; empty strings are dropped."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: dict[str, str] | None, dialect: Any) -> str:
        return json.dumps(clean_i18n(value), ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: str | None, dialect: Any) -> dict[str, str]:
        return json.loads(value) if value else {}

    def compare_values(self, x: Any, y: Any) -> bool:
        return clean_i18n(x) == clean_i18n(y)


class I18nCells(TypeDecorator[list[dict[str, str]]]):
    """A row of table cells, each one text per language: ``[{"nl": …}, {"nl": …}]`` as
    canonical JSON (empty texts dropped, an empty cell kept as ``{}``)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[dict[str, str]] | None, dialect: Any) -> str:
        return json.dumps(clean_cells(value), ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: str | None, dialect: Any) -> list[dict[str, str]]:
        return json.loads(value) if value else []

    def compare_values(self, x: Any, y: Any) -> bool:
        return clean_cells(x) == clean_cells(y)


def clean_cells(value: list[dict[str, str]] | None) -> list[dict[str, str]]:
    return [clean_i18n(cell) for cell in value or []]


def _exact(value: object) -> Decimal:
    """Decimals and ints only: a binary float never reaches the file."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise TypeError(f"expected Decimal, got {type(value).__name__}")


def clean_i18n(value: dict[str, str] | None) -> dict[str, str]:
    return {k: v for k, v in sorted((value or {}).items()) if v}


def exact_str(value: Decimal) -> str:
    """The shortest exact text of a decimal, never in exponent form: 2514220, 5882.5."""
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    return text
