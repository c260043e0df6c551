"""``planner-app --self-test``: an installed build proves it can do its work.

It writes the demo plans to a temporary folder, opens the strategic plan in the main
window and paints it (offscreen unless a display is chosen), exports it to a workbook
and a PDF, and reads both back: the workbook imports again (dry run) and the PDF
carries the plan's fingerprint; then it prints that PDF through Qt's print path (QtPdf
renders the pages) to a PDF file with as many pages. One line per check; exit 0 when
all pass, 1 when one fails. Nothing outside the temporary folder is written, so an
installer or a user can run it anywhere.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

SELF_TEST_PLAN = "ibz-2025-2029"


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="planner-self-test-") as folder:
        # settings and backups of the test go to the temporary folder, not the user's
        os.environ["PLANNER_APP_DATA_DIR"] = str(Path(folder) / "data")
        os.environ["PLANNER_APP_DOCUMENTS_DIR"] = str(Path(folder) / "documents")
        return _checks(Path(folder))


def _checks(folder: Path) -> int:
    from planner_app import __version__

    print(f"planner-app {__version__} self-test in {folder}")
    state: dict[str, object] = {}
    steps: list[tuple[str, Callable[[], str]]] = [
        ("demo plan", lambda: _demo(folder, state)),
        ("main window", lambda: _window(state)),
        ("Excel export and import", lambda: _excel(folder, state)),
        ("PDF export and fingerprint", lambda: _pdf(folder, state)),
        ("printing (QtPdf)", lambda: _print(folder)),
    ]
    failed = 0
    try:
        for name, step in steps:
            started = time.perf_counter()
            try:
                detail = step()
            except Exception as err:  # a self-test reports every failure, then goes on
                failed += 1
                print(f"FAIL {name}: {err}")
                traceback.print_exc(file=sys.stderr)
                if name in ("demo plan", "main window"):
                    break  # the rest needs these
                continue
            elapsed = (time.perf_counter() - started) * 1000
            print(f"ok   {name}: {detail} ({elapsed:.0f} ms)")
    finally:
        store = state.get("store")
        if store is not None:
            store.close()  # type: ignore[attr-defined]
    print("self-test passed" if not failed else f"self-test FAILED ({failed} check(s))")
    return 1 if failed else 0


def _demo(folder: Path, state: dict[str, object]) -> str:
    from planner_app.services.demo import build_demo
    from planner_app.services.plans import find_plan
    from planner_app.storage import PlanFile

    path = build_demo(folder / "demo.plan")
    store = PlanFile.open(path)
    state["store"] = store
    state["plan"] = find_plan(store, SELF_TEST_PLAN)
    return str(path.name)


def _window(state: dict[str, object]) -> str:
    from planner_app.app import _application
    from planner_app.ui.main_window import MainWindow

    app = _application()
    window = MainWindow()
    state["window"] = window
    plan = state["plan"]
    window.set_plan_file(state["store"], plan.id)  # type: ignore[arg-type, attr-defined]
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    image = window.grab()
    count = window.tree.tree_model.objective_count()
    if image.isNull() or count == 0:
        raise RuntimeError(f"the window did not paint the plan ({count} objectives)")
    window.hide()
    return f"{count} objectives shown, {image.width()}x{image.height()} painted"


def _excel(folder: Path, state: dict[str, object]) -> str:
    from planner_app.exporting.excel import export_xlsx
    from planner_app.exporting.excel_import import import_xlsx

    plan = state["plan"]
    out = folder / "plan.xlsx"
    export_xlsx(state["store"], plan.id, out, language=plan.languages[0])  # type: ignore[arg-type, attr-defined]
    result = import_xlsx(folder / "imported.plan", out, dry_run=True)
    return f"{out.stat().st_size:,} bytes; reads back as plan {result.code}"


def _pdf(folder: Path, state: dict[str, object]) -> str:
    from planner_app.exporting.pdf import export_pdf
    from planner_app.exporting.pdf_stamp import read_fingerprint
    from planner_app.services.fingerprint import current_fingerprint

    plan = state["plan"]
    store = state["store"]
    out = folder / "plan.pdf"
    export_pdf(store, plan.id, out, language=plan.languages[0])  # type: ignore[arg-type, attr-defined]
    printed = read_fingerprint(out)
    expected = current_fingerprint(store, plan.id)  # type: ignore[arg-type, attr-defined]
    if printed != expected:
        raise RuntimeError(f"the PDF prints fingerprint {printed}, the plan has {expected}")
    return f"{out.stat().st_size:,} bytes; fingerprint {expected[:16]}…"


def _print(folder: Path) -> str:
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from planner_app.ui.files.printing import PRINT_DPI, paint_pdf

    source, out = folder / "plan.pdf", folder / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    paint_pdf(printer, source, max_dpi=PRINT_DPI // 2)
    pages, printed = len(PdfReader(source).pages), len(PdfReader(out).pages)
    if printed != pages:
        raise RuntimeError(f"{printed} pages printed of {pages}")
    return f"{printed} pages printed"
