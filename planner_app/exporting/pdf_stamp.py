"""What a PDF of ours records about itself, and reading it back.

The fingerprint (``services.fingerprint``) is printed in every page's footer and stored
in the metadata as ``planner-app-fingerprint:<hex>``. Beside it the keywords carry the
rest of the *stamp*: the app version that laid the document out, which document it is
(the plan document or the year review), its language, the plan's state when it was
made, whether the export left out the footnotes on printed totals (``notes:off``) and,
for a review, the date it judged progress at (``asof``). With those ``pdf_verify`` can
make the same document again from the plan file and compare it page by page: a
fingerprint alone travels with a PDF whose figures were edited afterwards, the pages'
text does not.

PDFs from before the stamp carry the fingerprint only; their stamp has ``None`` for the
rest.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner_app.errors import DocumentError
from planner_app.i18n import _

if TYPE_CHECKING:
    from pypdf import PdfReader

FINGERPRINT_KEYWORD = "planner-app-fingerprint:"
_PREFIX = "planner-app-"
_HEX = re.compile(rf"{re.escape(FINGERPRINT_KEYWORD)}([0-9a-f]{{64}})")
_FIELD = re.compile(rf"{_PREFIX}(version|layout|document|language|state|notes|asof):(\S+)")
NOTES_OFF = "off"  # the stamp's notes: the export left out the footnotes on totals

# Bump when the document's text or page breaks change for the same plan (a new part, a
# moved heading, other column widths...): a PDF laid out otherwise cannot be compared
# page by page. tests/test_pdf_verify.py holds the demo document's text hash per layout
# and fails when the text changes under an unchanged number.
# 5: issue 28's printed totals and signature page; issue 24's chapter tree, units with
# roles and the units matrix.
# 6: issue 26's indicators' status, dated milestones and the review's progress.
LAYOUT_VERSION = 6


def current_layout() -> str:
    """This build's layout identity: our layout version and reportlab's (which breaks
    the lines and pages)."""
    from reportlab import Version

    return f"{LAYOUT_VERSION}-reportlab-{Version}"


_PRINTED = re.compile(r"SHA-256[^0-9a-f]{0,40}([0-9a-f]{64})")


@dataclass(frozen=True)
class PdfStamp:
    """What the PDF says about how it was made (``None``: not recorded)."""

    fingerprint: str
    version: str | None = None
    layout: str | None = None  # ``current_layout()`` of the build that made it
    document: str | None = None  # "plan" or "review"
    language: str | None = None
    state: str | None = None  # a PlanState value
    notes: str | None = None  # NOTES_OFF: made without the footnotes on totals (else: with)
    asof: str | None = None  # a review's reference date (ISO); the plan document has none

    @property
    def complete(self) -> bool:
        fields = (self.version, self.layout, self.document, self.language, self.state)
        return None not in fields


def stamp_keywords(stamp: PdfStamp) -> str:
    """The PDF keywords that carry ``stamp`` (space-separated ``name:value`` words)."""
    words = [f"{FINGERPRINT_KEYWORD}{stamp.fingerprint}"]
    for name in ("version", "layout", "document", "language", "state", "notes", "asof"):
        value = getattr(stamp, name)
        if value is not None:
            words.append(f"{_PREFIX}{name}:{value}")
    return " ".join(words)


def read_stamp(pdf: Path) -> PdfStamp | None:
    """The stamp of a PDF exported by this app, or None for another PDF.

    Raises ``DocumentError`` when ``pdf`` is missing or not a readable PDF."""
    with open_pdf(pdf) as reader:
        info = reader.metadata or {}
        for key in ("/Keywords", "/Subject"):
            words = str(info.get(key) or "")
            found = _HEX.search(words)
            if found:
                fields = dict(_FIELD.findall(words))
                return PdfStamp(found.group(1), **fields)
        first = reader.pages[0].extract_text() if reader.pages else ""
    printed = _PRINTED.search(first or "")  # metadata stripped by another program
    return PdfStamp(printed.group(1)) if printed else None


def read_fingerprint(pdf: Path) -> str | None:
    """The plan fingerprint a PDF exported by this app carries, or None for another PDF."""
    stamp = read_stamp(pdf)
    return stamp.fingerprint if stamp is not None else None


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, whitespace folded (what a reader of the page sees)."""
    with open_pdf(pdf) as reader:
        return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


@contextlib.contextmanager
def open_pdf(pdf: Path) -> Iterator[PdfReader]:
    """A ``PdfReader`` over ``pdf``; every failure to read it is one ``DocumentError``."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    pdf = Path(pdf)
    try:
        with pdf.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                raise DocumentError(_("{pdf} is not a PDF file.").format(pdf=pdf))
            handle.seek(0)
            yield PdfReader(handle)
    except OSError as err:
        raise DocumentError(
            _("Cannot read {pdf}: {reason}").format(pdf=pdf, reason=err.strerror)
        ) from err
    except (PyPdfError, ValueError, KeyError, TypeError) as err:
        raise DocumentError(_("{pdf} is damaged or not a PDF file.").format(pdf=pdf)) from err
