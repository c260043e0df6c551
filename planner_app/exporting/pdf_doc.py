"""The page machinery of the plan document: A4 portrait and landscape page templates,
the draft watermark, the footer on every page and the table of contents' notifications.

The contents' page numbers and the footers' "of Y" are known only after layout; they are
drawn as forms defined at the end (``pdf_numbers``), so the story is laid out once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
)
from reportlab.platypus.flowables import CondPageBreak

from planner_app.exporting.pdf_fonts import BASE_FONT, BOLD_FONT, register_fonts
from planner_app.exporting.pdf_numbers import (
    FooterStyle,
    FormContents,
    LateNumbers,
    numbered_canvas,
)
from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_styles import MUTED, RULE
from planner_app.exporting.pdf_watermark import draw_watermark
from planner_app.exporting.report import ExportCancelledError, Progress

PORTRAIT = "portrait"
LANDSCAPE = "landscape"
MARGIN = 20 * mm
WARNING = colors.Color(0.7, 0.05, 0.05)
FOOTER_SPACE = 14 * mm
FRAME_PADDING = 6  # points: reportlab's Frame default on each side
TEXT_WIDTH = A4[0] - 2 * MARGIN - 2 * FRAME_PADDING  # a portrait page's room for a table
LANDSCAPE_TEXT_WIDTH = A4[1] - 2 * MARGIN - 2 * FRAME_PADDING


@dataclass(frozen=True)
class PageMarks:
    """What every page shows besides the story (plain text, drawn on the canvas)."""

    title: str
    page_of: str  # "Page {page} of {pages}" in the document's language
    version_line: str  # "Version 1 · Fingerprint (SHA-256) 3f2a…"
    watermark: str | None  # "DRAFT" while the plan is a draft
    # A final or signed plan whose content differs from what was fixed: said at the top
    # of every page, in red.
    warning: str | None = None


class Heading(DocParagraph):
    """A heading that goes into the table of contents and the PDF outline.

    ``markup`` is the escaped text the contents list shows (never user markup);
    ``plain`` is the outline's text. ``level`` None keeps it out of both."""

    def __init__(
        self,
        markup: str | None,
        style=None,
        bulletText=None,  # noqa: N803 (reportlab's name: ``split`` makes parts with it)
        frags=None,
        *,
        plain: str = "",
        level: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(markup, style, bulletText, frags)
        self.toc_markup = markup
        self.toc_plain = plain
        self.toc_level = level
        self.toc_key = key

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """A title too long for the room left (titles may have 1,000 characters) breaks
        across the page: its first part is the heading the contents and outline point
        to, the rest goes into neither."""
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and all(isinstance(p, Heading) for p in parts):
            first, rest = parts
            first.toc_markup, first.toc_plain = self.toc_markup, self.toc_plain
            first.toc_level, first.toc_key = self.toc_level, self.toc_key
            rest.toc_level = None
        return parts


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


def _footer(canvas: Canvas, marks: PageMarks, page: int, numbers: LateNumbers) -> None:
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
    numbers.draw_page_of(canvas, width - MARGIN, y + 3.5 * mm, page)
    canvas.setFont(BASE_FONT, 6.5)
    canvas.drawString(MARGIN, y, marks.version_line)
    canvas.restoreState()


def _warning(canvas: Canvas, text: str) -> None:
    """The sentence in the top margin, bold and red, in at most two lines."""
    width, height = canvas._pagesize
    lines = simpleSplit(text, BOLD_FONT, 8, width - 2 * MARGIN)[:2]
    canvas.saveState()
    canvas.setFillColor(WARNING)
    canvas.setFont(BOLD_FONT, 8)
    y = height - MARGIN + 4 * mm + 3.5 * mm * (len(lines) - 1)
    for line in lines:
        canvas.drawString(MARGIN, y, line)
        y -= 3.5 * mm
    canvas.restoreState()


def _decorate(marks: PageMarks, numbers: LateNumbers) -> Callable[[Canvas, BaseDocTemplate], None]:
    """What every page shows besides the story: the watermark (drafts), the footer."""

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if marks.watermark:
            draw_watermark(canvas, marks.watermark)
        if marks.warning:
            _warning(canvas, marks.warning)
        _footer(canvas, marks, doc.page, numbers)

    return draw


class PlanDocTemplate(BaseDocTemplate):
    """A4 document with a portrait and a landscape page template; runs on the caller's
    thread and reports each laid-out flowable to its ``Ticker``."""

    def __init__(self, filename: str, marks: PageMarks, ticker: Ticker, **meta: str) -> None:
        register_fonts()
        super().__init__(
            filename,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + FOOTER_SPACE / 2,
            initialFontName=BASE_FONT,
            # The real creation date goes into the metadata (reportlab's "invariant"
            # mode, which RL_invariant=1 still turns on for byte comparisons, writes
            # 2000-01-01). verify --pdf compares the pages' text, which holds no date.
            creator="planner-app",
            **meta,
        )
        self.ticker = ticker
        self.numbers = LateNumbers(marks.page_of, FooterStyle(BASE_FONT, 7.5, MUTED))
        on_page = _decorate(marks, self.numbers)
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

    def filterFlowables(self, flowables: list[Flowable]) -> None:
        """Tick for each of the story's flowables as layout takes it (reportlab calls
        this before each one), and make a ``StoryStream``'s next part when layout comes
        near it (a few places ahead, so keep-with-next never meets the stream)."""
        if flowables and getattr(flowables[0], TICKS, False):
            setattr(flowables[0], TICKS, False)
            self.ticker.tick()
        for index, flowable in enumerate(flowables[:STREAM_AHEAD]):
            if isinstance(flowable, StoryStream):
                part = flowable.next_part()
                flowables[index : index + 1] = [] if part is None else [*part, flowable]
                if part is not None:
                    self.ticker.tick()
                return

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading) and flowable.toc_level is not None:
            key = flowable.toc_key or f"h{id(flowable)}"
            flowable.toc_key = key
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.toc_plain, key, flowable.toc_level, closed=True)
            self.numbers.heading_laid_out(key, self.page)

    def build(self, flowables: list[Flowable]) -> None:  # type: ignore[override]
        """Lay ``flowables`` out once; the late page numbers are written before saving."""
        for flowable in flowables:
            if isinstance(flowable, FormContents):
                flowable.numbers = self.numbers
        super().build(flowables, canvasmaker=numbered_canvas(self.numbers))


