"""User text as the document's paragraphs and bullet lists.

People type lists the way they would on paper: lines that start with "- ", "– " or a
bullet ("•", "◦", "▪"), as the seeds print them ("•\tEnveloppe 1: …"). Printed as a
run of lines with a hyphen in front, they read as a typewriter's; here each such line
becomes a list item with a real bullet and a hanging indent (an item indented by two
spaces or a tab more than the one before it is nested one level), a blank line ends a
paragraph, and the other lines keep their line breaks. The text stays data: every piece
goes through ``pdf_text.escape``, the marker is drawn by the paragraph's bullet, never
written as markup. A text without line breaks is the one paragraph it always was.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_text import DocText, escape

BULLETS = ("•", "◦", "▪")  # what each nesting level prints
INDENT = 14  # points per nesting level of a list item: room for the bullet and a gap
BULLET_INDENT = 2  # points from the level's left edge to its bullet
_ITEM = re.compile(r"(?P<indent>[ \t]*)(?:[-–—][ \t]+|[•◦▪‣●][ \t]*)(?P<text>\S.*)")
_TAB = 4  # a tab counts as this many spaces of indentation


@dataclass(frozen=True)
class Block:
    """A paragraph (``level`` None) or a list item at nesting ``level`` (0, 1, …)."""

    text: str
    level: int | None = None


def blocks(text: str) -> list[Block]:
    """``text`` cut into paragraphs and list items (see the module's docstring)."""
    out: list[Block] = []
    lines: list[str] = []
    indents: list[int] = []  # the indentation of each open list level

    def end_paragraph() -> None:
        if lines:
            out.append(Block("\n".join(lines)))
            lines.clear()

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        item = _ITEM.fullmatch(line.rstrip())
        if item is not None:
            end_paragraph()
            indent = len(item["indent"].expandtabs(_TAB))
            while indents and indent < indents[-1]:
                indents.pop()
            if not indents or indent > indents[-1] + 1:
                indents.append(indent)
            out.append(Block(item["text"], min(len(indents) - 1, len(BULLETS) - 1)))
        elif not line.strip():
            end_paragraph()
            indents.clear()
        else:
            if not lines:
                indents.clear()
            lines.append(line)
    end_paragraph()
    return out


def item_style(style: ParagraphStyle, level: int, last: bool = False) -> ParagraphStyle:
    """``style`` for a list item at ``level``: a hanging indent with the bullet in it,
    and less space after than between paragraphs unless it ends the list (``last``).
    Made once per style, level and place."""
    key = (style.name, level, last)
    made = _item_styles.get(key)
    if made is None or made[0] is not style:
        indent = style.leftIndent + INDENT * (level + 1)
        made = (
            style,
            ParagraphStyle(
                f"{style.name}_item{level}{'_last' if last else ''}",
                parent=style,
                leftIndent=indent,
                bulletIndent=indent - INDENT + BULLET_INDENT,
                spaceAfter=style.spaceAfter if last else min(style.spaceAfter, 2),
                bulletFontName=style.fontName,
            ),
        )
        _item_styles[key] = made
    return made[1]


_item_styles: dict[tuple[str, int, bool], tuple[ParagraphStyle, ParagraphStyle]] = {}


def text_flowables(
    text: DocText,
    texts: Mapping[str, str],
    where: str,
    name: str,
    style: ParagraphStyle,
) -> list[Flowable]:
    """The field ``name`` of ``texts`` in the document's language as paragraphs and
    list items in ``style``; a fallback's language mark ends the last of them."""
    picked = text.pick(texts, where, name)
    mark = text.fallback_mark(picked)
    if "\n" not in picked.text and "\r" not in picked.text and not _ITEM.match(picked.text):
        return [DocParagraph(escape(picked.text) + mark, style)] if picked.text or mark else []
    parts = blocks(picked.text) or [Block("")]
    flowables: list[Flowable] = []
    for n, block in enumerate(parts):
        markup = escape(block.text) + (mark if n == len(parts) - 1 else "")
        if block.level is None:
            flowables.append(DocParagraph(markup, style))
        else:
            last = n == len(parts) - 1 or parts[n + 1].level is None
            item = item_style(style, block.level, last)
            flowables.append(DocParagraph(markup, item, bulletText=BULLETS[block.level]))
    return flowables
