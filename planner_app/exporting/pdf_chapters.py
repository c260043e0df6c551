"""The body of the plan document: its chapters in the chapter tree's order, each under
the number the tree derives, with the parts we make (objectives, budget and staffing
tables, signatures) where the tree places them, and a chapter's image and table.

``services.chapter_tree.chapter_outline`` is the order; a made part the tree does not
place follows the chapters, as every part did before chapters could be placed.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer

from planner_app.domain.enums import SectionKind
from planner_app.errors import ValidationError
from planner_app.exporting import pdf_objectives, pdf_signatures, pdf_story, pdf_tables
from planner_app.exporting.pdf_doc import Heading, keep_space
from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_story import PlacedPart, StoryContext
from planner_app.exporting.pdf_styles import GridTable, grid_style
from planner_app.i18n import N_, _
from planner_app.services.chapter_tree import ChapterEntry, made_parts_with_content, outline_of
from planner_app.services.images import check_image, image_data
from planner_app.services.sections import SectionInfo, load_sections

MADE: dict[SectionKind, Callable[[StoryContext], list[Flowable]]] = {
    SectionKind.OBJECTIVES: pdf_objectives.objectives,
    SectionKind.BUDGET: pdf_tables.budget,
    SectionKind.STAFFING: pdf_tables.staffing,
    SectionKind.SIGNATURES: pdf_signatures.signatures,
}
IMAGE_BOX = (170 * mm, 190 * mm)  # the most room a chapter's image takes: the text width
IMAGE_DPI = 150


def document(ctx: StoryContext) -> list[Flowable]:
    """Every chapter of the plan, in the document's order."""
    sections = load_sections(ctx.store, ctx.plan_id)
    by_id = {s.id: s for s in sections}
    entries = outline_of(sections, made_parts_with_content(ctx.store, ctx.plan_id))
    story: list[Flowable] = []
    part = ctx.text.position
    for index, entry in enumerate(entries):
        if not entry.printed:
            continue
        ctx.text.position = (*part, index)
        section = by_id.get(entry.id) if entry.id is not None else None
        if entry.generated:
            story += _made(ctx, entry, section, index)
        else:
            assert section is not None
            story += pdf_story._chapter(
                ctx, section, entry.number, lambda where, s=section: _extras(ctx, s, where)
            )
        ctx.ticker.tick()
    ctx.text.position = part
    return story


def _made(
    ctx: StoryContext, entry: ChapterEntry, section: SectionInfo | None, index: int
) -> list[Flowable]:
    """A made part under its chapter's heading, the chapter's own text after it."""
    ctx.placing = PlacedPart(entry.number, entry.depth, entry.title, index + 1)
    try:
        flowables = MADE[entry.kind](ctx)
        if section is not None and section.body:
            where = ctx.t(N_("Chapter {n}")).format(n=entry.number or index + 1)
            text = ctx.paragraphs(section.body, where, "text", ctx.styles.body)
            if not flowables:  # nothing to print but the chapter's own text
                heading = ctx.label_chapter(ctx.label(entry.kind.value))
                return [keep_space(40), heading, *text]
            flowables = _after_heading(flowables, text)
        return flowables
    finally:
        ctx.placing = None


def _after_heading(flowables: list[Flowable], text: list[Flowable]) -> list[Flowable]:
    """``text`` right after the part's heading (within a kept-together block too)."""
    for i, flowable in enumerate(flowables):
        if isinstance(flowable, Heading):
            return [*flowables[: i + 1], *text, *flowables[i + 1 :]]
        if isinstance(flowable, KeepTogether):
            inner = list(flowable._content)
            if any(isinstance(f, Heading) for f in inner):
                return [
                    *flowables[:i],
                    KeepTogether(_after_heading(inner, text)),
                    *flowables[i + 1 :],
                ]
    return [*text, *flowables]


def _extras(ctx: StoryContext, section: SectionInfo, where: str) -> list[Flowable]:
    return [*_image(ctx, section, where), *_table(ctx, section, where)]


def _image(ctx: StoryContext, section: SectionInfo, where: str) -> list[Flowable]:
    """The chapter's image within the text width, its caption under it. An image the
    file holds but that cannot be read (a damaged file) is left out and reported."""
    info = section.image
    if info is None:
        return []
    data = image_data(ctx.store, info.id)
    try:
        facts = check_image(data, info.name)
    except ValidationError as err:
        ctx.text.report.warnings.append(
            _("{where}: the image is not printed: {reason}").format(where=where, reason=err)
        )
        return []
    # its pixels at 150 dpi, never wider than the text or taller than most of a page
    scale = min(IMAGE_BOX[0] / facts.width, IMAGE_BOX[1] / facts.height, 72 / IMAGE_DPI)
    flowables: list[Flowable] = [
        Spacer(1, 3 * mm),
        Image(io.BytesIO(data), width=facts.width * scale, height=facts.height * scale),
    ]
    if info.caption:
        caption = ctx.text.markup(info.caption, where, "caption")
        flowables.append(DocParagraph(caption, ctx.styles.muted))
    return [KeepTogether(flowables), Spacer(1, 3 * mm)]


def _table(ctx: StoryContext, section: SectionInfo, where: str) -> list[Flowable]:
    """The chapter's simple table: its header rows repeat on each page."""
    if not section.table:
        return []
    s = ctx.styles
    width = max(len(row.cells) for row in section.table)
    data = []
    for r, row in enumerate(section.table, 1):
        cells = [*row.cells, *({} for _i in range(width - len(row.cells)))]
        style = s.cell_bold if row.header else s.cell
        data.append(
            [
                ctx.paragraphs(cell, f"{where}, {r}.{c}", "cell", style) if cell else ""
                for c, cell in enumerate(cells, 1)
            ]
        )
    header_rows = 0
    for row in section.table:
        if not row.header:
            break
        header_rows += 1
    table = GridTable(data, repeatRows=header_rows, colWidths=[f"{100 / width}%"] * width)
    table.setStyle(grid_style(header_rows))
    return [Spacer(1, 2 * mm), table, Spacer(1, 2 * mm)]
