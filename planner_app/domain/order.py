"""The order of sibling rows: an exchanged fractional key per row, and a position
each copy derives from it.

Siblings (the milestones of one objective, the children of one budget line, ...) are
ordered by ``(sort_key, id)``. The key is a fractional index (David Greenspan's
scheme, the ``fractional-indexing`` package): a new key fits between any two, so
moving or adding a row writes that row's key only, and a post reorders its own rows
without writing anyone else's. ``position`` is the row's index among its live
siblings in that order, kept by each copy for itself and never exchanged: unique,
gap-free and the same on every copy that holds the same keys.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any

from fractional_indexing import generate_n_keys_between

# The columns that make two rows of a table siblings.
SCOPES: dict[str, tuple[str, ...]] = {
    "objectives": ("plan_id", "parent_id"),
    "budget_lines": ("plan_id", "parent_id"),
    "org_units": ("plan_id", "parent_id"),
    "milestones": ("objective_id",),
    "indicators": ("objective_id",),
    "policy_fields": ("plan_id",),
    "plan_sections": ("plan_id", "parent_id"),
    "chapter_table_rows": ("section_id",),
    "plan_roles": ("plan_id",),
    "signatories": ("plan_id",),
    "budget_stages": ("plan_id",),
    "credit_types": ("plan_id",),
    "communication_rows": ("section_id",),
    "diversity_pillars": ("diversity_plan_id",),
    "diversity_bottlenecks": ("diversity_plan_id",),
    "diversity_priorities": ("diversity_plan_id",),
    "diversity_objectives": ("diversity_plan_id",),
    "diversity_indicators": ("diversity_plan_id",),
    "diversity_actions": ("objective_id",),
}

_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def legacy_key(index: int) -> str:
    """The index-th key from "a0" on: the keys of a list numbered 0..n-1 (rows made
    before keys existed, or added without one)."""
    length, span = 1, 62
    while index >= span:
        index -= span
        length += 1
        span = 62**length
    digits = []
    for _ in range(length):
        index, digit = divmod(index, 62)
        digits.append(_DIGITS[digit])
    return chr(ord("a") + length - 1) + "".join(reversed(digits))


def _kept(keys: Sequence[str | None]) -> set[int]:
    """The indexes of a longest strictly increasing run of ``keys`` (None never kept):
    the rows that keep their key when the list takes this order."""
    tails: list[str] = []  # the smallest last key of a run of each length
    tail_at: list[int] = []
    before: dict[int, int] = {}
    for i, key in enumerate(keys):
        if key is None:
            continue
        length = bisect.bisect_left(tails, key)
        if length:
            before[i] = tail_at[length - 1]
        if length == len(tails):
            tails.append(key)
            tail_at.append(i)
        else:
            tails[length] = key
            tail_at[length] = i
    kept: set[int] = set()
    i = tail_at[-1] if tail_at else None
    while i is not None:
        kept.add(i)
        i = before.get(i)
    return kept


def renumber(rows: Iterable[Any], moved: Any = None) -> None:
    """Give ``rows`` (live siblings, in the order wanted) keys in that order, writing
    as few keys as possible, and positions 0..n-1. ``moved`` is the row the user
    moved or added: it is the one that takes a new key where either could."""
    rows = list(rows)
    keys: list[str | None] = [getattr(r, "sort_key", None) for r in rows]
    if rows and hasattr(type(rows[0]), "sort_key"):
        at = next((i for i, r in enumerate(rows) if r is moved), None)
        if at is None:
            kept = _kept(keys)
        else:
            kept = _kept([None if i == at else k for i, k in enumerate(keys)])
            low = next((keys[i] for i in range(at - 1, -1, -1) if i in kept), None)
            high = next((keys[i] for i in range(at + 1, len(keys)) if i in kept), None)
            own = keys[at]
            if own is not None and (low is None or low < own) and (high is None or own < high):
                kept.add(at)  # it stays where it was: nothing to write
        i = 0
        while i < len(rows):
            if i in kept:
                i += 1
                continue
            j = i
            while j < len(rows) and j not in kept:
                j += 1
            low = keys[i - 1] if i else None
            high = keys[j] if j < len(rows) else None
            for k, key in zip(range(i, j), generate_n_keys_between(low, high, j - i), strict=True):
                rows[k].sort_key = keys[k] = key
            i = j
    for index, row in enumerate(rows):
        if row.position != index:
            row.position = index


def ranked(rows: Iterable[tuple[Any, str | None, Any]]) -> list[Any]:
    """The ids of (id, sort_key, id-sort-value) rows in sibling order."""
    return [r[0] for r in sorted(rows, key=lambda r: (r[1] or "", r[2]))]


__all__ = ["SCOPES", "legacy_key", "ranked", "renumber"]
