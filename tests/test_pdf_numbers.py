"""Page numbers the PDF knows only after layout (contents, "page X of Y"), drawn as forms
defined at the end of the single layout pass: read back as page text they must be the
real pages, and the export's progress must run to the end in that one pass.

Skips where poppler's pdftotext is missing; CI installs poppler-utils."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from planner_app.exporting.pdf import export_pdf
from planner_app.services import plans
from planner_app.storage import PlanFile
from tests.test_pdf_export import flat, needs

pytestmark = needs("pdftotext")

ENTRY_END = re.compile(r"^(?P<text>.*?)[\s.]*?(?P<page>\d+)$")


def pages_text(pdf: Path, *, layout: bool = False) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


@pytest.fixture(scope="module")
def exported(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """The business plan (a contents of several pages) in Dutch, and its progress calls."""
    root = tmp_path_factory.mktemp("numbers")
    path = root / "demo.plan"
    shutil.copy2(demo_source, path)
    seen: list[tuple[int, int]] = []
    with PlanFile.open(path, readonly=True) as store:
        plan = plans.find_plan(store, "dkbuza-2025")
        export_pdf(
            store,
            plan.id,
            root / "plan.pdf",
            language="nl",
            progress=lambda done, total: seen.append((done, total)) or True,
        )
    return SimpleNamespace(pdf=root / "plan.pdf", progress=seen)


def test_contents_numbers_are_the_pages_of_the_headings(exported):
    layout = pages_text(exported.pdf, layout=True)
    plain = [flat(page) for page in pages_text(exported.pdf)]
    contents_pages = [n for n, page in enumerate(layout) if ". . . ." in page]
    assert contents_pages[0] == 1 and len(contents_pages) >= 2  # after the title page
    entries = []
    for n in contents_pages:
        for line in layout[n].splitlines():
            found = ENTRY_END.match(line.strip())
            if found and ". ." in line:
                entries.append((flat(found["text"].strip(" ."))[-40:], int(found["page"])))
    assert len(entries) >= 40
    numbers = [page for _text, page in entries]
    assert numbers == sorted(numbers)
    last_contents = contents_pages[-1] + 1
    for title_end, page in entries:
        assert last_contents < page <= len(plain)
        assert title_end in plain[page - 1], f"{title_end!r} not on page {page}"


def test_every_footer_says_page_x_of_the_real_page_count(exported):
    count = len(PdfReader(exported.pdf).pages)
    texts = pages_text(exported.pdf)
    assert len(texts) == count > 50
    for number, text in enumerate(texts, 1):
        assert f"Pagina {number} van {count}" in flat(text)


def test_contents_entries_link_to_their_headings_pages(exported):
    reader = PdfReader(exported.pdf)
    layout = pages_text(exported.pdf, layout=True)
    targets = set()
    for annot in reader.pages[1].get("/Annots") or []:
        dest = annot.get_object()["/Dest"]
        targets.add(reader.get_page_number(dest[0].get_object()) + 1)
    printed = {int(m[1]) for m in re.finditer(r"\. (\d+)\s*$", layout[1], re.M)}
    assert printed and printed <= targets


def test_outline_and_contents_links_are_kept(exported):
    reader = PdfReader(exported.pdf)

    def count(items) -> int:
        return sum(count(i) if isinstance(i, list) else 1 for i in items)

    assert count(reader.outline) >= 40
    assert all(reader.pages[n].get("/Annots") for n in (1, 2))  # the contents' links


def test_progress_runs_to_the_end_in_one_layout_pass(exported):
    done = [d for d, _total in exported.progress]
    assert all(total == 1000 for _d, total in exported.progress)
    assert done == sorted(done)
    assert done[-1] == 1000
    assert done[-2] >= 990  # the layout phase itself reaches the end of the bar


def test_the_objectives_are_made_as_layout_reaches_them(store, plan_id, tree):
    """Only the contents' headings exist before layout; each objective's text is made
    when layout comes to it, so a large plan is never all in memory at once."""
    from planner_app.exporting.pdf import plan_story
    from planner_app.exporting.pdf_doc import Heading, StoryStream, Ticker
    from planner_app.services import objectives

    objectives.update_objective(store, tree["i1"], description={"nl": "Beschrijving één"})
    story = plan_story(store, plan_id, language="nl", review=False, ticker=Ticker(None)).story
    streams = [f for f in story if isinstance(f, StoryStream)]
    assert len(streams) == 1 and streams[0].parts == 5
    assert [h.toc_plain for h in streams[0].headings if isinstance(h, Heading)] == [
        "SD 1 Eerste SD",
        "OD 1.1 OD",
        "SD 2 Tweede SD",
    ]
    assert not any("Beschrijving" in getattr(f, "text", "") for f in story)
    made = list(streams[0].flowables())
    assert any("Beschrijving één" in getattr(f, "text", "") for f in made)


def test_an_empty_part_does_not_end_a_stream(tmp_path):
    from reportlab.platypus import Spacer

    from planner_app.exporting.pdf_doc import PageMarks, PlanDocTemplate, StoryStream, Ticker

    later = Spacer(1, 1)
    stream = StoryStream(iter([[], [later]]), 2, [])
    marks = PageMarks(title="t", page_of="{page}/{pages}", version_line="v", watermark=None)
    doc = PlanDocTemplate(str(tmp_path / "x.pdf"), marks, Ticker(None))
    flowables: list = [stream]
    for _ in range(3):
        doc.filterFlowables(flowables)
    assert flowables == [later]
