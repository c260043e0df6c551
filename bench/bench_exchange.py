"""Benchmark the merge: a post's package of 6,000 changes (1,000 new milestones and
5,000 edits of them) merged at headquarters, on the demo file (issue 21: at most
1.5 s, growing linearly with the package).

Prints, as medians over ``--runs``, the merge (backup and its check included) beside a
floor measured in the same run: SQLite's backup of the file plus the same writes in
one transaction (the milestone rows as they end, one change-log row per change and
one version row per field written, by executemany), and their ratio; the merge of
smaller packages of the same kind, per change, to show the cost is linear; writing
the package; the load average and the peak RSS. Two installations are simulated with
two data folders in a temporary directory:

    .venv/bin/python bench/bench_exchange.py --runs 5
    .venv/bin/python bench/bench_exchange.py --large /tmp/large.plan   # another plan
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from planner_app.domain import Milestone, Objective, OrgUnit, Plan
from planner_app.exchange.changes import write_changes
from planner_app.exchange.keys import load_or_create
from planner_app.exchange.merge import merge_package
from planner_app.exchange.starter import write_starter
from planner_app.storage import PlanFile
from planner_app.storage.backups import copy_database

TARGET_S = 1.5
EDITS_PER_MILESTONE = 5  # text, period, done, text again, done again


def as_site(folder: Path) -> None:
    os.environ["PLANNER_APP_DATA_DIR"] = str(folder)


def busiest_unit(store: PlanFile) -> tuple[str, str]:
    """(plan code, unit code) of the unit leading the most objectives: the post."""
    with store.read() as s:
        plan_id, unit_id = s.execute(
            select(Objective.plan_id, Objective.lead_unit_id)
            .where(Objective.lead_unit_id.is_not(None), Objective.deleted.is_(False))
            .group_by(Objective.plan_id, Objective.lead_unit_id)
            .order_by(func.count().desc())
        ).first()
        return s.get(Plan, plan_id).code, s.get(OrgUnit, unit_id).code


def make_changes(post: PlanFile, milestones: int) -> int:
    """``milestones`` new milestones under the post's objectives, each edited
    ``EDITS_PER_MILESTONE`` times: one transaction per 100 milestones, as a person
    typing over days would have made many. The number of changes logged."""
    from planner_app.domain import LocalState

    with post.read() as s:
        unit = uuid.UUID(s.get(LocalState, "exchange.unit").value)
        owners = list(
            s.scalars(
                select(Objective.id).where(Objective.lead_unit_id == unit).order_by(Objective.id)
            )
        )
        before = s.scalar(select(func.max(Milestone.position))) or 0
    made = 0
    for start in range(0, milestones, 100):
        with post.transaction() as s:
            rows = []
            for n in range(start, min(start + 100, milestones)):
                owner = owners[n % len(owners)]
                row = Milestone(
                    id=uuid.uuid4(),
                    plan_id=s.get(Objective, owner).plan_id,
                    objective_id=owner,
                    position=before + 1 + n,
                    text={"nl": f"Mijlpaal {n}"},
                )
                s.add(row)
                rows.append(row)
            s.flush()
            for row in rows:
                row.text = {"nl": f"{row.text['nl']}: eerste versie"}
            s.flush()
            for row in rows:
                row.period = "Q3 2025"
            s.flush()
            for row in rows:
                row.done = True
            s.flush()
            for row in rows:
                row.text = {"nl": f"{row.text['nl']} (herzien)"}
            s.flush()
            for row in rows:
                row.done = False
            made += len(rows) * (1 + EDITS_PER_MILESTONE)
    return made


def floor(hq_path: Path, root: Path, package_rows: int) -> float:
    """SQLite's backup of the file plus the writes a merge of the package makes, by
    executemany in one transaction: the milestone rows as they end, the change-log
    rows, the version rows."""
    target = root / "floor-target.plan"
    shutil.copy2(hq_path, target)
    start = time.perf_counter()
    copy_database(target, root / "floor-backup.plan")
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        milestones = package_rows // (1 + EDITS_PER_MILESTONE)
        objective = conn.execute("SELECT id, plan_id FROM objectives LIMIT 1").fetchone()
        conn.executemany(
            "INSERT INTO milestones (id, plan_id, objective_id, position, period, due_date,"
            " text, done, row_version, hlc, site_id, deleted)"
            " VALUES (?, ?, ?, ?, 'Q3 2025', NULL, ?, 0, 6, 1, 'x', 0)",
            [
                (uuid.uuid4().hex, objective[1], objective[0], n, '{"nl": "m"}')
                for n in range(milestones)
            ],
        )
        conn.executemany(
            "INSERT INTO change_log (change_id, at, user, site_id, hlc, plan_id, table_name,"
            " row_id, op, field, old, new, origin_site)"
            " VALUES (?, '2026-01-01T00:00:00', 'u', 's', 1, ?, 'milestones', ?, 'update',"
            " 'text', '{}', '{\"nl\": \"m\"}', 'p')",
            [(uuid.uuid4().hex, objective[1], uuid.uuid4().hex) for _n in range(package_rows)],
        )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "field_versions" in tables:  # (a tree before causal history has none)
            conn.executemany(
                "INSERT INTO field_versions (row_id, field, site, n, table_name, hlc,"
                " context_id, value) VALUES (?, 'text', 'p', ?, 'milestones', 1, 1, '{}')",
                [(uuid.uuid4().hex, n) for n in range(milestones * 4)],
            )
        conn.execute("COMMIT")
    finally:
        conn.close()
    spent = time.perf_counter() - start
    target.unlink()
    return spent


def merge_once(
    root: Path, hq_path: Path, hq_data: Path, package: Path, key: str
) -> tuple[float, object]:
    target = root / "hq-merge.plan"
    shutil.copy2(hq_path, target)
    as_site(hq_data)
    with PlanFile.open(target) as hq:
        start, cpu = time.perf_counter(), time.process_time()
        report = merge_package(hq, package, accept_key=key)
        spent = time.perf_counter() - start
        report.cpu = time.process_time() - cpu  # every thread of the process
    target.unlink()
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    return spent, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", type=Path, help="another plan file instead of the demo")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--milestones", type=int, default=1000)
    args = parser.parse_args(argv)
    sizes = sorted({max(1, args.milestones // 4), max(1, args.milestones // 2), args.milestones})
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        hq_data, post_data = root / "hq-data", root / "post-data"
        hq_path = root / "hq.plan"
        as_site(hq_data)
        if args.large:
            shutil.copy2(args.large, hq_path)
        else:
            from planner_app.services.demo import build_demo

            build_demo(hq_path)
        with PlanFile.open(hq_path) as hq:
            plan_code, unit = busiest_unit(hq)
        print(
            f"headquarters {hq_path.stat().st_size / 1e6:.1f} MB; the post: {unit} of {plan_code}"
        )
        results: dict[int, dict[str, list[float]]] = {}
        for size in sizes:
            post_path = root / f"post-{size}.plan"
            as_site(hq_data)
            with PlanFile.open(hq_path) as hq:
                write_starter(hq, post_path, unit_code=unit, plan_code=plan_code)
            as_site(post_data)
            key = load_or_create().fingerprint
            with PlanFile.open(post_path) as post:
                changes = make_changes(post, size)
                start = time.perf_counter()
                written = write_changes(post, root / f"p{size}.plnpkg")
                wrote = time.perf_counter() - start
            timing = results.setdefault(
                size, {"merge": [], "cpu": [], "floor": [], "write": [wrote]}
            )
            for _run in range(args.runs):
                spent, report = merge_once(root, hq_path, hq_data, written.path, key)
                timing["merge"].append(spent)
                timing["cpu"].append(report.cpu)
                timing["floor"].append(floor(hq_path, root, written.changes))
                (root / "floor-backup.plan").unlink(missing_ok=True)
            print(
                f"{size} milestones: {changes} changes made, package {written.changes} "
                f"({written.path.stat().st_size / 1024:.0f} KiB); merge applied {report.applied}, "
                f"conflicts {len(report.conflicts)}, refused {len(report.refused)}"
            )
    print()
    print(
        f"{'changes':>8} {'merge p50':>10} {'CPU p50':>10} {'floor p50':>10} {'ratio':>6}"
        f" {'per change':>11}"
    )
    for size, timing in results.items():
        changes = size * (1 + EDITS_PER_MILESTONE)
        merge = statistics.median(timing["merge"])
        cpu = statistics.median(timing["cpu"])
        base = statistics.median(timing["floor"])
        print(
            f"{changes:>8} {merge * 1000:>8.0f} ms {cpu * 1000:>8.0f} ms {base * 1000:>8.0f} ms"
            f" {merge / base:>6.1f} {merge / changes * 1e6:>8.0f} µs"
        )
    largest = results[sizes[-1]]
    print(
        f"writing the package of {sizes[-1] * (1 + EDITS_PER_MILESTONE)} changes: "
        f"{largest['write'][0] * 1000:.0f} ms; target for the merge: <= {TARGET_S} s"
    )
    print(f"load average {os.getloadavg()[0]:.1f}")
    try:
        with Path("/proc/self/status").open() as fh:
            hwm = next(line for line in fh if line.startswith("VmHWM:"))
        print(f"peak RSS {int(hwm.split()[1]) / 1024:.0f} MB")
    except (OSError, StopIteration):
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