TICKS = "_planner_ticks"  # marks the story's own flowables: each ticks once laid out
STREAM_AHEAD = 8


def layout_units(story: list[Flowable]) -> int:
    """Mark the story's flowables to tick when layout takes them (their split parts and
    the flowables a stream makes do not; a stream ticks once per part) and count the
    layout's ticks."""
    units = 0
    for flowable in story:
        if isinstance(flowable, StoryStream):
            units += flowable.parts
        else:
            setattr(flowable, TICKS, True)
            units += 1
    return units


class StoryStream(Flowable):
    """A long stretch of the story made part by part as layout reaches it, so only a
    page's worth of it is ever in memory (a large plan's objectives were ~170 MB of
    flowables made before layout began). ``headings`` are those of the stretch that go
    into the contents, made beforehand: the contents list them before layout. The
    document replaces the stream by its next part (``PlanDocTemplate.filterFlowables``)
    until ``parts`` parts are made; it is never laid out itself."""

    def __init__(self, parts: Iterator[list[Flowable]], count: int, headings: list[Heading]):
        super().__init__()
        self._parts, self.parts, self.headings = parts, count, headings

    def next_part(self) -> list[Flowable] | None:
        return next(self._parts, None)

    def flowables(self) -> Iterator[Flowable]:
        """Every flowable of the stream, made now (for measuring, not for layout)."""
        for part in self._parts:
            yield from part

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        raise RuntimeError("a StoryStream is replaced by its parts before layout")


def presize_contents(toc: FormContents, story: list[Flowable]) -> int:
    """Give the contents their entries before layout: every heading of the story that
    goes into the contents, in order. Returns the number of entries."""
    entries = [
        (f.toc_level, f.toc_markup, f.toc_key) for f in _headings(story) if f.toc_level is not None
    ]
    toc.set_entries(entries)
    return len(entries)


def _headings(story: list[Flowable]) -> Iterator[Heading]:
    """The story's headings in order, those in kept-together blocks included."""
    for f in story:
        if isinstance(f, Heading):
            f.toc_key = f.toc_key or f"h{id(f)}"
            yield f
        elif isinstance(f, KeepTogether):
            yield from _headings(f._content)
        elif isinstance(f, StoryStream):
            yield from _headings(f.headings)


def keep_space(height_mm: float) -> CondPageBreak:
    """Start a new page unless ``height_mm`` is left (keeps a heading off a page's foot)."""
    return CondPageBreak(height_mm * mm)
