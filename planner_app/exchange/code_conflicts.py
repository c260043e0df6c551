"""Two objectives that print alike after a merge become a conflict record.

Codes are an ordinary stored field of objectives (``Objective.code``): the causal
merge takes them like any other field, so every copy that holds the same writes holds
the same codes. What a field-by-field merge cannot see is two *different* objectives
that now print alike: headquarters and a post each added an "SD 6", each the next free
code where it was made. The merge does not renumber either of them on its own (that
would be a write of this copy's making, which the other copy, renumbering its own way,
would contradict: the copies would never agree); it records a ``duplicate-code``
conflict for a person to decide, on every copy where the duplicate arrived:

* *ours* keeps the code for the objective that had it here and gives the one that
  arrived the next free code;
* *theirs* keeps it for the one that arrived and gives the others the next free code.

Either is an ordinary edit of a code, which travels like any other. If both sides
decide at once and their new codes meet again, that is a new record, never a silent
renumbering. A record whose objectives no longer print alike (decided elsewhere, one
of them deleted or recoded) is closed as settled after the next merge. ``check`` does
not report a duplicate a record is open for: the users have been told.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import MergeConflict, Objective, Plan
from planner_app.services import codes
from planner_app.services.levels import scheme_of

KIND = "duplicate-code"
FIELD = "code"
# The fields of an objective whose write can make it print like another one.
CODED = frozenset({"code", "code_literal", "level", "parent_id", "deleted"})
_NAMESPACE = uuid.UUID("5f0f3d6e-8c1a-4b7e-9d2f-3a4b5c6d7e8f")


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def open_records(s: Session, plan_id: uuid.UUID) -> dict[uuid.UUID, MergeConflict]:
    """The open duplicate-code records of a plan, by the objective each is about."""
    return {
        r.row_id: r
        for r in s.scalars(
            select(MergeConflict).where(
                MergeConflict.plan_id == plan_id,
                MergeConflict.kind == KIND,
                MergeConflict.decision == "",
            )
        )
    }


def excused(s: Session, plan_id: uuid.UUID) -> set[uuid.UUID]:
    """Objectives a duplicate-code record is open for (``check`` leaves them to it)."""
    out: set[uuid.UUID] = set()
    for record in open_records(s, plan_id).values():
        out.add(record.row_id)
        out.update(_others(record))
    return out


def _others(record: MergeConflict) -> list[uuid.UUID]:
    try:
        return [uuid.UUID(i) for i in json.loads(record.note or "[]")]
    except (ValueError, TypeError):
        return []


def review_codes(
    s: Session, plan_id: uuid.UUID, arrived: Iterable[uuid.UUID] | None, from_site: str
) -> list[MergeConflict]:
    """Settle the open records whose objectives no longer print alike; record each
    duplicate that an objective in ``arrived`` (written by this merge; None: any, after
    a decision brought objectives back) takes part in. Returns the records opened or
    updated."""
    s.flush()
    records = open_records(s, plan_id)
    found: dict[uuid.UUID, tuple[str, list[uuid.UUID]]] = {}
    duplicates = codes.duplicates(s, plan_id)
    if arrived is None:
        arrived = {i for dup in duplicates for i in dup.ids}
    arrived = set(arrived)
    for dup in duplicates:
        came = sorted(i for i in dup.ids if i in arrived)
        if not came and not any(i in records for i in dup.ids):
            continue  # not a merge's doing (``check`` lists it)
        # the objective that keeps the code under "ours": one that was here, else the
        # first by id (all arrived: a third copy receiving both); never one a record
        # is open for, so that a later merge keeps that record rather than settle it
        free = [i for i in sorted(dup.ids) if i not in records]
        here = [i for i in free if i not in came]
        keeper = here[0] if here else free[0] if free else min(dup.ids)
        for row_id in sorted(dup.ids):
            if row_id != keeper and (row_id in arrived or row_id in records):
                found[row_id] = (dup.printed, [i for i in sorted(dup.ids) if i != row_id])
    changed = []
    for row_id, record in records.items():
        if row_id not in found:
            record.decision = "settled"
    for row_id, (printed, others) in found.items():
        record = records.get(row_id)
        if record is None:
            record = MergeConflict(
                plan_id=plan_id,
                table_name="objectives",
                row_id=row_id,
                field=FIELD,
                kind=KIND,
                from_site=from_site,
                change_id=uuid.uuid5(_NAMESPACE, f"{row_id}:{printed}:{from_site}"),
                remote_at="",
                remote_user="",
                decision="",
            )
            s.add(record)
        record.local = record.remote = _dump(printed)  # as printed, on both sides
        record.base = None
        record.note = json.dumps([str(i) for i in others])
        changed.append(record)
    s.flush()
    return changed


def decide_duplicate(s: Session, record: MergeConflict, choice: str) -> None:
    """*ours*: the objective of ``record`` takes the next free code; *theirs*: it keeps
    its code and the others coded alike take the next free one. Ordinary edits of
    codes, logged like any other."""
    row = s.get(Objective, record.row_id)
    if row is None:
        return
    plan = s.get(Plan, row.plan_id)
    assert plan is not None
    scheme = scheme_of(s, plan)
    if choice == "ours":
        movers = [row]
    else:
        printed = {d.printed: d.ids for d in codes.duplicates(s, plan.id) if row.id in d.ids}
        ids = {i for group in printed.values() for i in group if i != row.id}
        movers = [o for o in (s.get(Objective, i) for i in sorted(ids)) if o is not None]
    for obj in movers:
        obj.code = codes.fresh_code(
            s, plan, obj.level, obj.parent_id, scheme=scheme, exclude=[obj.id]
        )
        obj.code_literal = False
        s.flush()


__all__ = ["CODED", "KIND", "decide_duplicate", "excused", "open_records", "review_codes"]
