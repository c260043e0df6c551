"""The words and numbers a comparison is shown with, in one language: the text report,
the PDF and the window all name areas, changes, fields and figures through ``Words``.
No Qt; user text is returned as plain text (each renderer escapes it for its medium).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from planner_app.domain.labels import LABELS
from planner_app.formatting import format_keur
from planner_app.i18n import N_
from planner_app.services.compare_model import (
    Area,
    Change,
    Difference,
    FigureChange,
    Measure,
    PlanComparison,
    PlanSide,
    Ref,
    Segment,
    TextChange,
    ValueChange,
)

AREA_NAMES = {
    Area.PLAN: N_("Plan properties"),
    Area.CHAPTER: N_("Chapters"),
    Area.OBJECTIVE: N_("Objectives"),
    Area.INDICATOR: N_("Indicators"),
    Area.MILESTONE: N_("Milestones"),
    Area.BUDGET: N_("Budget (kEUR)"),
    Area.STAFFING: N_("Staffing"),
    Area.UNIT: N_("Organisation units"),
    Area.SIGNATORY: N_("Signatories"),
}
CHANGE_NAMES = {
    Change.ADDED: N_("added"),
    Change.REMOVED: N_("removed"),
    Change.MOVED: N_("moved"),
    Change.RECODED: N_("recoded"),
    Change.RETITLED: N_("retitled"),
    Change.CHANGED: N_("changed"),
}
CHANGE_ORDER = tuple(CHANGE_NAMES)
FIELD_NAMES = {
    "title": N_("Title"),
    "body": N_("Text"),
    "description": N_("Description"),
    "intended_results": N_("Intended results"),
    "status": N_("Status"),
    "kind": N_("Kind"),
    "lead_unit": N_("Lead unit"),
    "partners": N_("Involved units"),
    "name": N_("Name"),
    "unit_of_measure": N_("Unit of measure"),
    "text": N_("Text"),
    "period": N_("Period"),
    "due_date": N_("Due date"),
    "due_by": N_("Due by"),
    "done": N_("Done"),
    "done_on": N_("Done on"),
    "code": N_("Code"),
    "parent": N_("Under"),
    "organisation": N_("Organisation"),
    "languages": N_("Languages"),
    "function": N_("Function"),
    "document_type": N_("Document type"),
    "version_label": N_("Version label"),
    "signing_place": N_("Place of signing"),
    "signing_date": N_("Date of signing"),
    "logo": N_("Logo"),
    "signs_as_body": N_("A body signs"),
}
MATCH_NAMES = {
    "identity": N_("copied from it"),
    "code and title": N_("same code and title"),
    "title": N_("same title"),
    "code": N_("same code"),
    "similar title": N_("similar title"),
    "kind and title": N_("same kind and title"),
    "title path": N_("same place and title"),
    "name and function": N_("same name and function"),
    "name": N_("same name"),
    "function": N_("same function"),
    "period and text": N_("same period and text"),
    "text": N_("same text"),
    "period": N_("same period"),
}
MEASURE_NAMES = {
    Measure.KEUR: N_("kEUR"),
    Measure.FTE: N_("FTE"),
    Measure.HEADCOUNT: N_("headcount"),
    Measure.VALUE: "",
}
YES_NO = {"yes": N_("yes"), "no": N_("no")}
ELLIPSIS = "…"


class Words:
    """Names and numbers of a comparison in one language: ``t`` translates catalogue
    strings into it, ``lang`` formats numbers (Belgian style) and picks texts."""

    def __init__(self, t: Callable[[str], str], lang: str, content_lang: str) -> None:
        self.t, self.lang, self.content_lang = t, lang, content_lang

    def label(self, value: str) -> str:
        """A stored value's label (a status, a chapter kind, a scenario)."""
        return self.t(LABELS[value]) if value in LABELS else value

    def area(self, area: Area) -> str:
        return self.t(AREA_NAMES[area])

    def changes(self, diff: Difference) -> str:
        return ", ".join(self.t(CHANGE_NAMES[c]) for c in CHANGE_ORDER if c in diff.changes)

    def matched(self, diff: Difference) -> str:
        name = MATCH_NAMES.get(diff.matched_by)
        return self.t(name) if name else ""

    def field(self, name: str, row: int | None = None) -> str:
        text = self.t(FIELD_NAMES[name]) if name in FIELD_NAMES else self.label(name)
        if row is not None:
            text = self.t(N_("Row {n}: {field}")).format(n=row, field=text)
        return text

    def text_field(self, change: TextChange, languages: Sequence[str]) -> str:
        name = self.field(change.field, change.row)
        return f"{name} ({change.language})" if len(languages) > 1 else name

    def pick(self, text: dict[str, str] | None) -> str:
        if not text:
            return ""
        return text.get(self.content_lang) or next((t for t in text.values() if t), "")

    def ref(self, area: Area, ref: Ref) -> str:
        """How the row is named: "SD 2 Kaderen …", "5 Missie", "Basis › Personeel"."""
        title = " ".join(self.pick(ref.title).split())
        if area is Area.OBJECTIVE:  # the code as the plan prints it ("SD 2", "OO 1.1")
            return f"{ref.code} {title}".strip()
        if area is Area.BUDGET:
            return f"{ref.parent} › {title}" if ref.parent else title
        if area is Area.SIGNATORY:
            return f"{ref.code} ({title})" if title else ref.code
        if area is Area.MILESTONE:
            return f"{ref.code}: {title}" if ref.code else title
        if area is Area.CHAPTER:
            return title or self.label(ref.kind)
        if area is Area.UNIT or area is Area.STAFFING:
            return f"{title} ({ref.code})" if ref.code and title else (title or ref.code)
        return title

    def value(self, change: ValueChange, which: str) -> str:
        raw = change.before if which == "before" else change.after
        if raw is None:
            return "–"
        if change.field in ("status", "kind"):
            return self.label(raw)
        if change.field in ("done", "signs_as_body"):
            return self.t(YES_NO.get(raw, raw))
        return raw

    def number(self, value: Decimal | None) -> str:
        return format_keur(value, self.lang) if value is not None else "–"

    def signed(self, value: Decimal) -> str:
        text = self.number(value)
        return f"+{text}" if value > 0 else text

    def figure(self, figure: FigureChange, shift: int) -> str:
        """What a figure is: "INI 2025 VL", "as-is 2024 S FTE", "target 2026"."""
        facets = [self.label(f) for f in figure.facets]
        year = f"{figure.year}" if not shift else f"{figure.before_year} → {figure.year}"
        if figure.measure is Measure.KEUR and len(facets) == 2:
            return f"{facets[0]} {year} {facets[1]}"
        measure = self.t(MEASURE_NAMES[figure.measure]) if MEASURE_NAMES[figure.measure] else ""
        return " ".join(p for p in (facets[0] if facets else "", year, *facets[1:], measure) if p)

    def side(self, side: PlanSide) -> str:
        return self.t(N_("{code} (version {version}, {state})")).format(
            code=side.code, version=side.version_no, state=self.label(side.state.value)
        )

    def heading(self, comparison: PlanComparison) -> str:
        return self.t(N_("{after} compared with {before}")).format(
            after=self.side(comparison.after), before=self.side(comparison.before)
        )


