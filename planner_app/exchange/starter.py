"""The starter file headquarters prepares for a post: a plan file of its own.

It is a copy of the plan (SQLite backup API) made into a new replica: a new site id,
the change log of the rows it keeps, headquarters' public keys as its only trusted
peer, and the unit it serves. It holds the plan's shared parts and the post's own part
(and the plans it builds on: its strategic plan, its previous version), and leaves out
other plans in the file, the HR data (the diversity plan) and other units' staffing
unless headquarters ticks them;
the copy is vacuumed so no removed row survives in free pages. Headquarters records
the new site as a post of that unit, still to be enrolled by its first package.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from planner_app.domain import Base, ExchangePeer, PlanOwned
from planner_app.errors import ExchangeError
from planner_app.exchange import keys as keymod
from planner_app.exchange.authority import HR_TABLES, unit_family
from planner_app.exchange.changes import HQ, POST, ROLE_KEY, UNIT_KEY, find_unit, last_seq, now_iso
from planner_app.exchange.progress import Progress, tick
from planner_app.i18n import _
from planner_app.services.common import resolve_plan
from planner_app.storage import PlanFile
from planner_app.storage.backups import copy_database
from planner_app.storage.incarnation import forget_place

_STEPS = 4  # copy, prune, vacuum, record the post: the progress reported
# Tables of this replica's own bookkeeping, emptied in the copy.
_LOCAL_TABLES = ("applied_changes", "merge_conflicts", "exchange_peers")


@dataclass(frozen=True)
class Starter:
    path: Path
    site_id: str
    unit_code: str


def _plan_tables() -> list[str]:
    return [
        mapper.class_.__tablename__
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, PlanOwned)
    ]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _kept_plans(conn: sqlite3.Connection, plan_hex: str) -> list[str]:
    """The plan and the plans it builds on (its strategic plan, its previous version),
    so that its links into them stay valid in the copy."""
    kept, todo = set(), [plan_hex]
    while todo:
        current = todo.pop()
        if current in kept:
            continue
        kept.add(current)
        row = conn.execute(
            "SELECT strategic_plan_id, previous_plan_id FROM plans WHERE id = ?", (current,)
        ).fetchone()
        todo.extend(ref for ref in row or () if ref)
    return sorted(kept)


def _prune(
    conn: sqlite3.Connection,
    plan_hex: str,
    units_hex: list[str],
    *,
    include_hr: bool = False,
    all_staffing: bool = False,
) -> None:
    for table in _LOCAL_TABLES:
        conn.execute(f"DELETE FROM {_q(table)}")
    kept = _kept_plans(conn, plan_hex)
    plans = ",".join("?" * len(kept))
    for table in _plan_tables():
        if table in HR_TABLES and not include_hr:
            conn.execute(f"DELETE FROM {_q(table)}")
        else:
            conn.execute(f"DELETE FROM {_q(table)} WHERE plan_id NOT IN ({plans})", kept)
    conn.execute(f"DELETE FROM plans WHERE id NOT IN ({plans})", kept)
    if not all_staffing:
        marks = ",".join("?" * len(units_hex))
        conn.execute(f"DELETE FROM staffing_figures WHERE unit_id NOT IN ({marks})", units_hex)
        # the totals the source printed over other units' staffing go with their figures
        conn.execute("DELETE FROM printed_totals WHERE measure IN ('fte', 'headcount')")
    # The change log keeps the history of the rows that stay (the integrity check
    # replays it) and loses every entry, with its old and new values, of what was left out.
    conn.execute(f"DELETE FROM change_log WHERE plan_id IS NULL OR plan_id NOT IN ({plans})", kept)
    for table in [*_plan_tables(), "plans"]:
        for log in ("change_log", "field_versions"):
            conn.execute(
                f"DELETE FROM {log} WHERE table_name = ? AND row_id NOT IN "
                f"(SELECT id FROM {_q(table)})",
                (table,),
            )
    # References into what was removed become empty (none, with the plans kept above,
    # unless the file was already inconsistent).
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            column = fk.parent
            if column.nullable:
                target = fk.column.table.name
                conn.execute(
                    f"UPDATE {_q(table.name)} SET {_q(column.name)} = NULL "
                    f"WHERE {_q(column.name)} IS NOT NULL AND {_q(column.name)} NOT IN "
                    f"(SELECT {_q(fk.column.name)} FROM {_q(target)})"
                )


def write_starter(
    store: PlanFile,
    out: Path,
    *,
    unit_code: str,
    plan_code: str | None = None,
    include_hr: bool = False,
    all_staffing: bool = False,
    progress: Progress | None = None,
) -> Starter:
    """Write a starter file for the post of ``unit_code`` and record it as a peer.

    Headquarters may choose to include the HR data (``include_hr``: the diversity
    plan) and every unit's staffing (``all_staffing``); by default the post gets
    neither. A cancel (``progress`` returning False) comes before the post is recorded
    and the file named ``out``: the half-made copy is removed, nothing else changed."""
    tick(progress, 0, _STEPS)
    out = Path(out)
    if out.exists():
        raise ExchangeError(_("{path} already exists; choose another name.").format(path=out))
    pair = keymod.load_or_create()
    with store.read() as s:
        plan = resolve_plan(s, plan_code)
        unit = find_unit(s, plan, unit_code)
        units = unit_family(s, plan.id, unit.id)
        hq_seq = last_seq(s)
        hq_site = store.site_id
        plan_id, unit_id = plan.id, unit.id
    site = uuid.uuid4().hex
    tmp = out.with_name(f".{out.name}.writing")
    tmp.unlink(missing_ok=True)
    try:
        copy_database(store.path, tmp)
        tick(progress, 1, _STEPS)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys=OFF")
            conn.execute("BEGIN")
            _prune(
                conn,
                plan_id.hex,
                [u.hex for u in units],
                include_hr=include_hr,
                all_staffing=all_staffing,
            )
            conn.execute("UPDATE local_state SET value = ? WHERE key = 'site_id'", (site,))
            forget_place(conn)  # a new file: no lineage, and where it is opened is its place
            # The post holds every write headquarters held, its own up to ``hq_seq``.
            conn.execute(
                "INSERT OR REPLACE INTO knowledge (site, n) VALUES (?, ?)", (hq_site, hq_seq)
            )
            held = json.dumps(dict(conn.execute("SELECT site, n FROM knowledge")), sort_keys=True)
            conn.executemany(
                "INSERT OR REPLACE INTO local_state (key, value) VALUES (?, ?)",
                [(ROLE_KEY, POST), (UNIT_KEY, str(unit_id))],
            )
            public = pair.public
            # The copied log ends at ``base_seq`` in the post's numbering; both sides
            # hold everything up to it, and headquarters' own changes up to ``hq_seq``.
            base_seq = conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]
            conn.execute(
                "INSERT INTO exchange_peers (plan_id, site_id, role, unit_id, sign_key, box_key,"
                " enrolled_at, received_seq, acked_seq, knowledge, successor)"
                " VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, '')",
                (
                    plan_id.hex,
                    hq_site,
                    HQ,
                    public.sign.hex(),
                    public.box.hex(),
                    now_iso(),
                    hq_seq,
                    base_seq,
                    held,
                ),
            )
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:  # pragma: no cover - a schema change the pruning does not know
                raise ExchangeError(
                    _("The starter file could not be made consistent ({problem}).").format(
                        problem=problems[0][0]
                    )
                )
            conn.execute("COMMIT")
            tick(progress, 2, _STEPS)
            conn.execute("VACUUM")
        finally:
            conn.close()
        tick(progress, 3, _STEPS)  # the last moment a cancel leaves nothing behind
        with store.transaction() as s:
            s.add(
                ExchangePeer(
                    plan_id=plan_id,
                    site_id=site,
                    role=POST,
                    unit_id=unit_id,
                    received_seq=base_seq,
                    acked_seq=hq_seq,
                    knowledge=held,
                    successor="",
                )
            )
        tmp.replace(out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return Starter(out, site, unit_code)


def peers_of(store: PlanFile) -> list[ExchangePeer]:
    with store.read() as s:
        return list(s.scalars(select(ExchangePeer).order_by(ExchangePeer.id)))
