"""Benchmark the exchange: write a package of 5,000 changes at a post and merge it into
headquarters' copy of the large plan.

Prints p50/p95 of writing the package and of merging it (backup included), the merge
in four modes run interleaved: as shipped (the backup's quick_check overlapping the
merge), the quick_check first, the full integrity_check overlapping, and the order
before (the full check of the backup, then the merge: the baseline), with the CPU
time of all threads; and the peak RSS of this process (Linux ``VmHWM``). Targets: under
2 s each. The large plan is copied first (the original is never opened for writing):

    .venv/bin/python bench/bench_exchange.py --large /tmp/large.plan --runs 5

Two installations are simulated with two data folders in a temporary directory.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from planner_app.domain import ChangeLogEntry, Objective, OrgUnit
from planner_app.exchange.changes import write_changes
from planner_app.exchange.keys import load_or_create
from planner_app.exchange.merge import merge_package
from planner_app.exchange.starter import write_starter
from planner_app.storage import PlanFile
from planner_app.storage.backups import FULL_CHECK, QUICK_CHECK

TARGET_S = 2.0


def nearest_rank(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def as_site(folder: Path) -> None:
    os.environ["PLANNER_APP_DATA_DIR"] = str(folder)


def busiest_unit(store: PlanFile) -> str:
    """The unit code leading the most objectives: the post of this benchmark."""
    with store.read() as s:
        unit_id = s.execute(
            select(Objective.lead_unit_id, func.count())
            .where(Objective.lead_unit_id.is_not(None))
            .group_by(Objective.lead_unit_id)
            .order_by(func.count().desc())
        ).first()[0]
        return s.get(OrgUnit, unit_id).code


def give_objectives(store: PlanFile, unit_code: str, count: int) -> None:
    """Make the post lead ``count`` initiatives (so its changes touch many rows)."""
    with store.transaction() as s:
        unit = s.scalar(select(OrgUnit).where(OrgUnit.code == unit_code))
        rows = s.scalars(
            select(Objective).where(Objective.deleted.is_(False)).order_by(Objective.id)
        ).all()
        for row in rows[-count:]:
            row.lead_unit_id = unit.id


def edit_at_post(store: PlanFile, count: int) -> None:
    """``count`` changes at the post: title and intended results of its objectives."""
    with store.transaction() as s:
        unit = s.get(OrgUnit, _post_unit(store))
        rows = list(s.scalars(select(Objective).where(Objective.lead_unit_id == unit.id)))
        done = 0
        for row in rows:
            if done >= count:
                break
            row.title = {**row.title, "nl": f"{row.title.get('nl', '')[:40]} (post)"}
            done += 1
            if done < count:
                row.intended_results = {"nl": "Q4: verslag aan het hoofdbestuur"}
                done += 1


def _post_unit(store: PlanFile):
    import uuid

    from planner_app.domain import LocalState

    with store.read() as s:
        return uuid.UUID(s.get(LocalState, "exchange.unit").value)


# mode: (the check of the backup, whether the merge waits for it before it starts)
MODES = {
    "shipped": (FULL_CHECK, False),  # integrity_check of the copy beside the apply
    "quick-overlapped": (QUICK_CHECK, False),
    "quick-first": (QUICK_CHECK, True),
    "before": (FULL_CHECK, True),  # the check before the merge starts: the baseline
}


def print_line(name: str, values: list[float]) -> None:
    print(
        f"{name:<24} p50 {statistics.median(values) * 1000:7.0f} ms  "
        f"p95 {nearest_rank(values, 0.95) * 1000:7.0f} ms  (target < {TARGET_S:.0f} s)"
    )


def merge_once(root, hq_path, hq_data, package, fingerprint, mode, timings):
    """Merge ``package`` into a fresh copy of headquarters' file; time it and its backup.

    ``before`` runs the full integrity check of the backup before the merge starts, as
    the merge did before this change: the baseline of the same run."""
    target = root / f"hq-{mode}.plan"
    shutil.copy2(hq_path, target)  # every merge into the same starting state
    as_site(hq_data)
    spent = timings[mode]
    with PlanFile.open(target) as hq:
        plain_start = hq.start_backup

        def timed_start(reason: str, check: str = QUICK_CHECK):
            begin = time.perf_counter()
            pending = plain_start(reason, check=MODES[mode][0])
            if MODES[mode][1]:
                pending._wait()
            spent["copy"].append(time.perf_counter() - begin)
            plain_finish = pending.finish

            def timed_finish():
                begin = time.perf_counter()
                done = plain_finish()
                spent["wait"].append(time.perf_counter() - begin)
                return done

            pending.finish = timed_finish
            return pending

        hq.start_backup = timed_start  # type: ignore[method-assign]
        start, cpu = time.perf_counter(), time.process_time()
        report = merge_package(hq, package, accept_key=fingerprint)
        spent["merge"].append(time.perf_counter() - start)
        spent["cpu"].append(time.process_time() - cpu)  # every thread of the process
    target.unlink()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", type=Path, required=True, help="the generated large plan")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--changes", type=int, default=5000)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        hq_data, post_data = root / "hq-data", root / "post-data"
        hq_path, post_path = root / "hq.plan", root / "post.plan"
        shutil.copy2(args.large, hq_path)
        as_site(hq_data)
        with PlanFile.open(hq_path) as hq:
            unit = busiest_unit(hq)
            give_objectives(hq, unit, (args.changes + 1) // 2)
            write_starter(hq, post_path, unit_code=unit)
        as_site(post_data)
        fingerprint = load_or_create().fingerprint
        with PlanFile.open(post_path) as post:
            edit_at_post(post, args.changes)
            with post.read() as s:
                logged = s.scalar(select(func.count()).select_from(ChangeLogEntry))
        print(f"post {unit}: {logged} changes in its log")
        write_s: list[float] = []
        timings: dict[str, dict[str, list[float]]] = {
            mode: {"merge": [], "cpu": [], "copy": [], "wait": []} for mode in MODES
        }
        for run in range(args.runs):
            package = root / f"p{run}.plnpkg"
            as_site(post_data)
            with PlanFile.open(post_path, readonly=True) as post:
                start = time.perf_counter()
                written = write_changes(post, package)
                write_s.append(time.perf_counter() - start)
            turn = run % len(MODES)
            order = list(MODES)[turn:] + list(MODES)[:turn]  # interleaved, rotated
            for mode in order:
                report = merge_once(root, hq_path, hq_data, package, fingerprint, mode, timings)
            print(
                f"run {run + 1}: package {written.changes} changes "
                f"{package.stat().st_size / 1024:.0f} KiB; merge applied {report.applied}, "
                f"conflicts {len(report.conflicts)}, refused {len(report.refused)}"
            )
    print_line("write package", write_s)
    for mode, (check, first) in MODES.items():
        when = "before the merge starts" if first else "while the changes are applied"
        print(f"merge, {mode}: {check} of the backup {when}")
        print_line("  merge (with backup)", timings[mode]["merge"])
        print_line("  CPU, all threads", timings[mode]["cpu"])
        print_line("  backup copy (+ check)", timings[mode]["copy"])
        print_line("  waited for the check", timings[mode]["wait"])
    try:
        with Path("/proc/self/status").open() as fh:
            hwm = next(line for line in fh if line.startswith("VmHWM:"))
        print(f"peak RSS {int(hwm.split()[1]) / 1024:.0f} MB")
    except (OSError, StopIteration):
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