_WORD = re.compile(r"\s+|\S+\s*")  # a word with the spaces after it (or leading spaces)


def elide(segments: Sequence[Segment], context: int = 12, limit: int = 400) -> list[Segment]:
    """A word diff with long unchanged runs cut to ``context`` words on the side of each
    change (an ellipsis marks the cut), and at most ``limit`` words in all: a chapter of
    pages with one word changed shows that word in its sentence."""
    out: list[Segment] = []
    budget = limit
    last = len(segments) - 1
    for n, (op, text) in enumerate(segments):
        words = _WORD.findall(text)
        if op == "=":
            head = context if n > 0 else 0  # the words after the change before it
            tail = context if n < last else 0  # the words leading to the next change
            if len(words) > head + tail + 1:
                cut = (
                    f" {ELLIPSIS} "
                    if head and tail
                    else (f"{ELLIPSIS} " if tail else f" {ELLIPSIS}")
                )
                words = [*words[:head], cut, *(words[-tail:] if tail else [])]
                text = "".join(words)
        count = len(text.split())
        if count > budget:
            kept = [w for w in words if w.strip()][: max(budget, 0)]
            out.append((op, "".join(kept) + f" {ELLIPSIS}"))
            break
        budget -= count
        out.append((op, text))
    return out


def marked_sides(
    segments: Sequence[Segment],
    escape: Callable[[str], str],
    removed: Callable[[str], str],
    added: Callable[[str], str],
) -> tuple[str, str]:
    """The before text with its removed words marked, the after text with its added
    ones. Every piece of plan text goes through ``escape`` first; ``removed`` and
    ``added`` wrap an escaped piece in the only markup there is (the PDF's and the
    window's differ)."""
    old: list[str] = []
    new: list[str] = []
    for op, text in segments:
        safe = escape(text)
        if op == "=":
            old.append(safe)
            new.append(safe)
        elif op == "-":
            old.append(removed(safe))
        else:
            new.append(added(safe))
    return "".join(old).strip(), "".join(new).strip()
