"""The document's paragraph: reportlab's ``Paragraph``, cheaper where a large plan pays.

A large business plan has ~160,000 paragraphs, most of them user text that
``pdf_text.escape`` turned into markup holding nothing but the entities ``&amp;``,
``&lt;``, ``&gt;`` and line breaks (``<br/>``). Two costs of reportlab's paragraph are
avoidable for them, and :class:`DocParagraph` avoids both without changing a byte of
the layout:

- **Parsing.** reportlab parses every paragraph with an ``HTMLParser``, a third of a
  short paragraph's cost. For such plain markup the fragments are made here directly,
  equal attribute for attribute to what the parser makes (``tests/test_pdf_paragraph``
  compares them on hostile, multilingual and random text). Anything else (our own
  ``<b>``, ``<font>``) goes through the parser as before.
- **Wrapping twice.** A table wraps each cell's paragraph to measure its row and again
  to draw it, at the same width. ``wrap`` depends on the width alone, so the second
  call returns the first one's lines.
"""

from __future__ import annotations

import re
import weakref

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

_PLAIN = re.compile(r"(?:[^<&]|&(?:amp|lt|gt);|<br/>)*")
_PIECES = re.compile(r"(&amp;|&lt;|&gt;|<br/>)")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}

# Per style, a text fragment and a line-break fragment as the parser makes them; weakly
# keyed: every export makes its own styles.
_prototypes: weakref.WeakKeyDictionary[ParagraphStyle, tuple[object, object]] = (
    weakref.WeakKeyDictionary()
)


def _prototypes_of(style: ParagraphStyle) -> tuple[object, object]:
    known = _prototypes.get(style)
    if known is None:
        text, line_break, _tail = Paragraph("x<br/>x", style).frags
        known = _prototypes[style] = (text, line_break)
    return known


def plain_frags(text: str, style: ParagraphStyle) -> list | None:
    """The fragments reportlab's parser makes of ``text`` (markup already through
    ``cleanBlockQuotedText``, as ``Paragraph`` does first), or None when it holds more
    than text, the three entities and ``<br/>``: the parser's business."""
    if not text or _PLAIN.fullmatch(text) is None:
        return None
    text_proto, break_proto = _prototypes_of(style)
    lists = {"link": [], "us_lines": []}  # the parser's lists, fresh for each paragraph
    if "&" not in text and "<" not in text:
        return [_copy(text_proto, lists, text)]
    frags = []
    for piece in _PIECES.split(text):
        if piece == "<br/>":
            frags.append(_copy(break_proto, lists, ""))
        elif piece:
            frags.append(_copy(text_proto, lists, _ENTITIES.get(piece, piece)))
    return frags


def _copy(prototype, lists: dict[str, list], text: str):
    """A shallow copy of ``prototype`` (as the parser's ``copy.copy``) with ``text``."""
    frag = object.__new__(prototype.__class__)
    frag.__dict__.update(prototype.__dict__)
    frag.__dict__.update(lists)
    frag.text = text
    return frag


def _clean(text: str) -> str:
    """``cleanBlockQuotedText(text)``, which is ``text`` itself for a line with single
    spaces only (``isprintable`` is False for every other white space)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return cleanBlockQuotedText(text)


class DocParagraph(Paragraph):
    """A ``Paragraph`` that skips the parser for plain markup and remembers its last
    wrap (see the module's docstring)."""

    def __init__(self, text, style=None, bulletText=None, frags=None, **kwargs) -> None:  # noqa: N803
        if (
            frags is None
            and text is not None
            and style is not None
            and (not bulletText or isinstance(bulletText, str))  # a list item's "•"
            and not getattr(style, "bulletText", None)
            and not getattr(style, "textTransform", None)  # the parser's path applies it
        ):
            cleaned = _clean(text)
            frags = plain_frags(cleaned, style)
            if frags is not None:
                text = cleaned
        super().__init__(text, style, bulletText, frags, **kwargs)
        self._wrapped: tuple[float, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        wrapped = self._wrapped
        if wrapped is not None and wrapped[0] == availWidth and hasattr(self, "blPara"):
            return wrapped[1], wrapped[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, width, height)
        return width, height


NARROW_NBSP = "\u202f"
# reportlab's breakable white space (``paragraph._wsc``) without the narrow no-break space
_BREAKABLE = re.compile(
    "[%s]+" % re.escape("".join(c for c in paragraph._wsc if c != NARROW_NBSP))  # noqa: UP031
)
_reportlab_split = paragraph.split


def _split(text, delim=None):
    """reportlab's word split, except that a narrow no-break space joins the words it
    stands between, as reportlab already does for the no-break space U+00A0."""
    if delim is None and isinstance(text, str) and NARROW_NBSP in text:
        return _BREAKABLE.split(text)
    return _reportlab_split(text, delim)


def keep_narrow_spaces() -> None:
    """Make reportlab keep U+202F (French typography: "Statut :", "4,2 %", "2 514 220")
    as a narrow space that never breaks a line. reportlab lists it among the spaces a
    line may break at, and a word split replaces it by a full space. Idempotent; called
    once per process with the fonts (``pdf_fonts.register_fonts``)."""
    paragraph.split = _split
