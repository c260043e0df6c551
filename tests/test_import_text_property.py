"""The recogniser on random outlines (property test) and on a PDF's text layer.

Random outlines: a tree of items numbered in one of several schemes (decimal paths,
or one style per level: "1." / "a)" / "i."; "I." / "A." / "1."), with noise lines of
text between items. Every item comes back as an objective at its depth with its
number as printed, every noise line is kept as text under the item above it, and
every line of the input is in exactly one entry.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from planner_app.importing.model import LEVELS, Role
from planner_app.importing.numbering import roman_value  # noqa: F401 (used by schemes)
from planner_app.importing.reader import pasted_outline, read_outline

WORDS = [
    "plan",
    "veiligheid",
    "burger",
    "dienst",
    "project",
    "werking",
    "begroting",
    "digitaal",
    "netwerk",
]


def _label(style: str, n: int) -> str:
    if style == "1.":
        return f"{n}."
    if style == "a)":
        return f"{chr(ord('a') + n - 1)})"
    if style == "i.":
        return f"{['i', 'ii', 'iii', 'iv', 'v', 'vi'][n - 1]}."
    if style == "I.":
        return f"{['I', 'II', 'III', 'IV', 'V', 'VI'][n - 1]}."
    if style == "A.":
        return f"{chr(ord('A') + n - 1)}."
    raise AssertionError(style)


SCHEMES = [("decimal",), ("1.", "a)", "i."), ("I.", "A.", "1.")]


@st.composite
def outlines(draw):
    seed = draw(st.integers(0, 10**6))
    scheme = draw(st.sampled_from(SCHEMES))
    rng = random.Random(seed)
    lines: list[str] = []
    expected: list[tuple[int, str, str]] = []  # depth, number as printed, title
    noise: list[str] = []

    def title() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5))).capitalize()

    def grow(prefix: tuple[int, ...], depth: int) -> None:
        for n in range(1, rng.randint(1, 3) + 1):
            path = (*prefix, n)
            if scheme == ("decimal",):
                printed = ".".join(map(str, path))
            else:
                printed = _label(scheme[depth - 1], n)
            text = title()
            lines.append(f"{printed} {text}")
            expected.append((depth, printed.rstrip("."), text))
            if rng.random() < 0.4:
                words = [rng.choice(WORDS) for _ in range(rng.randint(3, 9))]
                line = "Toelichting " + " ".join(words) + "."
                lines.append("")
                lines.append(line)
                lines.append("")
                noise.append(line)
            if depth < 3 and rng.random() < 0.6:
                grow(path, depth + 1)

    grow((), 1)
    return lines, expected, noise


@settings(max_examples=150, deadline=None)
@given(outlines())
def test_random_outlines_come_back_whole(case):
    lines, expected, noise = case
    outline = pasted_outline("\n".join(lines))
    entries = outline.entries
    objectives = [e for e in entries if e.role is Role.OBJECTIVE]
    got = [(LEVELS.index(e.level) + 1, e.code.rstrip("."), e.title) for e in objectives]
    assert got == expected
    texts = [e.text for e in entries if e.role is Role.TEXT]
    assert texts == noise
    seen = sorted(n for e in entries for n in e.lines)
    assert seen == [i for i, line in enumerate(lines, 1) if line.strip()]


def _pdf(path: Path) -> Path:
    """Three pages: a running header, page numbers, a paragraph broken over a page
    and a word hyphenated at a line's end."""
    c = canvas.Canvas(str(path), pagesize=A4)
    pages = [
        ["1 Inleiding", "Dit plan beschrijft de samen-", "werking tussen de diensten en loopt"],
        ["door tot het einde van de legislatuur.", "", "2 Strategische doelstellingen",
         "SD 1 Een veilige samenleving", "OD 1.1 Betere alarmering"],
        ["Trekker: Nationaal Crisiscentrum", "Q2: aanbesteding gegund", "", "3 Handtekening"],
    ]  # fmt: skip
    for number, lines in enumerate(pages, 1):
        c.setFont("Helvetica", 10)
        c.drawString(72, 800, "FOD Voorbeeld . strategisch plan 2025 - 2029")
        y = 760
        for line in lines:
            if line:
                c.drawString(72, y, line)
            y -= 30 if not line else 14
        c.drawString(300, 40, str(number))
        c.showPage()
    c.save()
    return path


def test_a_pdf_text_layer(tmp_path: Path):
    outline = read_outline(_pdf(tmp_path / "plan.pdf"), "pdf-text")
    furniture = [e for e in outline.entries if e.role is Role.FURNITURE]
    assert len(furniture) == 6  # three headers, three page numbers
    chapters = [(e.number, e.title) for e in outline.entries if e.role is Role.CHAPTER]
    assert chapters == [("1", "Inleiding"), ("2", "Strategische doelstellingen"),
                        ("3", "Handtekening")]  # fmt: skip
    (text,) = [e.text for e in outline.entries if e.role is Role.TEXT]
    assert text == (
        "Dit plan beschrijft de samenwerking tussen de diensten en loopt door tot het "
        "einde van de legislatuur."
    )
    roles = [e.role for e in outline.entries if e.role in (Role.LEAD, Role.MILESTONE)]
    assert roles == [Role.LEAD, Role.MILESTONE]


LOREM = (
    "De FOD Binnenlandse Zaken bereidt het beleid voor, vertaalt wetgeving naar concrete "
    "acties en ziet toe op de naleving ervan. We versterken de weerbaarheid van de "
    "samenleving en de ontwikkeling van een risicocultuur bij burgers en overheden."
)


def _wrapped_pdf(path: Path, blocks: list[str]) -> Path:
    """Paragraphs set at the page's width with no space between them, as Word prints
    a text without paragraph spacing: the text layer has no blank line between them."""
    from reportlab.lib.utils import simpleSplit

    c = canvas.Canvas(str(path), pagesize=A4)
    y = 780
    for block in blocks:
        for line in simpleSplit(block, "Helvetica", 10, 420):
            c.setFont("Helvetica", 10)
            c.drawString(72, y, line)
            y -= 13
    c.showPage()
    c.save()
    return path


def test_pdf_paragraphs_end_at_a_short_line(tmp_path: Path):
    """Without blank lines, a paragraph's short last line ends it; a heading on a line
    of its own stays one ("Politiek"), and the lines of a paragraph are joined."""
    first = LOREM + " Een eerste alinea."
    second = "Een tweede alinea die " + LOREM.lower()
    blocks = ["1 Omgevingsanalyse", first, "Politiek", second, "2 Besluit", LOREM]
    outline = read_outline(_wrapped_pdf(tmp_path / "wrapped.pdf", blocks), "pdf-text")
    got = [(e.role, e.text) for e in outline.entries]
    assert got == [
        (Role.CHAPTER, "1 Omgevingsanalyse"),
        (Role.TEXT, first),
        (Role.TEXT, "Politiek"),
        (Role.TEXT, second),
        (Role.CHAPTER, "2 Besluit"),
        (Role.TEXT, LOREM),
    ]
