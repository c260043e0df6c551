"""Paragraph and table styles of the plan document: one sober ministry look.

Everything uses the embedded DejaVu family (see ``pdf_fonts``); sizes are in points.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle
from reportlab.platypus.tables import CellStyle

from planner_app.exporting.pdf_fonts import BASE_FONT, BOLD_FONT, ITALIC_FONT, register_fonts

ACCENT = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#e8edf3")
MUTED = colors.HexColor("#555555")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_right_bold: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    label: ParagraphStyle
    note: ParagraphStyle  # a table's footnote: small, grey, hanging indent for its mark
    toc: tuple[ParagraphStyle, ...]


def make_styles() -> Styles:
    base = register_fonts()
    body = ParagraphStyle("body", fontName=base, fontSize=9.5, leading=13, spaceAfter=5)
    cell = ParagraphStyle("cell", parent=body, fontSize=8, leading=10, spaceAfter=0)
    cell_bold = ParagraphStyle("cell_bold", parent=cell, fontName=BOLD_FONT)
    h1 = ParagraphStyle(
        "h1",
        parent=body,
        fontName=BOLD_FONT,
        fontSize=15,
        leading=19,
        textColor=ACCENT,
        spaceBefore=6,
        spaceAfter=10,
    )
    h2 = ParagraphStyle("h2", parent=h1, fontSize=12, leading=15, spaceBefore=10, spaceAfter=6)
    h3 = ParagraphStyle(
        "h3",
        parent=h1,
        fontSize=10,
        leading=13,
        spaceBefore=8,
        spaceAfter=4,
        textColor=colors.black,
    )
    toc = tuple(
        ParagraphStyle(
            f"toc{level}",
            fontName=BOLD_FONT if level == 0 else base,
            fontSize=10 - level,
            leading=13 - level,
            leftIndent=8 * mm * level,
            firstLineIndent=0,
            spaceBefore=4 if level == 0 else 0,
        )
        for level in range(4)
    )
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        muted=ParagraphStyle("muted", parent=body, fontSize=8, leading=10, textColor=MUTED),
        cell=cell,
        cell_bold=cell_bold,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_right_bold=ParagraphStyle("cell_right_bold", parent=cell_bold, alignment=TA_RIGHT),
        title=ParagraphStyle(
            "title", parent=h1, fontSize=24, leading=30, alignment=TA_CENTER, spaceAfter=16
        ),
        subtitle=ParagraphStyle(
            "subtitle", parent=body, fontSize=13, leading=18, alignment=TA_CENTER, spaceAfter=8
        ),
        h1=h1,
        h2=h2,
        h3=h3,
        label=ParagraphStyle("label", parent=body, fontName=ITALIC_FONT, textColor=MUTED),
        note=ParagraphStyle(
            "note",
            parent=body,
            fontSize=7.5,
            leading=9.5,
            textColor=MUTED,
            spaceAfter=1.5,
            leftIndent=7,
            firstLineIndent=-7,
        ),
        toc=toc,
    )


def table_style(commands: list[tuple]) -> TableStyle:
    """A table style whose cell font is ours: reportlab sets each cell's font (Helvetica by
    default) even for cells holding paragraphs, which would add an unembedded font."""
    return TableStyle([("FONT", (0, 0), (-1, -1), BASE_FONT, 8), *commands])


CELL_PADDING = 3 + 3  # points: LEFTPADDING + RIGHTPADDING of ``grid_style``


def widest_word(texts, font: str, size: float) -> float:
    """The width of the longest word of ``texts``: a narrower column breaks it in the
    middle ("effectie|ven"), with no hyphen to say so. No-break spaces join words, as
    they do on the page: French "2 514 220" and "4,2 %" are one word each."""
    return max((_word_width(w, font, size) for t in texts for w in _words(t)), default=0.0)


def fitted_widths(shares: list[float], least: list[float], total: float) -> list[float]:
    """Column widths in points that share ``total`` as ``shares`` (fractions) say, but
    give each column at least ``least`` (its widest header word, say); the room that
    takes comes from the other columns in proportion, none below its own least."""
    widths = [share * total for share in shares]
    for _round in range(len(widths)):
        short = [i for i, w in enumerate(widths) if w < least[i] - 0.01]
        if not short:
            break
        needed = sum(least[i] - widths[i] for i in short)
        for i in short:
            widths[i] = least[i]
        givers = [i for i, w in enumerate(widths) if i not in short and w > least[i]]
        spare = sum(widths[i] - least[i] for i in givers)
        if spare <= 0:
            break
        take = min(needed, spare)  # too narrow a page for every header: it overflows
        for i in givers:
            widths[i] -= take * (widths[i] - least[i]) / spare
    return widths


def header_room(titles: list[str], font: str = BOLD_FONT, size: float = 8) -> list[float]:
    """Per header, the width its widest word needs in a ``GridTable`` cell."""
    return [widest_word([title], font, size) + CELL_PADDING + 1 for title in titles]


_BREAKS = re.compile(r"[^\S\u00a0\u202f]+")  # white space a line may break at


def _words(text: str) -> list[str]:
    if "\u00a0" in text or "\u202f" in text:
        return [w for w in _BREAKS.split(text) if w]
    return text.split()


@functools.lru_cache(maxsize=8192)
def _word_width(word: str, font: str, size: float) -> float:
    """Measured once: a large plan's tables repeat the same headers, units and figures
    ten thousand times."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(word, font, size)


