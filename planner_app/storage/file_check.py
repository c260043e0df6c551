"""Is this file one of ours? The checks made before SQLite or another module touches a
file: an SQLite header that is whole, and (for a closed file about to replace another,
as a restore does) a schema this app knows. Kept apart from ``plan_file`` so that
``backups`` can use it without importing the module that imports ``backups``.
"""

from __future__ import annotations

from pathlib import Path

from planner_app.errors import (
    CorruptFileError,
    FileMissingError,
    NewerFileError,
    NotAPlanFileError,
    ReadOnlyFileError,
)
from planner_app.i18n import _
from planner_app.storage import migrate
from planner_app.storage.errors import translate_db_errors
from planner_app.storage.sqlite_files import engine_for, real_path

SQLITE_HEADER = b"SQLite format 3\x00"


def check_header(path: Path, *, shown: Path | None = None) -> None:
    """Refuse what is plainly not an SQLite file, before SQLite sees it. ``path`` is
    the real path (its WAL is beside it); messages name ``shown``, the user's name."""
    real, path = path, shown or path
    if not real.exists():
        raise FileMissingError(_("The file {path} does not exist.").format(path=path))
    if real.is_dir():
        raise NotAPlanFileError(_("{path} is a folder, not a plan file.").format(path=path))
    if not real.is_file():  # a FIFO or device would block the read below
        raise NotAPlanFileError(_("{path} is not a plan file.").format(path=path))
    try:
        with real.open("rb") as fh:
            header = fh.read(100)
    except PermissionError as err:
        raise ReadOnlyFileError(
            _("You have no permission to read {path}.").format(path=path)
        ) from err
    if not header.startswith(SQLITE_HEADER):
        raise NotAPlanFileError(_("{path} is not a plan file.").format(path=path))
    if len(header) < 100:
        raise CorruptFileError(_("{path} is truncated or damaged.").format(path=path))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    size = real.stat().st_size
    wal = real.with_name(real.name + "-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0
    if page_size < 512 or size % page_size or (not has_wal and pages and size < pages * page_size):
        raise CorruptFileError(_("{path} is truncated or damaged.").format(path=path))


def plan_file_revision(path: Path) -> str:
    """The schema revision of a closed plan file; refuses what is not one of ours.

    Used before a file replaces another (restore): not a plan file, damaged, or from a
    newer app raise the same errors as opening it would.
    """
    real = real_path(path)
    check_header(real, shown=path)
    engine = engine_for(real, readonly=True)
    try:
        with translate_db_errors(path), engine.connect() as conn:
            tables = {
                row[0]
                for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"alembic_version", "plans", "local_state"} <= tables:
                raise NotAPlanFileError(
                    _("{path} is an SQLite database but not a plan file.").format(path=path)
                )
            revision = migrate.current_revision(conn)
    finally:
        engine.dispose()
    if revision not in migrate.known_revisions():
        raise NewerFileError(
            _(
                "{path} was written by a newer version of this app (schema {rev}); "
                "update the app to open it."
            ).format(path=path, rev=revision)
        )
    return revision  # type: ignore[return-value]
