"""The PDF's one font family, DejaVu Sans, embedded so no standard (unembedded) font remains.

The TTF files and their licence ship in ``resources/fonts/``. Registering is idempotent;
the font's character map also tells which characters of user text it cannot draw, so the
export can report them instead of printing silent empty boxes.

No fallback font is shipped, by choice. DejaVu Sans covers the scripts Belgian plans
are written in (Latin with every European diacritic, Greek, Cyrillic) and more. What it
lacks would not print right with a fallback either: reportlab embeds only TrueType
outlines, so Noto Sans CJK (CFF outlines, 16 MB per weight) and Noto Color Emoji
(bitmaps) cannot be embedded at all, and Arabic or Hebrew text, whose glyphs DejaVu has,
would still come out unjoined and left-to-right, since reportlab does not shape or
reorder it. So each such character is kept in the PDF with its code (text extraction
and search still find it) and the export names it, with its Unicode name, in a warning
that says which of the two problems it has.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from planner_app.resources import resource_path

BASE_FONT = "DejaVuSans"
BOLD_FONT = "DejaVuSans-Bold"
ITALIC_FONT = "DejaVuSans-Oblique"
BOLD_ITALIC_FONT = "DejaVuSans-BoldOblique"

_FILES = {
    BASE_FONT: (0, 0),
    BOLD_FONT: (1, 0),
    ITALIC_FONT: (0, 1),
    BOLD_ITALIC_FONT: (1, 1),
}

# Scripts reportlab draws glyph by glyph, without joining or right-to-left reordering:
# the code points survive (text extraction finds them) but the shapes are wrong.
_UNSHAPED_RANGES = (
    (0x0590, 0x08FF),  # Hebrew, Syriac, Arabic, Thaana, N'Ko, ...
    (0x0900, 0x0DFF),  # Indic scripts
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),  # Arabic presentation forms B
)


_reportlab_to_unicode = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with characters beyond U+FFFF written as UTF-16
    surrogate pairs. reportlab writes them as five hex digits, which readers cut to
    four: an emoji typed by a user came out of text extraction as another character."""
    cmap = _reportlab_to_unicode(fontname, subset)
    for index, code in enumerate(subset):
        if code > 0xFFFF:
            utf16 = chr(code).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{utf16}>", 1)
    return cmap


@cache
def register_fonts() -> str:
    """Register the family once per process (and correct reportlab's ToUnicode map for
    characters beyond the BMP); returns the base font name."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    from planner_app.exporting.pdf_paragraph import keep_narrow_spaces

    keep_narrow_spaces()
    for name, (bold, italic) in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", f"{name}.ttf"))))
        addMapping(BASE_FONT, bold, italic, name)
    pdfmetrics.registerFontFamily(
        BASE_FONT, normal=BASE_FONT, bold=BOLD_FONT, italic=ITALIC_FONT, boldItalic=BOLD_ITALIC_FONT
    )
    return BASE_FONT


@cache
def _char_map() -> frozenset[int]:
    """The font's own coverage, taken before ``keep_code_points`` adds to its map."""
    register_fonts()
    font = pdfmetrics.getFont(BASE_FONT)
    return frozenset(font.face.charToGlyph)


def keep_code_points(chars: list[str]) -> None:
    """Let characters the font lacks be drawn as its empty box *with their own code*.

    reportlab draws a character missing from the font as code 0, which text extraction
    (search, copy, screen readers) reads as nothing; mapped to the .notdef glyph it keeps
    its code point in the PDF's ToUnicode map, so the text stays what the user typed."""
    for name in _FILES:
        face = pdfmetrics.getFont(name).face
        for char in chars:
            face.charToGlyph.setdefault(ord(char), 0)


@lru_cache(maxsize=65536)
def _printable(char: str) -> bool:
    code = ord(char)
    if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
        return True
    unshaped = any(low <= code <= high for low, high in _UNSHAPED_RANGES)
    return code in _char_map() and not unshaped


def unprintable(text: str) -> list[str]:
    """Characters of ``text`` the PDF cannot show as typed: missing from the font, or of
    a script reportlab cannot shape. Whitespace and control characters are not counted."""
    return [char for char in dict.fromkeys(text) if not _printable(char)]


def unshaped(char: str) -> bool:
    """Of a script reportlab draws letter by letter (right-to-left, Indic …)."""
    code = ord(char)
    return any(low <= code <= high for low, high in _UNSHAPED_RANGES)


def describe(chars: list[str], limit: int = 8) -> str:
    """``中 (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D), ا (U+0627 ARABIC LETTER ALEF) …`` for a
    report line: the character, its code and its Unicode name, so the user can find it
    in the text whatever the font shows."""
    shown = ", ".join(
        f"{c} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')})" for c in chars[:limit]
    )
    more = len(chars) - limit
    return shown + (f" … (+{more})" if more > 0 else "")
