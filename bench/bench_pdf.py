"""Figures for the PDF plan document (not a test).

    python bench/bench_pdf.py [--runs 5] [--large FILE] [--large-runs 1] [--baseline DIR]

In one run: the PDF export of the demo plan (``ibz-2025-2029``), of the large generated
plan (``generate_large.py``; pass ``--large`` to reuse a file), and a bare platypus build
of the same paragraphs: the text and style of every Paragraph of our story (table cells
included) made into reportlab's own ``Paragraph`` and laid out once with
``SimpleDocTemplate``, without reading the plan and without tables, contents, footer or
page numbers. The export is timed from the plan file to the PDF, the bare build from the
paragraphs' texts to the PDF; the target's ratio is between those two. Making the
paragraphs is reportlab parsing their markup (ours skips that for plain text, see
``exporting/pdf_paragraph.py``), so the bare build's layout alone is printed as well,
with the export's ratio to it.

Each measurement runs in a fresh process (``--one``) so its peak RSS is its own. With
``--baseline DIR`` (a source tree of older code, e.g. ``git archive main | tar -x -C DIR``)
every export is also measured with that code, interleaved run by run with ours. The
LibreOffice comparison converts the demo plan's and the large plan's xlsx exports to PDF
("what users do today"; the large one takes over two minutes, ``--no-libreoffice-large``
skips it).

p95 is the nearest-rank percentile: with fewer than 20 runs it is the slowest run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
TARGET_DEMO_S = 1.0
TARGET_RATIO = 1.5


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _plan(store, code: str | None):
    from planner_app.services.plans import find_plan, list_plans

    return find_plan(store, code) if code else list_plans(store)[0]


def _paragraphs(story) -> list:
    """Every Paragraph of the story, table cells and kept-together blocks included."""
    from reportlab.platypus import KeepTogether, Paragraph, Table

    from planner_app.exporting.pdf_doc import StoryStream

    out = []
    for flowable in story:
        if isinstance(flowable, Paragraph):
            out.append(flowable)
        elif isinstance(flowable, Table):
            for row in flowable._cellvalues:
                for cell in row:
                    cells = cell if isinstance(cell, list | tuple) else [cell]
                    out += _paragraphs(cells)
        elif isinstance(flowable, KeepTogether):
            out += _paragraphs(flowable._content)
        elif isinstance(flowable, StoryStream):  # the objectives, made as layout goes
            out += _paragraphs(list(flowable.flowables()))
    return out


def one(kind: str, path: Path, code: str | None, out: Path) -> dict[str, float]:
    """Measure one export (cold, or ``warm`` after a first one) or bare build in this process."""
    from planner_app.exporting.pdf import export_pdf, plan_story
    from planner_app.exporting.pdf_doc import Ticker
    from planner_app.storage import PlanFile

    with PlanFile.open(path, readonly=True) as store:
        plan = _plan(store, code)
        language = plan.languages[0]
        if kind == "warm":  # a first export loads fonts, catalogues and locale data
            export_pdf(store, plan.id, out, language=language)
        start, cpu = time.perf_counter(), time.process_time()
        if kind in ("export", "warm"):
            export_pdf(store, plan.id, out, language=language)
        else:
            from reportlab.platypus import Paragraph, SimpleDocTemplate

            document = plan_story(
                store, plan.id, language=language, review=False, ticker=Ticker(None)
            )
            story_s = time.perf_counter() - start
            texts = [(p.text, p.style) for p in _paragraphs(document.story)]
            del document
            start, cpu = time.perf_counter(), time.process_time()
            paragraphs = [Paragraph(text, style) for text, style in texts]
            made, made_cpu = time.perf_counter(), time.process_time()
            SimpleDocTemplate(str(out)).build(paragraphs)
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"seconds": seconds, "cpu_seconds": cpu_seconds, "rss_mb": rss_mb}
    if kind == "bare":
        result["story_seconds"] = story_s
        result["paragraphs"] = len(paragraphs)
        result["layout_seconds"] = seconds - (made - start)
        result["layout_cpu_seconds"] = cpu_seconds - (made_cpu - cpu)
    if out.exists():
        result["pages"] = _pages(out)
    return result


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def measure(
    kind: str, path: Path, code: str | None, runs: int, tmp: Path, baseline: Path | None = None
) -> tuple[list[dict], list[dict]]:
    """``runs`` fresh-process measurements with this tree's code and, when ``baseline``
    is given, as many with that tree's, alternating (the machine's load hits both)."""
    ours: list[dict] = []
    theirs: list[dict] = []
    for n in range(runs):
        ours.append(_child(kind, path, code, tmp / f"{kind}-{n}.pdf", None))
        if baseline is not None:
            theirs.append(_child(kind, path, code, tmp / f"{kind}-{n}-base.pdf", baseline))
    return ours, theirs


def _child(kind: str, path: Path, code: str | None, out: Path, tree: Path | None) -> dict:
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    child = subprocess.run(
        [sys.executable, __file__, "--one", kind, str(path), code or "", str(out)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def _layout_only(results: list[dict]) -> list[dict]:
    """The bare runs' figures without making the paragraphs (reportlab parsing each)."""
    return [
        r | {"seconds": r["layout_seconds"], "cpu_seconds": r["layout_cpu_seconds"]}
        for r in results
    ]


