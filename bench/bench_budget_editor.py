"""Figures for the budget editor on a large plan: open, one cell edit, a 100 × 15 paste.

    QT_QPA_PLATFORM=offscreen python bench/bench_budget_editor.py FILE [--runs 7]

FILE is a large plan from ``bench/generate_large.py`` (1,010 budget lines, amounts on
5 years × 3 columns); it is copied to a temporary folder first (edits are written).
Prints p50/p95 (nearest rank) of wall time and the median CPU time of this process:

* ``open``: the Budget editor shown on the plan (lines and sums read, model built, rows
  expanded, columns sized) and its first full paint;
* ``edit``: one typed cell committed as the user sees it: the undo command, the write
  of the amount and its change-log rows in their own committed transaction, the sums
  above the cell updated in place (exact), and the event loop run once, which paints
  the changed cells (the cell, its groups' cells, the total's cell; the bench checks
  that the viewport was painted). ``edit+full`` adds a forced repaint of the whole
  viewport, for reference only: nothing in an edit asks for one;
* ``paste``: 100 rows × 15 columns pasted as one undo step, written in one transaction,
  sums updated, the changed cells painted; ``undo paste`` its undo, painted likewise.

Each is followed by its undo, so every run starts from the same file. The baseline in
the same run, ``orm paste`` / ``orm edit``, writes the same cells the way the services
did before (one ORM object per amount, stamped and logged by the flush hook), service
only. Also the process's peak RSS. The collector is tuned as the GUI tunes it at
start-up (``runtime.tune_gc``).
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
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.orm_amounts

from measure import peak_rss_mb, percentile
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from planner_app.runtime import tune_gc
from planner_app.services.budget_read import budget_totals
from planner_app.services.plans import list_plans
from planner_app.storage import PlanFile
from planner_app.ui.budget.budget_editor import BudgetEditor
from planner_app.ui.core.document import PlanDocument
from tests.orm_amounts import orm_write

TARGETS = {"open": 300, "edit": 20, "paste": 500}


class PaintCounter(QObject):
    """Counts paint events of the viewport and the area they cover."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.area = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            rect = event.region().boundingRect()
            self.area += rect.width() * rect.height()
        return False


class Figures:
    """Wall and CPU milliseconds per figure."""

    def __init__(self) -> None:
        self.wall: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}

    def time(self, name: str, action: Callable[[], object]) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        self.wall.setdefault(name, []).append((time.perf_counter() - wall) * 1000)
        self.cpu.setdefault(name, []).append((time.process_time() - cpu) * 1000)

    def report(self) -> None:
        for name, values in self.wall.items():
            target = TARGETS.get(name)
            print(
                f"{name:10s} p50 {statistics.median(values):8.1f} ms"
                f"  p95 {percentile(values, 95):8.1f} ms"
                f"  cpu p50 {statistics.median(self.cpu[name]):7.1f} ms"
                + (f"  (target < {target} ms)" if target else "")
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    tune_gc()  # as the GUI does once Qt is loaded (planner_app.runtime)
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
        figures = Figures()
        paints = PaintCounter()
        editor.view.viewport().installEventFilter(paints)

        def full_paint() -> None:
            editor.view.viewport().repaint()
            app.processEvents()

        for _run in range(args.runs):
            editor.set_document(None)
            app.processEvents()
            figures.time("open", lambda: (editor.set_document(document), full_paint()))
        model.set_shown(years=model.available[0])
        full_paint()
        leaves = [i for i in model.totals.lines if not i.is_group]
        stored = budget_totals(store, plan.id)  # what the ORM baseline writes back
        print(
            f"lines {len(model.totals.lines)}, columns shown {len(model.columns)}, "
            f"amounts {sum(len(v) for v in model.totals.values.values() if v)}"
        )
        edit_paints: list[int] = []
        for run in range(args.runs):
            index = model.index_of(leaves[run].id, 1)
            before = paints.count
            figures.time(
                "edit",
                lambda index=index, run=run: (
                    model.setData(index, str(run + 1)),
                    app.processEvents(),
                ),
            )
            edit_paints.append(paints.count - before)
            document.undo_stack.undo()
            full_paint()
            index = model.index_of(leaves[run].id, 1)
            figures.time(
                "edit+full",
                lambda index=index, run=run: (model.setData(index, str(run + 1)), full_paint()),
            )
            document.undo_stack.undo()
            full_paint()
            column = model.columns[0]
            cell = [(leaves[run].id, column, Decimal(run + 1))]
            old = [(leaves[run].id, column, stored.of(leaves[run].id, column))]
            figures.time("orm edit", lambda cell=cell: orm_write(store, plan.id, cell))
            orm_write(store, plan.id, old)
        assert all(edit_paints), "an edit painted nothing"
        block = [[f"{r * 15 + c},5" for c in range(15)] for r in range(100)]
        shown = model.columns[:15]
        orm_block = [
            (line.id, column, Decimal(f"{r * 15 + c}.5"))
            for r, line in enumerate(leaves[:100])
            for c, column in enumerate(shown)
        ]
        orm_old = [(i, c, stored.of(i, c)) for i, c, _v in orm_block]
        for _run in range(args.runs):
            rows = [model.index_of(line.id) for line in leaves[:100]]  # after each reset
            start = model.index_of(leaves[0].id, 1)
            figures.time(
                "paste",
                lambda start=start, rows=rows: (
                    model.paste(block, start, rows),
                    app.processEvents(),
                ),
            )
            assert document.undo_stack.undoText() == "Paste amounts", "the paste was refused"
            figures.time("undo paste", lambda: (document.undo_stack.undo(), app.processEvents()))
            full_paint()
            figures.time("orm paste", lambda: orm_write(store, plan.id, orm_block))
            orm_write(store, plan.id, orm_old)
        editor.set_document(None)
        store.close()
    figures.report()
    print(f"edit: {statistics.median(edit_paints)} viewport paint(s) per edit")
    peak = peak_rss_mb()
    print(f"peak RSS {peak:.0f} MB")
    sys.stdout.flush()
    # As in bench_tree_filter: PySide6 6.12 aborts in the collector at interpreter
    # finalisation after these widgets (bool_dealloc); the figures are printed and
    # nothing is left to write, so leave without finalising.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
