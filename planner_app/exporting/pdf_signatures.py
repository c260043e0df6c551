"""The signature page, as seed 003 §6 prints it.

One line with the plan's place and date of signing, printed once above the blocks:
"Gedaan te Brussel op 17 mei 2022" (nl), "Fait à Bruxelles, le 17 mai 2022" (fr); a
place or date the plan leaves open is a line to fill in by hand. Then one block per
signatory: the title (or a body's name, in bold, when a body signs as a whole) and the
name on the left, the room to sign on the right with its line at the foot of the block,
level with the name it belongs to. A block never splits across a page (a one-row table
moves whole to the next page); the chapter's heading and the place-and-date line stay
with the first block. The room to sign is a ``SignatureSpot`` (``pdf_fields``): the
final document's signature field goes where it is drawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from planner_app.exporting.pdf_fields import SignatureSpot, field_name
from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_story import StoryContext
from planner_app.exporting.pdf_styles import RULE, table_style
from planner_app.exporting.pdf_text import escape
from planner_app.formatting import format_long_date
from planner_app.i18n import N_
from planner_app.services.plan_document import document_info
from planner_app.services.plan_parts import SignatoryInfo, load_signatories

SIGNING_LINE = N_("Done at {place}, on {date}")
BLANK_PLACE = "_" * 22  # room to write by hand
BLANK_DATE = "_" * 16
SIGNATURE_ROW = 30 * mm  # a block's least height: the room to sign
_SIGN_PADDING = (3, 8)  # top and bottom padding of the room to sign, in points
_NAME_PADDING = -3  # the name's baseline (3.5 pt above its foot) stands on the line
BLOCK_GAP = 7 * mm  # between two blocks (dropped at the top of a page)


def signing_line(t: Callable[[str], str], place: str, date: dt.date | None, language: str) -> str:
    """The place-and-date line in the document's language (``t`` translates into it)."""
    return t(SIGNING_LINE).format(
        place=place.strip() or BLANK_PLACE,
        date=format_long_date(date, language) if date is not None else BLANK_DATE,
    )


def place_and_date(ctx: StoryContext) -> str:
    """The line with the plan's place and date of signing (``services.plan_document``);
    a place kept in another language only is shown in it, and reported."""
    info = document_info(ctx.store, ctx.plan_id)
    where = ctx.t(N_("Signatures"))
    place = ctx.text.plain(info.signing_place, where, "signing_place") if info.signing_place else ""
    return signing_line(ctx.t, place, info.signing_date, ctx.text.language)


def signatures(ctx: StoryContext) -> list[Flowable]:
    """The signatures chapter: heading, place and date, a block per signatory."""
    signatories = load_signatories(ctx.store, ctx.plan_id)
    if not signatories:
        return []
    head: list[Flowable] = [
        ctx.label_chapter(N_("Signatures")),
        DocParagraph(escape(place_and_date(ctx)), ctx.styles.body),
        Spacer(1, 6 * mm),
    ]
    style = ParagraphStyle("signatory", parent=ctx.styles.body, spaceAfter=0)
    blocks = [_block(ctx, n, person, style) for n, person in enumerate(signatories, 1)]
    return [KeepTogether([*head, blocks[0]]), *blocks[1:]]


def _block(ctx: StoryContext, n: int, person: SignatoryInfo, style: ParagraphStyle) -> Table:
    """One signatory's block, two rows on the left: the title at the top, the name at
    the foot; on the right, across both, the room to sign with its line at the foot,
    level with the name. A body signs as a whole: its name in bold, no person's."""
    text = ctx.text
    where = ctx.t(N_("Signatory {n}")).format(n=n)
    function = text.markup(person.function, where, "function")
    if person.body:
        title, name = DocParagraph(f"<b>{function}</b>", style), ""
    else:
        title = DocParagraph(function, style)
        name = DocParagraph(f"<b>{text.literal(person.name, where, 'name')}</b>", style)
    label = " — ".join(
        part
        for part in (
            text.plain(person.function, where, "function"),
            "" if person.body else person.name,
        )
        if part
    )
    room = SIGNATURE_ROW - sum(_SIGN_PADDING)
    spot = SignatureSpot(ctx.fields, field_name(n), label, room)
    name_row = style.leading + _SIGN_PADDING[0] + _NAME_PADDING
    table = Table(
        [[title, spot], [name, ""]],
        colWidths=["55%", "45%"],
        minRowHeights=[SIGNATURE_ROW - name_row, name_row],
        spaceBefore=BLOCK_GAP if n > 1 else 0,
    )
    table.setStyle(
        table_style(
            [
                ("SPAN", (1, 0), (1, 1)),
                ("VALIGN", (0, 0), (-1, 0), "TOP"),
                ("VALIGN", (0, 1), (0, 1), "BOTTOM"),
                ("LINEBELOW", (1, 1), (1, 1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), _SIGN_PADDING[0]),
                ("BOTTOMPADDING", (0, 0), (0, 0), 0),
                ("BOTTOMPADDING", (1, 0), (1, 1), _SIGN_PADDING[1]),
                ("BOTTOMPADDING", (0, 1), (0, 1), _NAME_PADDING),
            ]
        )
    )
    return table
