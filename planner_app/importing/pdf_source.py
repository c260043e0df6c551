"""The text layer of a PDF, page by page, read with pypdf (already a dependency).

What the printed page adds is marked as page furniture: a page number alone on a
line ("12", "- 12 -", "Page 3 / 40"), and the first or last lines of a page that
recur on other pages once their figures are set aside (the running header "FOD
Binnenlandse Zaken . strategisch plan 2025 - 2029", the footer with the page's
number). The rest is handed to the text source (hyphenated line ends joined) and the
recogniser (paragraphs re-flowed). A PDF without a text layer (a scan) is refused with
a sentence saying so. Qt-free.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

from planner_app.i18n import _
from planner_app.importing.docx_limits import MAX_FILE_BYTES, DocumentRefusedError
from planner_app.importing.model import SourceLine
from planner_app.importing.text_source import text_lines

MAX_PAGES = 5_000
_FEW = 8  # a page with fewer lines takes the document's full line width
_SHORT = 0.7  # a line shorter than this share of a full one ends its paragraph
_EDGE = 2  # lines at the top and bottom of a page that may be a header or footer
_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$|^\s*(?i:page|pagina|p\.|blz\.?)\s*\d+(?:\s*(?:/|of|van|sur)\s*\d+)?\s*$"
)


def _refuse(path: Path, reason: str) -> DocumentRefusedError:
    return DocumentRefusedError(f"{path.name}: {reason}")


def pdf_pages(path: Path) -> list[list[str]]:
    """The lines of each page's text layer."""
    path = Path(path)
    if not path.is_file():
        raise _refuse(path, _("the file does not exist."))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise _refuse(
            path,
            _("is larger than {mb} MB: too large to import.").format(
                mb=MAX_FILE_BYTES // (1024 * 1024)
            ),
        )
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise _refuse(path, _("is encrypted; save it without a password and import that."))
        if len(reader.pages) > MAX_PAGES:
            raise _refuse(path, _("has more than {n} pages: too many.").format(n=MAX_PAGES))
        pages = [(page.extract_text() or "").split("\n") for page in reader.pages]
    except DocumentRefusedError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise _refuse(path, _("cannot be read as a PDF ({error}).").format(error=err)) from None
    if not any(line.strip() for page in pages for line in page):
        raise _refuse(path, _("has no text layer (a scan?); only a PDF with text can be imported."))
    return pages


def pdf_lines(path: Path) -> list[SourceLine]:
    """Raw lines of the whole PDF, page furniture marked, for the recogniser."""
    return page_lines(pdf_pages(path))


def page_lines(pages: list[list[str]]) -> list[SourceLine]:
    """The pages' lines as one text: page numbers and running headers and footers
    marked, blank lines at a page's top and bottom dropped (a paragraph runs on over a
    page break), and a blank line put where a paragraph ends (``_paragraph_ends``)."""
    pages = [_trimmed(page) for page in pages]
    edges: Counter[str] = Counter()
    for page in pages:
        for i in _edge_indexes(page):
            edges[_key(page[i])] += 1
    repeated = {key for key, n in edges.items() if n >= 2}
    marks: list[dict[int, str]] = []  # per page: line index -> why it is furniture
    for page in pages:
        mark: dict[int, str] = {}
        edge = _edge_indexes(page)
        for i, line in enumerate(page):
            if _PAGE_NUMBER.match(line):
                mark[i] = _("a page number")
            elif i in edge and _key(line) in repeated and len(pages) > 1:
                mark[i] = _("a running header or footer")
        marks.append(mark)
    bodies = [
        [line for i, line in enumerate(page) if i not in mark]
        for page, mark in zip(pages, marks, strict=True)
    ]
    whole = _full_width([line for body in bodies for line in body])
    lines: list[str] = []
    furniture: dict[int, str] = {}
    for page, mark, body in zip(pages, marks, bodies, strict=True):
        ends = _paragraph_ends(body, whole)
        seen = 0  # body lines passed
        for i, line in enumerate(page):
            if i in mark:
                furniture[len(lines)] = mark[i]
                lines.append(line)
                continue
            lines.append(line)
            if seen in ends:
                lines.append("")
            seen += 1
    return text_lines("\n".join(lines), furniture=furniture)


def _trimmed(page: list[str]) -> list[str]:
    """A page's lines without the blank ones at its top and bottom: a page break is
    not a paragraph break."""
    start, end = 0, len(page)
    while start < end and not page[start].strip():
        start += 1
    while end > start and not page[end - 1].strip():
        end -= 1
    return page[start:end]


def _full_width(lines: list[str]) -> int:
    """The length of a full line of text: what most long lines reach (0 when too
    few lines to tell)."""
    lengths = sorted(_width(line) for line in lines if line.strip())
    if len(lengths) < _FEW:
        return 0
    return lengths[int(len(lengths) * 0.9)]


def _paragraph_ends(body: list[str], whole: int) -> set[int]:
    """Indexes of the body lines that end a paragraph. A text layer has no blank lines
    between paragraphs, so they are told by their width: a line well short of the
    page's full width ends its paragraph (or is a heading on its own), and so does a
    sentence's end before a short line that starts with a capital (a heading such as
    "Politiek", or a one-line paragraph) - unless the next line runs on in lower case
    ("3 Strategie voor" / "de legislatuur"). A page with few lines takes the
    document's full width. Two paragraphs whose first ends on a full line stay joined:
    their text is kept, only not split."""
    full = _full_width(body) or whole
    if not full:
        return set()
    out = set()
    for i, (line, after) in enumerate(pairwise(body)):
        nxt = after.strip()
        if not line.strip() or not nxt or nxt[0].islower():
            continue
        short = _width(line) < _SHORT * full
        sentence_end = line.rstrip().endswith((".", "!", "?", ":"))
        if short or (sentence_end and _width(after) < _SHORT * full and nxt[0].isupper()):
            out.add(i)
    return out


def _width(line: str) -> int:
    return len(" ".join(line.split()))


def _edge_indexes(page: list[str]) -> set[int]:
    """Indexes of the first and last filled lines of a page."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    return set(filled[:_EDGE] + filled[-_EDGE:])


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())
