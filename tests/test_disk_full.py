"""A full disk: one sentence, the documented exit code, the file as it was, or (after
a committed change) the change whole with a warning (issue 20, item 4).

Each test mounts a small tmpfs, so it runs as root (CI) and is skipped otherwise; slow
tier (a mount, a fill and several commands take a few seconds)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner_app.cli import main
from planner_app.services import objectives, plans
from planner_app.services.tree_read import load_tree
from planner_app.storage import PlanFile

pytestmark = pytest.mark.slow


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs these)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the disk holding ``folder`` up to ``leave`` bytes."""
    free = shutil.disk_usage(folder).free - leave
    filler = folder / f"filler-{uuid.uuid4().hex[:6]}"
    with filler.open("wb") as fh, contextlib.suppress(OSError):
        while free > 0:
            chunk = min(free, 1 << 16)
            fh.write(b"\0" * chunk)
            free -= chunk


@pytest.fixture
def root_only():
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs these)")


@pytest.fixture
def plan_file(tmp_path, empty_plan_file) -> Path:
    path = tmp_path / "plan.plan"
    shutil.copy2(empty_plan_file, path)
    with PlanFile.open(path) as store:
        plan = plans.create_plan(store, code="p", kind="business", title="P", first_year=2025)
        for n in range(30):
            objectives.add_objective(store, plan.id, level="strategic", title=f"SD {n} " * 20)
    return path


def one_sentence(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "Unexpected error" not in err


def test_backup_folder_full(root_only, tmp_path, monkeypatch, capsys, plan_file):
    workbook = tmp_path / "p.xlsx"
    assert main(["export", str(plan_file), "--xlsx", str(workbook)]) == 0
    with tmpfs(tmp_path / "data", "1m") as data:
        monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(data))
        (data / "backups").mkdir()
        fill(data)
        capsys.readouterr()
        # A risky write needs its backup first: refused, the file as it was.
        before = digest(plan_file)
        assert main(["import", str(plan_file), "--xlsx", str(workbook), "--plan", "q"]) == 2
        err = capsys.readouterr().err
        one_sentence(err)
        assert "No backup of" in err and "is full" in err and "nothing was changed" in err
        assert digest(plan_file) == before
        # A committed change whose backup on closing fails: the change is whole, exit 0,
        # and the backup's failure is a warning.
        new = tmp_path / "new.plan"
        assert main(["import", str(new), "--xlsx", str(workbook), "--plan", "q"]) == 0
        out = capsys.readouterr()
        assert "Imported plan q" in out.out
        assert "The import is saved, but a backup on closing could not be made" in out.out
        with PlanFile.open(new, readonly=True) as store:
            (info,) = plans.list_plans(store)
            assert info.code == "q" and len(load_tree(store, info.id)) == 30
        # An edit in the window, then closing: the edit is kept, the problem is noted.
        with PlanFile.open(new) as store:
            objectives.add_objective(store, info.id, level="strategic", title="Nog een")
        assert store.backup_problem and "is full" in store.backup_problem
        with PlanFile.open(new, readonly=True) as store:
            assert len(load_tree(store, info.id)) == 31


@pytest.mark.parametrize("kind", ["xlsx", "pdf"])
def test_export_to_a_full_disk(root_only, tmp_path, capsys, plan_file, kind):
    with tmpfs(tmp_path / "out", "256k") as out:
        fill(out, leave=4096)
        capsys.readouterr()
        assert main(["export", str(plan_file), f"--{kind}", str(out / f"p.{kind}")]) == 2
        err = capsys.readouterr().err
        one_sentence(err)
        assert "is full; nothing was written" in err
        assert [p.name for p in out.iterdir() if not p.name.startswith("filler")] == []


def test_restore_onto_a_full_disk(root_only, tmp_path, monkeypatch, capsys, empty_plan_file):
    with tmpfs(tmp_path / "disk", "16m") as disk:
        path = disk / "plan.plan"
        shutil.copy2(empty_plan_file, path)
        with PlanFile.open(path) as store:
            plan = plans.create_plan(store, code="p", kind="business", title="P", first_year=2025)
            for n in range(60):
                objectives.add_objective(
                    store, plan.id, level="strategic", title=f"SD {n}", description="x" * 4000
                )
        fill(disk, leave=64 * 1024)
        before = digest(path)
        capsys.readouterr()
        assert main(["restore", str(path)]) == 2
        err = capsys.readouterr().err
        one_sentence(err)
        assert "is full; nothing was restored and the file is as it was" in err
        assert digest(path) == before
        names = sorted(p.name for p in disk.iterdir() if not p.name.startswith("filler"))
        assert names == ["plan.plan"]  # no .restoring, no -journal left behind
