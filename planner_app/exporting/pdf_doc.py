"""The page machinery of the plan document: A4 portrait and landscape page templates,
the draft watermark, the footer on every page and the table of contents' notifications.

The table of contents needs page numbers, so the story is built with ``multiBuild`` (two
passes); "page X of Y" takes Y from the previous pass (``PageCount``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.flowables import CondPageBreak

from planner_app.exporting.pdf_fonts import BASE_FONT, register_fonts
from planner_app.exporting.pdf_styles import MUTED, RULE
from planner_app.exporting.pdf_watermark import draw_watermark
from planner_app.exporting.report import ExportCancelledError, Progress

PORTRAIT = "portrait"
LANDSCAPE = "landscape"
MARGIN = 20 * mm
FOOTER_SPACE = 14 * mm


@dataclass(frozen=True)
class PageMarks:
    """What every page shows besides the story (plain text, drawn on the canvas)."""

    title: str
    page_of: str  # "Page {page} of {pages}" in the document's language
    version_line: str  # "Version 1 · Fingerprint (SHA-256) 3f2a…"
    watermark: str | None  # "DRAFT" while the plan is a draft


class Heading(Paragraph):
    """A heading that goes into the table of contents and the PDF outline.

    ``markup`` is the escaped text the contents list shows (never user markup);
    ``plain`` is the outline's text. ``level`` None keeps it out of both."""

    def __init__(
        self, markup: str, style, *, plain: str, level: int | None, key: str | None = None
    ) -> None:
        super().__init__(markup, style)
        self.toc_markup = markup
        self.toc_plain = plain
        self.toc_level = level
        self.toc_key = key


class Ticker:
    """Reports work to a ``Progress`` callback as ``(done, 1000)`` over phases (building
    the story, then laying it out); a False answer cancels the export."""

    SCALE = 1000

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self._start, self._end, self._units, self._done = 0, self.SCALE, 1, 0

    def phase(self, start: float, end: float, units: int) -> None:
        """The next ``units`` ticks move the bar from ``start`` to ``end`` (fractions)."""
        self._start, self._end = int(start * self.SCALE), int(end * self.SCALE)
        self._units, self._done = max(units, 1), 0

    def tick(self, steps: int = 1) -> None:
        self._done = min(self._done + steps, self._units)
        done = self._start + (self._end - self._start) * self._done // self._units
        if (
            self.progress is not None
            and self.progress(min(done, self.SCALE - 1), self.SCALE) is False
        ):
            raise ExportCancelledError

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.SCALE, self.SCALE)


def _footer(canvas: Canvas, marks: PageMarks, page: int, pages: int) -> None:
    width, _height = canvas._pagesize
    y = 12 * mm
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, y + 7 * mm, width - MARGIN, y + 7 * mm)
    canvas.setFillColor(MUTED)
    canvas.setFont(BASE_FONT, 7.5)
    title = marks.title if len(marks.title) <= 110 else marks.title[:107] + "…"
    canvas.drawString(MARGIN, y + 3.5 * mm, title)
    canvas.drawRightString(
        width - MARGIN, y + 3.5 * mm, marks.page_of.format(page=page, pages=pages)
    )
    canvas.setFont(BASE_FONT, 6.5)
    canvas.drawString(MARGIN, y, marks.version_line)
    canvas.restoreState()


class PageCount(Flowable):
    """A zero-size flowable at the story's end that counts a pass's pages, so the next
    pass prints "of Y"; ``multiBuild`` repeats until the count holds (with the contents
    that is the second pass). Cheaper than keeping every page until the count is known."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.last = -1

    def isIndexing(self) -> bool:
        return True

    def beforeBuild(self) -> None:
        self.last = self.count

    def afterBuild(self) -> None:
        pass

    def isSatisfied(self) -> bool:
        return self.count == self.last

    def notify(self, _kind: str, _stuff: object) -> None:
        pass  # multiBuild tells every indexing flowable about contents entries

    def wrap(self, _width: float, _height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.count = self.canv.getPageNumber()


def _decorate(marks: PageMarks, pages: PageCount) -> Callable[[Canvas, BaseDocTemplate], None]:
    """What every page shows besides the story: the watermark (drafts), the footer."""

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if marks.watermark:
            draw_watermark(canvas, marks.watermark)
        _footer(canvas, marks, doc.page, pages.last)

    return draw


class PlanDocTemplate(BaseDocTemplate):
    """A4 document with a portrait and a landscape page template; runs on the caller's
    thread and reports each laid-out flowable to its ``Ticker``."""

    def __init__(
        self, filename: str, marks: PageMarks, ticker: Ticker, pages: PageCount, **meta: str
    ) -> None:
        register_fonts()
        super().__init__(
            filename,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + FOOTER_SPACE / 2,
            initialFontName=BASE_FONT,
            invariant=1,
            creator="planner-app",
            **meta,
        )
        self.ticker = ticker
        on_page = _decorate(marks, pages)
        templates = []
        for name, size in ((PORTRAIT, A4), (LANDSCAPE, landscape(A4))):
            width, height = size
            frame = Frame(
                MARGIN,
                MARGIN + FOOTER_SPACE / 2,
                width - 2 * MARGIN,
                height - 2 * MARGIN - FOOTER_SPACE / 2,
                id=name,
            )
            templates.append(PageTemplate(name, frames=[frame], pagesize=size, onPage=on_page))
        self.addPageTemplates(templates)

    def afterFlowable(self, flowable: Flowable) -> None:
        self.ticker.tick()
        if isinstance(flowable, Heading) and flowable.toc_level is not None:
            key = flowable.toc_key or f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.toc_plain, key, flowable.toc_level, closed=True)
            self.notify("TOCEntry", (flowable.toc_level, flowable.toc_markup, self.page, key))


def presize_contents(toc, story: list[Flowable], pages: int = 888) -> int:
    """Give the contents its final entries (with a stand-in page number) before the first
    layout pass, so that pass already has the contents' real length and the second pass
    only fills in page numbers: two passes instead of three for ``multiBuild``. Returns
    the number of entries."""
    toc._entries = [
        (f.toc_level, f.toc_markup, pages, f.toc_key)
        for f in story
        if isinstance(f, Heading) and f.toc_level is not None
    ]
    return len(toc._entries)


def keep_space(height_mm: float) -> CondPageBreak:
    """Start a new page unless ``height_mm`` is left (keeps a heading off a page's foot)."""
    return CondPageBreak(height_mm * mm)
