"""The single-writer lock of a plan file: on the file itself, whatever name it is
reached by.

Two OS locks, both gone with the process that held them (crash, kill, power cut):

* a lock on the plan file itself, on one byte of SQLite's lock-byte page
  (``LOCK_OFFSET``: the page at 1 GiB that SQLite never stores data in, past the bytes
  SQLite itself locks). Any name of the file (a symbolic link, a hard link, a name it
  was renamed to while open) reaches the same inode, so a second writer is refused.
  Linux: an open-file-description lock (``F_OFD_SETLK``), which closing SQLite's own
  descriptors of the file cannot drop (a classic POSIX lock would be); Windows:
  ``msvcrt.locking`` (``LockFile``), which SQLite never meets since it never reads
  that byte. Other systems (macOS, BSD) have neither a safe descriptor lock nor
  mandatory locks, and rely on the second lock alone; there the refusal of files with
  other hard links (``sqlite_files.refuse_hard_links``) keeps a file to one name.
* ``<real path>.lock`` beside the file (``flock`` / ``msvcrt``), holding who has it
  open, so a second instance can say who; keyed on the resolved real path, so a
  symbolic link meets the same lock file.

Which OS calls are used is read from ``PLATFORM`` and ``_msvcrt`` at call time, so the
Windows path is tested on any system with the calls faked (``tests/test_file_lock.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import json
import os
import socket
import struct
import sys
from pathlib import Path
from types import ModuleType
from typing import IO, Any

from planner_app.domain.changes import _os_user
from planner_app.storage.sqlite_files import real_path

PLATFORM = sys.platform
# SQLite locks PENDING_BYTE (0x40000000), RESERVED_BYTE and 510 SHARED bytes after it;
# its lock-byte page (a page from 0x40000000, 4,096 bytes in plan files) holds no data.
LOCK_OFFSET = 0x40000000 + 0x200


def lock_path(plan_path: Path) -> Path:
    real = real_path(plan_path)
    return real.with_name(real.name + ".lock")


def _msvcrt() -> Any:  # replaced by a fake in tests
    return importlib.import_module("msvcrt")


def _fcntl() -> ModuleType:
    return importlib.import_module("fcntl")


# --- the lock beside the file (holder's details) ---------------------------------------


def _try_lock_sidecar(fh: IO[bytes]) -> bool:
    if PLATFORM == "win32":
        msvcrt = _msvcrt()
        try:
            os.lseek(fh.fileno(), 0, os.SEEK_SET)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    fcntl = _fcntl()
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock_sidecar(fh: IO[bytes]) -> None:
    if PLATFORM == "win32":
        msvcrt = _msvcrt()
        with contextlib.suppress(OSError):
            os.lseek(fh.fileno(), 0, os.SEEK_SET)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)


# --- the lock on the file itself -------------------------------------------------------


def _ofd_flock(kind: int) -> bytes | None:
    """A ``struct flock`` for one byte at LOCK_OFFSET (64-bit Linux layout), or None
    where the layout is not that one."""
    if struct.calcsize("@q") != 8 or struct.calcsize("@l") != 8:
        return None
    return struct.pack("@hhqqi4x", kind, os.SEEK_SET, LOCK_OFFSET, 1, 0)


def inode_locking() -> str:
    """How the file itself is locked here: "ofd", "windows" or "" (not at all)."""
    if PLATFORM == "win32":
        return "windows"
    if PLATFORM.startswith("linux"):
        fcntl = _fcntl()
        if hasattr(fcntl, "F_OFD_SETLK") and _ofd_flock(fcntl.F_WRLCK) is not None:
            return "ofd"
    return ""


def _try_lock_file(fd: int, how: str) -> bool:
    if how == "windows":
        msvcrt = _msvcrt()
        try:
            os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    fcntl = _fcntl()
    try:
        fcntl.fcntl(fd, fcntl.F_OFD_SETLK, _ofd_flock(fcntl.F_WRLCK))
    except OSError:
        return False
    return True


def _unlock_file(fd: int, how: str) -> None:
    with contextlib.suppress(OSError):
        if how == "windows":
            msvcrt = _msvcrt()
            os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl = _fcntl()
            fcntl.fcntl(fd, fcntl.F_OFD_SETLK, _ofd_flock(fcntl.F_UNLCK))


class FileLock:
    """Held by the one instance that may write the plan file. Created and released on
    one thread; ``release`` only after every SQLite connection to the file is closed."""

    def __init__(self, plan_path: Path) -> None:
        self.real = real_path(plan_path)
        self.path = self.real.with_name(self.real.name + ".lock")
        self._fh: IO[bytes] | None = None
        self._fd: int | None = None  # the descriptor holding the lock on the file itself
        self._how = inode_locking()
        # True when the lock file still held a previous holder's details: that
        # instance ended without closing the plan file (crash, kill, power cut).
        self.stale = False

    def acquire(self) -> dict[str, str] | None:
        """Take the lock; return ``None``, or the holder's details if someone has it."""
        for _attempt in range(10):
            fh = self.path.open("a+b")
            locked = _try_lock_sidecar(fh)
            if not locked or _same_file(fh, self.path):
                break
            # We locked a lock file its holder removed while we opened it: try anew.
            _unlock_sidecar(fh)
            fh.close()
        self.stale = False
        if not locked:
            owner = _read_owner(fh)
            fh.close()
            return owner or {"user": "?", "host": "?"}
        self._fh = fh
        if not self.lock_file():
            self._release_sidecar(remove=False)
            return {"user": "?", "host": "?", "other_name": "1"}
        fh.seek(0)
        self.stale = bool(fh.read())  # left by a process that did not close the file
        info = {
            "user": _os_user(),
            "host": socket.gethostname(),
            "pid": str(os.getpid()),
            "since": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(info).encode("utf-8"))
        fh.flush()
        return None

    def lock_file(self) -> bool:
        """Lock the file itself (when it exists and this system can); False when
        another process holds it. Called again after the file was replaced."""
        if not self._how or self._fd is not None or not self.real.is_file():
            return True
        flags = os.O_RDWR | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.real, flags)
        except OSError:
            return True  # read-only or gone: SQLite will refuse to write it, clearly
        if not _try_lock_file(fd, self._how):
            os.close(fd)
            return False
        self._fd = fd
        return True

    def unlock_file(self) -> None:
        """Let go of the file itself before it is replaced (a rename over a file open
        on Windows fails); the lock beside it is still held."""
        if self._fd is not None:
            _unlock_file(self._fd, self._how)
            os.close(self._fd)
            self._fd = None

    def _release_sidecar(self, *, remove: bool) -> None:
        if self._fh is None:
            return
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()
        _unlock_sidecar(self._fh)
        self._fh.close()
        self._fh = None

    def release(self) -> None:
        self.unlock_file()
        self._release_sidecar(remove=True)

    @property
    def held(self) -> bool:
        return self._fh is not None


def _same_file(fh: IO[bytes], path: Path) -> bool:
    try:
        return os.fstat(fh.fileno()).st_ino == path.stat().st_ino
    except FileNotFoundError:
        return False


def _read_owner(fh: IO[bytes]) -> dict[str, str]:
    fh.seek(0)
    try:
        owner = json.loads(fh.read().decode("utf-8") or "{}")
    except (ValueError, UnicodeDecodeError):
        owner = {}
    return {k: str(v) for k, v in owner.items()} if isinstance(owner, dict) else {}
