"""Figures for stored codes on a large plan: what giving a new objective the next free
code costs, beside the same write without it, and the Renumber dialog's preview.

    python bench/bench_codes.py FILE [--runs 20]

Works on a copy of FILE (the large plan of ``generate_large.py``: 10,110 objectives).
Prints p50/p95 in ms of

* ``add``: ``add_objective`` of an initiative under the first operational objective
  (reads every objective's code and level to find the next free code and check it is
  unique), and its floor ``title``: ``update_objective`` of a title (same transaction,
  checks and change log, no code work), with their ratio;
* ``code``: ``update_objective(code=...)`` (parse, uniqueness over the plan);
* ``preview``: ``renumber_preview`` of the whole plan (what the dialog shows);
* ``read``: ``load_tree`` of the whole plan with printed codes, as before the change
  the tree read did with derived ones;

with the load average and this process's peak RSS.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from measure import peak_rss_mb, percentile

from planner_app.domain.enums import ObjectiveLevel
from planner_app.services import codes, objectives, plans, tree_read
from planner_app.storage import PlanFile


def timed(action: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        out.append((time.perf_counter() - start) * 1000)
    return out


def show(name: str, values: list[float]) -> float:
    p50 = percentile(values, 50)
    print(f"{name:8} p50 {p50:8.1f} ms   p95 {percentile(values, 95):8.1f} ms")
    return p50


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.plan"
        shutil.copy2(args.file, path)
        with PlanFile.open(path) as store:
            plan = plans.list_plans(store)[0]
            tree = tree_read.load_tree(store, plan.id)
            od = next(n for n in tree if n.level is ObjectiveLevel.OPERATIONAL)
            initiative = next(n for n in tree if n.parent_id == od.id)
            print(f"{path.name}: {len(tree):,} objectives, load {os.getloadavg()[0]:.2f}")
            made: list = []

            def add() -> None:
                made.append(
                    objectives.add_objective(
                        store, plan.id, level="initiative", title="Nieuw", parent_id=od.id
                    ).id
                )

            n = [0]

            def title() -> None:
                n[0] += 1
                objectives.update_objective(store, initiative.id, title=f"Titel {n[0]}")

            def code() -> None:
                n[0] += 1
                objectives.update_objective(store, initiative.id, code=f"9.{n[0]}")

            add_p50 = show("add", timed(add, args.runs))
            floor = show("title", timed(title, args.runs))
            print(f"add / title: {add_p50 / floor:.2f}")
            show("code", timed(code, args.runs))
            show("preview", timed(lambda: codes.renumber_preview(store, plan.id), 5))
            show("read", timed(lambda: tree_read.load_tree(store, plan.id), 5))
            print(f"added {len(made)}; peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
