"""Figures for comparing two versions of a large plan and checking its legal minimum.

    python bench/bench_compare.py [--large FILE] [--runs 5]

Makes (or takes) the large generated plan (``generate_large.py``: 10,110 objectives,
1,010 budget lines with 15,000 amounts, 200 units with 6,000 staffing figures), makes it
final and a new draft version of it, changes the draft (20 objectives retitled, one SD
moved to the end so that a tenth of the codes shift, 100 amounts changed), then prints
p50/p95 of:

* ``compare_plans`` draft against the final version (what Plan → Compare with… and
  ``planner-app compare`` run), and the number of differences it finds;
* the floor beside it in the same run: the reads the comparison cannot avoid (both
  trees, both plans' objective details, both budgets, both units) without pairing;
* ``compare_plans`` against an unrelated plan of the file (nothing pairs by link, code
  or title: the similarity stage at its cap);
* ``check_plan`` (the completeness list) of the draft.

With the load average and this process's peak RSS. Nothing timed is asserted: a test
would only measure the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from measure import peak_rss_mb, percentile

from planner_app.domain.enums import ObjectiveLevel, PlanKind
from planner_app.services import (
    budget_amounts,
    budget_read,
    copying,
    objectives,
    plans,
)
from planner_app.services.compare import compare_plans
from planner_app.services.completeness import check_plan
from planner_app.services.details import plan_details
from planner_app.services.tree_read import load_tree
from planner_app.services.units import load_units
from planner_app.storage import PlanFile

BENCH = Path(__file__).resolve().parent


def timed(runs: int, work: Callable[[], object]) -> tuple[list[float], object]:
    values, result = [], None
    for _run in range(runs):
        start = time.perf_counter()
        result = work()
        values.append((time.perf_counter() - start) * 1000)
    return values, result


def report(name: str, values: list[float]) -> float:
    p50 = statistics.median(values)
    print(
        f"{name:<46} p50 {p50:9.1f} ms   p95 {percentile(values, 95):9.1f} ms   (n={len(values)})"
    )
    return p50


def prepare(store: PlanFile) -> tuple:
    source = plans.list_plans(store)[0]
    plans.make_final(store, source.id)
    draft = copying.new_draft_version(store, source.id).id
    tree = load_tree(store, draft)
    with store.transaction():
        for node in [n for n in tree if n.level is ObjectiveLevel.INITIATIVE][:20]:
            objectives.update_objective(store, node.id, title={"nl": f"Herschreven {node.code}"})
        first_sd = next(n for n in tree if n.level is ObjectiveLevel.STRATEGIC)
        objectives.move_objective(store, first_sd.id, parent_id=None, position=10**6)
        totals = budget_read.budget_totals(store, draft)
        column = totals.columns[0]
        for line in [x for x in totals.lines if not x.is_group][:100]:
            budget_amounts.set_amount(
                store,
                line.id,
                year=column.year,
                stage=column.stage,
                credit_type=column.credit_type,
                amount=(totals.of(line.id, column) or Decimal(0)) + 1,
            )
    other = plans.create_plan(
        store,
        code="other",
        kind=PlanKind.STRATEGIC,
        title="Ander plan",
        first_year=2025,
        last_year=2029,
    ).id
    with store.transaction():
        for n in range(300):
            objectives.add_objective(
                store, other, level=ObjectiveLevel.STRATEGIC, title=f"Ander doel {n}"
            )
    return source.id, draft, other


def floor(store: PlanFile, before, after) -> None:
    """The reads a comparison needs, without pairing or comparing anything."""
    with store.snapshot():
        for plan_id in (before, after):
            tree = load_tree(store, plan_id)
            plan_details(store, plan_id, codes={n.id: n.code for n in tree})
            budget_read.budget_totals(store, plan_id)
            load_units(store, plan_id)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=Path, help="a large plan file to copy (default: made)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.plan"
        if args.large:
            path.write_bytes(args.large.read_bytes())
        else:
            sys.path.insert(0, str(BENCH))
            from generate_large import generate

            generate(path, method="bulk")
        with PlanFile.open(path) as store:
            before, after, other = prepare(store)
            values, result = timed(args.runs, lambda: compare_plans(store, after, before))
            ours = report("compare draft v2 with final v1", values)
            print(f"  differences found: {len(result.differences)}")  # type: ignore[attr-defined]
            base = report(
                "  floor: the reads alone", timed(args.runs, lambda: floor(store, before, after))[0]
            )
            print(f"  ratio compare / floor: {ours / base:.2f}")
            values, result = timed(args.runs, lambda: compare_plans(store, other, before))
            report("compare with an unrelated plan", values)
            print(f"  differences found: {len(result.differences)}")  # type: ignore[attr-defined]
            report(
                "completeness check of the draft",
                timed(args.runs, lambda: check_plan(store, after))[0],
            )
    print(f"load average {os.getloadavg()[0]:.2f}, peak RSS {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
