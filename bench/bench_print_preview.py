"""Wall time from File → Print preview… to the preview dialog shown, on the demo plan.

    python bench/bench_print_preview.py [--runs 5] [--before REF]

Each run is a fresh ``python`` process (offscreen) on a copy of the demo file: it
builds ``PdfActions`` on a bare window, calls ``preview_document()`` for
``ibz-2025-2029`` (export to a temporary PDF, render, open the dialog) and stops the
clock when the ``QPrintPreviewDialog`` is visible (its pages are painted before it
shows); then it closes the dialog and quits, so the exit code also tells whether the
process survives its exit after a preview. With ``--before REF`` the same child runs,
interleaved, on the source of git ``REF`` (``git archive`` into a temporary folder):
the baseline in the same run. The child reports its own peak RSS (VmHWM).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import percentile

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QWidget
from planner_app.services import plans
from planner_app.storage import PlanFile
from planner_app.ui.files.pdf_actions import PdfActions

app = QApplication(sys.argv[:1])
store = PlanFile.open(Path(sys.argv[1]))
info = plans.find_plan(store, "ibz-2025-2029")
window = QWidget()
actions = PdfActions(window, lambda: (store, info), lambda _plan: None)
seen = {}

def look() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QPrintPreviewDialog) and widget.isVisible() and not seen:
            seen["shown"] = time.perf_counter()
            widget.reject()

poll = QTimer()
poll.timeout.connect(look)
poll.start(5)
started = time.perf_counter()
actions.preview_document()
poll.stop()
store.close()
hwm = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) // 1024
print(json.dumps({"ms": (seen["shown"] - started) * 1000, "rss": hwm}), flush=True)
"""


def run_child(source: Path, demo: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(source), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(demo)],
        capture_output=True,
        text=True,
        env=env,
        cwd=source,
        timeout=600,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    result = json.loads(lines[-1]) if lines else {"ms": float("nan"), "rss": 0}
    result["exit"] = done.returncode
    result["fatal"] = "Fatal Python error" in done.stderr
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", help="git ref whose source is the baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        demo = folder / "demo.plan"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run(
            [sys.executable, "-m", "planner_app", "demo", str(demo)], check=True, env=env
        )
        sources = {"after": ROOT}
        if args.before:
            old = folder / "before"
            old.mkdir()
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", args.before], check=True, capture_output=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
            sources = {"before": old, "after": ROOT}
        results: dict[str, list[dict]] = {label: [] for label in sources}
        for run in range(args.runs):
            for label, source in sources.items():
                copy = folder / f"{label}-{run}.plan"
                copy.write_bytes(demo.read_bytes())
                started = time.perf_counter()
                result = run_child(source, copy)
                result["process_s"] = time.perf_counter() - started
                results[label].append(result)
                print(f"run {run + 1} {label}: {json.dumps(result)}", flush=True)
        print(f"\nprint preview of ibz-2025-2029 (demo), {args.runs} runs")
        print("| code | p50 ms | p95 ms | peak RSS MB | exits 0 | fatal errors |")
        print("|---|---|---|---|---|---|")
        for label, rows in results.items():
            times = [r["ms"] for r in rows]
            print(
                f"| {label} | {percentile(times, 50):,.0f} | {percentile(times, 95):,.0f} "
                f"| {max(r['rss'] for r in rows)} | {sum(r['exit'] == 0 for r in rows)}/"
                f"{len(rows)} | {sum(r['fatal'] for r in rows)} |"
            )


if __name__ == "__main__":
    main()
