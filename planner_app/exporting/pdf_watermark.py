"""The "draft" watermark, drawn as glyph outlines rather than text.

As text, a diagonal watermark ends up in the page's text layer: copying a paragraph,
searching the PDF or a screen reader would meet stray letters of "DRAFT" in the middle
of the plan's sentences. Outlines (read from the bold TTF with fontTools) look the same
and are not text.
"""

from __future__ import annotations

from functools import cache

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont as FontFile
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from planner_app.exporting.pdf_fonts import BOLD_FONT
from planner_app.resources import resource_path

_COLOUR = colors.Color(0.75, 0.1, 0.1, alpha=0.12)


class _PathPen(BasePen):
    """Collects a glyph's contours into a reportlab path, offset and scaled."""

    def __init__(self, glyphs, path, dx: float, scale: float) -> None:
        super().__init__(glyphs)
        self.path, self.dx, self.scale = path, dx, scale

    def _xy(self, point):
        return self.dx + point[0] * self.scale, point[1] * self.scale

    def _moveTo(self, p):
        self.path.moveTo(*self._xy(p))

    def _lineTo(self, p):
        self.path.lineTo(*self._xy(p))

    def _curveToOne(self, p1, p2, p3):
        self.path.curveTo(*self._xy(p1), *self._xy(p2), *self._xy(p3))

    def _closePath(self):
        self.path.close()


@cache
def _font() -> FontFile:
    return FontFile(str(resource_path("fonts", f"{BOLD_FONT}.ttf")), lazy=True)


def draw_watermark(canvas: Canvas, text: str, size: float = 96) -> None:
    """Draw ``text`` centred on the page, diagonally, as filled outlines. The outlines are
    made once per document (and page orientation) as a form the PDF reuses."""
    width_page, height_page = canvas._pagesize
    name = f"watermark{int(width_page)}x{int(height_page)}"
    if not canvas.hasForm(name):
        canvas.beginForm(name)
        _draw(canvas, text, size)
        canvas.endForm()
    canvas.saveState()
    canvas.setFillColor(_COLOUR)  # on the page: a form's own resources lack the alpha state
    canvas.doForm(name)
    canvas.restoreState()


def _draw(canvas: Canvas, text: str, size: float) -> None:
    font = _font()
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    scale = size / font["head"].unitsPerEm
    names = [cmap.get(ord(c), ".notdef") for c in text]
    width = sum(glyphs[n].width for n in names) * scale
    width_page, height_page = canvas._pagesize
    path = canvas.beginPath()
    x = -width / 2
    for name in names:
        glyphs[name].draw(_PathPen(glyphs, path, x, scale))
        x += glyphs[name].width * scale
    canvas.saveState()
    canvas.translate(width_page / 2, height_page / 2)
    canvas.rotate(45 if height_page > width_page else 30)
    canvas.translate(0, -size * 0.35)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=1)
    canvas.restoreState()
