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
from pathlib import Path

from planner_app.i18n import _
from planner_app.importing.docx_limits import MAX_FILE_BYTES, DocumentRefusedError
from planner_app.importing.model import SourceLine
from planner_app.importing.text_source import text_lines

MAX_PAGES = 5_000
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
    edges: Counter[str] = Counter()
    for page in pages:
        for line in _edge_lines(page):
            edges[_key(line)] += 1
    repeated = {key for key, n in edges.items() if n >= 2}
    text: list[str] = []
    furniture: dict[int, str] = {}
    for page in pages:
        edge = set(map(id, _edge_lines(page)))
        for line in page:
            if _PAGE_NUMBER.match(line):
                furniture[len(text)] = _("a page number")
            elif id(line) in edge and _key(line) in repeated and len(pages) > 1:
                furniture[len(text)] = _("a running header or footer")
            text.append(line)
    return text_lines("\n".join(text), furniture=furniture)


def _edge_lines(page: list[str]) -> list[str]:
    filled = [line for line in page if line.strip()]
    return filled[:_EDGE] + filled[-_EDGE:] if len(filled) > 2 * _EDGE else filled


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())
