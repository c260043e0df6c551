"""Figures for the progress the objective tree shows (issue 26): every objective's roll-up
and overdue milestones at a date, beside the tree's own rows as the floor.

    python bench/bench_progress.py FILE [--plan CODE] [--runs 5]

Opens FILE read-only and prints p50/p95 of: the tree's rows (``load_tree_rows``, what
the first paint waits for: the floor), the fast read the tree uses
(``progress_read.plan_progress``: plain SQL, no texts) and the full read the review uses
(``rollup.read_measures`` through the ORM, then ``progress_of``), with their ratios to
the floor, the load average and the peak RSS. The tree reads its progress after the
first paint, on a worker thread above 1,500 objectives (``ui/objectives/tree_progress``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from measure import peak_rss_mb, percentile

from planner_app.services.plans import find_plan, list_plans
from planner_app.services.progress_read import plan_progress
from planner_app.services.rollup import progress_of, read_measures
from planner_app.services.tree_read import load_tree_rows
from planner_app.storage import PlanFile


def times(action: Callable[[], object], runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        found.append((time.perf_counter() - start) * 1000)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--plan", default="")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    at = dt.date(2026, 6, 30)
    with PlanFile.open(args.file, readonly=True) as store:
        plan = find_plan(store, args.plan) if args.plan else list_plans(store)[0]
        objectives = load_tree_rows(store, plan.id).count

        def full() -> object:
            with store.read() as s:
                return progress_of(read_measures(s, plan.id), at)

        rows = [
            ("tree rows (floor)", times(lambda: load_tree_rows(store, plan.id), args.runs)),
            (
                "plan_progress, fast read",
                times(lambda: plan_progress(store, plan.id, at), args.runs),
            ),
            ("progress, ORM read", times(full, args.runs)),
        ]
    floor = percentile(rows[0][1], 50)
    print(f"{args.file.name}: plan {plan.code}, {objectives:,} objectives, {args.runs} runs")
    for name, found in rows:
        p50, p95 = percentile(found, 50), percentile(found, 95)
        print(f"  {name:26s} p50 {p50:7.0f} ms  p95 {p95:7.0f} ms  ×{p50 / floor:5.1f}")
    print(f"  load average {os.getloadavg()[0]:.2f}, peak RSS {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
