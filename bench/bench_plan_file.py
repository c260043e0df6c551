"""Figures for opening, reading and editing a large plan file (not a test).

    python bench/bench_plan_file.py [--runs 5] [--edits 50] [--large FILE]
                                    [--generate-method bulk|services] [--generate-runs 1]

Generates the large plan of ``generate_large.py`` (10,110 objectives, 15,000 budget
amounts, 6,000 staffing figures), builds the demo plan as a reference point, then
prints p50/p95 of: open, whole tree, all totals, open + tree + totals together, and
one committed edit with ``synchronous=FULL`` and with ``synchronous=OFF`` (so the
fsync cost shows on its own). Peak RSS is measured in a fresh process that only
opens the file and loads tree + totals (``--rss-probe FILE``), so the generator's
memory does not count. The edits stay in the large file (mind that with ``--large``).

p95 is the nearest-rank percentile: with fewer than 20 runs it is the slowest run.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate_large import METHODS, generate  # noqa: E402
from measure import peak_rss_mb as own_peak_mb  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from planner_app.domain import ChangeLogEntry, Plan  # noqa: E402
from planner_app.domain.enums import ObjectiveLevel  # noqa: E402
from planner_app.runtime import tune_gc  # noqa: E402
from planner_app.services import (  # noqa: E402
    budget_amounts,
    budget_dimensions,
    budget_read,
    details,
    objectives,
    staffing,
    tree_read,
)
from planner_app.services.common import resolve_plan  # noqa: E402
from planner_app.storage import PlanFile  # noqa: E402

TARGET_READ_S = 0.5
TARGET_EDIT_MS = 10.0
TARGET_RSS_MB = 250.0


# --- what is measured ----------------------------------------------------------------


def plan_ids(store: PlanFile) -> list[uuid.UUID]:
    with store.read() as s:
        return list(s.scalars(select(Plan.id).where(Plan.deleted.is_(False)).order_by(Plan.code)))


def tree(store: PlanFile, ids: list[uuid.UUID]) -> int:
    return sum(len(tree_read.load_tree(store, pid)) for pid in ids)


def totals(store: PlanFile, ids: list[uuid.UUID]) -> None:
    for pid in ids:
        budget_read.budget_totals(store, pid)
        staffing.staffing_totals(store, pid)


def open_tree_totals(path: Path) -> None:
    store = PlanFile.open(path)
    try:
        ids = plan_ids(store)
        tree(store, ids)
        totals(store, ids)
    finally:
        store.close()


def _maxrss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes / KiB


def rss_probe(path: Path) -> None:
    """Run in a fresh process: peak RSS after imports, then after open + tree + totals.

    Prints ``ru_maxrss`` and, on Linux, ``VmHWM``. Linux carries ``ru_maxrss`` over
    ``fork`` + ``exec`` (a child starts with its parent's peak), so when the parent is
    bigger than the probe only ``VmHWM`` is the probe's own figure.
    """
    before = (_maxrss_mb(), own_peak_mb())
    store = PlanFile.open(path)
    ids = plan_ids(store)
    tree(store, ids)
    totals(store, ids)
    after = (_maxrss_mb(), own_peak_mb())
    store.close()
    print(*before, *after)


def peak_rss_mb(path: Path) -> dict[str, float | None]:
    out = subprocess.run(
        [sys.executable, __file__, "--rss-probe", str(path)],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    ).stdout.split()
    values = [None if v == "None" else float(v) for v in out]
    return dict(zip(("maxrss_imports", "hwm_imports", "maxrss", "hwm"), values, strict=True))


# --- timing helpers ------------------------------------------------------------------


def timed(fn: Callable[[], object]) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def p50(xs: list[float]) -> float:
    return statistics.median(xs)


def p95(xs: list[float]) -> float:
    ordered = sorted(xs)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def repeat(fn: Callable[[], object], runs: int) -> list[float]:
    return [timed(fn) for _ in range(runs)]


def measure_reads(path: Path, runs: int) -> dict[str, list[float]]:
    """Open, tree, totals, and all three together; each open on a fresh PlanFile."""
    first = timed(lambda: open_tree_totals(path))  # first in this process: cold caches
    result: dict[str, list[float]] = {"first": [first], "open": [], "tree": [], "totals": []}
    for _ in range(runs):
        began = time.perf_counter()
        store = PlanFile.open(path)
        result["open"].append(time.perf_counter() - began)
        try:
            ids = plan_ids(store)
            result["tree"].append(timed(lambda s=store, i=ids: tree(s, i)))
            result["totals"].append(timed(lambda s=store, i=ids: totals(s, i)))
        finally:
            store.close()
    result["all"] = repeat(lambda: open_tree_totals(path), runs)
    return result


def measure_edits(path: Path, edits: int, synchronous: str) -> dict[str, list[float]]:
    """Committed edits on an open file: a title, an amount and a new milestone."""
    rng = random.Random(7)
    store = PlanFile.open(path, extra_pragmas={"synchronous": synchronous})
    try:
        ids = plan_ids(store)
        nodes = [n for n in tree_read.load_tree(store, ids[0])]
        leaves = [i for i in budget_read.budget_totals(store, ids[0]).lines if not i.is_group]
        stages, types = budget_dimensions.list_dimensions(store, ids[0])
        initiatives = [n.id for n in nodes if n.level is ObjectiveLevel.INITIATIVE] or [
            n.id for n in nodes
        ]
        out: dict[str, list[float]] = {"title": [], "amount": [], "milestone": []}
        for i in range(edits):
            oid = rng.choice(initiatives)
            out["title"].append(
                timed(lambda o=oid, i=i: objectives.update_objective(store, o, title=f"Edit {i}"))
            )
            line = rng.choice(leaves).id
            out["amount"].append(
                timed(
                    lambda ln=line, i=i: budget_amounts.set_amount(
                        store,
                        ln,
                        year=2025,
                        stage=stages[0],
                        credit_type=types[0],
                        amount=Decimal(1000 + i),
                    )
                )
            )
            out["milestone"].append(
                timed(lambda o=oid, i=i: details.add_milestone(store, o, text=f"Bench {i}"))
            )
    finally:
        store.close()
    return out


# --- report --------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f}"


def row(label: str, large: list[float], demo: list[float] | None, target: str, ok) -> str:
    demo_text = ms(p50(demo)) if demo else " " * 9
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    return f"{label:<40}{ms(p50(large))}{ms(p95(large))}  {demo_text}   {target:<22}{verdict}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--large", type=Path, help="use this large plan instead of generating")
    parser.add_argument("--generate-method", choices=METHODS, default="bulk")
    parser.add_argument("--generate-runs", type=int, default=1)
    parser.add_argument("--rss-probe", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    tune_gc()  # as the app does at start-up (planner_app.runtime)
    if args.rss_probe:
        rss_probe(args.rss_probe)
        return 0

    work = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    os.environ["PLANNER_APP_DATA_DIR"] = str(work / "data")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpu, work folder {work}")

    generate_times: list[float] = []
    if args.large:
        large = args.large.resolve()
    else:
        for n in range(max(1, args.generate_runs)):
            large = work / f"large-{n}.plan"
            generate_times.append(timed(lambda p=large: generate(p, method=args.generate_method)))
    from planner_app.services.demo import build_demo

    demo = work / "demo.plan"
    demo_build = timed(lambda: build_demo(demo))

    with PlanFile.open(large, readonly=True) as store:
        ids = plan_ids(store)
        n_objectives = tree(store, ids)
        with store.read() as s:
            n_log = s.scalar(select(func.count()).select_from(ChangeLogEntry))
            code = resolve_plan(s, None).code if len(ids) == 1 else "several"
    print(
        f"large plan {code}: {n_objectives:,} objectives, {n_log:,} change log entries, "
        f"{large.stat().st_size / 1e6:.1f} MB; demo {demo.stat().st_size / 1e6:.1f} MB"
    )

    reads = measure_reads(large, args.runs)
    demo_reads = measure_reads(demo, args.runs)
    full = measure_edits(large, args.edits, "FULL")
    off = measure_edits(large, args.edits, "OFF")
    parent_rss = _maxrss_mb()
    rss_large = peak_rss_mb(large)
    rss_demo = peak_rss_mb(demo)

    print()
    print(f"times in ms; {args.runs} runs (edits: {args.edits} each); p95 = nearest rank")
    print(f"{'':<40}{'p50':>9}{'p95':>9}  {'demo p50':>9}   {'target':<22}")
    if generate_times:
        label = f"generate large ({args.generate_method}, {len(generate_times)}x)"
        print(row(label, generate_times, [demo_build], "", None))
    print(row("first open+tree+totals in process", reads["first"], demo_reads["first"], "", None))
    print(row("open (PlanFile.open)", reads["open"], demo_reads["open"], "", None))
    print(row("whole tree (load_tree)", reads["tree"], demo_reads["tree"], "", None))
    print(row("all totals (budget + staffing)", reads["totals"], demo_reads["totals"], "", None))
    print(
        row(
            "open + tree + totals",
            reads["all"],
            demo_reads["all"],
            f"< {TARGET_READ_S * 1000:.0f}",
            p50(reads["all"]) < TARGET_READ_S,
        )
    )
    for kind, label in (
        ("title", "edit: update_objective title"),
        ("amount", "edit: set_amount"),
        ("milestone", "edit: add_milestone"),
    ):
        fsync = p50(full[kind]) - p50(off[kind])
        print(row(f"{label}, sync FULL", full[kind], None, "", None))
        print(
            row(
                f"{label}, sync OFF",
                off[kind],
                None,
                f"< {TARGET_EDIT_MS:.0f} (+fsync {fsync * 1000:.1f})",
                p50(off[kind]) * 1000 < TARGET_EDIT_MS,
            )
        )
    own = rss_large["hwm"] or rss_large["maxrss"]
    own_demo = rss_demo["hwm"] or rss_demo["maxrss"]
    own_imports = rss_large["hwm_imports"] or rss_large["maxrss_imports"]
    print(
        f"{'peak RSS, open+tree+totals (MB)':<40}{own:9.0f}{'':9}  {own_demo:9.0f}   "
        f"{'< ' + str(int(TARGET_RSS_MB)):<22}{'ok' if own < TARGET_RSS_MB else 'MISSED'}"
    )
    print(f"{'  of which after imports (MB)':<40}{own_imports:9.0f}")
    print(
        f"  (fresh process; VmHWM. ru_maxrss there: {rss_large['maxrss']:.0f} MB, which on "
        f"Linux includes this parent's peak of {parent_rss:.0f} MB at fork)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
