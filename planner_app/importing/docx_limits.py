"""Checks on an untrusted .docx before python-docx reads a byte of it.

As for a workbook (``exporting.excel_limits``, whose checks are reused): a zip bomb, a
zip with thousands of members, an XML part that declares a DTD (billion laughs,
quadratic blowup, external entities) is refused with one clear sentence, quickly and
in little memory. Here also: a file over 50 MB, a document over 100,000 paragraphs
(counted while streaming ``word/document.xml`` once, in chunks), and a macro-enabled
document (.docm, whatever its name says: its content type or a ``vbaProject.bin``).
python-docx then parses with lxml, entities not resolved, as a second line of defence.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from planner_app.errors import PlanFileError
from planner_app.exporting import excel_limits
from planner_app.i18n import _

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PARAGRAPHS = 100_000
_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,31}:)?p[\s>/]")
_MACRO_TYPES = (b"macroenabled", b"vbaproject", b"vbadata")
_CHUNK = 1 << 20


class DocumentRefusedError(PlanFileError):
    """The document cannot be imported (exit 2); the message names the file and why."""


def _refuse(path: Path, reason: str) -> DocumentRefusedError:
    return DocumentRefusedError(f"{path.name}: {reason}")


def check_docx_file(path: Path) -> None:
    """Raise ``DocumentRefusedError`` unless ``path`` is a Word document within the
    limits, without macros, whose XML declares no DTD."""
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
    if not zipfile.is_zipfile(path):
        raise _refuse(path, _("is not a Word document (.docx): it is not a zip file."))
    count = excel_limits._entry_count(path)
    if count is None or count > excel_limits.MAX_MEMBERS:
        raise _refuse(
            path,
            _("has too many parts for a document (more than {n}).").format(
                n=excel_limits.MAX_MEMBERS
            ),
        )
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            try:
                excel_limits._check_members(path, members)
            except excel_limits.WorkbookError as err:
                raise _refuse(path, err.reason) from None
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise _refuse(path, _("is a zip file but not a Word document (.docx)."))
            types = zf.read("[Content_Types].xml").lower()
            if any(m.lower().endswith("vbaproject.bin") for m in names) or any(
                t in types for t in _MACRO_TYPES
            ):
                raise _refuse(
                    path,
                    _(
                        "is a macro-enabled document (.docm); macros are never imported. "
                        "Save it as a .docx without macros and import that."
                    ),
                )
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    _check_part(path, zf, member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as err:
        raise _refuse(path, _("is a damaged zip file ({error}).").format(error=err)) from None


def _check_part(path: Path, zf: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """No DTD in any part; at most ``MAX_PARAGRAPHS`` paragraphs in the document."""
    counting = member.filename == "word/document.xml"
    paragraphs = 0
    tail = b""
    with zf.open(member) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                return
            window = tail + chunk
            lowered = window.lower()
            if b"<!doctype" in lowered or b"<!entity" in lowered:
                raise _refuse(
                    path,
                    _(
                        "part {part} declares a DTD or entities, which documents never do: refused."
                    ).format(part=member.filename),
                )
            if counting:
                paragraphs += sum(1 for m in _PARAGRAPH.finditer(window) if m.end() > len(tail))
                if paragraphs > MAX_PARAGRAPHS:
                    raise _refuse(
                        path,
                        _("has more than {n} paragraphs: too many to import.").format(
                            n=MAX_PARAGRAPHS
                        ),
                    )
            tail = chunk[-48:]
