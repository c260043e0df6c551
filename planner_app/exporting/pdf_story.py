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
from collections.abc import Mapping
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from planner_app.domain.enums import SectionKind
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
from planner_app.exporting.pdf_fields import FieldBook, SignatureSpot, field_name
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
from planner_app.formatting import format_long_date
from planner_app.i18n import N_
from planner_app.services.plan_document import document_info
from planner_app.services.plan_parts import load_signatories
from planner_app.services.plans import PlanInfo
from planner_app.services.sections import SectionInfo, load_sections
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
        styles = (self.styles.h1, self.styles.h2, self.styles.h3, self.styles.h3)
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

    def label_heading(self, message: str, level: int = 0) -> Heading:
        """A heading of ours (not user text), e.g. "Budget"."""
        label = self.t(message)
        return self.heading(escape(label), label, level)

    def chapter(self, markup: str, plain: str, depth: int = 0) -> Heading:
        """A numbered chapter's heading ("2.1  Missie"): ``depth`` 0 for a chapter, 1 for
        its sub-chapters and so on; the number follows from the chapters before it."""
        number = self.numbers.next(depth)
        return self.heading(f"{number}\u00a0 {markup}", f"{number} {plain}", min(depth, 3))

    def label_chapter(self, message: str) -> Heading:
        """A numbered chapter of ours (not user text), e.g. "5  Budget"."""
        label = self.t(message)
        return self.chapter(escape(label), label)


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


def chapters(ctx: StoryContext) -> list[Flowable]:
    story: list[Flowable] = []
    for section in load_sections(ctx.store, ctx.plan_id):
        story += _chapter(ctx, section)
        ctx.ticker.tick()
    return story


def section_depth(section: SectionInfo) -> int:
    """How deep a chapter sits in the plan's chapter tree: 0 for a chapter, 1 for a
    sub-chapter. Plans keep their chapters as one ordered list today (every chapter at
    depth 0); a chapter tree gives its sections a ``depth``."""
    return int(getattr(section, "depth", 0) or 0)


def _chapter(ctx: StoryContext, section: SectionInfo) -> list[Flowable]:
    s, text = ctx.styles, ctx.text
    fallback_title = {ctx.plan.languages[0]: ctx.label(section.kind)}
    title_texts = section.title or fallback_title
    where = ctx.t(N_("Chapter {n}")).format(n=section.position + 1)
    plain = text.plain(title_texts, where, "title")
    story: list[Flowable] = [
        keep_space(40),  # headings keep space below them this way, not with keepWithNext:
        # that wraps heading and paragraph together (twice the work) and pushes a long
        # paragraph whole to the next page
        ctx.chapter(text.markup(title_texts, where, "title"), plain, section_depth(section)),
    ]
    if section.body:
        story += ctx.paragraphs(section.body, where, "text", s.body)
    if section.kind is SectionKind.SWOT:
        story.append(_swot(ctx, section, where))
    elif section.kind is SectionKind.PESTEL:
        for key in section.parts:
            if section.parts[key]:
                story.append(DocParagraph(escape(ctx.label(key)), s.h3))
                story += ctx.paragraphs(section.parts[key], where, key, s.body)
    elif section.kind is SectionKind.COMMUNICATION and section.rows:
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


SIGNATURE_ROW = 30 * mm
_SIGN_PADDING = (3, 8)  # top and bottom padding of a signatory's row, in points


def place_and_date(ctx: StoryContext) -> str:
    """ "Gedaan te Brussel op 17 mei 2022": the plan's place and date of signing, a line
    to fill in by hand for what the plan leaves open."""
    info = document_info(ctx.store, ctx.plan_id)
    where = ctx.t(N_("Signatures"))
    place = ctx.text.plain(info.signing_place, where, "signing_place") if info.signing_place else ""
    date = format_long_date(info.signing_date, ctx.text.language) if info.signing_date else ""
    return ctx.t(N_("Done at {place} on {date}")).format(
        place=place or "_" * 24, date=date or "_" * 16
    )


def signatures(ctx: StoryContext) -> list[Flowable]:
    """Place and date line, then each signatory with room to sign: one unbroken block.
    The room to sign is a ``SignatureSpot``: the final document's signature field goes
    where it is drawn."""
    s, text = ctx.styles, ctx.text
    signatories = load_signatories(ctx.store, ctx.plan_id)
    if not signatories:
        return []
    block: list[Flowable] = [
        ctx.label_chapter(N_("Signatures")),
        DocParagraph(escape(place_and_date(ctx)), s.body),
        Spacer(1, 6 * mm),
    ]
    rows = []
    for n, person in enumerate(signatories, 1):
        where = ctx.t(N_("Signatory {n}")).format(n=n)
        if person.body:  # a body signs as a whole: its name, no person's
            body = text.markup(person.function, where, "function")
            who = [DocParagraph(f"<b>{body}</b>", s.body)]
        else:
            who = [
                DocParagraph(text.markup(person.function, where, "function"), s.body),
                DocParagraph(f"<b>{text.literal(person.name, where, 'name')}</b>", s.body),
            ]
        label = " — ".join(
            part
            for part in (
                text.plain(person.function, where, "function"),
                "" if person.body else person.name,
            )
            if part
        )
        room = SIGNATURE_ROW - sum(_SIGN_PADDING)
        rows.append([who, [SignatureSpot(ctx.fields, field_name(n), label, room)]])
    table = Table(rows, colWidths=["55%", "45%"], minRowHeights=[SIGNATURE_ROW] * len(rows))
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (1, 0), (1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), _SIGN_PADDING[0]),
                ("BOTTOMPADDING", (0, 0), (-1, -1), _SIGN_PADDING[1]),
            ]
        )
    )
    block.append(table)
    return [KeepTogether(block)]
