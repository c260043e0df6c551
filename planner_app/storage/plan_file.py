"""Open, create, write and close a plan file (``.plan``: SQLite, WAL, Alembic schema).

``PlanFile`` owns the engine, the lock, the replica's change context and the backup
schedule of one open file. It is created and closed on one thread; sessions are not
shared between threads (a background job opens its own ``read()`` or ``transaction()``).

Every failure a user can cause is raised as a ``PlanFileError`` with one sentence that
names the file; a file that cannot be opened is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from planner_app.domain import Base, LocalState
from planner_app.domain.changes import ChangeContext, HybridClock, install
from planner_app.errors import (
    CorruptFileError,
    FileLockedError,
    FileMissingError,
    NewerFileError,
    NotAPlanFileError,
    PlanFileError,
    ReadOnlyFileError,
)
from planner_app.i18n import _
from planner_app.storage import backups, incarnation, migrate
from planner_app.storage.errors import translate_db_errors
from planner_app.storage.file_check import check_header
from planner_app.storage.locations import location_warnings
from planner_app.storage.lock import FileLock
from planner_app.storage.sqlite_files import (
    clear_leftovers,
    engine_for,
    real_path,
    refuse_hard_links,
)

BACKUP_INTERVAL_S = 30 * 60
PLAN_SUFFIX = ".plan"


class PlanFile:
    """An open plan file. Use ``PlanFile.create`` or ``PlanFile.open``; ``close()`` it."""

    def __init__(
        self,
        path: Path,
        *,
        readonly: bool,
        lock: FileLock | None,
        extra_pragmas: dict[str, Any] | None = None,
    ) -> None:
        self.path = path  # as the user named it (messages, title bar)
        self.real_path = real_path(path)  # what SQLite opens: one name, one WAL
        self.readonly = readonly
        self._lock = lock
        self._extra_pragmas = dict(extra_pragmas or {})
        self.warnings: list[str] = location_warnings(self.real_path)
        self._local = threading.local()
        self._write_engine: Engine | None = None
        self._read_engine = self._make_engine(write=False)
        self._read_factory = sessionmaker(self._read_engine, expire_on_commit=False)
        self._write_factory: sessionmaker[Session] | None = None
        self._engine_lock = threading.Lock()
        self._pending: list[backups.PendingBackup] = []  # started, not yet proven
        self.context: ChangeContext | None = None
        self._edits_since_backup = 0
        self._last_backup = time.monotonic()
        self.closed = False
        self.schema_revision: str | None = None
        self.backup_problem: str | None = None  # the last backup failure, for the UI
        self.previous_site: str | None = None  # the site id before a new incarnation
        self._incarnation: incarnation.Plan | None = None  # done at the first write

    # --- engines ---------------------------------------------------------------------

    def _make_engine(self, *, write: bool) -> Engine:
        engine = engine_for(self.real_path, readonly=self.readonly)
        pragmas = {"foreign_keys": "ON", "busy_timeout": 10000}
        if write:
            pragmas["journal_mode"] = "WAL"
        else:
            pragmas["query_only"] = "ON"  # reads cannot write around the change log
        if not self.readonly:
            pragmas["synchronous"] = "FULL"
        pragmas.update(self._extra_pragmas)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
            dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (below)
            for name, value in pragmas.items():
                dbapi_conn.execute(f"PRAGMA {name}={value}")

        begin = "BEGIN IMMEDIATE" if write else "BEGIN"

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql(begin)

        return engine

    def _enable_writes(self) -> None:
        """Ready the file for writes without writing to it: the write engine (whose
        switch to WAL rewrites header bytes) is made by the first transaction, so a
        file refused before any change (damaged, not ours) stays byte for byte."""
        with self.read() as s:
            site = s.get(LocalState, "site_id")
            clock = s.get(LocalState, "hlc")
            raw = s.connection().connection.driver_connection
            self._incarnation = incarnation.detect(self.real_path, raw)  # restored or copied?
        if site is None:
            raise NotAPlanFileError(
                _("{path} has no replica identity; it is not a plan file.").format(path=self.path)
            )
        new_site = self._incarnation.new_site if self._incarnation else None
        self.previous_site = site.value if new_site else None
        self.context = ChangeContext(
            new_site or site.value, HybridClock(int(clock.value) if clock else 0)
        )

    def _writer(self) -> sessionmaker[Session]:
        """The write session factory, made at the first write (any thread)."""
        if self._write_factory is None:
            with self._engine_lock:
                if self._write_factory is None:
                    self._prove_pending_backups()
                    engine = self._make_engine(write=True)
                    with translate_db_errors(self.path), engine.connect() as conn:
                        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
                    if str(mode).lower() != "wal":  # pragma: no cover - odd file systems
                        self.warnings.append("no-wal")
                    if self._incarnation is not None:  # restored or copied: before any write
                        with translate_db_errors(self.path):
                            incarnation.apply(self.real_path, self._incarnation)
                        self._incarnation = None
                    factory = sessionmaker(engine, expire_on_commit=False)
                    install(factory)
                    self._write_engine, self._write_factory = engine, factory
        return self._write_factory

    def take_identity(self) -> None:
        """Before this file tells a peer who it is (a package it writes): a restored or
        copied file takes its new site id now, as it would at its first write. A
        package naming the site it had would make the peer's answer look written for
        the file before the restore, and it would be refused."""
        if self._incarnation is not None and self._incarnation.new_site is not None:
            self._writer()

    def _prove_pending_backups(self) -> None:
        """Before the first write of a file not yet in WAL mode (switching rewrites its
        header), the backups started for the risky step that writes prove the file
        sound: a damaged file is refused as it was, not after its header changed."""
        pending = [p for p in self._pending if p.done is None]
        self._pending.clear()
        if not pending:
            return
        with translate_db_errors(self.path), self._read_engine.connect() as conn:
            mode = str(conn.exec_driver_sql("PRAGMA journal_mode").scalar()).lower()
        if mode != "wal":
            for backup in pending:
                backup.finish()

    # --- create / open ---------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, *, overwrite: bool = False) -> PlanFile:
        """Create a new, empty plan file at the newest schema."""
        path = Path(path)
        real = real_path(path)  # a symlink loop is refused here
        if real.exists() and not overwrite:
            raise PlanFileError(_("{path} already exists.").format(path=path))
        if not real.parent.is_dir():
            raise FileMissingError(
                _("The folder {folder} does not exist.").format(folder=path.parent)
            )
        if real.exists() and not real.is_file():
            raise PlanFileError(_("{path} is not a file.").format(path=path))
        lock = FileLock(path)
        try:
            owner = lock.acquire()
        except PermissionError as err:
            raise ReadOnlyFileError(
                _("The folder {folder} is read-only.").format(folder=path.parent)
            ) from err
        if owner is not None:
            raise FileLockedError(_lock_message(path, owner), owner)
        # Built beside the target and renamed over it, so a file being replaced
        # (demo --force) is only touched once the new one is complete and we hold
        # its lock.
        building = real.with_name(f".{real.name}.creating")
        try:
            clear_leftovers(real)
            engine = _migration_engine(building)
            with translate_db_errors(path), engine.begin() as conn:
                migrate.upgrade(conn)
                conn.execute(
                    LocalState.__table__.insert(),
                    [
                        {"key": "site_id", "value": uuid.uuid4().hex},
                        {"key": "hlc", "value": "0"},
                    ],
                )
            engine.dispose()
            for suffix in ("-wal", "-shm"):
                real.with_name(real.name + suffix).unlink(missing_ok=True)
            lock.unlock_file()  # the replaced file's lock (Windows: no rename over it)
            building.replace(real)
            if not lock.lock_file():
                raise FileLockedError(_lock_message(path, {}), {})
            plan_file = cls(path, readonly=False, lock=lock)
            plan_file.schema_revision = migrate.head_revision()
            plan_file._enable_writes()
        except BaseException:
            for suffix in ("", "-journal"):
                building.with_name(building.name + suffix).unlink(missing_ok=True)
            lock.release()
            raise
        return plan_file

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        readonly: bool = False,
        extra_pragmas: dict[str, Any] | None = None,
    ) -> PlanFile:
        """Open an existing plan file, upgrading an older schema after a backup.

        Raises a ``PlanFileError`` (file untouched) for a missing, foreign, damaged,
        newer, locked or unwritable file.
        """
        path = Path(path)
        real = real_path(path)  # a symlink loop is refused here
        check_header(real, shown=path)
        lock: FileLock | None = None
        if not readonly:
            refuse_hard_links(real, shown=path)
            if not _writable(real):
                raise ReadOnlyFileError(
                    _("{path} is read-only (or its folder is); open it read-only.").format(
                        path=path
                    )
                )
            lock = FileLock(path)
            owner = lock.acquire()
            if owner is not None:
                raise FileLockedError(_lock_message(path, owner), owner)
            clear_leftovers(real)  # of a restore or create that was killed
        try:
            plan_file = cls(path, readonly=readonly, lock=lock, extra_pragmas=extra_pragmas)
            try:
                # A file the last instance did not close (crash, kill, power cut) is
                # checked page by page before use; a cleanly closed one is not, since
                # the check grows with the file (150 ms at 80 MB). Damage found later
                # still surfaces as CorruptFileError from any read.
                wal = real.with_name(real.name + "-wal")
                unclean = (lock is not None and lock.stale) or (
                    not readonly and wal.exists() and wal.stat().st_size > 0
                )
                plan_file._inspect_and_upgrade(check_integrity=unclean)
                if not readonly:
                    plan_file._enable_writes()
            except BaseException:
                plan_file._dispose()
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return plan_file

    def _inspect_and_upgrade(self, *, check_integrity: bool) -> None:
        path = self.path
        with translate_db_errors(path), self._read_engine.connect() as conn:
            tables = {
                row[0]
                for row in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            }
            if not {"alembic_version", "plans", "local_state"} <= tables:
                raise NotAPlanFileError(
                    _("{path} is an SQLite database but not a plan file.").format(path=path)
                )
            revision = migrate.current_revision(conn)
            known = migrate.known_revisions()
            if revision not in known:
                raise NewerFileError(
                    _(
                        "{path} was written by a newer version of this app (schema {rev}); "
                        "update the app to open it."
                    ).format(path=path, rev=revision)
                )
            check = conn.exec_driver_sql("PRAGMA quick_check").scalar() if check_integrity else "ok"
            if check != "ok":
                raise CorruptFileError(
                    _("{path} is damaged ({problem}); restore it from a backup.").format(
                        path=path, problem=check
                    )
                )
        self.schema_revision = revision
        if revision == migrate.head_revision():
            return
        if self.readonly:
            raise ReadOnlyFileError(
                _(
                    "{path} was made by an older version and must be upgraded; "
                    "open it for writing once."
                ).format(path=path)
            )
        self._dispose()
        # The backup's copy passes SQLite's integrity_check, or the upgrade (a risky
        # write) is refused with the file as it was.
        backups.create_backup(self.real_path, "before-upgrade")
        engine = _migration_engine(self.real_path)
        try:
            with translate_db_errors(path), engine.begin() as conn:
                migrate.upgrade(conn)
        finally:
            engine.dispose()
        self._read_engine = self._make_engine(write=False)
        self._read_factory = sessionmaker(self._read_engine, expire_on_commit=False)
        self.schema_revision = migrate.head_revision()

    # --- sessions --------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction; nested calls on the same thread join the outer one."""
        current: Session | None = getattr(self._local, "session", None)
        if current is not None:
            yield current
            return
        if getattr(self._local, "snapshot", None) is not None:
            raise RuntimeError("no writes inside a snapshot: its reads would not see them")
        if self.readonly or self.context is None:
            raise ReadOnlyFileError(
                _("{path} is open read-only; nothing can be changed.").format(path=self.path)
            )
        session = self._writer()()
        session.info["change_context"] = self.context
        self._local.session = session
        try:
            with translate_db_errors(self.path), session.begin():
                yield session
        finally:
            self._local.session = None
            session.close()
        self._after_commit()

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (joins the current write transaction, or the current
        ``snapshot``, on this thread)."""
        current: Session | None = getattr(self._local, "session", None) or getattr(
            self._local, "snapshot", None
        )
        if current is not None:
            yield current
            return
        session = self._read_factory()
        try:
            with translate_db_errors(self.path), session.begin():
                yield session
        finally:
            session.close()

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every read on this thread in the block sees the file as it was at its first
        read (one read transaction): a document made from many reads over many seconds,
        its fingerprint included, is one version of the plan, whatever another
        connection commits meanwhile. Inside a write transaction, reads join that."""
        if getattr(self._local, "session", None) or getattr(self._local, "snapshot", None):
            yield
            return
        with self.read() as session:
            self._local.snapshot = session
            try:
                yield
            finally:
                self._local.snapshot = None

    @property
    def site_id(self) -> str:
        with self.read() as s:
            return s.scalar(select(LocalState.value).where(LocalState.key == "site_id")) or ""

    # --- backups and close -----------------------------------------------------------

    def _after_commit(self) -> None:
        self._edits_since_backup += 1
        if time.monotonic() - self._last_backup >= BACKUP_INTERVAL_S:
            self._try_backup("periodic")

    def _try_backup(self, reason: str) -> None:
        """A backup that must not turn a saved edit (or a close) into an error."""
        try:
            self.backup(reason)
        except (PlanFileError, OSError, sqlite3.Error) as err:
            self._last_backup = time.monotonic()  # try again in 30 minutes, not per edit
            self.backup_problem = str(err)

    def _checkpoint(self) -> None:
        """Fold the WAL into the file (and leave WAL mode when no one else has it open).

        Runs on the raw DBAPI connection: through SQLAlchemy the statement would start
        a transaction, inside which SQLite refuses to checkpoint.
        """
        assert self._write_engine is not None
        raw = self._write_engine.raw_connection()
        try:
            conn = raw.driver_connection
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            with contextlib.suppress(sqlite3.Error):  # busy while another reader is open
                conn.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error:
            pass  # SQLite checkpoints when the last connection closes anyway
        finally:
            raw.close()

    def backup(self, reason: str = "manual") -> Path:
        target = backups.create_backup(self.real_path, reason)
        self._edits_since_backup = 0
        self._last_backup = time.monotonic()
        return target

    def start_backup(
        self, reason: str, *, check: str = backups.FULL_CHECK
    ) -> backups.PendingBackup:
        """Copy the file now and check the copy while the caller works (a merge); the
        caller's ``finish()`` before its commit proves the copy sound."""
        pending = backups.start_backup(self.real_path, reason, check=check)
        self._pending.append(pending)
        self._edits_since_backup = 0
        self._last_backup = time.monotonic()
        return pending

    def integrity_problems(self) -> list[str]:
        with translate_db_errors(self.path), self._read_engine.connect() as conn:
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
            fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        problems = [] if rows == ["ok"] else rows
        problems += [f"foreign key: {r[0]} row {r[1]} -> {r[2]}" for r in fk]
        return problems

    def _dispose(self) -> None:
        self._read_engine.dispose()
        if self._write_engine is not None:
            self._write_engine.dispose()

    def close(self) -> None:
        """Back up if edited, checkpoint the WAL into the file, release the lock."""
        if self.closed:
            return
        self.closed = True
        try:
            if not self.readonly and self._write_engine is not None:
                if self._edits_since_backup:
                    self._try_backup("close")
                self._read_engine.dispose()
                self._checkpoint()
            self._dispose()
        finally:
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> PlanFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _migration_engine(path: Path) -> Engine:
    """An engine whose transactions really wrap DDL (SQLite's DDL is transactional)."""
    engine = engine_for(path)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA foreign_keys=OFF")  # table rebuilds in batch mode

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _writable(path: Path) -> bool:
    import os

    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _lock_message(path: Path, owner: dict[str, str]) -> str:
    if not owner or owner.get("other_name"):
        return _(
            "{path} is open in another program, perhaps under another name (a link to "
            "it); open it read-only or close it there."
        ).format(path=path)
    return _(
        "{path} is open in another window or by {user} on {host} since {since}; "
        "open it read-only or ask them to close it."
    ).format(
        path=path,
        user=owner.get("user", "?"),
        host=owner.get("host", "?"),
        since=owner.get("since", "?"),
    )


__all__ = ["PLAN_SUFFIX", "Base", "PlanFile"]