class GridCell(CellStyle):
    """A cell of a ``GridTable`` as ``grid_style`` used to set every cell: our font at
    8 points, padding 3 by 2, text at the top. Set as the class's defaults instead of
    by a command per cell: a large plan has 10,000 indicator tables, and applying five
    commands to each of their cells was a tenth of making the document."""

    fontname = BASE_FONT
    fontsize = 8
    leading = 8 * 1.2  # what ("FONT", ..., BASE_FONT, 8) sets
    # reportlab's attribute names:
    leftPadding = rightPadding = 3  # noqa: N815
    topPadding = bottomPadding = 2  # noqa: N815
    valign = "TOP"

    def __init__(self, name: str = "grid", parent: CellStyle | None = None) -> None:
        super().__init__(name, parent)


class GridTable(Table):
    """A table drawn with ``grid_style``: its cells start as ``GridCell``."""

    def __init__(self, data, *args, cellStyles=None, **kwargs) -> None:  # noqa: N803
        """``cellStyles`` is given when reportlab makes the parts of a split table."""
        cells = cellStyles or [[GridCell() for _cell in row] for row in data]
        super().__init__(data, *args, cellStyles=cells, **kwargs)


def grid_style(
    header_rows: int = 1,
    bold_rows: tuple[int, ...] = (),
    *,
    total_rows: tuple[int, ...] = (),
    figures_from: int | None = None,
) -> TableStyle:
    """The rules, shading and bold rows of a ``GridTable`` (its cells' font, padding
    and alignment are ``GridCell``'s). Cells that are plain strings (figures: cheap to
    lay out, and never markup) are right-aligned from column ``figures_from``;
    ``bold_rows`` are bold, ``total_rows`` also get a rule above."""
    commands: list[tuple] = []
    if header_rows:  # none: a block continuing a table above it
        commands += [
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, ACCENT),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ]
    commands.append(("LINEBELOW", (0, header_rows), (-1, -1), 0.25, RULE))
    if figures_from is not None:
        commands.append(("ALIGN", (figures_from, header_rows), (-1, -1), "RIGHT"))
    for row in (*bold_rows, *total_rows):
        commands.append(("FONT", (0, row), (-1, row), BOLD_FONT, 8))
    for row in total_rows:
        commands.append(("LINEABOVE", (0, row), (-1, row), 0.8, colors.black))
    return TableStyle(commands)
