"""The plan document's story: title page, contents, chapters and the signature block.

Objectives live in ``pdf_objectives``, budget and staffing tables in ``pdf_tables``,
the year review in ``pdf_review``; they all write through a :class:`StoryContext`, which
holds the plan, the document's language and the report, and makes headings that the
table of contents picks up.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Table,
)

from planner_app.domain.enums import PESTEL_PARTS, SectionKind
from planner_app.domain.labels import LABELS
from planner_app.exporting.pdf_blocks import text_flowables
from planner_app.exporting.pdf_doc import (
    LANDSCAPE,
    LANDSCAPE_TEXT_WIDTH,
    PORTRAIT,
    Heading,
    Ticker,
    keep_space,
)
from planner_app.exporting.pdf_fields import FieldBook
from planner_app.exporting.pdf_numbers import FormContents
from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_styles import (
    RULE,
    GridTable,
    Styles,
    fitted_widths,
    grid_style,
    header_room,
    table_style,
)
from planner_app.exporting.pdf_text import DocText, escape
from planner_app.exporting.pdf_total_notes import TotalNotes
from planner_app.i18n import N_
from planner_app.services.plans import PlanInfo
from planner_app.services.printed import printed_differences
from planner_app.services.sections import SectionInfo
from planner_app.storage import PlanFile


@dataclass
class StoryContext:
    """Everything a story part needs; lives for one export on the exporting thread."""

    store: PlanFile
    plan: PlanInfo
    text: DocText
    styles: Styles
    ticker: Ticker
    # The reference date progress is judged at (``services.reference``): the plan's own
    # date in the plan document, the report's quarter end in a review.
    at: dt.date = dt.date(1900, 1, 1)
    numbers: ChapterNumbers = field(default_factory=lambda: ChapterNumbers())
    total_notes: bool = True  # footnote totals that differ from the printed source's
    _differences: list | None = None
    # The made part being printed where the chapter tree places it (its heading's
    # number, depth and title come from there) and how deep its own headings go.
    placing: PlacedPart | None = None
    fields: FieldBook = field(default_factory=FieldBook)  # the final document's signature fields
    _keys: itertools.count = field(default_factory=itertools.count)
    _parsed: dict[tuple[str, str], DocParagraph] = field(default_factory=dict)

    @property
    def plan_id(self) -> uuid.UUID:
        return self.plan.id

    def t(self, message: str) -> str:
        """One of our labels in the document's language."""
        return self.text.t(message)

    def label(self, value: object) -> str:
        """A stored vocabulary value (status, kind, …) in the document's language."""
        key = getattr(value, "value", value)
        return self.t(LABELS.get(str(key), str(key)))

    def heading(self, markup: str, plain: str, level: int | None, style=None) -> Heading:
        """A heading at contents ``level`` (None: not in the contents); inside a made
        part placed below the top of the chapter tree, one level deeper per depth."""
        styles = (self.styles.h1, self.styles.h2, self.styles.h3, self.styles.h3)
        shift = self.placing.depth if self.placing is not None else 0
        if shift and style is not None and style in styles:
            style = styles[min(styles.index(style) + shift, 3)]
        if level is not None:
            level = min(level + shift, len(self.styles.toc) - 1)
        chosen = style or styles[min(level or 0, 3)]
        return Heading(markup, chosen, plain=plain, level=level, key=f"k{next(self._keys)}")

    def recurring(self, markup: str, style) -> DocParagraph:
        """A Paragraph whose text recurs throughout the document (table headers, labels,
        units of measure): parsed once, each copy reuses the parsed fragments. Parsing is
        most of a short paragraph's cost, and a large plan has ~10,000 indicator tables
        with the same header."""
        key = (markup, style.name)
        first = self._parsed.get(key)
        if first is None:
            first = self._parsed[key] = DocParagraph(markup, style)
        return DocParagraph(first.text, first.style, frags=first.frags)

    def paragraphs(
        self, texts: Mapping[str, str], where: str, name: str, style: ParagraphStyle
    ) -> list[Flowable]:
        """A user text field as paragraphs and bullet lists (``pdf_blocks``)."""
        return text_flowables(self.text, texts, where, name, style)

    def notes_for_totals(self) -> TotalNotes | None:
        """A table's footnotes on totals that differ from the printed source's, or None
        when the export leaves them out."""
        if not self.total_notes:
            return None
        if self._differences is None:
            self._differences = printed_differences(self.store, self.plan_id)
        return TotalNotes(self._differences, self.t, self.text.language)

    def label_heading(self, message: str, level: int = 0) -> Heading:
        """A heading of ours (not user text), e.g. "Budget"."""
        label = self.t(message)
        return self.heading(escape(label), label, level)

    def chapter(
        self, markup: str, plain: str, depth: int = 0, number: str | None = None
    ) -> Heading:
        """A chapter's heading ("2.1  Missie"): ``depth`` 0 for a chapter, 1 for its
        sub-chapters and so on; ``number`` as the chapter tree derives it ("" for an
        unnumbered chapter), else the next one in document order."""
        if number is None:
            number = self.numbers.next(depth)
        level = min(depth, len(self.styles.toc) - 1)
        styles = (self.styles.h1, self.styles.h2, self.styles.h3, self.styles.h3)
        key = f"k{next(self._keys)}"
        if not number:
            return Heading(markup, styles[min(depth, 3)], plain=plain, level=level, key=key)
        return Heading(
            f"{number}\u00a0 {markup}",
            styles[min(depth, 3)],
            plain=f"{number} {plain}",
            level=level,
            key=key,
        )

    def label_chapter(self, message: str) -> Heading:
        """The heading of a part we make (objectives, budget, …): where the chapter tree
        places it, with that chapter's number and its title (ours when it has none)."""
        placed = self.placing
        if placed is None:
            label = self.t(message)
            return self.chapter(escape(label), label)
        where = self.t(N_("Chapter {n}")).format(n=placed.number or placed.index)
        if placed.title:
            markup = self.text.markup(placed.title, where, "title")
            plain = self.text.plain(placed.title, where, "title")
        else:
            plain = self.t(message)
            markup = escape(plain)
        self.placing = None  # the part's own headings sit under it, at its depth
        heading = self.chapter(markup, plain, placed.depth, placed.number)
        self.placing = placed
        return heading


