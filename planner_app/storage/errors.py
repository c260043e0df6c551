"""Turn SQLite's errors into one clear sentence that names the file."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import exc

from planner_app.errors import (
    CorruptFileError,
    DiskFullError,
    FileLockedError,
    NotAPlanFileError,
    PlanFileError,
    ReadOnlyFileError,
)
from planner_app.i18n import _


def _sqlite_error(err: BaseException) -> sqlite3.Error | None:
    orig = getattr(err, "orig", None)
    if isinstance(orig, sqlite3.Error):
        return orig
    return err if isinstance(err, sqlite3.Error) else None


def classify(err: BaseException, path: Path) -> PlanFileError | None:
    orig = _sqlite_error(err)
    if orig is None:
        return None
    name = getattr(orig, "sqlite_errorname", "") or ""
    text = str(orig).lower()
    if name == "SQLITE_FULL" or "database or disk is full" in text:
        return DiskFullError(
            _("The disk holding {path} is full; the last change was not saved.").format(path=path)
        )
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return ReadOnlyFileError(
            _("{path} is read-only; the change was not saved.").format(path=path)
        )
    if name == "SQLITE_NOTADB" or "file is not a database" in text:
        return NotAPlanFileError(_("{path} is not a plan file.").format(path=path))
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return CorruptFileError(_("{path} is damaged; restore it from a backup.").format(path=path))
    if name.startswith("SQLITE_BUSY") or "database is locked" in text:
        return FileLockedError(
            _("{path} is busy in another program; try again.").format(path=path), {}
        )
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return ReadOnlyFileError(_("{path} cannot be opened.").format(path=path))
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return PlanFileError(_("Reading or writing {path} failed (disk error).").format(path=path))
    return None


@contextlib.contextmanager
def translate_db_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except (exc.OperationalError, exc.DatabaseError, sqlite3.Error) as err:
        mapped = classify(err, path)
        if mapped is None:
            raise
        raise mapped from err
