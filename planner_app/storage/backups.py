"""Rolling backups of plan files in the user's data folder.

A backup is made with SQLite's online backup API into a temporary file, fsynced,
integrity-checked and atomically renamed, so a half-written backup never looks like a
good one. Before a merge the check runs on a worker thread while the merge prepares its
transaction (``start_backup``), and the merge commits only once it has passed. Old
backups are thinned like Anki's: the newest few, then one a day, one a week and one a
month.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import os
import re
import shutil
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from planner_app.errors import (
    CorruptFileError,
    DiskFullError,
    FileLockedError,
    FileMissingError,
    NotAPlanFileError,
    PlanFileError,
)
from planner_app.i18n import _
from planner_app.storage.file_check import plan_file_revision
from planner_app.storage.locations import user_data_dir
from planner_app.storage.lock import FileLock
from planner_app.storage.sqlite_files import (
    clear_leftovers,
    connect,
    real_path,
    refuse_hard_links,
)

KEEP_NEWEST = 10
KEEP_DAILY = 7
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
_NAME = re.compile(r"^(?P<stem>.+)\.(?P<when>\d{8}T\d{6}\d{6})\.(?P<reason>[a-z-]+)\.plan$")
# A copy of a damaged file kept by ``restore``: never listed, restored or thinned.
DAMAGED = "damaged"


@dataclass(frozen=True)
class Backup:
    path: Path
    created: dt.datetime  # local time, naive
    reason: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def backup_folder(plan_path: Path) -> Path:
    """One folder per plan file, named after it and a hash of its absolute path."""
    resolved = plan_path.resolve()
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:10]
    folder = user_data_dir() / "backups" / f"{resolved.stem}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be fsynced on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


FULL_CHECK, QUICK_CHECK = "integrity_check", "quick_check"


def integrity_problems(path: Path, check: str = FULL_CHECK) -> list[str]:
    """``PRAGMA integrity_check`` (or ``quick_check``) of a closed SQLite file; empty
    when it is sound."""
    if check not in (FULL_CHECK, QUICK_CHECK):
        raise ValueError(check)
    try:
        conn = connect(real_path(path), readonly=True)
        try:
            rows = [r[0] for r in conn.execute(f"PRAGMA {check}").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def copy_database(source: Path, target: Path) -> None:
    """Copy a live SQLite database with the backup API (consistent while others read)."""
    src = connect(real_path(source), readonly=True)
    try:
        dst = connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with target.open("rb+") as fh:
        os.fsync(fh.fileno())


def disk_full(err: BaseException) -> bool:
    """Whether an OS or SQLite error says the disk (or the user's quota) is full."""
    if isinstance(err, OSError):
        return err.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    name = getattr(err, "sqlite_errorname", "") or ""
    return name == "SQLITE_FULL" or "disk is full" in str(err).lower()


def _remove_copy(path: Path) -> None:
    """A half-written copy and SQLite's journal of it."""
    for suffix in ("", "-journal"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()


def create_backup(plan_path: Path, reason: str, *, now: dt.datetime | None = None) -> Path:
    """Back up ``plan_path`` now; returns the new backup's path. Thins old ones."""
    return start_backup(plan_path, reason, now=now).finish()


class PendingBackup:
    """A backup copied already, whose integrity check runs on a plain worker thread.

    ``start_backup`` returns once the copy is written and fsynced, so the copy is the
    file as it was then; the check of the copy (``integrity_check`` takes about a second
    of an 80 MB plan, ``quick_check`` a quarter of it) runs meanwhile on its own
    connection, and SQLite leaves Python's lock while it works. A merge prepares its
    transaction in that time and calls ``finish()`` before it commits: the backup is
    then proven sound (or the merge rolls back with ``CorruptFileError``) before
    anything of the merge is written.
    ``close()`` settles a copy whose merge failed or was cancelled. Created and finished
    on one thread; only the check runs on the worker.
    """

    def __init__(self, plan_path: Path, reason: str, now: dt.datetime | None, check: str) -> None:
        self.plan_path = plan_path
        self.check = check
        self.reason = reason
        try:
            folder = backup_folder(plan_path)
        except OSError as err:
            raise self._cannot_write(err, None) from err
        self._now = now
        when = (now or dt.datetime.now()).strftime("%Y%m%dT%H%M%S%f")
        self.final = folder / f"{plan_path.stem}.{when}.{reason}.plan"
        self._tmp = self.final.with_suffix(".tmp")
        self._problems: list[str] = [_("the check did not run")]  # sound only once proven
        self._checker: threading.Thread | None = None
        self.done: Path | None = None

    def _cannot_write(self, err: BaseException, folder: Path | None) -> PlanFileError:
        """One sentence; before a risky write (``before-…``) it says nothing changed."""
        reason = (
            _("the disk holding {folder} is full").format(folder=folder or _("the backups"))
            if disk_full(err)
            else str(err)
        )
        kind = DiskFullError if disk_full(err) else PlanFileError
        if self.reason.startswith("before-"):
            return kind(
                _(
                    "No backup of {path} could be made before changing it ({reason}), so "
                    "nothing was changed."
                ).format(path=self.plan_path, reason=reason)
            )
        return kind(
            _("No backup of {path} could be made ({reason}).").format(
                path=self.plan_path, reason=reason
            )
        )

    def _start(self) -> None:
        try:
            copy_database(self.plan_path, self._tmp)
        except (OSError, sqlite3.Error) as err:
            _remove_copy(self._tmp)
            name = getattr(err, "sqlite_errorname", "") or ""
            if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
                # The file itself could not be read (damaged): say so, nothing written.
                raise CorruptFileError(
                    _(
                        "{path} is damaged ({problem}), so nothing was changed; restore it from "
                        "a backup."
                    ).format(path=self.plan_path, problem=err)
                ) from err
            raise self._cannot_write(err, self._tmp.parent) from err
        except BaseException:
            _remove_copy(self._tmp)
            raise
        self._checker = threading.Thread(
            target=self._check, name="backup-integrity-check", daemon=True
        )
        self._checker.start()

    def _check(self) -> None:
        try:
            self._problems = integrity_problems(self._tmp, self.check)
        except BaseException as err:  # any failure at all leaves the copy unproven
            self._problems = [_("the check failed: {error}").format(error=err)]

    def _wait(self) -> None:
        if self._checker is not None:
            self._checker.join()
            self._checker = None

    def finish(self) -> Path:
        """Wait for the check; keep the copy if it is sound, else raise. Idempotent."""
        if self.done is not None:
            return self.done
        self._wait()
        try:
            if self._problems:
                raise CorruptFileError(
                    _(
                        "{path} is damaged ({problem}): a copy of it fails SQLite's integrity "
                        "check, so nothing was changed; restore it from a backup."
                    ).format(path=self.plan_path, problem=self._problems[0])
                )
            try:
                self._tmp.replace(self.final)
                _fsync_dir(self.final.parent)
            except OSError as err:
                raise self._cannot_write(err, self.final.parent) from err
        finally:
            _remove_copy(self._tmp)
        thin(self.final.parent, now=self._now)
        self.done = self.final
        return self.final

    def close(self) -> None:
        """After a merge that failed or was cancelled: wait for the check, keep the copy
        if it is sound (it is the file as it still is), else remove it."""
        if self.done is None:
            with contextlib.suppress(CorruptFileError, OSError):
                self.finish()


def start_backup(
    plan_path: Path, reason: str, *, now: dt.datetime | None = None, check: str = FULL_CHECK
) -> PendingBackup:
    """Copy ``plan_path`` now and start checking the copy; see ``PendingBackup``.

    ``check`` is ``integrity_check`` (the default) or ``quick_check``: the copy is
    page for page the file, and ``quick_check`` reads every page of it and proves each
    b-tree, record and free list well formed (a short, torn or unreadable copy fails
    it); what it leaves out, that every index holds exactly its table's rows, is a
    property the copy inherits from the file unchanged, at a quarter of the cost.
    """
    if not plan_path.exists():
        raise FileMissingError(_("The file {path} does not exist.").format(path=plan_path))
    pending = PendingBackup(plan_path, reason, now, check)
    pending._start()
    return pending


def _scan(folder: Path) -> list[Backup]:
    """The backups in ``folder``, newest first (copies of damaged files left out)."""
    found: list[Backup] = []
    for path in folder.glob("*.plan"):
        match = _NAME.match(path.name)
        if match and match["reason"] != DAMAGED:
            created = dt.datetime.strptime(match["when"], "%Y%m%dT%H%M%S%f")
            found.append(Backup(path, created, match["reason"]))
    return sorted(found, key=lambda b: b.created, reverse=True)


def list_backups(plan_path: Path) -> list[Backup]:
    """Backups of ``plan_path``, newest first."""
    return _scan(backup_folder(plan_path))


def _to_keep(backups: list[Backup], now: dt.datetime) -> set[Path]:
    keep = {b.path for b in backups[:KEEP_NEWEST]}
    buckets = (
        (KEEP_DAILY, dt.timedelta(days=KEEP_DAILY), lambda d: d.date()),
        (KEEP_WEEKLY, dt.timedelta(weeks=KEEP_WEEKLY), lambda d: d.isocalendar()[:2]),
        (KEEP_MONTHLY, dt.timedelta(days=31 * KEEP_MONTHLY), lambda d: (d.year, d.month)),
    )
    for _count, span, bucket in buckets:
        seen: set[object] = set()
        for b in backups:  # newest first: the newest of each bucket is kept
            if now - b.created > span:
                continue
            key = bucket(b.created)
            if key not in seen:
                seen.add(key)
                keep.add(b.path)
    return keep


def thin(folder: Path, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete backups the policy no longer keeps; returns what was deleted."""
    backups = _scan(folder)
    keep = _to_keep(backups, now or dt.datetime.now())
    removed = []
    for b in backups:
        if b.path not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink(missing_ok=True)
                removed.append(b.path)
    return removed


def _lock_or_refuse(path: Path, message: str):
    """Take the lock of the plan file ``path``, or raise ``FileLockedError`` with
    ``message`` (placeholders path, user, host) naming who has it open."""

    lock = FileLock(path)
    owner = lock.acquire()
    if owner is not None:
        who = {"user": owner.get("user", "?"), "host": owner.get("host", "?")}
        raise FileLockedError(message.format(path=path, **who), owner)
    return lock


def save_copy(plan_path: Path, target: Path) -> None:
    """Write a consistent copy of ``plan_path`` to ``target`` (File → Save a copy as).

    Refused when ``target`` is the file itself or a plan file someone has open (its
    lock is taken for the time of the copy). The copy is built beside the target and
    renamed over it, and a replaced file's leftover ``-wal``/``-shm`` go with it, so a
    failure leaves the old target as it was and a success never mixes the two.
    """

    if target.resolve() == plan_path.resolve():
        raise PlanFileError(_("A copy cannot replace the open file itself."))
    lock = _lock_or_refuse(
        target, _("{path} is open by {user} on {host}; close it there or choose another name.")
    )
    building = target.with_name(f".{target.name}.copying")
    try:
        building.unlink(missing_ok=True)
        copy_database(plan_path, building)
        for suffix in ("-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        building.replace(target)
        _fsync_dir(target.parent)
    except (OSError, sqlite3.Error) as err:
        raise PlanFileError(
            _("The copy could not be saved to {path}: {error}").format(path=target, error=err)
        ) from err
    finally:
        building.unlink(missing_ok=True)
        lock.release()


def restore_backup(plan_path: Path, backup: Path | None = None) -> Path:
    """Replace ``plan_path`` by ``backup`` (default: the newest), keeping a copy of the
    current file as a ``before-restore`` backup. Returns the backup restored."""

    real = real_path(plan_path)  # through a symlink: the real file is restored
    if real.is_dir():
        raise NotAPlanFileError(_("{path} is a folder, not a plan file.").format(path=plan_path))
    if real.exists() and not real.is_file():
        raise NotAPlanFileError(_("{path} is not a plan file.").format(path=plan_path))
    refuse_hard_links(real, shown=plan_path)
    if backup is None:
        found = list_backups(plan_path)
        if not found:
            raise PlanFileError(_("There are no backups of {path}.").format(path=plan_path))
        backup = found[0].path
    if not backup.exists():
        raise FileMissingError(_("The backup {path} does not exist.").format(path=backup))
    plan_file_revision(backup)  # a plan file this app can open, or a clear error
    problems = integrity_problems(backup)
    if problems:
        raise CorruptFileError(
            _("The backup {path} is damaged ({problem}); choose another.").format(
                path=backup, problem=problems[0]
            )
        )
    lock = _lock_or_refuse(
        plan_path, _("{path} is open by {user} on {host}; close it before restoring.")
    )
    clear_leftovers(real)  # of a restore that was killed
    # Copy the chosen backup aside first: the before-restore backup below thins the
    # folder, which may remove the very backup being restored.
    tmp = real.with_name(real.name + ".restoring")
    try:
        try:
            copy_database(backup, tmp)
            from planner_app.storage.incarnation import former_sites, mark_restored

            # it must not number its writes as the ones it lost, and it stays the
            # replica its peers know by every site id the file it replaces has had
            mark_restored(tmp, former_sites(real) if real.exists() else None)
        except (OSError, sqlite3.Error) as err:
            raise _not_restored(plan_path, err) from err
        if real.exists():
            if integrity_problems(real):
                _keep_damaged(real)
            else:
                create_backup(real, "before-restore")
        for suffix in ("-wal", "-shm"):
            real.with_name(real.name + suffix).unlink(missing_ok=True)
        lock.unlock_file()  # Windows renames nothing over a file open with a lock
        try:
            tmp.replace(real)
            _fsync_dir(real.parent)
        except OSError as err:
            raise _not_restored(plan_path, err) from err
    finally:
        _remove_copy(tmp)
        lock.release()
    return backup


def _keep_damaged(real: Path) -> None:
    """A copy of a damaged file about to be replaced (never listed or restored)."""
    damaged = backup_folder(real) / (
        f"{real.stem}.{dt.datetime.now():%Y%m%dT%H%M%S%f}.{DAMAGED}.plan"
    )
    try:
        shutil.copy2(real, damaged)
    except OSError as err:
        raise _not_restored(real, err) from err


def _not_restored(path: Path, err: BaseException) -> PlanFileError:
    if disk_full(err):
        return DiskFullError(
            _(
                "The disk holding {path} is full; nothing was restored and the file is as it was."
            ).format(path=path)
        )
    return PlanFileError(
        _("{path} could not be restored ({error}); the file is as it was.").format(
            path=path, error=err
        )
    )
