"""The plan's chapters as its document has them: chapters and sub-chapters in the
document's own order, the parts the app makes (the objectives, the budget and staffing
tables, the signatures) placed among them as chapters of their own, and the numbers
they print under.

Numbers are derived, never stored: a chapter is numbered when it and every chapter
above it are ``numbered``; it counts among its printed, numbered siblings ("1", "1.1",
"1.2", "2" …). A made part with nothing to print (no objective, budget line, staffing
figure or signatory) and no text of its own is left out and takes no number. A made
part the tree does not place is printed after it, in the order of ``GENERATED``: where
every part was printed before chapters could be placed, so a plan whose tree places
none prints as it did.

``chapter_outline`` is what the chapters editor shows, what the PDF follows and what
``planner-app outline`` lists. Reads only; no Qt.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from planner_app.domain import BudgetLine, Objective, Signatory, StaffingFigure
from planner_app.domain.enums import GENERATED_KINDS, SectionKind
from planner_app.services.sections import SectionInfo, load_sections
from planner_app.storage import PlanFile

GENERATED = GENERATED_KINDS  # objectives, budget, staffing, signatures: in default order


@dataclass(frozen=True)
class ChapterEntry:
    """One chapter of the document, in document order."""

    id: uuid.UUID | None  # None: a made part the tree does not place (printed at the end)
    parent_id: uuid.UUID | None
    kind: SectionKind
    kinds: tuple[SectionKind, ...]  # the kinds the chapter holds, ``kind`` first
    depth: int
    number: str  # "2.1"; "" when unnumbered or not printed
    title: dict[str, str]
    numbered: bool
    printed: bool  # False: a made part with nothing to print, left out

    @property
    def generated(self) -> bool:
        return self.kind in GENERATED

    @property
    def placed(self) -> bool:
        return self.id is not None


def outline_of(
    sections: Sequence[SectionInfo], has_content: Mapping[SectionKind, bool]
) -> list[ChapterEntry]:
    """The document's chapters from the plan's chapter rows (``load_sections``: depth
    first, siblings in order) and which made parts have something to print."""
    children: dict[uuid.UUID | None, list[SectionInfo]] = {}
    ids = {s.id for s in sections}
    for section in sections:
        parent = section.parent_id if section.parent_id in ids else None
        children.setdefault(parent, []).append(section)
    printed: dict[uuid.UUID, bool] = {}

    def shows(section: SectionInfo) -> bool:
        kids = [shows(kid) for kid in children.get(section.id, ())]  # every kid: all known
        own = (
            has_content.get(section.kind, False) or bool(section.body)
            if section.kind in GENERATED
            else True
        )
        printed[section.id] = own or any(kids)
        return printed[section.id]

    for root in children.get(None, ()):
        shows(root)
    out: list[ChapterEntry] = []

    def walk(parent: uuid.UUID | None, prefix: str | None, depth: int) -> None:
        count = 0
        for section in children.get(parent, ()):
            number = ""
            if printed[section.id] and section.numbered and prefix is not None:
                count += 1
                number = f"{prefix}.{count}" if prefix else str(count)
            out.append(
                ChapterEntry(
                    section.id,
                    section.parent_id if parent is not None else None,
                    section.kind,
                    section.kinds,
                    depth,
                    number,
                    dict(section.title),
                    section.numbered,
                    printed[section.id],
                )
            )
            walk(section.id, number if number else None, depth + 1)
        if parent is None:
            tail(count)

    def tail(count: int) -> None:
        placed = {s.kind for s in sections}
        for kind in GENERATED:
            if kind in placed:
                continue
            shown = has_content.get(kind, False)
            number = ""
            if shown:
                count += 1
                number = str(count)
            out.append(ChapterEntry(None, None, kind, (kind,), 0, number, {}, True, shown))

    walk(None, "", 0)
    return out


_CONTENT = {
    SectionKind.OBJECTIVES: Objective,
    SectionKind.BUDGET: BudgetLine,
    SectionKind.STAFFING: StaffingFigure,
    SectionKind.SIGNATURES: Signatory,
}


def parts_with_content(s: Session, plan_id: uuid.UUID) -> dict[SectionKind, bool]:
    """Which made parts have something to print: one EXISTS query each."""
    return {
        kind: bool(
            s.scalar(select(exists().where(model.plan_id == plan_id, model.deleted.is_(False))))
        )
        for kind, model in _CONTENT.items()
    }


def made_parts_with_content(store: PlanFile, plan_id: uuid.UUID) -> dict[SectionKind, bool]:
    with store.read() as s:
        return parts_with_content(s, plan_id)


def chapter_outline(store: PlanFile, plan_id: uuid.UUID) -> list[ChapterEntry]:
    """The plan's chapters in document order with their printed numbers."""
    return outline_of(load_sections(store, plan_id), made_parts_with_content(store, plan_id))


def numbers_by_id(entries: Iterable[ChapterEntry]) -> dict[uuid.UUID, str]:
    return {e.id: e.number for e in entries if e.id is not None}
