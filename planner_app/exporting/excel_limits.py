"""Checks on an untrusted .xlsx before openpyxl reads a byte of it.

An .xlsx is a zip of XML parts. A zip bomb, a zip with 100,000 members, an XML part
with a DTD (billion laughs, quadratic blowup, external entities) or a sheet with more
rows than an import takes is refused here with one clear sentence, quickly and in
little memory: the central directory's entry count is read from its end record before
the directory itself is parsed, and each part is streamed once in chunks. openpyxl
then parses with defusedxml (installed as a dependency) as a second line of defence,
and the readers count rows again as they go (a row element with a prefix longer than
``_ROW`` allows is only caught there, later).
"""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

from planner_app.errors import ValidationError
from planner_app.i18n import _

MAX_MEMBERS = 1_000
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_ROWS = 250_000  # rows per sheet (besides the two header rows)
_HEAD_ROWS = 2
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,31}:)?row[\s/>]")  # <row …> or <x:row …>
_RATIO_FLOOR = 64 * 1024  # members smaller than this cannot bomb; tiny parts compress well
_EOCD = b"PK\x05\x06"
# In every encoding an XML part may declare (UTF-8, UTF-16 and UTF-32, both byte
# orders): a UTF-16 DTD passed the UTF-8 test and reached openpyxl's own refusal.
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!doctype", "<!entity")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_CHUNK = 1 << 20


class WorkbookError(ValidationError):
    """The workbook cannot be imported; the message names the file, sheet, row, column."""

    def __init__(self, where: str, reason: str, problems: list[str] | None = None) -> None:
        super().__init__(where, reason)
        self.problems = problems or []


def _bad(path: Path, reason: str) -> WorkbookError:
    return WorkbookError(path.name, reason)


def _entry_count(path: Path) -> int | None:
    """Entries the zip's end-of-central-directory record declares (None: not found)."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        tail = min(size, 65_535 + 22)
        fh.seek(size - tail)
        data = fh.read(tail)
    at = data.rfind(_EOCD)
    if at < 0 or at + 22 > len(data):
        return None
    return struct.unpack("<H", data[at + 10 : at + 12])[0]


def check_workbook_file(path: Path) -> None:
    """Raise ``WorkbookError`` unless ``path`` is a zip within the limits, shaped like
    an .xlsx, whose XML parts declare no DTD."""
    path = Path(path)
    if not path.is_file():
        raise _bad(path, _("the file does not exist."))
    if not zipfile.is_zipfile(path):
        raise _bad(path, _("is not an Excel workbook (.xlsx): it is not a zip file."))
    count = _entry_count(path)
    if count is None or count > MAX_MEMBERS:
        raise _bad(
            path,
            _("has too many parts for a workbook (more than {n}).").format(n=MAX_MEMBERS),
        )
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            _check_members(path, members)
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise _bad(path, _("is a zip file but not an Excel workbook (.xlsx)."))
            for member in members:
                if member.filename.endswith((".xml", ".rels", ".vml")):
                    _check_part(path, zf, member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as err:
        raise _bad(path, _("is a damaged zip file ({error}).").format(error=err)) from None


def _check_members(path: Path, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise _bad(
            path, _("has too many parts for a workbook (more than {n}).").format(n=MAX_MEMBERS)
        )
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise _bad(
            path,
            _("unpacks to more than {mb} MB; it is too large or a zip bomb.").format(
                mb=MAX_UNCOMPRESSED // (1024 * 1024)
            ),
        )
    for m in members:
        if m.file_size > _RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise _bad(
                path,
                _(
                    "part {part} is compressed more than {ratio} to 1: refused as a zip bomb."
                ).format(part=m.filename, ratio=MAX_RATIO),
            )


def _check_part(path: Path, zf: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """A workbook's XML never declares a DTD (one that does is an entity attack), and a
    sheet holds at most ``MAX_ROWS`` rows: both found in one streamed pass."""
    is_sheet = member.filename.startswith("xl/worksheets/")
    rows = 0
    tail = b""
    with zf.open(member) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                return
            window = tail + chunk
            if any(marker in window.lower() for marker in _DTD_MARKERS):
                raise _bad(
                    path,
                    _(
                        "part {part} declares a DTD or entities, which workbooks never do: refused."
                    ).format(part=member.filename),
                )
            if is_sheet:
                # Count the rows that end in this chunk (those in the tail were counted).
                rows += sum(1 for m in _ROW.finditer(window) if m.end() > len(tail))
                if rows > MAX_ROWS + _HEAD_ROWS:
                    raise _bad(
                        path,
                        _("part {part} has more than {n} rows: too many.").format(
                            part=member.filename, n=MAX_ROWS
                        ),
                    )
            tail = chunk[-96:]
