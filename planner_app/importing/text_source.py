"""A plain text (a .txt file, a pasted outline, a PDF's text layer) as raw lines.

What a text carries beyond its words is cleaned here, before the recogniser reads it:
a word broken at a line's end by a hyphen is joined ("samen-" / "werking"; a hyphen
before a capital is kept: "EU-" / "INITIATIEVEN"), and the running header or footer a
printed page repeats is marked as page furniture: a short line that recurs next to the
page numbers (a number alone on a line, with blank lines around it). Page numbers are
marked by the recogniser. Each raw line keeps its line number. Qt-free.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.importing.docx_limits import DocumentRefusedError
from planner_app.importing.model import SourceLine

MAX_TEXT_BYTES = 50 * 1024 * 1024
MAX_LINES = 400_000
_HYPHEN_END = re.compile(r"[^\W\d_]-$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
_NEAR = 3  # lines between a page number and the header or footer beside it
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_text_file(path: Path) -> str:
    """The text of a file: UTF-8 (with or without BOM), else Windows-1252, refused
    when it is too large or binary."""
    path = Path(path)
    if not path.is_file():
        raise DocumentRefusedError(f"{path.name}: " + _("the file does not exist."))
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise DocumentRefusedError(
            f"{path.name}: "
            + _("is larger than {mb} MB: too large to import.").format(
                mb=MAX_TEXT_BYTES // (1024 * 1024)
            )
        )
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise DocumentRefusedError(f"{path.name}: " + _("is not a text file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def text_lines(text: str, furniture: dict[int, str] | None = None) -> list[SourceLine]:
    """Raw lines with line numbers, hyphenated breaks joined and running headers and
    footers marked; for ``recognise(..., reflow=True)``. ``furniture``: lines (by
    index) a source already knows to be page furniture, and why."""
    raw = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    if len(raw) > MAX_LINES:
        raise ValidationError(
            _("Text"), _("has more than {n} lines: too many to import.").format(n=MAX_LINES)
        )
    if furniture is None:
        furniture = dict.fromkeys(_running_lines(raw), _("a running header or footer"))
    out: list[SourceLine] = []
    carry = ""
    carry_from: list[int] = []
    for number, line in enumerate(raw, start=1):
        if number - 1 in furniture:
            out.append(SourceLine(line.strip(), (number,), furniture=furniture[number - 1]))
            continue
        if carry:
            joined, nxt = _join(carry, line)
            if nxt is not None:
                out.append(SourceLine(joined, (*carry_from, number)))
                carry, carry_from = "", []
                continue
            out.append(SourceLine(carry, tuple(carry_from)))
            carry, carry_from = "", []
        stripped = line.rstrip()
        if _HYPHEN_END.search(stripped) and number < len(raw):
            carry, carry_from = stripped, [number]
            continue
        out.append(SourceLine(line.rstrip(), (number,)))
    if carry:
        out.append(SourceLine(carry, tuple(carry_from)))
    return out


def _join(head: str, line: str) -> tuple[str, str | None]:
    """``head`` ends in a hyphen: joined with ``line`` when that starts with a letter
    (the hyphen dropped before a lower-case letter)."""
    rest = line.strip()
    if not rest or not rest[0].isalpha():
        return head, None
    if rest[0].islower():
        return head[:-1] + rest, rest
    return head + rest, rest


def _running_lines(raw: list[str]) -> set[int]:
    """Indexes of lines that repeat beside page numbers: running headers/footers."""
    pages = [i for i, line in enumerate(raw) if _PAGE_NUMBER.match(line) and _alone(raw, i)]
    if len(pages) < 2:
        return set()
    near: Counter[str] = Counter()
    where: dict[str, list[int]] = {}
    for page in pages:
        for i in range(max(0, page - _NEAR * 2), min(len(raw), page + _NEAR * 2 + 1)):
            text = " ".join(raw[i].split())
            if i == page or not text or len(text) > 120 or _PAGE_NUMBER.match(text):
                continue
            key = re.sub(r"\d+", "#", text)
            if i not in where.setdefault(key, []):
                near[key] += 1
                where[key].append(i)
    total = Counter(re.sub(r"\d+", "#", " ".join(line.split())) for line in raw)
    out: set[int] = set()
    for key, count in near.items():
        if count >= 2 and count * 2 >= total[key]:  # mostly beside page numbers
            out.update(where[key])
    return out


def _alone(raw: list[str], i: int) -> bool:
    before = raw[i - 1].strip() if i > 0 else ""
    after = raw[i + 1].strip() if i + 1 < len(raw) else ""
    return not before or not after
