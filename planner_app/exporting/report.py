"""What every export shares: the text of a field in the chosen language, and a report.

A document is written in one content language. A field with no text in it falls back to
the plan's first language; the writer marks it in the document and records it here, so
the CLI can warn and the export dialog can list such fields first (issues 6 and 7).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

Progress = Callable[[int, int], bool]
"""``progress(done, total)``; returning False cancels the export (nothing is left behind)."""


class ExportCancelledError(Exception):
    """The user cancelled; the writer has removed its half-written output."""


@dataclass(frozen=True)
class Fallback:
    """One field shown in ``used`` because it has no text in the chosen language."""

    where: str  # "SD 1", "Budget line 'Personeel'", "Chapter 'Missie'"
    field: str  # "title", "description", ...
    used: str  # the language whose text was printed instead


@dataclass
class ExportReport:
    """What an export wrote and what the user should know about it."""

    language: str
    fallbacks: list[Fallback] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Picked:
    text: str
    language: str | None  # None: the field is empty in every language

    def fell_back(self, wanted: str) -> bool:
        return self.language is not None and self.language != wanted


def text_in(texts: Mapping[str, str], wanted: str, languages: Sequence[str]) -> Picked:
    """The text of ``texts`` in ``wanted``, else in the plan's first language that has one."""
    for lang in (wanted, *languages):
        if texts.get(lang):
            return Picked(texts[lang], lang)
    for lang, text in sorted(texts.items()):
        if text:
            return Picked(text, lang)
    return Picked("", None)


def pick_for_report(
    report: ExportReport, texts: Mapping[str, str], languages: Sequence[str], where: str, name: str
) -> Picked:
    """``text_in`` for ``report.language``, recording a fallback in ``report``."""
    picked = text_in(texts, report.language, languages)
    if picked.fell_back(report.language):
        report.fallbacks.append(Fallback(where, name, picked.language or ""))
    return picked
