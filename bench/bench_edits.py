"""What one edit costs, per edit kind, in the real window (not a test).

    QT_QPA_PLATFORM=offscreen python bench/bench_edits.py [--runs 5] [--baseline DIR]
    QT_QPA_PLATFORM=offscreen python bench/bench_edits.py --baseline-rev REV

Opens a copy of the demo file in the main window, builds every tab (so every pane
listens, as after a user has visited them), and makes each kind of edit the way a user
does (a cell typed in a table or the tree, a field typed and committed with Enter or by
leaving it), then its undo and redo. Per kind it prints:

* ``writes``: write transactions the edit opened (the edit itself should be one);
* ``reads``: read sessions opened by the edit and everything that answered it (views
  refreshing, counts, charts), until the event loop is idle again;
* ``ms``: the median wall time of the edit, from the user's commit until the event loop
  is idle (the repaint of a shown pane included); runs where no edit was made (the
  view had lost its current cell) are not timed;
* ``cursor``: whether the view's current cell (or the focused field and the pane's
  current rows) is the same after the edit, its undo and its redo.

With ``--baseline DIR`` (a source tree of older code, e.g. ``git archive REV | tar -x -C
DIR``; ``--baseline-rev REV`` makes one) every kind is also measured with that code in a
second process, on a copy of the same demo file, and both are printed side by side;
``--verbose`` names the service behind each read. A kind the older code cannot drive
(a widget it did not have) prints ``-``.
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
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent


# --- counting sessions -----------------------------------------------------------------


class SessionCounter:
    """Wraps a PlanFile's session factories: every real read or write session opened
    (nested ones join the outer session and are not opened) is counted, with the
    service function and the UI function that asked for it."""

    def __init__(self, store: Any) -> None:
        self.reads: list[str] = []
        self.writes: list[str] = []
        read, write = store._read_factory, store._write_factory

        def counted(factory: Callable[..., Any], into: list[str]) -> Callable[..., Any]:
            def make(*args: Any, **kwargs: Any) -> Any:
                into.append(_caller())
                return factory(*args, **kwargs)

            return make

        store._read_factory = counted(read, self.reads)
        if write is not None:
            store._write_factory = counted(write, self.writes)

    def reset(self) -> None:
        self.reads.clear()
        self.writes.clear()


def _caller() -> str:
    """``service <- ui`` for the frames that asked for a session."""
    frame = sys._getframe(2)
    service = ui = ""
    while frame is not None:
        name = frame.f_code.co_filename.replace(os.sep, "/")
        where = f"{Path(name).stem}.{frame.f_code.co_name}"
        if "planner_app/services/" in name or "planner_app/exporting/" in name:
            service = where
        elif "planner_app/ui/" in name and not ui:
            ui = where
        frame = frame.f_back
    return f"{service or '?'} <- {ui or '?'}"


# --- the edit kinds --------------------------------------------------------------------


@dataclass
class Kind:
    """One kind of edit: the plan and tab it happens on, how to get ready (select the
    row, focus the field), the edit itself (``n`` makes each run's value differ) and
    what the user's cursor is."""

    name: str
    plan: str
    tab: str
    prepare: Callable[[Any], None]
    act: Callable[[Any, int], None]
    cursor: Callable[[Any], Any]


def _idle(app: Any) -> None:
    for _ in range(3):
        app.processEvents()


def _settle() -> None:
    """Let the timers an edit started run (the language switch counts untranslated
    texts 600 ms after an edit): their reads are the edit's too."""
    from PySide6.QtTest import QTest

    QTest.qWait(800)


def _role_id(index: Any) -> Any:
    from PySide6.QtCore import Qt

    value = index.data(int(Qt.ItemDataRole.UserRole) + 1)
    return str(value) if value is not None else None


def view_cursor(view: Any) -> tuple:
    index = view.currentIndex()
    return (index.row(), index.column(), _role_id(index.siblingAtColumn(0)))


def set_current(view: Any, index: Any) -> None:
    from PySide6.QtCore import QItemSelectionModel

    view.setFocus()
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.scrollTo(index)


def focus_cursor(win: Any) -> tuple:
    from PySide6.QtWidgets import QApplication

    widget = QApplication.focusWidget()
    return (widget.objectName() if widget else None, win.tree.current_objective_id())


def type_line(widget: Any, text: str) -> None:
    """Type ``text`` into a focused line edit and press Enter."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    widget.setFocus()
    widget.setText(text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def type_text(widget: Any, text: str, commit: Callable[[], None]) -> None:
    """Type ``text`` into a plain-text field and leave it (``commit``: what focus-out
    does; offscreen windows do not always move focus)."""
    widget.setFocus()
    widget.setPlainText(text)
    commit()


def _page(win: Any, key: str) -> Any:
    return getattr(win, key)


def _objective_with(win: Any, want: Callable[[Any], bool]) -> Any:
    try:
        from planner_app.services.tree_read import load_tree
    except ImportError:  # the code before tree_read held it
        from planner_app.services.objectives import load_tree
    return next(n for n in load_tree(win.store, win.plan_id) if want(n))


def _detail(win: Any, objective_id: Any) -> Any:
    from planner_app.services.details import objective_detail

    return objective_detail(win.store, objective_id)


class Ids:
    """Ids the kinds work on, found once per plan (outside the measured part)."""

    initiative: Any = None
    with_indicator: Any = None


IDS = Ids()


def _select_initiative(win: Any) -> None:
    win.views.setCurrentWidget(win.splitter)
    if IDS.initiative is None:
        IDS.initiative = _objective_with(
            win, lambda n: n.level.value == "initiative" and n.milestones_total
        ).id
    win.select_objective(IDS.initiative)


def _tree_cell(win: Any, column: int) -> Any:
    _select_initiative(win)
    view = win.tree
    index = view.currentIndex().siblingAtColumn(column)
    set_current(view, index)
    return index


def _tree_title(win: Any, n: int) -> None:
    index = win.tree.currentIndex()
    win.tree.model().setData(index, f"Werf {n}")


def _tree_status(win: Any, n: int) -> None:
    index = win.tree.currentIndex()
    win.tree.model().setData(index, ("on_schedule", "done", "delayed")[n % 3])


def _editor_title_prepare(win: Any) -> None:
    _select_initiative(win)
    win.detail.title_edit.setFocus()


def _editor_description_prepare(win: Any) -> None:
    _select_initiative(win)
    win.detail.description_edit.setFocus()


def _milestone_prepare(win: Any) -> None:
    _select_initiative(win)
    table = win.detail.milestone_table
    set_current(table.view, table.model.index(0, 1))


def _milestone_act(win: Any, n: int) -> None:
    table = win.detail.milestone_table
    table.model.setData(table.view.currentIndex(), f"Mijlpaal {n}")


def _indicator_prepare(win: Any) -> None:
    win.views.setCurrentWidget(win.splitter)
    if IDS.with_indicator is None:
        for node in _objective_with_all(win):
            if _detail(win, node.id).indicators:
                IDS.with_indicator = node.id
                break
    if IDS.with_indicator is None:  # the demo has none: the user adds one first
        IDS.with_indicator = _objective_with_all(win)[0].id
        win.select_objective(IDS.with_indicator)
        win.detail.indicator_table.model.add_indicator("Bezoeken", "aantal")
    win.select_objective(IDS.with_indicator)
    table = win.detail.indicator_table
    set_current(table.view, table.model.index(0, table.model.columnCount() - 1))


def _objective_with_all(win: Any) -> list:
    try:
        from planner_app.services.tree_read import load_tree
    except ImportError:
        from planner_app.services.objectives import load_tree
    return load_tree(win.store, win.plan_id)


def _indicator_act(win: Any, n: int) -> None:
    table = win.detail.indicator_table
    table.model.setData(table.view.currentIndex(), str(10 + n))


def _budget_prepare(win: Any, column: int | None) -> None:
    editor = win.budget_editor
    win.views.setCurrentWidget(editor)
    model = editor.model
    leaf = next(
        model.index_of(info.id)
        for info in (model.totals.lines if model.totals else ())
        if not info.is_group
    )
    set_current(editor.view, leaf.siblingAtColumn(1 if column is None else column))


def _budget_act(win: Any, n: int) -> None:
    editor = win.budget_editor
    editor.model.setData(editor.view.currentIndex(), f"{100 + n},5")


def _staffing_prepare(win: Any) -> None:
    editor = win.staffing_editor
    win.views.setCurrentWidget(editor)
    model = editor.view.model()
    editor.view.expandAll()
    stack = [model.index(row, 0) for row in range(model.rowCount())]
    while stack:
        first = stack.pop(0)
        for column in range(1, model.columnCount()):
            index = first.siblingAtColumn(column)
            if model.flags(index) & _editable_flag():
                set_current(editor.view, index)
                return
        stack += [model.index(row, 0, first) for row in range(model.rowCount(first))]
    raise LookupError("no editable staffing cell")


def _editable_flag() -> Any:
    from PySide6.QtCore import Qt

    return Qt.ItemFlag.ItemIsEditable


def _staffing_act(win: Any, n: int) -> None:
    editor = win.staffing_editor
    editor.view.model().setData(editor.view.currentIndex(), f"{3 + n},5")


def _diversity(win: Any) -> Any:
    pane = win.diversity_pane
    win.views.setCurrentWidget(pane)
    return pane


def _diversity_cursor(win: Any) -> tuple:
    pane = win.diversity_pane
    return (
        focus_cursor(win)[0],
        pane.tabs.currentIndex(),
        view_cursor(pane.indicator_editor.view),
        view_cursor(pane.values_view),
        view_cursor(pane.pillar_editor.view),
        view_cursor(pane.objective_editor.view),
    )


def _diversity_field_prepare(win: Any) -> None:
    pane = _diversity(win)
    pane.tabs.setCurrentIndex(0)
    _diversity_rows(pane)
    pane.fields["contact_name"].setFocus()


def _diversity_rows(pane: Any) -> None:
    """Current rows in every table of the pane, not the first ones."""
    for editor in (pane.pillar_editor, pane.objective_editor, pane.indicator_editor):
        editor.select_row(min(1, editor.model.rowCount() - 1))


def _diversity_list_prepare(win: Any) -> None:
    pane = _diversity(win)
    pane.tabs.setCurrentIndex(1)
    _diversity_rows(pane)
    set_current(pane.pillar_editor.view, pane.pillars.index(1, 0))


def _diversity_list_act(win: Any, n: int) -> None:
    pane = win.diversity_pane
    pane.pillars.setData(pane.pillar_editor.view.currentIndex(), f"Pijler {n}")


def _diversity_value_prepare(win: Any, column: int) -> None:
    pane = _diversity(win)
    pane.tabs.setCurrentIndex(3)
    _diversity_rows(pane)
    set_current(pane.values_view, pane.values.index(pane.values.rowCount() - 1, column))


def _diversity_value_act(win: Any, n: int) -> None:
    pane = win.diversity_pane
    pane.values.setData(pane.values_view.currentIndex(), f"{40 + n},5")


def _diversity_name_prepare(win: Any) -> None:
    pane = _diversity(win)
    pane.tabs.setCurrentIndex(3)
    _diversity_rows(pane)
    set_current(pane.indicator_editor.view, pane.indicators.index(1, 0))


def _diversity_name_act(win: Any, n: int) -> None:
    pane = win.diversity_pane
    pane.indicators.setData(pane.indicator_editor.view.currentIndex(), f"Indicator {n}")


def _plan_pane(win: Any, page: int) -> Any:
    pane = win.plan_pane
    win.views.setCurrentWidget(pane)
    pane.show_page(page)
    return pane


def _plan_title_prepare(win: Any) -> None:
    _plan_pane(win, 0).properties.title_edit.setFocus()


def _chapter_prepare(win: Any) -> None:
    chapters = _plan_pane(win, 1).chapters
    chapters.set_current_row(1)
    chapters.body_edit.setFocus()


def _chapter_act(win: Any, n: int) -> None:
    chapters = win.plan_pane.chapters
    type_text(chapters.body_edit, f"Hoofdstuk {n}", chapters.commit_pending)


def _communication_prepare(win: Any) -> None:
    chapters = _plan_pane(win, 1).chapters
    for row in range(chapters.chapter_list.topLevelItemCount()):
        chapters.set_current_row(row)
        if chapters.communication.rowCount():
            set_current(chapters.communication_view, chapters.communication.index(0, 1))
            return
    raise LookupError("no communication plan with rows")


def _communication_act(win: Any, n: int) -> None:
    chapters = win.plan_pane.chapters
    chapters.communication.setData(chapters.communication_view.currentIndex(), f"Publiek {n}")


def _unit_prepare(win: Any) -> None:
    page = _plan_pane(win, 2).units
    index = page.model.index(1, 0, page.model.index(0, 0))
    if not index.isValid():
        index = page.model.index(0, 0)
    set_current(page.view, index)


def _unit_act(win: Any, n: int) -> None:
    page = win.plan_pane.units
    page.model.setData(page.view.currentIndex(), f"Dienst {n}")


def _signatory_prepare(win: Any) -> None:
    page = _plan_pane(win, 3).signatories
    set_current(page.view, page.model.index(1, 1))


def _signatory_act(win: Any, n: int) -> None:
    page = win.plan_pane.signatories
    page.model.setData(page.view.currentIndex(), f"Naam {n}")


DK, IBZ = "dkbuza-2025", "ibz-2025-2029"

KINDS = [
    Kind(
        "objective title (editor)",
        DK,
        "tree",
        _editor_title_prepare,
        lambda w, n: type_line(w.detail.title_edit, f"Titel {n}"),
        focus_cursor,
    ),
    Kind(
        "objective title (F2 in the tree)",
        DK,
        "tree",
        lambda w: _tree_cell(w, 1),
        _tree_title,
        lambda w: view_cursor(w.tree),
    ),
    Kind(
        "objective status (tree)",
        DK,
        "tree",
        lambda w: _tree_cell(w, 2),
        _tree_status,
        lambda w: view_cursor(w.tree),
    ),
    Kind(
        "objective description (editor)",
        DK,
        "tree",
        _editor_description_prepare,
        lambda w, n: type_text(w.detail.description_edit, f"Tekst {n}", w.detail.commit_pending),
        focus_cursor,
    ),
    Kind(
        "milestone text",
        DK,
        "tree",
        _milestone_prepare,
        _milestone_act,
        lambda w: (view_cursor(w.detail.milestone_table.view), view_cursor(w.tree)),
    ),
    Kind(
        "objective indicator value",
        IBZ,
        "tree",
        _indicator_prepare,
        _indicator_act,
        lambda w: (view_cursor(w.detail.indicator_table.view), view_cursor(w.tree)),
    ),
    Kind(
        "budget amount",
        IBZ,
        "budget",
        lambda w: _budget_prepare(w, None),
        _budget_act,
        lambda w: view_cursor(w.budget_editor.view),
    ),
    Kind(
        "budget line title",
        IBZ,
        "budget",
        lambda w: _budget_prepare(w, 0),
        lambda w, n: w.budget_editor.model.setData(
            w.budget_editor.view.currentIndex(), f"Lijn {n}"
        ),
        lambda w: view_cursor(w.budget_editor.view),
    ),
    Kind(
        "staffing figure",
        IBZ,
        "staffing",
        _staffing_prepare,
        _staffing_act,
        lambda w: view_cursor(w.staffing_editor.view),
    ),
    Kind(
        "diversity field",
        DK,
        "diversity",
        _diversity_field_prepare,
        lambda w, n: type_line(w.diversity_pane.fields["contact_name"], f"Contact {n}"),
        _diversity_cursor,
    ),
    Kind(
        "diversity pillar text",
        DK,
        "diversity",
        _diversity_list_prepare,
        _diversity_list_act,
        _diversity_cursor,
    ),
    Kind(
        "diversity indicator name",
        DK,
        "diversity",
        _diversity_name_prepare,
        _diversity_name_act,
        _diversity_cursor,
    ),
    Kind(
        "diversity target",
        DK,
        "diversity",
        lambda w: _diversity_value_prepare(w, 2),
        _diversity_value_act,
        _diversity_cursor,
    ),
    Kind(
        "plan title",
        IBZ,
        "plan",
        _plan_title_prepare,
        lambda w, n: type_line(w.plan_pane.properties.title_edit, f"Plan {n}"),
        focus_cursor,
    ),
    Kind(
        "chapter text",
        IBZ,
        "plan",
        _chapter_prepare,
        _chapter_act,
        lambda w: (focus_cursor(w)[0], w.plan_pane.chapters.current_row()),
    ),
    Kind(
        "communication row cell",
        IBZ,
        "plan",
        _communication_prepare,
        _communication_act,
        lambda w: (
            view_cursor(w.plan_pane.chapters.communication_view),
            w.plan_pane.chapters.current_row(),
        ),
    ),
    Kind(
        "unit name",
        IBZ,
        "plan",
        _unit_prepare,
        _unit_act,
        lambda w: view_cursor(w.plan_pane.units.view),
    ),
    Kind(
        "signatory name",
        IBZ,
        "plan",
        _signatory_prepare,
        _signatory_act,
        lambda w: view_cursor(w.plan_pane.signatories.view),
    ),
]


# --- one process: every kind with one tree's code ---------------------------------------


def run_all(demo: Path, runs: int, only: str | None) -> dict[str, dict]:
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication, QMessageBox

    QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance() or QApplication([])

    def no_box(_parent: Any, _title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"a message box: {text}")

    for name in ("critical", "warning", "question", "information"):
        setattr(QMessageBox, name, no_box)
    from planner_app.services.plans import list_plans
    from planner_app.storage import PlanFile

    try:
        from planner_app.ui.main_window import MainWindow
    except ImportError:  # pragma: no cover - an older layout
        from planner_app.ui.window import MainWindow  # type: ignore[no-redef]

    out: dict[str, dict] = {}
    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    win.activateWindow()
    store = PlanFile.open(demo)
    counter = SessionCounter(store)
    win.set_plan_file(store)
    ids = {p.code: p.id for p in list_plans(store)}
    shown_plan = None
    for kind in KINDS:
        if only and only not in kind.name:
            continue
        try:
            if kind.plan != shown_plan:
                win.show_plan(ids[kind.plan])
                shown_plan = kind.plan
                IDS.initiative = IDS.with_indicator = None
                for tab in range(win.views.count()):  # every pane listens from now on
                    win.views.setCurrentIndex(tab)
                    _idle(app)
            kind.prepare(win)
            _idle(app)
            out[kind.name] = measure_kind(app, win, counter, kind, runs)
        except Exception as err:  # a kind this tree's code cannot drive
            out[kind.name] = {"error": f"{type(err).__name__}: {err}"}
            if os.environ.get("BENCH_TRACE"):
                traceback.print_exc()
    win.close()
    return out


def measure_kind(app: Any, win: Any, counter: SessionCounter, kind: Kind, runs: int) -> dict:
    stack = win.document.undo_stack
    before = kind.cursor(win)
    times: list[float] = []
    first: dict[str, Any] = {}
    kept = True
    heard: list[object] = []
    win.document.changed.connect(heard.append)
    for n in range(runs):
        counter.reset()
        heard.clear()
        depth = stack.count()
        start = time.perf_counter()
        kind.act(win, n + 1)
        _idle(app)
        if heard:  # an edit that was not made (the cursor lost its cell) is not timed
            times.append((time.perf_counter() - start) * 1000)
        if n == 0:
            _settle()  # what answers later (a count after a pause) is the edit's too
            if stack.count() == depth:
                raise RuntimeError("the edit made no undo step")
            first = {"writes": len(counter.writes), "reads": list(counter.reads)}
            kept &= kind.cursor(win) == before
            counter.reset()
            stack.undo()
            _idle(app)
            _settle()
            first["undo_reads"] = len(counter.reads)
            kept &= kind.cursor(win) == before
            counter.reset()
            stack.redo()
            _idle(app)
            _settle()
            first["redo_reads"] = len(counter.reads)
            kept &= kind.cursor(win) == before
    return {
        "writes": first["writes"],
        "reads": len(first["reads"]),
        "callers": first["reads"],
        "undo_reads": first["undo_reads"],
        "redo_reads": first["redo_reads"],
        "ms": statistics.median(times) if times else float("nan"),
        "cursor": kept,
        "cursor_at": repr(before),
    }


# --- both trees, side by side ----------------------------------------------------------


def child(demo: Path, runs: int, only: str | None, tree: Path | None, tmp: Path) -> dict:
    copy = tmp / f"edit-{'base' if tree else 'ours'}.plan"
    shutil.copy2(demo, copy)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["PLANNER_APP_DATA_DIR"] = str(tmp / "data")
    env["PLANNER_LANG"] = "en"
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    args = [sys.executable, __file__, "--one", str(copy), "--runs", str(runs)]
    if only:
        args += ["--only", only]
    result = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the {'baseline' if tree else 'current'} run failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _cell(result: dict | None) -> str:
    if result is None or "error" in result:
        return f"{'-':>6} {'-':>5} {'-':>7} {'-':>6}"
    return (
        f"{result['writes']:>6} {result['reads']:>5} {result['ms']:>7.1f} "
        f"{'yes' if result['cursor'] else 'NO':>6}"
    )


def report(ours: dict, base: dict | None, verbose: bool) -> bool:
    head = f"{'writes':>6} {'reads':>5} {'ms':>7} {'cursor':>6}"
    print(f"{'edit kind':<34} {head}" + (f"   | baseline: {head}" if base is not None else ""))
    done = True
    for name, result in ours.items():
        line = f"{name:<34} {_cell(result)}"
        if base is not None:
            line += f"   |           {_cell(base.get(name))}"
        print(line)
        if "error" in result:
            print(f"    could not drive it: {result['error']}")
            done = False
            continue
        done &= result["writes"] == 1 and result["reads"] <= 2 and result["cursor"]
        if verbose:
            for caller, count in Counter(result["callers"]).most_common():
                print(f"    {count} x {caller}")
            if base is not None and name in base and "callers" in base[name]:
                print("    baseline:")
                for caller, count in Counter(base[name]["callers"]).most_common():
                    print(f"      {count} x {caller}")
    print(
        "every kind: 1 write, <= 2 reads, cursor kept"
        if done
        else "NOT every kind is at 1 write, <= 2 reads, cursor kept"
    )
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="also measure the code in this tree")
    parser.add_argument("--baseline-rev", help="git archive this revision and measure it too")
    parser.add_argument("--only", help="only the kinds whose name holds this text")
    parser.add_argument("--verbose", action="store_true", help="name the service of each read")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_all(args.one, args.runs, args.only)))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        baseline = args.baseline
        if args.baseline_rev:
            baseline = tmp / "baseline"
            baseline.mkdir()
            archive = subprocess.run(
                ["git", "-C", str(REPO), "archive", args.baseline_rev],
                capture_output=True,
                check=True,
            )
            subprocess.run(["tar", "-x", "-C", str(baseline)], input=archive.stdout, check=True)
        os.environ["PLANNER_APP_DATA_DIR"] = str(tmp / "data")
        from planner_app.services.demo import build_demo

        demo = build_demo(tmp / "demo.plan")
        print(f"load average {os.getloadavg()[0]:.2f}; {args.runs} runs per kind")
        ours = child(demo, args.runs, args.only, None, tmp)
        base = child(demo, args.runs, args.only, baseline, tmp) if baseline else None
        report(ours, base, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
