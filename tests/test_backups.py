"""Rolling backups: made safely, thinned like Anki's, listed and restored."""

from __future__ import annotations

import datetime as dt

import pytest

from planner_app.errors import FileLockedError, PlanFileError
from planner_app.services import plans
from planner_app.storage import PlanFile
from planner_app.storage import backups as bk


def test_backup_on_close_after_edits(store, plan_id):
    store.close()
    (backup,) = bk.list_backups(store.path)
    assert backup.reason == "close" and bk.integrity_problems(backup.path) == []
    with PlanFile.open(backup.path, readonly=True) as copy:
        assert [p.code for p in plans.list_plans(copy)] == ["test-2025"]


def test_no_backup_on_close_without_edits(store, plan_id):
    store.close()
    PlanFile.open(store.path).close()
    assert len(bk.list_backups(store.path)) == 1


def test_periodic_backup_after_30_minutes_of_editing(store, plan_id, monkeypatch):
    store._last_backup -= 31 * 60
    plans.update_plan(store, plan_id, title={"nl": "Na een half uur"})
    assert [b.reason for b in bk.list_backups(store.path)] == ["periodic"]


def test_thinning_keeps_recent_daily_weekly_monthly(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    now = dt.datetime(2026, 11, 25, 12, 0)
    made = []
    for hours in range(0, 24 * 400, 6):  # every six hours for 400 days
        when = now - dt.timedelta(hours=hours)
        path = folder / f"x.{when:%Y%m%dT%H%M%S%f}.close.plan"
        path.write_bytes(b"")
        made.append(path)
    bk.thin(folder, now=now)
    kept = sorted(p.name for p in folder.glob("*.plan"))
    assert 10 + 6 <= len(kept) <= 10 + 7 + 8 + 12
    newest = sorted(made, reverse=True)[:10]
    assert all(p.exists() for p in newest)
    days = {p.name.split(".")[1][:8] for p in folder.glob("*.plan")}
    assert "20261124" in days and "20261119" in days  # daily for a week
    months = {p.name.split(".")[1][:6] for p in folder.glob("*.plan")}
    assert len(months) >= 12
    assert not [
        p
        for p in folder.glob("*.plan")
        if p.name.split(".")[1][:4] == "2025" and p.name.split(".")[1][4:6] < "11"
    ]


def test_restore_newest_backup_keeps_the_current_file_as_a_backup(store, plan_id):
    store.close()
    with PlanFile.open(store.path) as again:
        plans.update_plan(again, plan_id, title={"nl": "Fout"})
    # newest backup is the "close" backup with the wrong title; restore the older one
    older = bk.list_backups(store.path)[-1]
    bk.restore_backup(store.path, older.path)
    with PlanFile.open(store.path) as restored:
        assert plans.plan_info(restored, plan_id).title == {"nl": "Testplan", "fr": "Plan de test"}
    assert "before-restore" in [b.reason for b in bk.list_backups(store.path)]


def test_restore_refuses_while_open(store, plan_id):
    store.backup()
    with pytest.raises(FileLockedError, match="close it before restoring"):
        bk.restore_backup(store.path)


def test_restore_without_backups(tmp_path):
    with pytest.raises(PlanFileError, match="no backups"):
        bk.restore_backup(tmp_path / "none.plan")


def test_damaged_backup_is_refused(store, plan_id, tmp_path):
    store.close()
    bad = tmp_path / "bad.plan"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x10\x00" + b"\xff" * 4000)
    with pytest.raises(PlanFileError):
        bk.restore_backup(store.path, bad)


def test_restoring_an_old_backup_survives_the_thinning_it_triggers(store, plan_id):
    store.close()
    base = dt.datetime(2026, 11, 1, 12, 0)
    for day in range(12):  # twelve close backups, one a day
        bk.create_backup(store.path, "close", now=base + dt.timedelta(days=day))
    oldest = bk.list_backups(store.path)[-1]
    bk.restore_backup(store.path, oldest.path)
    with PlanFile.open(store.path) as restored:
        assert plans.plan_info(restored, plan_id).code == "test-2025"


@pytest.mark.parametrize("kind", ["empty", "foreign", "newer"])
def test_restore_refuses_what_is_not_a_plan_file_of_ours(store, plan_id, tmp_path, kind):
    import sqlite3

    from planner_app.errors import NewerFileError, NotAPlanFileError

    store.close()
    candidate = tmp_path / f"{kind}.plan"
    if kind == "newer":
        import shutil

        shutil.copy2(store.path, candidate)
        conn = sqlite3.connect(candidate)
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    else:
        conn = sqlite3.connect(candidate)
        if kind == "foreign":
            conn.execute("CREATE TABLE t (x)")
        else:
            conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = store.path.read_bytes()
    with pytest.raises((NotAPlanFileError, NewerFileError, PlanFileError)):
        bk.restore_backup(store.path, candidate)
    assert store.path.read_bytes() == before


def test_save_a_copy_refuses_a_target_open_elsewhere(store, plan_id, tmp_path, empty_plan_file):
    import shutil

    other_path = tmp_path / "other.plan"
    shutil.copy2(empty_plan_file, other_path)
    other = PlanFile.open(other_path)
    try:
        before = other_path.read_bytes()
        with pytest.raises(FileLockedError):
            bk.save_copy(store.path, other_path)
        assert other_path.read_bytes() == before
    finally:
        other.close()
    with pytest.raises(PlanFileError):
        bk.save_copy(store.path, store.path)


def test_save_a_copy_replaces_a_closed_target_and_its_leftovers(store, plan_id, tmp_path):
    target = tmp_path / "copy.plan"
    target.write_bytes(b"old")
    target.with_name("copy.plan-wal").write_bytes(b"stale log of the old file")
    bk.save_copy(store.path, target)
    assert not target.with_name("copy.plan-wal").exists()
    with PlanFile.open(target, readonly=True) as copy:
        assert [p.id for p in plans.list_plans(copy)] == [plan_id]
