"""Writing the change log and the field versions of a batch of writes, one format for
every way a row is written (the flush hook, ``domain.bulk``, the merge).

A write's sequence is also its dot's counter (``exchange.causal``), so sequences are
given here, before the rows are inserted: the versions name them. A local write has
seen every version of its field held here, so it replaces them all and settles an
open conflict on that field. Runs inside the caller's transaction, on its thread.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from planner_app.domain.versions import STAR

_LOG_COLUMNS = (
    "seq",
    "change_id",
    "at",
    "user",
    "site_id",
    "hlc",
    "plan_id",
    "table_name",
    "row_id",
    "op",
    "field",
    "old",
    "new",
    "origin_site",
    "dot_site",
    "dot_n",
    "context_id",
    "decides",
    "txn",
    "note",
)


def canonical_vv(vv: Mapping[str, int]) -> str:
    return json.dumps({k: vv[k] for k in sorted(vv) if vv[k]}, separators=(",", ":"))


def context_id(session: Session, vv: Mapping[str, int]) -> int:
    """The id of the stored context ``vv`` (stored now if new)."""
    conn = session.connection()
    key = canonical_vv(vv)
    found = conn.execute(text("SELECT id FROM write_contexts WHERE vv = :vv"), {"vv": key})
    row = found.first()
    if row is not None:
        return int(row[0])
    return int(
        conn.execute(text("INSERT INTO write_contexts (vv) VALUES (:vv)"), {"vv": key}).lastrowid
    )


def knowledge(session: Session) -> dict[str, int]:
    """What this site holds of other sites' writes."""
    rows = session.connection().execute(text("SELECT site, n FROM knowledge"))
    return {site: int(n) for site, n in rows}


def next_seq(session: Session) -> int:
    last = session.connection().execute(text("SELECT max(seq) FROM change_log")).scalar()
    return int(last or 0) + 1


@dataclass
class Marks:
    """What a service says about the writes of its transaction: the versions a
    decision settles and a reason, per (row id, field)."""

    decides: dict[tuple[uuid.UUID, str], str] = field(default_factory=dict)
    notes: dict[tuple[uuid.UUID, str], str] = field(default_factory=dict)
    forced: set[tuple[uuid.UUID, str]] = field(default_factory=set)


def marks(session: Session) -> Marks:
    found = session.info.get("write_marks")
    if found is None:
        found = session.info["write_marks"] = Marks()
    return found


def local_rows(
    session: Session,
    *,
    site: str,
    user: str,
    table: str,
    row_id: uuid.UUID,
    plan_id: uuid.UUID | None,
    op: str,
    logged: Mapping[str, tuple[str | None, str | None]],
    stamp: int,
    at: str,
) -> list[dict[str, Any]]:
    """The log rows of one local write of ``logged`` fields (name: (old, new) JSON;
    an insert is one ``*`` row holding every column)."""
    info = session.info.get("write_marks")
    origin = session.info.get("change_origin")
    rows = []
    for name, (old, new) in logged.items():
        key = (row_id, name)
        rows.append(
            {
                "change_id": uuid.uuid4(),
                "at": at,
                "user": user,
                "site_id": site,
                "hlc": stamp,
                "plan_id": plan_id,
                "table_name": table,
                "row_id": row_id,
                "op": op,
                "field": name,
                "old": old,
                "new": new,
                "origin_site": origin,
                "dot_site": None,
                "dot_n": None,
                "context_id": None,
                "decides": info.decides.get(key) if info else None,
                "txn": None,
                "note": info.notes.get(key) if info else None,
            }
        )
    return rows


def now_ms() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def write_local(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert the log rows of local writes, with their sequences and this site's
    current knowledge as context; make each the only version of its field."""
    if not rows:
        return
    seq = next_seq(session)
    ctx = context_id(session, knowledge(session))
    txn = session.info.get("txn")
    for row in rows:
        row["seq"] = seq
        seq += 1
        row["context_id"] = ctx
        if row["field"] == "deleted" and row["new"] == "true":
            if txn is None:
                txn = session.info["txn"] = f"{row['site_id']}:{row['seq']}"
            row["txn"] = txn
    insert_log(session, rows)
    replace_versions(session, rows)


_IDS = frozenset({"change_id", "plan_id", "row_id"})


def insert_log(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """One executemany on the connection (SQLAlchemy's own spent as long again on
    per-row bookkeeping as SQLite on the rows); ids stored as 32 hex digits, as the
    columns' type stores them."""
    if not rows:
        return
    params = [
        tuple(_id_hex(r.get(name)) if name in _IDS else r.get(name) for name in _LOG_COLUMNS)
        for r in rows
    ]
    marks = ", ".join("?" * len(_LOG_COLUMNS))
    names = ", ".join(f'"{name}"' for name in _LOG_COLUMNS)
    cursor = session.connection().connection.cursor()
    try:
        cursor.executemany(f"INSERT INTO change_log ({names}) VALUES ({marks})", params)
    finally:
        cursor.close()


def _id_hex(value: Any) -> str | None:
    if value is None:
        return None
    return value.hex if isinstance(value, uuid.UUID) else uuid.UUID(str(value)).hex


def _hex(value: uuid.UUID | str) -> str:
    return value.hex if isinstance(value, uuid.UUID) else uuid.UUID(str(value)).hex


def replace_versions(session: Session, rows: Iterable[dict[str, Any]]) -> None:
    """Local writes: each replaces every version of its field (an insert is the
    version of all its fields) and settles an open conflict on it."""
    cursor = session.connection().connection.cursor()
    try:
        delete, add, settle = [], [], []
        for r in rows:
            row_id, name = _hex(r["row_id"]), r["field"]
            dot_site = r.get("dot_site") or r["site_id"]
            dot_n = r.get("dot_n") or r["seq"]
            delete.append((row_id, name))
            add.append(
                (
                    row_id,
                    name,
                    dot_site,
                    dot_n,
                    r["table_name"],
                    r["hlc"],
                    r["context_id"],
                    None if name == STAR else r["new"],
                    None if name == STAR else r["old"],
                    r.get("decides"),
                    r.get("txn"),
                    r.get("note"),
                )
            )
            if name != STAR:
                settle.append((row_id, name))
        cursor.executemany("DELETE FROM field_versions WHERE row_id = ? AND field = ?", delete)
        cursor.executemany(
            "INSERT INTO field_versions (row_id, field, site, n, table_name, hlc, context_id,"
            " value, old, decides, txn, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            add,
        )
        cursor.executemany(
            "UPDATE merge_conflicts SET decision = 'edited'"
            " WHERE row_id = ? AND field = ? AND decision = ''",
            settle,
        )
    finally:
        cursor.close()


__all__ = [
    "Marks",
    "canonical_vv",
    "context_id",
    "insert_log",
    "knowledge",
    "local_rows",
    "marks",
    "next_seq",
    "now_ms",
    "replace_versions",
    "write_local",
]
