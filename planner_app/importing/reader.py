"""From a file (Word, text, a PDF's text layer) or pasted text to an ``Outline``.

Each format has its source module, which checks the file before reading it; the
recogniser is the same for all. Also here: a first guess at the plan a document is
(its kind, years, title and language), for a new plan made from it. Qt-free.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from planner_app.i18n import _
from planner_app.importing import vocabulary as vocab
from planner_app.importing.model import Outline, Role
from planner_app.importing.recognise import recognise
from planner_app.importing.text_source import read_text_file, text_lines

FORMATS = ("docx", "text", "pdf-text")


def read_outline(source: Path, fmt: str, *, vocabulary: vocab.Vocabulary | None = None) -> Outline:
    """The recognised outline of ``source`` read as ``fmt`` (one of ``FORMATS``)."""
    source = Path(source)
    if fmt == "docx":
        from planner_app.importing.docx_source import docx_lines

        lines = docx_lines(source)
        entries = recognise(lines, vocabulary=vocabulary)
        count = max((n for line in lines for n in line.lines), default=0)
    elif fmt == "pdf-text":
        from planner_app.importing.pdf_source import pdf_lines

        raw = pdf_lines(source)
        entries = recognise(raw, vocabulary=vocabulary, reflow=True)
        count = sum(1 for line in raw if line.text.strip())
    else:
        raw = text_lines(read_text_file(source))
        entries = recognise(raw, vocabulary=vocabulary, reflow=True)
        count = sum(1 for line in raw if line.text.strip())
    return Outline(entries, source.name, count)


def pasted_outline(
    text: str, *, base_level: str = "", vocabulary: vocab.Vocabulary | None = None
) -> Outline:
    """A pasted list (from Word, a PDF or an e-mail) as objectives under ``base_level``."""
    raw = text_lines(text)
    entries = recognise(
        raw, vocabulary=vocabulary, reflow=True, objectives_only=True, base_level=base_level
    )
    return Outline(entries, _("pasted text"), sum(1 for line in raw if line.text.strip()))


@dataclass(frozen=True)
class PlanGuess:
    kind: str
    first_year: int
    last_year: int
    title: str
    language: str


_KINDS = (
    (re.compile(r"(?i)strategisch\s+plan|plan\s+strat[ée]gique|strategic\s+plan"), "strategic"),
    (re.compile(r"(?i)ondernemingsplan|business\s+plan|plan\s+d'entreprise"), "business"),
    (
        re.compile(r"(?i)operationeel\s+plan|plan\s+op[ée]rationnel|operational\s+plan"),
        "operational",
    ),
    (re.compile(r"(?i)bestuursovereenkomst|contrat\s+d'administration"), "administration_contract"),
    (re.compile(r"(?i)managementplan|plan\s+de\s+management"), "management_plan"),
)
_RANGE = re.compile(r"\b(20\d\d)\s*[-–]\s*(20\d\d)\b")
_YEAR = re.compile(r"\b(20\d\d)\b")
_LANG_WORDS = {
    "nl": re.compile(r"(?i)\b(de|het|van|een|en|voor|zijn|wordt)\b"),
    "fr": re.compile(r"(?i)\b(le|la|les|des|du|une|et|pour|est)\b"),
    "de": re.compile(r"(?i)\b(der|die|das|und|ist|für|mit|nicht)\b"),
    "en": re.compile(r"(?i)\b(the|of|and|to|is|for|with|that)\b"),
}


def guess_plan(outline: Outline, fallback_year: int) -> PlanGuess:
    """What kind of plan the document is, its years, a title and its language."""
    texts = [e.text for e in outline.entries if e.role is not Role.FURNITURE][:4000]
    whole = "\n".join(texts)
    kinds = Counter(kind for pattern, kind in _KINDS for _m in pattern.finditer(whole))
    kind = kinds.most_common(1)[0][0] if kinds else "strategic"
    ranges = Counter(
        (int(a), int(b)) for a, b in _RANGE.findall(whole) if 0 < int(b) - int(a) <= 20
    )
    if kind in ("business", "operational"):
        years = Counter(int(y) for y in _YEAR.findall(whole))
        year = years.most_common(1)[0][0] if years else fallback_year
        first = last = year
    elif ranges:
        first, last = ranges.most_common(1)[0][0]
    else:
        first = last = fallback_year
    scores = {lang: len(p.findall(whole[:200_000])) for lang, p in _LANG_WORDS.items()}
    language = max(scores, key=lambda k: scores[k]) if any(scores.values()) else "nl"
    title = Path(outline.source).stem.replace("_", " ").strip() or _("Imported plan")
    return PlanGuess(kind, first, last, title, language)
