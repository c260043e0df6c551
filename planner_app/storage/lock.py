"""An advisory lock beside the plan file: ``<file>.lock`` says who has it open.

The lock is an OS lock on the lock file (``flock``/``msvcrt``), so it disappears with
the process that held it, even after a crash; the JSON inside only tells a second
instance who holds it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sys
from pathlib import Path
from typing import IO

from planner_app.domain.changes import _os_user


def lock_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name + ".lock")


def _same_file(fh: IO[bytes], path: Path) -> bool:
    try:
        return os.fstat(fh.fileno()).st_ino == path.stat().st_ino
    except FileNotFoundError:
        return False


def _try_lock(fh: IO[bytes]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
        import msvcrt

        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class FileLock:
    """Held by the one instance that may write the plan file."""

    def __init__(self, plan_path: Path) -> None:
        self.path = lock_path(plan_path)
        self._fh: IO[bytes] | None = None
        # True when the lock file still held a previous holder's details: that
        # instance ended without closing the plan file (crash, kill, power cut).
        self.stale = False

    def acquire(self) -> dict[str, str] | None:
        """Take the lock; return ``None``, or the holder's details if someone has it."""
        for _attempt in range(10):
            fh = self.path.open("a+b")
            locked = _try_lock(fh)
            if not locked or _same_file(fh, self.path):
                break
            # We locked a lock file its holder removed while we opened it: try anew.
            fh.close()
        self.stale = False
        if not locked:
            fh.seek(0)
            try:
                owner = json.loads(fh.read().decode("utf-8") or "{}")
            except (ValueError, UnicodeDecodeError):
                owner = {}
            fh.close()
            return {k: str(v) for k, v in owner.items()} or {"user": "?", "host": "?"}
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
        self._fh = fh
        return None

    def release(self) -> None:
        if self._fh is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        self._fh.close()
        self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None
