"""Excel export and import of the large generated plan, against a bare openpyxl dump.

    python bench/bench_excel.py [--plan /tmp/large-excel.plan] [--runs 3]

Each measurement runs in its own process so its peak RSS is its own:

* export: ``export_xlsx`` of the whole plan (reading the plan file included);
* bare: the same cell values, read once (not timed), dumped by a plain write-only
  openpyxl loop with no styles, outline or safety (the floor openpyxl allows);
* import: ``import_xlsx`` of the exported workbook into an empty plan file.

Prints p50/p95 of each over the runs, the export/bare ratio and the peak RSS. The plan
is made once with ``bench/generate_large.py --method bulk`` when missing (~1 minute).
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

from measure import peak_rss_mb

ROOT = Path(__file__).resolve().parents[1]


def _plan_id(store):
    from planner_app.services.plans import list_plans

    return list_plans(store)[0].id


def phase_export(plan: Path, out: Path) -> float:
    from planner_app.exporting.excel import export_xlsx
    from planner_app.storage import PlanFile

    with PlanFile.open(plan, readonly=True) as store:
        plan_id = _plan_id(store)
        start = time.perf_counter()
        export_xlsx(store, plan_id, out, language="nl")
        return time.perf_counter() - start


def phase_bare(plan: Path, out: Path) -> float:
    from openpyxl import Workbook

    from planner_app.exporting.excel import collect_sheets
    from planner_app.exporting.report import ExportReport
    from planner_app.storage import PlanFile

    with PlanFile.open(plan, readonly=True) as store:
        sheets = collect_sheets(store, _plan_id(store), ExportReport("nl"))
    start = time.perf_counter()
    wb = Workbook(write_only=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.key)
        ws.append([c.key for c in sheet.columns])
        ws.append([c.label for c in sheet.columns])
        for row in sheet.rows:
            ws.append(row)
    wb.save(out)
    return time.perf_counter() - start


def phase_import(source: Path, empty: Path) -> float:
    from planner_app.exporting.excel_import import import_xlsx

    target = source.with_suffix(".plan")
    shutil.copy2(empty, target)
    start = time.perf_counter()
    import_xlsx(target, source)
    elapsed = time.perf_counter() - start
    target.unlink()
    return elapsed


def _child(args: argparse.Namespace) -> None:
    from planner_app.runtime import tune_gc

    tune_gc()  # as the CLI and the GUI do at start-up; the bare dump gets it too
    if args.phase == "export":
        seconds = phase_export(args.plan, args.out)
    elif args.phase == "bare":
        seconds = phase_bare(args.plan, args.out)
    else:
        seconds = phase_import(args.out, args.empty)
    print(json.dumps({"seconds": seconds, "rss_mb": peak_rss_mb()}))


def _run(phase: str, plan: Path, out: Path, empty: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--phase",
            phase,
            "--plan",
            str(plan),
            "--out",
            str(out),
            "--empty",
            str(empty),
        ],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _p(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan", type=Path, default=Path("/tmp/large-excel.plan"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--phase", choices=("export", "bare", "import"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--empty", type=Path)
    parser.add_argument(
        "--skip-import", action="store_true", help="export and bare dump only (faster)"
    )
    args = parser.parse_args()
    if args.phase:
        _child(args)
        return 0
    if not args.plan.exists():
        subprocess.run(
            [sys.executable, ROOT / "bench" / "generate_large.py", args.plan, "--method", "bulk"],
            check=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
    results: dict[str, list[dict]] = {"export": [], "bare": [], "import": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sys.path.insert(0, str(ROOT))
        from planner_app.storage import PlanFile

        empty = folder / "empty.plan"
        PlanFile.create(empty).close()
        for run in range(args.runs):
            for phase in ("export", "bare") if args.skip_import else tuple(results):
                out = folder / ("bare.xlsx" if phase == "bare" else "plan.xlsx")
                results[phase].append(_run(phase, args.plan, out, empty))
                print(f"run {run + 1} {phase}: {results[phase][-1]['seconds']:.2f} s", flush=True)
        size = (folder / "plan.xlsx").stat().st_size / 1e6
    print(f"\n{args.plan.name}, {args.runs} run(s); workbook {size:.1f} MB")
    print(f"{'':8} {'p50 s':>8} {'p95 s':>8} {'peak RSS MB':>12}")
    for phase, runs in results.items():
        if not runs:
            continue
        seconds = [r["seconds"] for r in runs]
        rss = max(r["rss_mb"] for r in runs)
        print(f"{phase:8} {_p(seconds, 50):8.2f} {_p(seconds, 95):8.2f} {rss:12.0f}")
    ratio = _p([r["seconds"] for r in results["export"]], 50) / _p(
        [r["seconds"] for r in results["bare"]], 50
    )
    print(f"export / bare dump (p50): {ratio:.2f}x (target <= 2x, and export < 5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
