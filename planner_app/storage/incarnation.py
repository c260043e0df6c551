"""A restored or copied plan file is a new incarnation of its replica.

Every write is named by its file's site id and its change-log sequence
(``exchange.causal``). A file put back from a backup would number its next writes as
the ones it lost, which the other side already holds; a copied file used beside the
original would number the same as the original. Either would be taken for what was
sent before. So a file knows where it lives (its device and inode, which a rename
keeps and a copy does not) and ``restore`` marks what it puts back; when either says
the file is not the one that last wrote, and the file has traded packages, it takes
a new site id before its first write (opening writes nothing: a file refused after
opening stays byte for byte), remembers the ones it had (its lineage, told to peers in
every package) and that it holds its own earlier writes up to its last sequence. Its
peers then send again what it lost.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from planner_app.storage.sqlite_files import sqlite_uri

IDENTITY_KEY = "file.identity"
RESTORED_KEY = "incarnation.new"
LINEAGE_KEY = "site.lineage"
FORMER_KEY = "incarnation.former"  # the sites the file a restore replaced had been


def identity(path: Path) -> str:
    st = Path(path).stat()
    return f"{st.st_dev}:{st.st_ino}"


def _get(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM local_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO local_state (key, value) VALUES (?, ?)", (key, value))


def former_sites(path: Path) -> list[str]:
    """The site ids the plan file at ``path`` has been, oldest first (its lineage, any
    it was still to take on, and its own); empty when it cannot be read.

    A restore hands them to the file it puts back: a backup made before the file last
    took a new site id does not know that id, yet peers know the replica by it and
    address their packages to it."""
    try:
        conn = sqlite3.connect(sqlite_uri(path, readonly=True), uri=True)
    except sqlite3.Error:
        return []
    try:
        found = [
            *json.loads(_get(conn, LINEAGE_KEY) or "[]"),
            *json.loads(_get(conn, FORMER_KEY) or "[]"),
            _get(conn, "site_id") or "",
        ]
    except (sqlite3.Error, ValueError):
        return []
    finally:
        conn.close()
    return [site for site in dict.fromkeys(found) if isinstance(site, str) and site]


def mark_restored(path: Path, former: list[str] | None = None) -> None:
    """Say in a closed plan file that it was put back from a backup, and which sites
    the file it replaced had been (``former_sites``)."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            _set(conn, RESTORED_KEY, "1")
            if former:
                _set(conn, FORMER_KEY, json.dumps(former))
    finally:
        conn.close()


def forget_place(conn: sqlite3.Connection) -> None:
    """A new file made from another (a starter file): it is where it will be opened."""
    keys = (IDENTITY_KEY, RESTORED_KEY, LINEAGE_KEY, FORMER_KEY)
    conn.execute("DELETE FROM local_state WHERE key IN (?, ?, ?, ?)", keys)


@dataclass(frozen=True)
class Plan:
    """What the first write to an open file must do first: take a new site id (the
    file was restored or copied, and has traded packages), and note where it is."""

    identity: str
    new_site: str | None = None  # the site id of the new incarnation, if one starts


def detect(path: Path, conn: sqlite3.Connection) -> Plan | None:
    """Read (never write) whether the file was restored or copied; None when its
    place is known and nothing was restored. ``conn`` reads the file."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "knowledge" not in tables:
        return None  # not yet upgraded: the upgrade comes first
    here = identity(path)
    stored, restored = _get(conn, IDENTITY_KEY), _get(conn, RESTORED_KEY)
    if stored == here and restored is None:
        return None
    moved = (stored is not None and stored != here) or restored is not None
    traded = conn.execute("SELECT count(*) FROM exchange_peers").fetchone()[0] > 0
    return Plan(here, uuid.uuid4().hex if moved and traded else None)


def apply(path: Path, plan: Plan) -> None:
    """Carry out ``plan`` in one transaction, before the file's first write."""
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if plan.new_site is not None:
                _new_incarnation(conn, plan.new_site)
            _set(conn, IDENTITY_KEY, plan.identity)
            conn.execute("DELETE FROM local_state WHERE key IN (?, ?)", (RESTORED_KEY, FORMER_KEY))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()


def _new_incarnation(conn: sqlite3.Connection, site: str) -> str:
    old = _get(conn, "site_id") or ""
    lineage = json.loads(_get(conn, LINEAGE_KEY) or "[]")
    lineage.append(old)
    for former in json.loads(_get(conn, FORMER_KEY) or "[]"):
        if former not in lineage and former != site:
            lineage.append(former)  # what the replaced file had been (``former_sites``)
    last = conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]
    _set(conn, "site_id", site)
    _set(conn, LINEAGE_KEY, json.dumps(lineage))
    held = conn.execute("SELECT n FROM knowledge WHERE site = ?", (old,)).fetchone()
    conn.execute(
        "INSERT OR REPLACE INTO knowledge (site, n) VALUES (?, ?)",
        (old, max(int(last), int(held[0]) if held else 0)),
    )
    return old


__all__ = [
    "Plan",
    "apply",
    "detect",
    "forget_place",
    "former_sites",
    "identity",
    "mark_restored",
]
