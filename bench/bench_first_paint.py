"""Time from process start to the main window painted with a plan loaded.

    python bench/bench_first_paint.py FILE [--runs 5] [--plan CODE]

Each run is a fresh ``python`` process (offscreen) that goes through the real start-up:
imports, QApplication, ``tune_gc``, opening FILE read-only, building the window on the
plan and the first paint of the tree; it prints when the window's first paint event
arrives. The parent prints p50/p95 of those times, measured from just before the child
is spawned, the child's CPU time up to that paint (user + system: on a shared, loaded
machine the wall time mostly measures the other processes, the CPU time much less so)
and its peak memory (VmHWM). A baseline in the same run: the demo plan. Target (issue
4): under 1.5 s to first paint on the large plan.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from planner_app.runtime import tune_gc
from planner_app.services.plans import find_plan
from planner_app.storage import PlanFile
from planner_app.ui.main_window import MainWindow

app = QApplication(sys.argv[:1])
tune_gc()
store = PlanFile.open(sys.argv[1], readonly=True)
window = MainWindow()
window.resize(1280, 800)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            status = open("/proc/self/status").read().split("VmHWM:")[1]
            hwm = status.split()[0]
            cpu = sum(os.times()[:2])
            print("painted", time.time(), int(hwm) // 1024, cpu, flush=True)
            app.quit()
        return False

spy = FirstPaint()
window.tree.viewport().installEventFilter(spy)
plan = find_plan(store, sys.argv[2] or None).id
window.set_plan_file(store, plan)
window.show()
app.exec()
"""


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def first_paint(path: Path, code: str, runs: int) -> tuple[list[float], list[float], list[int]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times, cpus, memory = [], [], []
    for _ in range(runs):
        began = time.time()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), code],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=True,
        ).stdout
        line = next(line for line in out.splitlines() if line.startswith("painted"))
        _word, when, mb, cpu = line.split()
        times.append((float(when) - began) * 1000)
        cpus.append(float(cpu) * 1000)
        memory.append(int(mb))
    return times, cpus, memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--plan", default="")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("PLANNER_APP_DATA_DIR", folder)
        demo = Path(folder) / "demo.plan"
        from planner_app.services.demo import build_demo

        build_demo(demo)
        rows = [("demo plan", *first_paint(demo, "ibz-2025-2029", args.runs))]
        rows.append((args.file.name, *first_paint(args.file, args.plan, args.runs)))
    print(f"first paint, ms ({args.runs} runs each; p95 = nearest rank)   target < 1500")
    for name, times, cpus, memory in rows:
        print(
            f"  {name:<28} p50 {statistics.median(times):7.0f}  p95 {percentile(times, 95):7.0f}"
            f"  CPU p50 {statistics.median(cpus):5.0f} p95 {percentile(cpus, 95):5.0f}"
            f"  peak RSS {max(memory)} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
