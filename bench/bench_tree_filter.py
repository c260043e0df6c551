"""Figures for the objective tree on a large plan: reload, expand all, filter per keystroke.

    QT_QPA_PLATFORM=offscreen python bench/bench_tree_filter.py FILE [--runs 5] [--word WORD]

Opens FILE read-only (nothing is written) in a ``MainWindow`` of 1280x800, then prints
p50/p95 of: a model reload (the reset after every edit, expansion kept), expand all,
and each keystroke of typing WORD into the filter (criteria applied, the view laid out
and painted), then clearing it; and the in-place refresh of one row that follows a
status or title edit. After each reload the rows the tree has not made yet are made at
once and timed apart (the window makes them in slices after its first paint). p95 is
the nearest-rank percentile.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from measure import peak_rss_mb, percentile
from PySide6.QtWidgets import QApplication

from planner_app.storage import PlanFile
from planner_app.ui.main_window import MainWindow


def timed(action: Callable[[], object], app: QApplication, window: MainWindow) -> float:
    start = time.perf_counter()
    action()
    window.tree.viewport().repaint()
    app.processEvents()
    return (time.perf_counter() - start) * 1000


def report(name: str, values: list[float]) -> None:
    print(
        f"{name:<34} p50 {statistics.median(values):8.1f} ms   p95 {percentile(values, 95):8.1f} ms"
        f"   (n={len(values)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--word", default="initiatief 12")  # the large plan shows Dutch titles
    args = parser.parse_args()
    app = QApplication(sys.argv)
    window = MainWindow()
    window.resize(1280, 800)
    start = time.perf_counter()
    window.set_plan_file(PlanFile.open(args.file, readonly=True))
    window.show()
    app.processEvents()
    print(
        f"open and show: {(time.perf_counter() - start) * 1000:.0f} ms;"
        f" {window.tree.tree_model.objective_count()} objectives"
    )
    model, view, bar = window.tree.tree_model, window.tree, window.filter_bar
    # The tree makes the rows not shown yet in slices after a paint (fetch_all); make
    # them at once here so that they are timed apart, not inside the next figure.
    fetch_all = getattr(model, "fetch_all", lambda: False)
    reloads, rests = [], []
    for _ in range(args.runs):
        reloads.append(timed(model.reload, app, window))
        rests.append(timed(fetch_all, app, window))
    some = [model.node(model.index(row, 0)).id for row in range(model.rowCount())]
    some = [oid for oid in some if oid is not None][:1] or []
    refreshes = [timed(partial(model.refresh_rows, some), app, window) for _ in range(args.runs)]
    expands, collapses = [], []
    for _ in range(args.runs):
        expands.append(timed(view.expandAll, app, window))
        collapses.append(timed(view.collapseAll, app, window))
    keystrokes, clears = [], []
    for _ in range(args.runs):
        for end in range(1, len(args.word) + 1):
            bar.text_box.setText(args.word[:end])
            keystrokes.append(timed(bar.apply, app, window))
        shown = window.tree.filter_model.rowCount()
        clears.append(timed(bar.clear, app, window))
    bar.everywhere_box.setChecked(True)
    everywhere = []
    for _ in range(args.runs):
        for end in range(1, len(args.word) + 1):
            bar.text_box.setText(args.word[:end])
            everywhere.append(timed(bar.apply, app, window))
        bar.clear()
    report("reload (reset, expansion kept)", reloads)
    report("then the rows not shown, all at once", rests)
    report("refresh one row in place", refreshes)
    report("expand all", expands)
    report("collapse all", collapses)
    report(f"filter keystroke ({args.word!r})", keystrokes)
    report("clear the filter", clears)
    report("keystroke, all text", everywhere)
    print(f"top-level rows shown for {args.word!r}: {shown}")
    peak = peak_rss_mb()
    print(f"peak RSS: {peak:.0f} MB")
    window.close()
    sys.stdout.flush()
    # PySide6 6.12 sometimes crashes in the garbage collector at interpreter
    # finalisation after this many widgets (none_dealloc); the figures are printed,
    # nothing is written: leave without finalising.
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