@dataclass(frozen=True)
class PlacedPart:
    """A made part where the chapter tree places it: its chapter's number, depth, own
    title (empty: ours) and place in the document (for the report)."""

    number: str
    depth: int
    title: dict[str, str]
    index: int


class ChapterNumbers:
    """The chapters' numbers in document order: "1", "1.1", "1.2", "2" … from each
    chapter's depth. A sub-chapter never skips a level: depth 2 right under a chapter
    is numbered as its sub-chapter ("1.1"), and its siblings after it too ("1.2")."""

    def __init__(self) -> None:
        self._levels: list[tuple[int, int]] = []  # (depth asked for, count) per level

    def next(self, depth: int = 0) -> str:
        position = sum(1 for asked, _count in self._levels if asked < depth)
        count = self._levels[position][1] + 1 if position < len(self._levels) else 1
        del self._levels[position:]
        self._levels.append((depth, count))
        return ".".join(str(count) for _asked, count in self._levels)


_TOC_PADDING = [
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
]


def contents(ctx: StoryContext) -> list[Flowable]:
    toc = FormContents(
        levelStyles=list(ctx.styles.toc),
        dotsMinLevel=0,
        tableStyle=table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), *_TOC_PADDING]),
    )
    return [DocParagraph(escape(ctx.t(N_("Contents"))), ctx.styles.h1), toc, PageBreak()]


def section_depth(section: SectionInfo) -> int:
    """How deep a chapter sits in the plan's chapter tree: 0 for a chapter, 1 for a
    sub-chapter and so on."""
    return int(getattr(section, "depth", 0) or 0)


def _chapter(
    ctx: StoryContext,
    section: SectionInfo,
    number: str | None = None,
    extra: Callable[[str], list[Flowable]] | None = None,
) -> list[Flowable]:
    """A chapter's heading (``number`` as the chapter tree derives it), its text, what
    ``extra`` adds (its image and table), then its PESTEL factors, SWOT quadrants or
    communication plan for the kinds it holds."""
    s, text = ctx.styles, ctx.text
    where = ctx.t(N_("Chapter {n}")).format(n=number or section.position + 1)
    story: list[Flowable] = [
        keep_space(40),  # headings keep space below them this way, not with keepWithNext:
        # that wraps heading and paragraph together (twice the work) and pushes a long
        # paragraph whole to the next page
    ]
    if section.title or number or section.kind is not SectionKind.FREE:
        title_texts = section.title or (
            {} if number else {ctx.plan.languages[0]: ctx.label(section.kind)}
        )
        plain = text.plain(title_texts, where, "title") if title_texts else ""
        markup = text.markup(title_texts, where, "title") if title_texts else ""
        story.append(ctx.chapter(markup, plain, section_depth(section), number))
    if section.body:
        story += ctx.paragraphs(section.body, where, "text", s.body)
    if extra is not None:
        story += extra(where)
    if section.holds(SectionKind.SWOT):
        story.append(_swot(ctx, section, where))
    if section.holds(SectionKind.PESTEL):
        for key in [k for k in section.parts if k in PESTEL_PARTS]:
            if section.parts[key]:
                story.append(DocParagraph(escape(ctx.label(key)), s.h3))
                story += ctx.paragraphs(section.parts[key], where, key, s.body)
    if section.holds(SectionKind.COMMUNICATION) and section.rows:
        # The table needs a landscape page: the chapter's heading goes there with it,
        # not alone at the foot of the page before.
        return [
            NextPageTemplate(LANDSCAPE),
            PageBreak(),
            *story[1:],
            _communication(ctx, section, where),
            NextPageTemplate(PORTRAIT),
            PageBreak(),
        ]
    return story


def _swot(ctx: StoryContext, section: SectionInfo, where: str) -> Table:
    s = ctx.styles

    def cell(key: str) -> list[Flowable]:
        return [
            DocParagraph(escape(ctx.label(key)), s.cell_bold),
            *ctx.paragraphs(section.parts.get(key, {}), where, key, s.cell),
        ]

    table = Table(
        [[cell("strengths"), cell("weaknesses")], [cell("opportunities"), cell("threats")]],
        colWidths=["50%", "50%"],
    )
    table.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


COMMUNICATION_COLUMNS = ("goal", "audience", "date_text", "message", "channel", "material")


def _communication(ctx: StoryContext, section: SectionInfo, where: str) -> Table:
    s = ctx.styles
    header = [DocParagraph(escape(ctx.label(c)), s.cell_bold) for c in COMMUNICATION_COLUMNS]
    body = [
        [
            ctx.paragraphs(row.cells.get(c, {}), f"{where} {n}", c, s.cell)
            for c in COMMUNICATION_COLUMNS
        ]
        for n, row in enumerate(section.rows, 1)
    ]
    titles = [ctx.label(c) for c in COMMUNICATION_COLUMNS]
    shares = [0.17] * 3 + [0.21, 0.14, 0.14]
    widths = fitted_widths(shares, header_room(titles), LANDSCAPE_TEXT_WIDTH)
    table = GridTable([header, *body], repeatRows=1, colWidths=widths)
    table.setStyle(grid_style())
    return table
