"""Page numbers that are known only after layout, printed in a single layout pass.

The contents list the page of every heading and each footer says "page X of Y", but
those pages are known only once the story has been laid out. Instead of laying it out
twice (``multiBuild``), each such number is drawn as a PDF form XObject that the page
refers to by name, and the forms are defined at the end, just before the file is saved:
reportlab allows ``doForm`` for a form that is defined later (``Canvas.doForm``). A
form's text is page text for viewers and for ``pdftotext``; a contents entry stays a link
to its heading's named destination, which reportlab resolves at save as well.

Everything here runs on the exporting thread, for one document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Spacer, Table
from reportlab.platypus.tableofcontents import TableOfContents

DOTS = " . "


@dataclass(frozen=True)
class _Slot:
    """Where a contents entry's dots and page number go: the form's width and style."""

    width: float
    style: ParagraphStyle
    dots: bool


@dataclass(frozen=True)
class FooterStyle:
    font: str
    size: float
    colour: object


class LateNumbers:
    """Collects, during the one layout pass, the page of every contents heading, the
    contents entries drawn and the page count; ``define`` then writes the forms."""

    def __init__(self, page_of: str, footer: FooterStyle) -> None:
        self.page_of = page_of  # "Page {page} of {pages}" in the document's language
        self.footer = footer
        self.pages = 0
        self._heading_pages: dict[str, int] = {}
        self._slots: dict[str, _Slot] = {}

    def heading_laid_out(self, key: str, page: int) -> None:
        self._heading_pages.setdefault(key, page)

    def draw_page_of(self, canvas: Canvas, right: float, y: float, page: int) -> None:
        """ "Page X of Y", right-aligned at ``right``; Y is filled in at the end."""
        self.pages = max(self.pages, page)
        canvas.saveState()
        canvas.translate(right, y)
        canvas.doForm(f"pageof{page}")
        canvas.restoreState()

    def draw_entry_end(
        self, canvas: Canvas, key: str, x: float, y: float, right: float, style, dots: bool
    ) -> None:
        """A contents entry's dots and page number, from ``x`` (where its text ends) to
        ``right``; the whole stretch links to the heading."""
        self._slots[key] = _Slot(max(right - x, 0.0), style, dots)
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(f"toc{key}")
        canvas.restoreState()
        canvas.linkRect("", key, (x, y, right, y + style.leading), relative=1)

    def define(self, canvas: Canvas) -> None:
        """Write every form the pages refer to; called once, after the last page."""
        f = self.footer
        for page in range(1, self.pages + 1):
            text = self.page_of.format(page=page, pages=self.pages)
            width = stringWidth(text, f.font, f.size)
            canvas.beginForm(f"pageof{page}", -width - 1, -f.size, 1, f.size * 1.5)
            canvas.setFillColor(f.colour)
            canvas.setFont(f.font, f.size)
            canvas.drawRightString(0, 0, text)
            canvas.endForm()
        for key, slot in self._slots.items():
            page = self._heading_pages.get(key)
            _entry_form(canvas, f"toc{key}", slot, "" if page is None else str(page))


def _entry_form(canvas: Canvas, name: str, slot: _Slot, number: str) -> None:
    """Dots and a right-aligned number in ``slot.width`` (as reportlab's contents draw
    them: the number shrinks when it does not fit)."""
    style = slot.style
    size = style.fontSize
    width = stringWidth(number, style.fontName, size)
    while width > slot.width and size >= 1.0:
        size *= 0.9
        width = stringWidth(number, style.fontName, size)
    text, x = number, slot.width - width
    if slot.dots:
        dot = stringWidth(DOTS, style.fontName, size)
        count = max(int((slot.width - width) / dot), 0)
        text, x = DOTS * count + number, slot.width - count * dot - width
    canvas.beginForm(name, 0, -style.fontSize, slot.width + 1, style.leading + style.fontSize)
    canvas.setFillColor(style.textColor)
    canvas.setFont(style.fontName, size)
    canvas.drawString(x, 0, text)
    canvas.endForm()


class NumberedCanvas(Canvas):
    """A canvas that runs ``before_save`` (defining the late forms) just before saving."""

    before_save: Callable[[Canvas], None] | None = None

    def save(self) -> None:
        if self.before_save is not None:
            self.before_save(self)
        super().save()


def numbered_canvas(numbers: LateNumbers) -> Callable[..., NumberedCanvas]:
    """A ``canvasmaker`` for ``BaseDocTemplate.build`` whose canvas defines ``numbers``."""

    def make(*args, **kwargs) -> NumberedCanvas:
        canvas = NumberedCanvas(*args, **kwargs)
        canvas.before_save = numbers.define
        return canvas

    return make


class FormContents(TableOfContents):
    """The table of contents with its entries fixed before layout (``set_entries``) and
    its page numbers drawn as late forms, so a single layout pass suffices."""

    def __init__(self, numbers: LateNumbers | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.numbers = numbers
        self._fixed: list[tuple[int, str, str]] = []

    def set_entries(self, entries: list[tuple[int, str, str]]) -> None:
        """(level, escaped markup, key) of every heading, in story order."""
        self._fixed = list(entries)

    def isIndexing(self) -> int:
        return 0  # nothing to learn from a pass: the entries are known before layout

    def isSatisfied(self) -> int:
        return 1

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        numbers = self.numbers
        if numbers is None:
            raise RuntimeError("FormContents needs its LateNumbers before layout")

        def entry_end(canvas: Canvas, _kind: str, label: str) -> None:
            key, level = label.rsplit(":", 1)
            info = canvas._curr_tx_info
            dots = 0 <= self.dotsMinLevel <= int(level)
            style = self.getLevelStyle(int(level))
            numbers.draw_entry_end(
                canvas, key, info["cur_x"], info["cur_y"], avail_width, style, dots
            )

        self.canv.setNamedCB("planner_toc_end", entry_end)
        rows = []
        for level, markup, key in self._fixed:
            style = self.getLevelStyle(level)
            para = Paragraph(
                f'<a href="#{key}">{markup}</a>'
                f'<onDraw name="planner_toc_end" label="{key}:{level}"/>',
                style,
            )
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            rows.append([para])
        self._table = Table(rows, colWidths=(avail_width,), style=self.tableStyle)
        self.width, self.height = self._table.wrapOn(self.canv, avail_width, avail_height)
        return self.width, self.height