def report(name: str, results: list[dict]) -> tuple[float, float]:
    """Print wall-clock p50/p95, CPU p50 and peak RSS; return (wall p50, CPU p50). On a
    shared machine the CPU time is the steadier figure for ratios."""
    seconds = [r["seconds"] for r in results]
    p50 = statistics.median(seconds)
    cpu = statistics.median(r["cpu_seconds"] for r in results)
    pages = results[-1].get("pages", "?")
    rss = max(r["rss_mb"] for r in results)
    print(
        f"{name:<30} p50 {p50 * 1000:8.0f} ms  p95 {percentile(seconds, 0.95) * 1000:8.0f} ms"
        f"  CPU p50 {cpu * 1000:8.0f} ms  peak RSS {rss:5.0f} MB  pages {pages}"
        f"  runs {len(seconds)}",
        flush=True,
    )
    return p50, cpu


def libreoffice(name: str, path: Path, code: str | None, tmp: Path) -> float:
    """Seconds for LibreOffice to turn the plan's xlsx export into a PDF ("what users
    do today"), or nan when it cannot run here."""
    label = f"LibreOffice xlsx -> PDF, {name}"
    try:
        from planner_app.exporting.excel import export_xlsx
    except ImportError:
        print(f"{label:<30} skipped: no Excel export on this branch")
        return math.nan
    soffice = shutil.which("soffice")
    if soffice is None:
        print(f"{label:<30} skipped: soffice not installed")
        return math.nan
    from planner_app.storage import PlanFile

    with PlanFile.open(path, readonly=True) as store:
        plan = _plan(store, code)
        xlsx = tmp / f"{name}.xlsx"
        export_xlsx(store, plan.id, xlsx, language=plan.languages[0])
    start = time.perf_counter()
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(xlsx)],
        capture_output=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    print(f"{label:<30} {seconds * 1000:8.0f} ms  (one run)", flush=True)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of the demo plan")
    parser.add_argument("--large", type=Path, help="a large plan file (else generated)")
    parser.add_argument("--large-runs", type=int, default=1)
    parser.add_argument("--baseline", type=Path, help="also measure the code in this tree")
    parser.add_argument(
        "--no-libreoffice-large",
        action="store_true",
        help="skip LibreOffice converting the large plan's xlsx (over two minutes)",
    )
    parser.add_argument("--one", nargs=4, metavar=("KIND", "FILE", "CODE", "OUT"))
    args = parser.parse_args()
    if args.one:
        kind, file, code, out = args.one
        print(json.dumps(one(kind, Path(file), code or None, Path(out))))
        return 0

    from planner_app.services.demo import build_demo

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        demo = build_demo(tmp / "demo.plan")
        large_path = args.large
        if large_path is None:
            sys.path.insert(0, str(BENCH))
            from generate_large import generate

            large_path = tmp / "large.plan"
            generate(large_path, method="bulk")
        base = args.baseline
        ours, theirs = measure("export", demo, "ibz-2025-2029", args.runs, tmp, base)
        demo_p50 = report("demo export (ibz-2025-2029)", ours)
        if theirs:
            report("  same, baseline code", theirs)
        ours, theirs = measure("warm", demo, "ibz-2025-2029", args.runs, tmp, base)
        report("demo export, warm process", ours)
        if theirs:
            report("  same, baseline code", theirs)
        bare = measure("bare", demo, "ibz-2025-2029", args.runs, tmp)[0]
        demo_bare = report("demo bare platypus", bare)
        demo_layout = report("  of which laying out", _layout_only(bare))
        large = large_bare = large_layout = (math.nan, math.nan)
        if args.large_runs:
            bare = measure("bare", large_path, None, args.large_runs, tmp)[0]
            large_bare = report("large bare platypus", bare)
            large_layout = report("  of which laying out", _layout_only(bare))
            ours, theirs = measure("export", large_path, None, args.large_runs, tmp, base)
            large = report("large export", ours)
            if theirs:
                report("  same, baseline code", theirs)
        libreoffice("demo", demo, "ibz-2025-2029", tmp)
        office = math.nan
        if args.large_runs and not args.no_libreoffice_large:
            office = libreoffice("large", large_path, None, tmp)
        print(
            f"\ndemo: {demo_p50[0]:.2f} s (target < {TARGET_DEMO_S} s), "
            f"{demo_p50[0] / demo_bare[0]:.1f}x its bare build (CPU {demo_p50[1]:.2f} s, "
            f"{demo_p50[1] / demo_bare[1]:.1f}x)"
        )
        print(f"       {demo_p50[0] / demo_layout[0]:.1f}x the bare build's layout alone")
        if not args.large_runs:
            return 0
        print(
            f"large: {large[0] / large_bare[0]:.2f}x its bare build, CPU "
            f"{large[1] / large_bare[1]:.2f}x (target {TARGET_RATIO}x)"
        )
        print(
            f"       {large[0] / large_layout[0]:.2f}x the bare build's layout alone, CPU "
            f"{large[1] / large_layout[1]:.2f}x"
        )
        if not math.isnan(office):
            print(f"       LibreOffice from the xlsx takes {office / large[0]:.1f}x the export")
    return 0


if __name__ == "__main__":
    sys.exit(main())
