"""A/B of the merge between source trees (say, main and a branch), interleaved.

``bench_exchange.py`` compares ways of ordering the backup within one tree; this
compares two versions of the code on the same package and the same starting file, in
turns (A, B, B, A, ...), each merge in a fresh process of its tree so neither version
warms the other's caches. Prints, per tree, p50/p95 of the merge's wall time and CPU
time (all threads) and the peak RSS of the merging process:

    .venv/bin/python bench/merge_ab.py --large /tmp/large.plan --trees /work/main . --rounds 5

The package (5,000 changes, as in ``bench_exchange.py``) is prepared once with the first
tree's code; the package format must be the same in both.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

# Runs in the tree under test: merge a copy of HQ's file, print the figures as JSON.
_MERGE = r"""
import json, os, shutil, sys, time
from pathlib import Path
import planner_app
from planner_app.exchange.merge import merge_package
from planner_app.storage import PlanFile
hq, package, target, key = sys.argv[1:5]
shutil.copy2(hq, target)
with PlanFile.open(Path(target)) as store:
    start, cpu = time.perf_counter(), time.process_time()
    report = merge_package(store, Path(package), accept_key=key)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
with open("/proc/self/status") as fh:
    hwm = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
os.unlink(target)
print(json.dumps({"wall": wall, "cpu": cpu, "rss_mb": hwm / 1024, "applied": report.applied,
                  "code": str(Path(planner_app.__file__).parents[1])}))
"""


def prepare(tree: Path, large: Path, root: Path, changes: int) -> tuple[Path, Path, str]:
    """HQ's file, the post's package and the post's key fingerprint, made by ``tree``."""
    code = (
        "import sys; from pathlib import Path; sys.argv=['x']\n"
        "import bench.bench_exchange as be\n"
        "from planner_app.exchange.changes import write_changes\n"
        "from planner_app.exchange.keys import load_or_create\n"
        "from planner_app.exchange.starter import write_starter\n"
        "from planner_app.storage import PlanFile\n"
        f"root = Path({str(root)!r}); n = {changes}\n"
        "be.as_site(root / 'hq-data')\n"
        "with PlanFile.open(root / 'hq.plan') as hq:\n"
        "    unit = be.busiest_unit(hq); be.give_objectives(hq, unit, (n + 1) // 2)\n"
        "    write_starter(hq, root / 'post.plan', unit_code=unit)\n"
        "be.as_site(root / 'post-data'); key = load_or_create().fingerprint\n"
        "with PlanFile.open(root / 'post.plan') as post:\n"
        "    be.edit_at_post(post, n); write_changes(post, root / 'changes.plnpkg')\n"
        "print(key)\n"
    )
    shutil.copy2(large, root / "hq.plan")
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=_env(tree),
        cwd=root,  # ``-c`` puts the working folder first on the path: not a source tree
        capture_output=True,
        text=True,
        check=True,
    )
    return root / "hq.plan", root / "changes.plnpkg", out.stdout.strip().splitlines()[-1]


def _env(tree: Path, data: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(tree.resolve())}
    if data is not None:
        env["PLANNER_APP_DATA_DIR"] = str(data)
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", type=Path, required=True)
    parser.add_argument("--trees", type=Path, nargs=2, required=True, metavar=("A", "B"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--changes", type=int, default=5000)
    args = parser.parse_args(argv)
    figures: dict[Path, list[dict[str, float]]] = {tree: [] for tree in args.trees}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        hq, package, key = prepare(args.trees[0], args.large, root, args.changes)
        for round_ in range(args.rounds):
            order = args.trees if round_ % 2 == 0 else args.trees[::-1]
            for tree in order:
                # each merge enrols the post anew in a fresh copy of HQ's file
                out = subprocess.run(
                    [sys.executable, "-c", _MERGE, hq, package, root / "t.plan", key],
                    env=_env(tree, root / "hq-data"),
                    cwd=root,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                figures[tree].append(json.loads(out.stdout.strip().splitlines()[-1]))
    for tree, runs in figures.items():
        print(f"{tree}: {len(runs)} merges of {runs[0]['applied']} changes")
        assert all(r["code"] == str(tree.resolve()) for r in runs), "ran another tree's code"
        print("  each (wall/cpu, s): " + ", ".join(f"{r['wall']:.2f}/{r['cpu']:.2f}" for r in runs))
        for name in ("wall", "cpu"):
            values = sorted(r[name] for r in runs)
            p95 = values[max(0, -(-95 * len(values) // 100) - 1)]
            print(
                f"  {name:<5} p50 {statistics.median(values) * 1000:6.0f} ms"
                f"  p95 {p95 * 1000:6.0f} ms"
            )
        print(f"  peak RSS {max(r['rss_mb'] for r in runs):.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
