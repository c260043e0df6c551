"""Chapters of two versions of a plan, side by side: titles and texts as word diffs
(the body, each PESTEL factor and SWOT quadrant, each cell of the communication plan),
chapters added, removed or put in another order.

Chapters are paired by kind and title, then by kind where a plan has one of a kind (a
mission, a vision …), by title, and last by the most similar title. A chapter is
*moved* when it is not in the longest run of paired chapters that keep their order."""

from __future__ import annotations

import uuid

from planner_app.domain.enums import PESTEL_PARTS, SWOT_PARTS, SectionKind
from planner_app.services.compare_model import (
    Area,
    Change,
    Difference,
    Ref,
    TextChange,
    text_changes,
)
from planner_app.services.compare_parts import Context, assemble, pick, values_changed
from planner_app.services.matching import Stage, normalise, pair, unmoved
from planner_app.services.sections import (
    COMMUNICATION_FIELDS,
    CommunicationRowInfo,
    SectionInfo,
    load_sections,
)

_PART_ORDER = (*PESTEL_PARTS, *SWOT_PARTS)
_EMPTY = SectionInfo(uuid.UUID(int=0), 0, SectionKind.FREE, {}, {}, {}, ())


def _ref(section: SectionInfo) -> Ref:
    return Ref(section.id, section.kind.value, str(section.position + 1), dict(section.title))


def chapters(ctx: Context) -> list[Difference]:
    before = load_sections(ctx.store, ctx.before.id)
    after = load_sections(ctx.store, ctx.after.id)
    pairing = pair(
        before,
        after,
        [
            Stage("kind and title", lambda c: (c.kind, ctx.title_key(c.title))),
            Stage("kind", lambda c: c.kind if c.kind is not SectionKind.FREE else None),
            Stage("title", lambda c: ctx.title_key(c.title)),
        ],
        similar=lambda c: normalise(pick(c.title, ctx.lang)),
    )
    position_b = {id(c): n for n, c in enumerate(before)}
    position_a = {id(c): n for n, c in enumerate(after)}
    in_order = sorted(pairing.pairs, key=lambda p: position_b[id(p[0])])
    kept = unmoved([position_a[id(a)] for _b, a, _how in in_order])
    moved = {id(p[0]) for n, p in enumerate(in_order) if n not in kept}

    def compare(b: SectionInfo, a: SectionInfo, how: str) -> Difference | None:
        changes: set[Change] = set()
        titles = text_changes("title", b.title, a.title)
        if titles:
            changes.add(Change.RETITLED)
        texts = chapter_texts(b, a)
        values = values_changed(("kind", b.kind.value, a.kind.value))
        if texts or values:
            changes.add(Change.CHANGED)
        if id(b) in moved:
            changes.add(Change.MOVED)
        if not changes:
            return None
        return Difference(
            Area.CHAPTER,
            frozenset(changes),
            _ref(b),
            _ref(a),
            how,
            tuple(titles + texts),
            tuple(values),
        )

    return assemble(
        Area.CHAPTER,
        pairing,
        before,
        after,
        _ref,
        compare,
        gone=lambda b: {"texts": tuple(chapter_texts(b, _EMPTY))},
        new=lambda a: {"texts": tuple(chapter_texts(_EMPTY, a))},
    )


def chapter_texts(b: SectionInfo, a: SectionInfo) -> list[TextChange]:
    """Body, PESTEL/SWOT parts and communication-plan cells that differ."""
    out = text_changes("body", b.body, a.body)
    for key in sorted(set(b.parts) | set(a.parts), key=_part_rank):
        out += text_changes(key, b.parts.get(key, {}), a.parts.get(key, {}))
    return out + _rows(list(b.rows), list(a.rows))


def _part_rank(key: str) -> int:
    return _PART_ORDER.index(key) if key in _PART_ORDER else len(_PART_ORDER)


def _cells(row: CommunicationRowInfo) -> str:
    return normalise(" ".join(pick(row.cells[f], "") for f in COMMUNICATION_FIELDS))


def _rows(
    before: list[CommunicationRowInfo], after: list[CommunicationRowInfo]
) -> list[TextChange]:
    """The communication plan's rows paired (same cells, then most similar) and their
    cells compared; a row's number is its place in the version that has it."""
    pairing = pair(before, after, [Stage("cells", lambda r: _cells(r) or None)], similar=_cells)
    rows: list[
        tuple[tuple[int, int], CommunicationRowInfo | None, CommunicationRowInfo | None]
    ] = []
    rows += [((after.index(a), 0), b, a) for b, a, _how in pairing.pairs]
    rows += [((after.index(a), 0), None, a) for a in pairing.added]
    rows += [((len(after), before.index(b)), b, None) for b in pairing.removed]
    out: list[TextChange] = []
    for (_n, _m), old, new in sorted(rows, key=lambda r: r[0]):
        number = after.index(new) + 1 if new is not None else before.index(old) + 1  # type: ignore[arg-type]
        for field in COMMUNICATION_FIELDS:
            out += text_changes(
                field, old.cells[field] if old else {}, new.cells[field] if new else {}, row=number
            )
    return out
