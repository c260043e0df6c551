"""Hostile workbooks, made from a real export: for the safety tests and the bad-file bench.

Each builder of ``BAD_FILES`` takes the exported workbook and a target path and writes a
file the importer must refuse; the second item is a word of the refusal it must give.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook


def _rewrite(source: Path, target: Path, change) -> Path:
    """Copy a workbook, passing each member through ``change(name, data)``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
    return target


def _with_dtd(dtd: str):
    def change(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet2.xml":
            text = data.decode()
            head, rest = text.split("?>", 1) if text.startswith("<?xml") else ("", text)
            return ((head + "?>" if head else "") + dtd + rest).encode()
        return data

    return change


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
QUADRATIC = '<!DOCTYPE q [<!ENTITY a "' + "a" * 50_000 + '">]>'
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _bomb(path: Path, filler: bytes, size: int) -> Path:
    """A workbook-shaped zip whose one sheet unpacks to ``size`` bytes of ``filler``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", filler * size)
    return path


def _zip_bomb(path: Path) -> Path:
    return _bomb(path, b"\0", 60 * 1024 * 1024)  # over the 50 MB unpacked


def _ratio_bomb(path: Path) -> Path:
    return _bomb(path, b" ", 10 * 1024 * 1024)  # under 50 MB, compressed ~1000:1


def _many_members(path: Path, n: int = 100_000) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for i in range(n):
            zf.writestr(zipfile.ZipInfo(f"{i}"), b"")
    path.write_bytes(buf.getvalue())
    return path


def _set_cell(sheet_prefix: str, old: str, new: str):
    def change(name: str, data: bytes) -> bytes:
        if name.startswith(sheet_prefix):
            return data.decode().replace(old, new, 1).encode()
        return data

    return change


BAD_FILES = {
    "not a zip": (lambda src, p: (p.write_bytes(b"hello, not a workbook"), p)[1], "not a zip"),
    "zip, not xlsx": (
        lambda src, p: (zipfile.ZipFile(p, "w").writestr("a.txt", "x"), p)[1],
        "not an Excel workbook",
    ),
    "billion laughs": (lambda src, p: _rewrite(src, p, _with_dtd(BILLION_LAUGHS)), "DTD"),
    "quadratic blowup": (lambda src, p: _rewrite(src, p, _with_dtd(QUADRATIC)), "DTD"),
    "xxe": (lambda src, p: _rewrite(src, p, _with_dtd(XXE)), "DTD"),
    "zip bomb": (lambda src, p: _zip_bomb(p), "zip bomb"),
    "ratio bomb": (lambda src, p: _ratio_bomb(p), "zip bomb"),
    "100,000 members": (lambda src, p: _many_members(p), "too many parts"),
}


def rows_over_the_limit(source: Path, path: Path, rows: int) -> Path:
    """The export with ``rows`` more milestone rows of random numbers (too random for
    the compression-ratio check, so the row cap is what refuses it)."""
    wb = load_workbook(source)
    names = {row[0].value: row[1].value for row in wb["_planner"].iter_rows()}
    ws = wb[names["sheet:milestones"]]
    wb.close()
    pick = random.Random(7).randrange

    def change(name: str, data: bytes) -> bytes:
        if name != _member_of(source, ws.title):
            return data
        text = data.decode()
        extra = "".join(
            f'<row r="{n}"><c r="A{n}" t="n"><v>{pick(10**9)}</v></c></row>'
            for n in range(10, 10 + rows)
        )
        return text.replace("</sheetData>", extra + "</sheetData>", 1).encode()

    return _rewrite(source, path, change)


def _member_of(source: Path, title: str) -> str:
    """The zip member holding the sheet called ``title`` (openpyxl's sheetN.xml order)."""
    wb = load_workbook(source, read_only=True)
    try:
        return f"xl/worksheets/sheet{wb.sheetnames.index(title) + 1}.xml"
    finally:
        wb.close()


BadFile = Callable[[Path, Path], Path]
