"""The digest of what two copies share, to say out loud when they differ.

Headquarters and a post share the plan's exchanged content, less the HR data and
other units' staffing (``authority``). Each package carries the sender's digest of it
(per table: rows and a SHA-256 of their exchanged fields, tombstones included, in id
order). Two copies that hold the same writes hold the same content (``causal``), so
after a merge that leaves neither side with a write the other lacks, a different
digest means the copies diverged (a damaged or hand-edited file, a defect): the
receiver says in which tables, and a resync repairs it (``resync``).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from planner_app.domain import Plan, StaffingFigure
from planner_app.domain.changes import exchanged_columns
from planner_app.exchange.authority import HR_TABLES, unit_family
from planner_app.exchange.values import synced_models

Digest = dict[str, list]  # table: [rows, sha256]


def shared_digest(s: Session, plan_id: uuid.UUID, unit_id: uuid.UUID | None) -> Digest:
    """The digest of the plan's content shared with the post of ``unit_id``.

    Read as SQLite stores the values (every copy stores a value alike: one column type
    binds it), without building Python objects: a tenth of the time."""
    units = sorted(u.hex for u in unit_family(s, plan_id, unit_id)) if unit_id is not None else []
    conn = s.connection()
    out: Digest = {}
    for table, model in sorted(synced_models().items()):
        if table in HR_TABLES:
            continue
        names = ", ".join(f'"{n}"' for n in [*exchanged_columns(model), "deleted"])
        where, params = (
            ("id = ?", [plan_id.hex]) if model is Plan else ("plan_id = ?", [plan_id.hex])
        )
        if model is StaffingFigure:
            where += f" AND unit_id IN ({', '.join('?' * len(units))})" if units else " AND 0"
            params += units
        digest, count = hashlib.sha256(), 0
        for row in conn.exec_driver_sql(
            f'SELECT id, {names} FROM "{table}" WHERE {where} ORDER BY id', tuple(params)
        ):
            digest.update(repr(tuple(row)).encode())
            count += 1
        if count:
            out[table] = [count, digest.hexdigest()]
    return out


@dataclass(frozen=True)
class Divergence:
    """Tables whose shared content differs: (table, rows here, rows there)."""

    tables: tuple[tuple[str, int, int], ...]

    def __bool__(self) -> bool:
        return bool(self.tables)


def compare(here: Digest, there: object) -> Divergence:
    if not isinstance(there, dict):
        return Divergence(())
    differing = []
    for table in sorted(set(here) | set(there)):
        mine = here.get(table, [0, ""])
        theirs = there.get(table) if isinstance(there.get(table), list) else [0, ""]
        if list(mine) != list(theirs):
            differing.append((table, int(mine[0]), int(theirs[0])))
    return Divergence(tuple(differing))


__all__ = ["Digest", "Divergence", "compare", "shared_digest"]
