"""Figures for the budget editor on a large plan: open, one cell edit, a 100 × 15 paste.

    QT_QPA_PLATFORM=offscreen python bench/bench_budget_editor.py FILE [--runs 7]

FILE is a large plan from ``bench/generate_large.py`` (1,010 budget lines, amounts on
5 years × 3 columns); it is copied to a temporary folder first (edits are written).
Prints p50/p95 (nearest rank) of: opening the Budget editor on the plan (model, view
laid out and painted, chart drawn), one cell edit through the model (undo command,
file write, sums above it updated, repaint), and a paste of 100 rows × 15 columns (one
undo step), each followed by its undo so every run starts from the same file. Also the
process's peak RSS.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from measure import peak_rss_mb, percentile
from PySide6.QtWidgets import QApplication

from planner_app.services.plans import list_plans
from planner_app.storage import PlanFile
from planner_app.ui.budget_editor import BudgetEditor
from planner_app.ui.document import PlanDocument


def timed(action: Callable[[], object], app: QApplication, editor: BudgetEditor) -> float:
    start = time.perf_counter()
    action()
    editor.view.viewport().repaint()
    app.processEvents()
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.plan"
        shutil.copy2(args.file, path)
        store = PlanFile.open(path)
        plan = list_plans(store)[0]
        document = PlanDocument(store, plan.id)
        editor = BudgetEditor()
        editor.resize(1400, 900)
        editor.show()
        app.processEvents()
        model = editor.model
        figures: dict[str, list[float]] = {"open": [], "edit": [], "edit+paint": [], "paste": []}
        for _run in range(args.runs):
            editor.set_document(None)
            app.processEvents()
            figures["open"].append(timed(lambda: editor.set_document(document), app, editor))
        model.set_shown(years=model.available[0])
        leaves = [i for i in model.totals.lines if not i.is_group]

        def settle() -> None:
            """Let the reset an undo causes lay out and paint before the next figure."""
            editor.view.viewport().repaint()
            app.processEvents()

        settle()
        print(
            f"lines {len(model.totals.lines)}, columns shown {len(model.columns)}, "
            f"amounts {sum(len(v) for v in model.totals.values.values() if v)}"
        )
        for run in range(args.runs):
            index = model.index_of(leaves[run].id, 1)
            began = time.perf_counter()
            model.setData(index, str(run + 1))  # command, file write, sums above it
            figures["edit"].append((time.perf_counter() - began) * 1000)
            document.undo_stack.undo()
            settle()
            index = model.index_of(leaves[run].id, 1)
            figures["edit+paint"].append(
                timed(lambda index=index, run=run: model.setData(index, str(run + 1)), app, editor)
            )
            document.undo_stack.undo()
            settle()
        block = [[f"{r * 15 + c},5" for c in range(15)] for r in range(100)]
        for _run in range(args.runs):
            rows = [model.index_of(line.id) for line in leaves[:100]]  # after each reset
            start = model.index_of(leaves[0].id, 1)
            figures["paste"].append(
                timed(lambda start=start, rows=rows: model.paste(block, start, rows), app, editor)
            )
            assert document.undo_stack.undoText() == "Paste amounts", "the paste was refused"
            document.undo_stack.undo()
            settle()
        editor.set_document(None)
        store.close()
    targets = {"open": 300, "edit": 20, "edit+paint": 20, "paste": 500}
    for name, values in figures.items():
        print(
            f"{name:10s} p50 {statistics.median(values):8.1f} ms"
            f"  p95 {percentile(values, 95):8.1f} ms  (target < {targets[name]} ms)"
        )
    peak = peak_rss_mb()
    print(f"peak RSS {peak:.0f} MB")
    sys.stdout.flush()
    # As in bench_tree_filter: PySide6 6.12 aborts in the collector at interpreter
    # finalisation after these widgets (bool_dealloc); the figures are printed and
    # nothing is left to write, so leave without finalising.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
