"""A code that arrives by merge and prints like another objective's becomes a conflict.

Codes are an ordinary stored field of objectives (``Objective.code``): the merge
applies them like any other field, so the causal merge needs no rule of its own for
them. What a field-by-field merge cannot see is two different objectives that now
print alike: headquarters and a post each added an "SD 6". This hook runs at the end
of a merge, inside its transaction, over the objectives the package touched:

* an incoming objective without a code (a package from before codes were stored) gets
  the next free one, as the services give a new objective;
* an incoming objective that prints like another one gets the next free code at once
  (the file never holds two alike: ``check`` stays clean, the document stays
  unambiguous), and a ``duplicate-code`` conflict records what arrived, for a person
  to decide: *ours* keeps the new code (the sender is told, as with any decision),
  *theirs* gives the arrived code back and the next free one to ours
  (``decide_duplicate``).

HOOK (issue 23 / i21): ``merge._merge`` calls ``record_duplicate_codes`` after
applying the changes and ``decisions.decide`` calls ``decide_duplicate`` for this
kind. When the causal merge replaces them, it keeps these two calls (or their
equivalent in its own conflict records).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy.orm import Session

from planner_app.domain import MergeConflict, Objective, Plan
from planner_app.services import codes
from planner_app.services.levels import scheme_of

KIND = "duplicate-code"
_CODE_FIELDS = {"*", "code", "code_literal", "level", "deleted", "parent_id"}

Conflict = Callable[[dict[str, Any], str, Any, Any], None]


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def record_duplicate_codes(
    s: Session, plan: Plan, changes: Iterable[dict[str, Any]], conflict: Conflict
) -> int:
    """Give incoming objectives that lack a code, or print like another objective, the
    next free code; record a conflict for each duplicate. Returns how many."""
    incoming: dict[uuid.UUID, dict[str, Any]] = {}
    for change in changes:
        if change["table"] == "objectives" and change["field"] in _CODE_FIELDS:
            incoming[uuid.UUID(change["row"])] = change
    if not incoming:
        return 0
    s.flush()
    scheme = scheme_of(s, plan)
    rows = codes.code_rows(s, plan.id)
    for row_id in [r.id for r in rows if not r.code and r.id in incoming]:
        obj = s.get(Objective, row_id)
        assert obj is not None
        obj.code = codes.fresh_code(s, plan, obj.level, obj.parent_id, scheme=scheme)
    recorded = 0
    for dup in codes.duplicates(s, plan.id):
        arrived = [i for i in dup.ids if i in incoming]
        if not arrived:
            continue  # not this package's doing (``check`` lists it)
        keep = next((i for i in dup.ids if i not in incoming), arrived[0])
        for row_id in arrived:
            if row_id == keep:
                continue
            obj = s.get(Objective, row_id)
            assert obj is not None
            before = obj.code
            obj.code = codes.fresh_code(s, plan, obj.level, obj.parent_id, scheme=scheme)
            obj.code_literal = False
            change = {**incoming[row_id], "field": "code", "new": _dump(before)}
            conflict(change, KIND, None, obj.code)
            recorded += 1
    return recorded


def decide_duplicate(s: Session, conflict: MergeConflict, row: Objective, choice: str) -> Any:
    """The code ``row`` keeps: *ours* the one it was given, *theirs* the one that
    arrived, the other objective now coded alike then getting the next free code."""
    if choice != "theirs":
        return row.code
    arrived = json.loads(conflict.remote) if conflict.remote else row.code
    plan = s.get(Plan, row.plan_id)
    assert plan is not None
    scheme = scheme_of(s, plan)
    row.code, row.code_literal = arrived, False
    s.flush()
    for dup in codes.duplicates(s, plan.id):
        if row.id not in dup.ids:
            continue
        for other_id in dup.ids:
            if other_id != row.id:
                other = s.get(Objective, other_id)
                assert other is not None
                other.code = codes.fresh_code(
                    s, plan, other.level, other.parent_id, scheme=scheme, exclude=[other.id]
                )
                other.code_literal = False
    return arrived
