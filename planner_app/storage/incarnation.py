"""A restored or copied plan file is a new incarnation of its replica.

Every write is named by its file's site id and its change-log sequence
(``exchange.causal``). A file put back from a backup would number its next writes as
the ones it lost, which the other side already holds; a copied file used beside the
original would number the same as the original. Either would be taken for what was
sent before. So a file knows where it lives (its device and inode, which a rename
keeps and a copy does not) and ``restore`` marks what it puts back; when either says
the file is not the one that last wrote, and the file has traded packages, it takes
a new site id before it writes, remembers the ones it had (its lineage, told to
peers in every package) and that it holds its own earlier writes up to its last
sequence. Its peers then send again what it lost.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

IDENTITY_KEY = "file.identity"
RESTORED_KEY = "incarnation.new"
LINEAGE_KEY = "site.lineage"


def identity(path: Path) -> str:
    st = Path(path).stat()
    return f"{st.st_dev}:{st.st_ino}"


def _get(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM local_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO local_state (key, value) VALUES (?, ?)", (key, value))


def mark_restored(path: Path) -> None:
    """Say in a closed plan file that it was put back from a backup."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            _set(conn, RESTORED_KEY, "1")
    finally:
        conn.close()


def forget_place(conn: sqlite3.Connection) -> None:
    """A new file made from another (a starter file): it is where it will be opened."""
    keys = (IDENTITY_KEY, RESTORED_KEY, LINEAGE_KEY)
    conn.execute("DELETE FROM local_state WHERE key IN (?, ?, ?)", keys)


def check(path: Path) -> str | None:
    """Start a new incarnation if the file was restored or copied; the old site id
    if it did. Runs before the file is opened for writing, on its own connection."""
    here = identity(path)
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            listed = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = {r[0] for r in listed}
            if "knowledge" not in tables:
                conn.execute("ROLLBACK")
                return None  # not yet upgraded: the upgrade comes first
            stored, restored = _get(conn, IDENTITY_KEY), _get(conn, RESTORED_KEY)
            moved = (stored is not None and stored != here) or restored is not None
            traded = conn.execute("SELECT count(*) FROM exchange_peers").fetchone()[0] > 0
            old = None
            if moved and traded:
                old = _new_incarnation(conn)
            if stored != here:
                _set(conn, IDENTITY_KEY, here)
            if restored is not None:
                conn.execute("DELETE FROM local_state WHERE key = ?", (RESTORED_KEY,))
            conn.execute("COMMIT")
            return old
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()


def _new_incarnation(conn: sqlite3.Connection) -> str:
    old = _get(conn, "site_id") or ""
    lineage = json.loads(_get(conn, LINEAGE_KEY) or "[]")
    lineage.append(old)
    last = conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]
    _set(conn, "site_id", uuid.uuid4().hex)
    _set(conn, LINEAGE_KEY, json.dumps(lineage))
    held = conn.execute("SELECT n FROM knowledge WHERE site = ?", (old,)).fetchone()
    conn.execute(
        "INSERT OR REPLACE INTO knowledge (site, n) VALUES (?, ?)",
        (old, max(int(last), int(held[0]) if held else 0)),
    )
    return old


__all__ = ["check", "forget_place", "identity", "mark_restored"]
