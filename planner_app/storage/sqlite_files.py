"""How a plan file is named to SQLite: one real path, one URI, one WAL.

SQLite names a database's WAL, shared-memory and journal files after the name it was
opened by, so two names for one file (a symbolic link, a hard link) mean two WALs, and
a second writer through the other name damages the file for good (SQLite's "How To
Corrupt" §2.5 and §2.6). Every connection the app makes therefore goes through
``connect``: the path resolved to the real file (a symlink loop refused), written as a
``file:`` URI with every character that means something in a URI escaped (``#``, ``?``,
``%``, ``&``, ``;``, quotes, spaces and non-ASCII), so "Plan #2.plan" is opened as
itself and not as "Plan " with a fragment. A file with other hard links is never
opened for writing (``refuse_hard_links``), and what a killed restore or create left
beside a file is cleared once its lock is held (``clear_leftovers``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import QueuePool

from planner_app.errors import NotAPlanFileError, PlanFileError
from planner_app.i18n import _


def real_path(path: Path) -> Path:
    """``path`` with every symbolic link resolved (also when the file does not exist
    yet: then its folder's links are resolved and a dangling link leads to its target).
    A loop of links is refused with a sentence that names it."""
    path = Path(path)
    try:
        real = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        real = Path(os.path.realpath(path))
    except OSError as err:
        if err.errno != errno.ELOOP:
            raise
        raise NotAPlanFileError(
            _(
                "{path} is a symbolic link that leads back to itself (a loop); "
                "nothing was read or written."
            ).format(path=path)
        ) from err
    return real


def sqlite_uri(path: Path, *, readonly: bool = False) -> str:
    """The ``file:`` URI of an absolute path, every special character escaped."""
    uri = Path(path).absolute().as_uri()
    return f"{uri}?mode=ro" if readonly else uri


def connect(path: Path, *, readonly: bool = False, timeout: float = 10) -> sqlite3.Connection:
    """An sqlite3 connection to the file at ``path`` (already resolved), any thread."""
    return sqlite3.connect(
        sqlite_uri(path, readonly=readonly), uri=True, timeout=timeout, check_same_thread=False
    )


def engine_for(path: Path, *, readonly: bool = False, timeout: float = 10) -> Engine:
    """A SQLAlchemy engine whose connections are ``connect(path)`` (a URL would carry
    the name unescaped: SQLAlchemy cuts it at ``?``)."""
    return create_engine(
        "sqlite://",
        creator=lambda: connect(path, readonly=readonly, timeout=timeout),
        poolclass=QueuePool,
    )


def other_names(path: Path) -> int:
    """How many other hard links the file at ``path`` has (0 when it has one name)."""
    try:
        info = Path(path).stat()
    except OSError:
        return 0
    return max(info.st_nlink - 1, 0) if stat.S_ISREG(info.st_mode) else 0


def refuse_hard_links(path: Path, shown: Path | None = None) -> None:
    """Refuse to write a file that has other names: each name would get its own WAL."""
    n = other_names(path)
    if n:
        raise PlanFileError(
            _(
                "{path} has {n} other name(s) on this disk (hard links), so the app will not "
                "write to it: each name would keep its own journal and two writers would "
                "damage the file; copy it to a file of its own and open the copy."
            ).format(path=shown or path, n=n)
        )


# What a killed restore, create or copy leaves beside a file: the temporary copy and
# SQLite's files of that copy. Cleared only by the holder of the file's lock.
_LEFTOVERS = ("{name}.restoring", ".{name}.creating")
_SQLITE_SUFFIXES = ("", "-journal", "-wal", "-shm")


def clear_leftovers(real: Path) -> list[Path]:
    """Remove what an interrupted restore or create left beside ``real``; returns the
    paths removed. The caller holds the file's lock (nothing is running on it)."""
    removed = []
    for pattern in _LEFTOVERS:
        base = real.with_name(pattern.format(name=real.name))
        for suffix in _SQLITE_SUFFIXES:
            leftover = base.with_name(base.name + suffix)
            with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
                leftover.unlink()
                removed.append(leftover)
    return removed
