"""What comparing two versions of a plan finds: plain frozen values, no ORM, no Qt.

One ``PlanComparison`` is read once (``services.compare.compare_plans``) and shown by
the command line (text or JSON), the PDF and the window alike. Every difference says
where it is in each version (``Ref``: the row's id, its code and title), what changed
(``Change``), and the details: texts as word diffs, values (a status, a lead unit) and
figures (kEUR, FTE, headcount, indicator values) as exact before/after pairs.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from enum import StrEnum

from planner_app.domain.enums import PlanKind, PlanState


class Area(StrEnum):
    """Where in the plan a difference is; also the order of the report."""

    PLAN = "plan"
    CHAPTER = "chapter"
    OBJECTIVE = "objective"
    INDICATOR = "indicator"
    MILESTONE = "milestone"
    BUDGET = "budget"
    STAFFING = "staffing"
    UNIT = "unit"
    SIGNATORY = "signatory"


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"  # under another parent (objectives, lines, units), or reordered (chapters)
    RECODED = "recoded"  # its printed code changed (SD 2 -> SD 3)
    RETITLED = "retitled"
    CHANGED = "changed"  # text, values or figures


class Measure(StrEnum):
    KEUR = "keur"
    FTE = "fte"
    HEADCOUNT = "headcount"
    VALUE = "value"  # an indicator's value


# A text diff: ("=", kept), ("-", removed), ("+", added), in reading order.
Segment = tuple[str, str]
_TOKEN = re.compile(r"\s+|\S+\s*")


def word_diff(before: str, after: str) -> tuple[Segment, ...]:
    """The word diff of two texts (difflib on words with their trailing spaces)."""
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    out: list[Segment] = []

    def add(op: str, words: list[str]) -> None:
        if not words:
            return
        text = "".join(words)
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("=", a[i1:i2])
        else:
            add("-", a[i1:i2])
            add("+", b[j1:j2])
    return tuple(out)


@dataclass(frozen=True)
class Ref:
    """A row of one version: its id (to show it), kind (objective level, chapter kind,
    unit kind), printed code, title per language and its parent's code or title."""

    id: uuid.UUID
    kind: str = ""
    code: str = ""
    title: dict[str, str] | None = None
    parent: str = ""


@dataclass(frozen=True)
class TextChange:
    """A text that differs, in one language. ``field`` is a stored name (title, body,
    description, a PESTEL part, a communication column); ``row`` the communication
    plan's row number, 1-based, where it applies."""

    field: str
    language: str
    before: str
    after: str
    segments: tuple[Segment, ...]
    row: int | None = None


@dataclass(frozen=True)
class ValueChange:
    """A value that differs: a stored value (a status, a kind: shown through its label),
    a unit's or signatory's name, a date, a code. None: no value."""

    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class FigureChange:
    """An exact figure in both versions. ``facets`` say which one (budget stage and
    credit type; scenario and statute; an indicator value's kind); ``year`` is the
    after version's year, ``before_year`` the before version's (they differ when yearly
    plans of different years are compared)."""

    measure: Measure
    year: int
    before_year: int
    facets: tuple[str, ...]
    before: Decimal | None
    after: Decimal | None

    @property
    def difference(self) -> Decimal:
        return (self.after or Decimal(0)) - (self.before or Decimal(0))


@dataclass(frozen=True)
class Difference:
    """One thing that differs: an objective, a chapter, a budget line, a unit's staffing,
    a unit, a signatory or the plan's own properties. ``before``/``after`` name it in
    each version (None where it is only in the other). An objective's changed
    indicators and milestones are its ``parts``."""

    area: Area
    changes: frozenset[Change]
    before: Ref | None
    after: Ref | None
    matched_by: str = ""
    texts: tuple[TextChange, ...] = ()
    values: tuple[ValueChange, ...] = ()
    figures: tuple[FigureChange, ...] = ()
    parts: tuple[Difference, ...] = ()

    @property
    def ref(self) -> Ref:
        """The row as the after version has it, else as the before version had it."""
        ref = self.after or self.before
        assert ref is not None
        return ref


@dataclass(frozen=True)
class PlanSide:
    id: uuid.UUID
    code: str
    kind: PlanKind
    title: dict[str, str]
    languages: tuple[str, ...]
    first_year: int
    last_year: int
    state: PlanState
    version_no: int


@dataclass(frozen=True)
class PlanComparison:
    """``after`` (the plan examined) against ``before`` (the version it is compared
    with). ``year_shift`` is after's first year minus before's when two yearly plans of
    different years are compared (their years are set side by side), else 0.
    ``totals`` holds the budget's grand total per column and the staffing totals per
    scenario and year, every one of them, changed or not."""

    before: PlanSide
    after: PlanSide
    year_shift: int
    differences: tuple[Difference, ...]
    totals: tuple[FigureChange, ...]

    def in_area(self, area: Area) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if d.area is area)

    @property
    def language(self) -> str:
        """The language texts are shown in: the after version's main language."""
        return self.after.languages[0] if self.after.languages else "nl"


def text_changes(
    field: str,
    before: dict[str, str],
    after: dict[str, str],
    *,
    row: int | None = None,
) -> list[TextChange]:
    """The languages in which a per-language text differs, each as a word diff."""
    out = []
    for lang in sorted(set(before) | set(after)):
        old, new = (before.get(lang) or "").strip(), (after.get(lang) or "").strip()
        if old != new:
            out.append(TextChange(field, lang, old, new, word_diff(old, new), row))
    return out
