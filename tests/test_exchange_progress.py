"""Progress and cancel of the exchange's long steps, at the service level (no Qt).

A merge cancelled at any progress report changes nothing (its transaction rolls back)
and can be imported again afterwards; a package or a starter file cancelled leaves no
file. The backup before a merge is checked while the merge works, and a merge whose
backup fails its check rolls back.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from planner_app.domain import AppliedChange, ChangeLogEntry, ExchangePeer
from planner_app.errors import CorruptFileError
from planner_app.exchange import merge as merge_module
from planner_app.exchange import taking
from planner_app.exchange.changes import write_changes
from planner_app.exchange.progress import ExchangeCancelledError
from planner_app.exchange.starter import peers_of, write_starter
from planner_app.services import objectives
from planner_app.storage import backups
from tests import exchange_support

enrolled = exchange_support.enrolled
exchange_template = exchange_support.exchange_template


class Recorder:
    """A progress callback that records what it was told and stops at call ``stop_at``."""

    def __init__(self, stop_at: int | None = None) -> None:
        self.calls: list[tuple[int, int]] = []
        self.stop_at = stop_at

    def __call__(self, done: int, total: int) -> bool:
        self.calls.append((done, total))
        return self.stop_at is None or len(self.calls) <= self.stop_at


def _state(ex) -> tuple:
    """What a merge would change at headquarters: the title, log, applied ids, peers."""
    with ex.hq.store.read() as s:
        return (
            ex.hq.objective(ex.ids["mine"]).title,
            s.scalar(select(func.count()).select_from(ChangeLogEntry)),
            s.scalar(select(func.count()).select_from(AppliedChange)),
            [(p.site_id, p.received_seq, p.acked_seq) for p in s.scalars(select(ExchangePeer))],
        )


def _edits_at_post(ex, count: int) -> None:
    for n in range(count):
        objectives.update_objective(ex.post.store, ex.ids["mine"], title={"nl": f"Post {n}"})


@pytest.fixture
def ex(enrolled, monkeypatch):
    monkeypatch.setattr(taking, "_TICK_EVERY", 1)  # a report after every change
    return enrolled


def test_a_merge_reports_its_progress_up_to_the_commit(ex):
    _edits_at_post(ex, 3)
    progress = Recorder()
    report = ex.hq.merge(ex.post.send(ex.folder), progress=progress)
    assert report.applied == 3
    total = 3 + 2
    assert progress.calls == [(0, 1), (1, total), (1, total), (2, total), (3, total), (4, total)]
    assert ex.hq.objective(ex.ids["mine"]).title["nl"] == "Post 2"


def test_a_merge_cancelled_at_any_report_changes_nothing(ex):
    _edits_at_post(ex, 3)
    package = ex.post.send(ex.folder)
    before = _state(ex)
    for stop_at in range(6):  # the six reports of the test above
        with pytest.raises(ExchangeCancelledError):
            ex.hq.merge(package, progress=Recorder(stop_at))
        assert _state(ex) == before, f"cancelled after report {stop_at}"
    assert ex.hq.problems() == []
    report = ex.hq.merge(package)  # not counted as imported: it applies in full now
    assert report.applied == 3 and report.already == 0
    assert ex.hq.objective(ex.ids["mine"]).title["nl"] == "Post 2"


def test_a_merge_cancelled_before_its_commit_keeps_a_sound_backup(ex):
    objectives.update_objective(ex.post.store, ex.ids["mine"], title={"nl": "Van de post"})
    package = ex.post.send(ex.folder)
    with ex.hq:
        kept = {b.path for b in backups.list_backups(ex.hq.store.path)}
    with pytest.raises(ExchangeCancelledError):
        ex.hq.merge(package, progress=Recorder(stop_at=3))  # at the last report
    with ex.hq:
        new = [b for b in backups.list_backups(ex.hq.store.path) if b.path not in kept]
    assert [b.reason for b in new] == ["before-merge"]
    assert backups.integrity_problems(new[0].path) == []
    assert not list(new[0].path.parent.glob("*.tmp"))
    assert ex.hq.objective(ex.ids["mine"]).title["nl"] == "Post work"


def test_a_merge_whose_backup_fails_its_check_rolls_back(ex, monkeypatch):
    objectives.update_objective(ex.post.store, ex.ids["mine"], title={"nl": "Van de post"})
    package = ex.post.send(ex.folder)
    before = _state(ex)
    checked: list[str] = []

    def broken(path, check=backups.FULL_CHECK):
        checked.append(check)
        return ["*** in database main *** Page 7: btreeInitPage() returns error code 11"]

    monkeypatch.setattr(backups, "integrity_problems", broken)
    with ex.hq:
        kept = len(backups.list_backups(ex.hq.store.path))
        with pytest.raises(CorruptFileError, match="integrity check"):
            merge_module.merge_package(ex.hq.store, package)
        assert len(backups.list_backups(ex.hq.store.path)) == kept  # no unsound backup
        assert not list(backups.backup_folder(ex.hq.store.path).glob("*.tmp"))
    assert checked == [backups.FULL_CHECK]  # DESIGN: integrity_check before a risky step
    monkeypatch.undo()
    assert _state(ex) == before


def test_a_dry_run_makes_no_backup_and_reports_progress(ex):
    _edits_at_post(ex, 2)
    package = ex.post.send(ex.folder)
    with ex.hq:
        kept = len(backups.list_backups(ex.hq.store.path))
    progress = Recorder()
    report = ex.hq.merge(package, dry_run=True, progress=progress)
    assert report.dry_run and report.applied == 2 and report.backup is None
    assert progress.calls[-1] == (3, 4)
    with ex.hq:
        assert len(backups.list_backups(ex.hq.store.path)) == kept


def test_a_cancelled_package_leaves_no_file(ex):
    objectives.update_objective(ex.post.store, ex.ids["mine"], title={"nl": "Van de post"})
    out = ex.folder / "cancelled.plnpkg"
    for stop_at in (0, 1):
        with ex.post, pytest.raises(ExchangeCancelledError):
            write_changes(ex.post.store, out, progress=Recorder(stop_at))
        assert list(ex.folder.glob("*cancelled*")) == []
    progress = Recorder()
    with ex.post:
        written = write_changes(ex.post.store, out, progress=progress)
    assert written.changes == 1 and out.exists()
    assert progress.calls == [(0, 2), (1, 2)]


def test_a_cancelled_starter_file_leaves_no_file_and_no_post(ex, tmp_path):
    out = tmp_path / "starter.plan"
    peers = len(peers_of(ex.hq.store))
    for stop_at in range(4):
        with ex.hq, pytest.raises(ExchangeCancelledError):
            write_starter(ex.hq.store, out, unit_code="PA", progress=Recorder(stop_at))
        assert list(tmp_path.glob("*starter*")) == []
        assert len(peers_of(ex.hq.store)) == peers
    progress = Recorder()
    with ex.hq:
        write_starter(ex.hq.store, out, unit_code="PA", progress=progress)
    assert out.exists() and len(peers_of(ex.hq.store)) == peers + 1
    assert progress.calls == [(0, 4), (1, 4), (2, 4), (3, 4)]


def test_a_check_that_dies_leaves_the_backup_unproven_and_the_merge_undone(ex, monkeypatch):
    """Any failure of the check thread, not only a database error, means 'not sound':
    the merge rolls back (the copy starts unproven; it never defaults to sound)."""
    objectives.update_objective(ex.post.store, ex.ids["mine"], title={"nl": "Van de post"})
    package = ex.post.send(ex.folder)
    before = _state(ex)

    def dies(path, check=backups.FULL_CHECK):
        raise MemoryError("out of memory")

    monkeypatch.setattr(backups, "integrity_problems", dies)
    with ex.hq, pytest.raises(CorruptFileError, match="the check failed"):
        merge_module.merge_package(ex.hq.store, package)
    monkeypatch.undo()
    assert _state(ex) == before
