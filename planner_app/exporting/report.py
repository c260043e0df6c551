"""What every export shares: the text of a field in the chosen language, and a report.

A document is written in one content language. A field with no text in it falls back to
the plan's first language; the writer marks it in the document and records it here, so
the CLI can warn and the export dialog can list such fields first (issues 6 and 7).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from planner_app.errors import PlannerError
    from planner_app.services.fingerprint import FixedContent
    from planner_app.storage import PlanFile

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


def fixed_content_warning(
    store: PlanFile, plan_id: uuid.UUID, language: str
) -> tuple[FixedContent | None, str | None]:
    """Check a final or signed plan's fixed content before it is exported.

    Returns the check (``None`` for a draft) and, when the content differs from what
    was fixed, the sentence every page or sheet of the document carries, in the
    document's ``language`` (the caller puts ``fixed.problem()``, in the user's
    language, first among the export's warnings)."""
    from planner_app.formatting import format_date
    from planner_app.i18n import N_, translator
    from planner_app.services.fingerprint import check_fixed

    fixed = check_fixed(store, plan_id)
    if fixed is None or fixed.holds:
        return fixed, None
    t = translator(language)
    if fixed.fixed_at is None:
        return fixed, t(
            N_(
                "Warning: this plan's content differs from what was fixed when it was made "
                "final; this is not the fixed plan."
            )
        )
    date = format_date(fixed.fixed_at.astimezone().date(), language)
    return fixed, t(
        N_(
            "Warning: this plan's content differs from what was fixed on {date}; this is "
            "not the fixed plan."
        )
    ).format(date=date)


def cannot_write(out: Path, err: OSError) -> PlannerError:
    """The one sentence for an output that could not be written (nothing is left)."""
    from planner_app.errors import DiskFullError, ExportError
    from planner_app.i18n import _
    from planner_app.storage.backups import disk_full

    if disk_full(err):
        return DiskFullError(
            _("The disk holding {path} is full; nothing was written.").format(path=out)
        )
    return ExportError(
        _("Cannot write {path}: {reason}").format(path=out, reason=err.strerror or err)
    )
