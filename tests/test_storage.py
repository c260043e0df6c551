"""Opening and creating plan files: pragmas, locks, and a clear error for every bad
file, with the file left exactly as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from planner_app.errors import (
    CorruptFileError,
    DiskFullError,
    FileLockedError,
    FileMissingError,
    NewerFileError,
    NotAPlanFileError,
    PlanFileError,
    ReadOnlyFileError,
)
from planner_app.services import objectives, plans, tree_read
from planner_app.storage import PlanFile
from planner_app.storage.locations import location_warnings
from tests.conftest import log_size


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pragmas_are_wal_full_sync_and_foreign_keys(store):
    with store.transaction() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with store.read() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_closed_file_is_self_contained(tmp_path, plan_id, store):
    store.close()
    assert not (tmp_path / "test.plan-wal").exists()
    assert not (tmp_path / "test.plan.lock").exists()
    alone = tmp_path / "copy" / "alone.plan"
    alone.parent.mkdir()
    shutil.copy2(tmp_path / "test.plan", alone)
    with PlanFile.open(alone) as again:
        assert [p.code for p in plans.list_plans(again)] == ["test-2025"]


def test_create_refuses_existing_file(store):
    with pytest.raises(PlanFileError, match="already exists"):
        PlanFile.create(store.path)


def test_missing_file(tmp_path):
    with pytest.raises(FileMissingError, match="does not exist"):
        PlanFile.open(tmp_path / "nope.plan")
    assert not (tmp_path / "nope.plan").exists()


@pytest.mark.parametrize("content", [b"", b"hello, world", b"PK\x03\x04" + b"\0" * 200])
def test_not_an_sqlite_file(tmp_path, content):
    path = tmp_path / "x.plan"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(NotAPlanFileError, match="not a plan file"):
        PlanFile.open(path)
    assert digest(path) == before
    assert not (tmp_path / "x.plan.lock").exists()


def test_sqlite_database_that_is_not_a_plan(tmp_path):
    path = tmp_path / "other.plan"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotAPlanFileError, match="SQLite database but not a plan file"):
        PlanFile.open(path)
    assert digest(path) == before


def test_truncated_file(store, plan_id, tmp_path):
    store.close()
    path = tmp_path / "test.plan"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    before = digest(path)
    with pytest.raises(CorruptFileError, match="truncated or damaged"):
        PlanFile.open(path)
    assert digest(path) == before


def _scribble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):  # scribble over b-tree pages
        data[offset : offset + 64] = bytes(range(64))
    path.write_bytes(bytes(data))


def test_corrupt_file_after_a_crash_is_refused_at_open(store, tree, tmp_path):
    store.close()
    path = tmp_path / "test.plan"
    _scribble(path)
    # the instance before us died: its lock file is still there
    (tmp_path / "test.plan.lock").write_text('{"user": "x", "pid": "1"}')
    before = digest(path)
    with pytest.raises((CorruptFileError, NotAPlanFileError)) as err:
        PlanFile.open(path)
    assert "test.plan" in str(err.value)
    assert digest(path) == before


def test_corrupt_file_is_found_by_check_and_on_reading(store, tree, tmp_path):
    from planner_app.services.integrity import check_file

    store.close()
    path = tmp_path / "test.plan"
    _scribble(path)
    before = digest(path)
    try:
        viewer = PlanFile.open(path, readonly=True)
    except (CorruptFileError, NotAPlanFileError):
        return  # damage in the pages read at open
    with viewer:
        assert check_file(viewer)  # integrity_check names the damage
        with pytest.raises(CorruptFileError, match="damaged"):
            for info in plans.list_plans(viewer):
                tree_read.load_tree(viewer, info.id)
    assert digest(path) == before


def test_newer_schema_is_refused_and_untouched(store, plan_id, tmp_path):
    store.close()
    path = tmp_path / "test.plan"
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NewerFileError, match="newer version"):
        PlanFile.open(path)
    assert digest(path) == before


def test_second_instance_is_told_who_has_it_and_may_open_read_only(store, plan_id):
    with pytest.raises(FileLockedError) as err:
        PlanFile.open(store.path)
    assert "open in another window" in str(err.value)
    assert err.value.owner["pid"] == str(os.getpid())
    with PlanFile.open(store.path, readonly=True) as viewer:
        assert [p.code for p in plans.list_plans(viewer)] == ["test-2025"]
        with pytest.raises(ReadOnlyFileError, match="read-only"):
            plans.update_plan(viewer, plan_id, title={"nl": "Nieuw"})


def test_lock_is_released_on_close(store):
    store.close()
    PlanFile.open(store.path).close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file(store, plan_id):
    store.close()
    store.path.chmod(0o444)
    try:
        with pytest.raises(ReadOnlyFileError, match="read-only"):
            PlanFile.open(store.path)
        with PlanFile.open(store.path, readonly=True) as viewer:
            assert plans.list_plans(viewer)
    finally:
        store.path.chmod(0o644)


def test_read_only_mode_refuses_every_write(store, plan_id):
    store.close()
    before = digest(store.path)
    with PlanFile.open(store.path, readonly=True) as viewer:
        with pytest.raises(ReadOnlyFileError):
            objectives.add_objective(viewer, plan_id, level="strategic", title="x")
        with viewer.read() as s, pytest.raises(Exception, match="readonly"):
            s.execute(text("DELETE FROM plans"))
    assert digest(store.path) == before


def test_full_disk_is_a_clear_error_and_changes_nothing(tmp_path, store, plan_id):
    store.close()
    with PlanFile.open(store.path) as full, full.read() as s:
        pages = s.execute(text("PRAGMA page_count")).scalar()
    with PlanFile.open(store.path, extra_pragmas={"max_page_count": pages}) as full:
        before = log_size(full)
        with pytest.raises(DiskFullError, match="full"):
            for i in range(200):
                objectives.add_objective(
                    full, plan_id, level="strategic", title=f"Lange titel {i} " + "x" * 900
                )
        assert log_size(full) - before < 200  # the failed edit left nothing behind
        with full.read() as s:
            ids = s.execute(text("SELECT count(*) FROM objectives")).scalar()
        assert ids == (log_size(full) - before) // 1  # one insert entry per saved objective
    with PlanFile.open(store.path) as again:
        assert again.integrity_problems() == []


def test_cloud_and_network_folders_are_flagged(tmp_path):
    cloud = tmp_path / "Dropbox" / "plans"
    cloud.mkdir(parents=True)
    assert "cloud" in location_warnings(cloud / "a.plan")
    assert location_warnings(tmp_path / "a.plan") == []


def test_warning_is_exposed_on_open(tmp_path):
    folder = tmp_path / "OneDrive - FOD"
    folder.mkdir()
    with PlanFile.create(folder / "a.plan") as store:
        assert "cloud" in store.warnings


def test_unwritable_folder_for_create(tmp_path):
    with pytest.raises(FileMissingError, match="does not exist"):
        PlanFile.create(tmp_path / "missing" / "a.plan")


def test_overwrite_refuses_a_file_open_elsewhere_and_leaves_it(store, plan_id):
    with pytest.raises(FileLockedError):
        PlanFile.create(store.path, overwrite=True)
    assert [p.code for p in plans.list_plans(store)] == ["test-2025"]
    plans.update_plan(store, plan_id, title={"nl": "Nog altijd hier"})


def test_close_folds_the_wal_into_the_file_even_with_a_reader_open(store, plan_id, tmp_path):
    viewer = PlanFile.open(store.path, readonly=True)
    try:
        assert plans.list_plans(viewer)
        plans.update_plan(store, plan_id, title={"nl": "Na het sluiten"})
        store.close()
        alone = tmp_path / "mailed" / "copy.plan"
        alone.parent.mkdir()
        shutil.copy2(store.path, alone)  # the file alone, as a post would mail it
    finally:
        viewer.close()
    with PlanFile.open(alone, readonly=True) as copy:
        assert plans.plan_info(copy, plan_id).title["nl"] == "Na het sluiten"


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.plan"
    os.mkfifo(fifo)
    with pytest.raises(NotAPlanFileError):
        PlanFile.open(fifo)


def test_a_failing_backup_does_not_fail_the_saved_edit(store, plan_id, monkeypatch):
    from planner_app.storage import backups

    def broken(*_args, **_kwargs):
        raise OSError("backup folder unavailable")

    monkeypatch.setattr(backups, "create_backup", broken)
    store._last_backup -= 31 * 60
    plans.update_plan(store, plan_id, title={"nl": "Bewaard"})
    assert plans.plan_info(store, plan_id).title["nl"] == "Bewaard"
    assert "unavailable" in (store.backup_problem or "")
    store.close()  # a failing close-time backup still closes cleanly


def test_a_snapshot_sees_one_state_and_refuses_writes(store, plan_id, tmp_path):
    from planner_app.services import plans as plan_services

    with PlanFile.open(store.path, readonly=True) as reader, reader.snapshot():
        before = plan_services.plan_info(reader, plan_id).title
        plan_services.update_plan(store, plan_id, title={"nl": "Nieuw"})
        assert plan_services.plan_info(reader, plan_id).title == before
    with pytest.raises(RuntimeError, match="snapshot"), store.snapshot():
        plan_services.update_plan(store, plan_id, title={"nl": "Nog nieuwer"})
    assert plan_services.plan_info(store, plan_id).title["nl"] == "Nieuw"
