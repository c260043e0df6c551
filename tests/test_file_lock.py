"""One writer per file, whatever name it is reached by; special names reach SQLite
whole; what a killed restore left is cleared (issue 20, items 1, 2, 4 and 5).

The Windows lock is tested here with ``msvcrt`` faked: byte-range locks per
descriptor, at the offset each descriptor is at, as ``LockFile`` keeps them."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from planner_app.cli import main
from planner_app.errors import FileLockedError, NotAPlanFileError, PlanFileError
from planner_app.services import objectives, plans
from planner_app.storage import PlanFile, lock
from planner_app.storage.backups import list_backups, restore_backup
from planner_app.storage.sqlite_files import sqlite_uri


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def closed(store, plan_id) -> Path:
    objectives.add_objective(store, plan_id, level="strategic", title="SD")
    store.close()
    return store.path


# --- symbolic links, hard links, loops, renames --------------------------------------


def test_a_second_writer_through_a_symlink_is_refused(closed, tmp_path):
    link = tmp_path / "link.plan"
    link.symlink_to(closed)
    with PlanFile.open(closed), pytest.raises(FileLockedError):
        PlanFile.open(link)
    with PlanFile.open(link) as store:  # and the other way round
        assert store.real_path == closed.resolve()
        with pytest.raises(FileLockedError):
            PlanFile.open(closed)
    assert not (tmp_path / "link.plan-wal").exists()  # one WAL: the real file's


def test_a_file_with_other_hard_links_is_never_written(closed, tmp_path, capsys):
    other = tmp_path / "other.plan"
    os.link(closed, other)
    workbook = tmp_path / "x.xlsx"
    assert main(["export", str(closed), "--xlsx", str(workbook)]) == 0
    before = digest(closed)
    with pytest.raises(PlanFileError, match=r"has 1 other name\(s\) on this disk \(hard links\)"):
        PlanFile.open(other)
    assert main(["import", str(closed), "--xlsx", str(workbook), "--plan", "new"]) == 2
    assert main(["restore", str(other)]) == 2
    err = capsys.readouterr().err
    assert err.count("hard links") == 2
    with PlanFile.open(other, readonly=True) as store:  # reading is harmless
        assert plans.list_plans(store)
    assert digest(closed) == before


@pytest.mark.skipif(lock.inode_locking() != "ofd", reason="needs open-file-description locks")
def test_the_file_itself_is_locked_so_a_renamed_open_file_keeps_its_writer(closed, tmp_path):
    with PlanFile.open(closed):
        moved = tmp_path / "moved.plan"
        closed.rename(moved)  # under another name, with no lock file beside it
        with pytest.raises(FileLockedError, match="perhaps under another name"):
            PlanFile.open(moved)
    with PlanFile.open(moved):
        pass


def test_a_symlink_loop_is_refused_and_left_alone(closed, tmp_path, capsys):
    workbook = tmp_path / "x.xlsx"
    assert main(["export", str(closed), "--xlsx", str(workbook)]) == 0
    loop = tmp_path / "loop.plan"
    loop.symlink_to(loop)
    capsys.readouterr()
    for argv in (
        ["info", str(loop)],
        ["import", str(loop), "--xlsx", str(workbook)],
        ["restore", str(loop)],
        ["demo", str(loop), "--force"],
    ):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "is a symbolic link that leads back to itself" in err, argv
        assert err.count("\n") == 1
    assert loop.is_symlink() and loop.readlink() == loop
    with pytest.raises(NotAPlanFileError):
        PlanFile.create(loop, overwrite=True)


def test_restore_through_a_symlink_restores_the_real_file_and_keeps_the_link(closed, tmp_path):
    link = tmp_path / "link.plan"
    link.symlink_to(closed)
    with PlanFile.open(link) as store:
        (info,) = plans.list_plans(store)
        plans.update_plan(store, info.id, title={"nl": "Eerst"})
    with PlanFile.open(link) as store:
        plans.update_plan(store, info.id, title={"nl": "Daarna"})
    backups = list_backups(link)
    assert backups and backups == list_backups(closed)  # one file, one backup folder
    restore_backup(link, next(b for b in backups if b.reason == "close").path)
    assert link.is_symlink() and link.resolve() == closed.resolve()
    with PlanFile.open(closed, readonly=True) as store:
        assert plans.plan_info(store, info.id).title["nl"] == "Daarna"


def test_leftovers_of_a_killed_restore_are_cleared_on_the_next_open(closed):
    leftovers = [
        closed.with_name(closed.name + ".restoring"),
        closed.with_name(closed.name + ".restoring-journal"),
        closed.with_name(f".{closed.name}.creating"),
    ]
    for path in leftovers:
        path.write_bytes(b"half a copy")
    with PlanFile.open(closed, readonly=True):
        assert all(p.exists() for p in leftovers)  # a reader does not touch them
    with PlanFile.open(closed):
        assert not any(p.exists() for p in leftovers)


# --- names that mean something in a URI ----------------------------------------------

NAMES = ["Plan #2.plan", "what?.plan", "100%.plan", "a&b;c.plan", 'it\'s "x".plan', "Été ñ.plan"]


@pytest.mark.parametrize("name", NAMES)
def test_backup_and_restore_cycle_on_a_special_name(tmp_path, name, empty_plan_file):
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / name
    shutil.copy2(empty_plan_file, path)
    with PlanFile.open(path) as store:
        plan = plans.create_plan(store, code="p", kind="business", title="Eerst", first_year=2025)
    with PlanFile.open(path) as store:
        plans.update_plan(store, plan.id, title={"nl": "Daarna"})
    backups = list_backups(path)
    assert [b.reason for b in backups] == ["close", "close"]
    first = backups[-1].path
    with sqlite3.connect(sqlite_uri(first, readonly=True), uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM plans").fetchone() == (1,)  # a real copy
    assert main(["check", str(path)]) == 0
    restore_backup(path, first)
    with PlanFile.open(path, readonly=True) as store:
        assert plans.plan_info(store, plan.id).title == {"nl": "Eerst"}
    assert main(["info", str(path)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [name]  # no stray "Plan " files


def test_uris_escape_every_special_character():
    uri = sqlite_uri(Path("/x/Plan #2 ?%&;'\" é.plan"), readonly=True)
    assert uri == "file:///x/Plan%20%232%20%3F%25%26%3B%27%22%20%C3%A9.plan?mode=ro"


# --- the Windows lock, with msvcrt faked ---------------------------------------------


class FakeMsvcrt:
    """``msvcrt.locking`` as Windows keeps it: a byte range per open handle, from the
    handle's current position; a second handle is refused."""

    LK_NBLCK, LK_UNLCK = 2, 0

    def __init__(self) -> None:
        self.held: dict[tuple[int, int, int], int] = {}
        self.calls: list[tuple[str, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        assert nbytes == 1
        st = os.fstat(fd)
        offset = os.lseek(fd, 0, os.SEEK_CUR)
        key = (st.st_dev, st.st_ino, offset)
        if mode == self.LK_UNLCK:
            self.calls.append(("unlock", offset))
            if self.held.get(key) != fd:
                raise OSError(errno.EACCES, "not locked")
            del self.held[key]
            return
        self.calls.append(("lock", offset))
        if key in self.held and self.held[key] != fd:
            raise OSError(errno.EACCES, "Permission denied")
        self.held[key] = fd


@pytest.fixture
def windows(monkeypatch):
    fake = FakeMsvcrt()
    monkeypatch.setattr(lock, "PLATFORM", "win32")
    monkeypatch.setattr(lock, "_msvcrt", lambda: fake)
    return fake


def test_windows_locks_the_file_itself_beside_sqlites_bytes(windows, closed, tmp_path):
    assert lock.inode_locking() == "windows"
    link = tmp_path / "link.plan"
    link.symlink_to(closed)
    windows.calls.clear()
    first = lock.FileLock(closed)
    assert first.acquire() is None
    # The lock file at offset 0, the plan file in its lock-byte page past SQLite's.
    assert windows.calls == [("lock", 0), ("lock", lock.LOCK_OFFSET)]
    assert 0x40000000 + 510 + 2 <= lock.LOCK_OFFSET < 0x40000000 + 4096
    second = lock.FileLock(link)
    assert second.acquire() is not None  # refused: the same lock file
    # Another name that has no lock file beside it meets the lock on the file itself.
    other = lock.FileLock(closed)
    other.path = tmp_path / "elsewhere.lock"
    owner = other.acquire()
    assert owner is not None and owner.get("other_name")
    assert not other.held
    first.release()
    assert ("unlock", lock.LOCK_OFFSET) in windows.calls and ("unlock", 0) in windows.calls
    assert windows.held == {}
    assert second.acquire() is None
    second.release()


def test_windows_plan_file_opens_edits_and_closes(windows, store, plan_id):
    path = store.path
    store.close()
    with PlanFile.open(path) as again:
        plans.update_plan(again, plan_id, title={"nl": "Op Windows"})
        assert len(windows.held) == 2
        with pytest.raises(FileLockedError):
            PlanFile.open(path)
    assert windows.held == {}


def test_a_platform_without_descriptor_locks_keeps_the_lock_file(monkeypatch, closed):
    monkeypatch.setattr(lock, "PLATFORM", "darwin")
    assert lock.inode_locking() == ""
    with PlanFile.open(closed), pytest.raises(FileLockedError):
        PlanFile.open(closed)


def test_ofd_lock_struct_is_the_64_bit_linux_layout():
    packed = lock._ofd_flock(1)
    if packed is not None:
        assert len(packed) == 32
        assert SimpleNamespace(offset=int.from_bytes(packed[8:16], "little")).offset in (
            lock.LOCK_OFFSET,
            int.from_bytes(lock.LOCK_OFFSET.to_bytes(8, "big"), "little"),
        )
