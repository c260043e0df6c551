"""How fast and in how little memory a hostile or broken workbook is refused.

    python bench/bench_excel_bad_files.py [--runs 3]

Issue 6 asks that every bad file (not a zip, a zip that is not a workbook, a missing
sheet, a number cell holding text, too many rows, billion laughs, quadratic blowup,
XXE, zip bombs, 100,000 members) gets a clear error within 2 s and 200 MB, with the
plan unchanged. The files are the safety tests' own (``tests/hostile_workbooks.py``),
made from an export of the demo's ``ibz-2025-2029``; "too many rows" is a real sheet
of 250,001 rows, not a lowered limit. Each refusal runs in a fresh process importing
into a copy of the demo file, so its peak RSS is its own; the baseline is a process
that imports the same modules and refuses nothing (a file that does not exist).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from measure import peak_rss_mb  # noqa: E402

from planner_app.exporting.excel_limits import MAX_ROWS  # noqa: E402

MAX_SECONDS, MAX_MB = 2.0, 200


def log_size(store) -> int:
    """Rows in the change log: any write to the plan adds some."""
    from sqlalchemy import func, select

    from planner_app.domain import ChangeLogEntry

    with store.read() as s:
        return s.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0


def _child(plan: Path, bad: Path) -> None:
    """Import ``bad`` into ``plan``; print seconds, peak RSS, the refusal, and whether
    the plan file's change log is as before."""
    from planner_app.errors import PlannerError
    from planner_app.exporting.excel_import import import_xlsx
    from planner_app.exporting.excel_limits import WorkbookError
    from planner_app.runtime import tune_gc
    from planner_app.storage import PlanFile

    tune_gc()
    with PlanFile.open(plan, readonly=True) as store:
        before = log_size(store)
    start = time.perf_counter()
    message = "accepted"
    try:
        import_xlsx(plan, bad, plan_code="bench-import")
    except (WorkbookError, PlannerError) as err:
        message = str(err).splitlines()[-1].strip()
    seconds = time.perf_counter() - start
    with PlanFile.open(plan, readonly=True) as store:
        unchanged = log_size(store) == before
    peak = peak_rss_mb()
    print(json.dumps({"s": seconds, "mb": peak, "message": message, "unchanged": unchanged}))


def _make_files(folder: Path) -> tuple[Path, dict[str, Path]]:
    from openpyxl import load_workbook

    from planner_app.exporting.excel import export_xlsx
    from planner_app.services.demo import build_demo
    from planner_app.services.plans import list_plans
    from planner_app.storage import PlanFile
    from tests.hostile_workbooks import BAD_FILES, rows_over_the_limit

    plan = folder / "demo.plan"
    build_demo(plan)
    source = folder / "source.xlsx"
    with PlanFile.open(plan, readonly=True) as store:
        plan_id = next(p.id for p in list_plans(store) if p.code == "ibz-2025-2029")
        export_xlsx(store, plan_id, source, language="nl")
    files = {
        name: make(source, folder / f"bad-{n}.xlsx")
        for n, (name, (make, _w)) in enumerate(BAD_FILES.items())
    }
    wb = load_workbook(source)
    del wb[wb.sheetnames[2]]  # milestones
    wb.save(folder / "missing-sheet.xlsx")
    files["missing sheet"] = folder / "missing-sheet.xlsx"
    wb = load_workbook(source)
    ws = wb[wb.sheetnames[4]]  # budget
    column = [c.value for c in ws[1]].index("amt:2025:INI:VL") + 1
    ws.cell(row=6, column=column).value = "twelve"  # a line ("Statutair"), not a group
    wb.save(folder / "text-in-number.xlsx")
    files["number cell holding text"] = folder / "text-in-number.xlsx"
    files[f"{MAX_ROWS + 1:,} rows"] = rows_over_the_limit(
        source, folder / "rows.xlsx", rows=MAX_ROWS + 1
    )
    files["baseline: no such file"] = folder / "does-not-exist.xlsx"
    return plan, files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, type=Path, metavar=("PLAN", "XLSX"))
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return 0
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    worst_s = worst_mb = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plan, files = _make_files(folder)
        print(f"{'case':30} {'p50 ms':>8} {'p95 ms':>8} {'peak MB':>8}  unchanged  refusal")
        for name, bad in files.items():
            runs = []
            for _ in range(args.runs):
                copy = folder / "target.plan"
                shutil.copy2(plan, copy)
                done = subprocess.run(
                    [sys.executable, __file__, "--child", str(copy), str(bad)],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=env,
                )
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            ms = sorted(r["s"] * 1000 for r in runs)
            mb = max(r["mb"] for r in runs)
            if not name.startswith("baseline"):
                worst_s, worst_mb = max(worst_s, ms[-1] / 1000), max(worst_mb, mb)
            print(
                f"{name:30} {statistics.median(ms):8.0f} {ms[-1]:8.0f} {mb:8.0f}"
                f"  {all(r['unchanged'] for r in runs)!s:9}  {runs[-1]['message'][:70]}"
            )
    print(
        f"worst refusal {worst_s:.2f} s, {worst_mb:.0f} MB"
        f" (target within {MAX_SECONDS:.0f} s and {MAX_MB} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
