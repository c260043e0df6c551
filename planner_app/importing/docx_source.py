"""A Word document (.docx) as ``SourceLine`` values, read with python-docx.

python-docx is kept by the python-openxml project, reads and writes .docx, gives each
paragraph its style and the raw XML beside it, and parses with lxml without resolving
entities; the tests build their documents with it too. docx2python flattens a
document to text with numbering already rendered, but loses which style a paragraph
has and does not write documents. Word's list numbers are worked out here
(``docx_numbering``) from each paragraph's list and level, on itself or its style.

Body paragraphs and tables come in document order. A paragraph's heading level comes
from its style's name ("Heading 2", "Kop 2", "Titre 2", "Überschrift 2") or outline
level; a table becomes one line with its rows, classified (``tables``). The file is
checked first (``docx_limits``). Qt-free.
"""

from __future__ import annotations

import re
from pathlib import Path

from planner_app.importing.docx_limits import DocumentRefusedError, check_docx_file
from planner_app.importing.docx_numbering import Numbering, W
from planner_app.importing.model import SourceLine, TableData
from planner_app.importing.tables import classify

_HEADING = re.compile(r"(?i)^(?:heading|kop|titre|[üu]berschrift|titolo|t[íi]tulo)\s*(\d)$")


def docx_lines(path: Path) -> list[SourceLine]:
    """The document's paragraphs and tables, in order (refused as ``docx_limits``
    says)."""
    path = Path(path)
    check_docx_file(path)
    import docx

    try:
        document = docx.Document(str(path))
        styles = {s.style_id: s for s in document.styles}
    except Exception as err:  # a malformed package fails in many ways, none of them ours
        raise _unreadable(path, err) from None
    try:
        numbering = Numbering.read(document.part.numbering_part.element)
    except (NotImplementedError, KeyError):
        numbering = Numbering()
    out: list[SourceLine] = []
    index = 0
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            index += 1
            line = _paragraph(child, index, styles, numbering)
            if line is not None:
                out.append(line)
        elif child.tag == f"{W}tbl":
            index += 1
            rows = tuple(
                tuple(_cell_text(tc) for tc in tr.iter(f"{W}tc")) for tr in child.iter(f"{W}tr")
            )
            rows = tuple(r for r in rows if any(c.strip() for c in r))
            if rows:
                table = TableData(rows, classify(rows))
                out.append(SourceLine("", (index,), table=table))
    return out


def _unreadable(path: Path, err: Exception) -> DocumentRefusedError:
    from planner_app.i18n import _

    return DocumentRefusedError(
        f"{path.name}: " + _("cannot be read as a Word document ({error}).").format(error=err)
    )


def _text(element) -> str:
    parts: list[str] = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(cell) -> str:
    return " ".join(" ".join(_text(p).split()) for p in cell.iter(f"{W}p")).strip()


def _style_chain(style_id: str | None, styles: dict):
    seen = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        style = styles.get(style_id)
        if style is None:
            return
        yield style
        base = style.base_style
        style_id = base.style_id if base is not None else None


def _paragraph(p, index: int, styles: dict, numbering: Numbering) -> SourceLine | None:
    text = _text(p)
    ppr = p.find(f"{W}pPr")
    style_id = None
    if ppr is not None and ppr.find(f"{W}pStyle") is not None:
        style_id = ppr.find(f"{W}pStyle").get(f"{W}val")
    chain = list(_style_chain(style_id, styles))
    name = chain[0].name if chain else ""
    heading = 0
    for style in chain:
        m = _HEADING.match(style.name or "")
        if m:
            heading = int(m.group(1))
            break
    if not heading:
        outline = _outline_level(ppr) if ppr is not None else None
        for style in chain:
            if outline is not None:
                break
            spr = style.element.find(f"{W}pPr")
            outline = _outline_level(spr) if spr is not None else None
        if outline is not None and outline < 9:
            heading = outline + 1
    num_id, ilvl = _num(ppr)
    for style in chain:
        if num_id is not None:
            break
        spr = style.element.find(f"{W}pPr")
        num_id, style_lvl = _num(spr)
        if ilvl is None:
            ilvl = style_lvl
    number, bullet, level = "", False, -1
    if num_id is not None and num_id != "0":
        level = ilvl or 0
        number, bullet = numbering.number(num_id, level)
    if not text.strip():
        return None
    return SourceLine(
        text.strip(),
        (index,),
        heading=heading,
        number=number,
        list_level=level,
        bullet=bullet,
        style=name or "",
    )


def _outline_level(ppr) -> int | None:
    node = ppr.find(f"{W}outlineLvl")
    if node is None:
        return None
    try:
        return int(node.get(f"{W}val", "9"))
    except ValueError:
        return None


def _num(ppr) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    numpr = ppr.find(f"{W}numPr")
    if numpr is None:
        return None, None
    num = numpr.find(f"{W}numId")
    lvl = numpr.find(f"{W}ilvl")
    return (
        None if num is None else num.get(f"{W}val"),
        None if lvl is None else int(lvl.get(f"{W}val", "0")),
    )
