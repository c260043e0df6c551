"""Objectives of two versions of a plan, side by side, with their indicators (names,
baselines, targets, actuals) and milestones.

Objectives are paired, always within one level:

1. by identity: a copy keeps a link to the objective it was copied from
   (``Objective.carried_from_id``, set by ``copying.new_draft_version`` and
   ``next_year.next_year_plan``); chains of copies are followed either way round, so
   version 3 finds version 1's objectives through version 2's;
2. by code and title together; 3. by title alone (it was renumbered or moved);
4. by the most similar title (reworded, perhaps renumbered); 5. by code alone (it kept
   its number and lost its words: retitled).

The issue asked for "code, then title similarity"; similarity comes before the code
alone because renumbering is common: an SD inserted shifts every code after it, and
pairing by code first would pair each shifted objective with its predecessor.

A pair is *moved* when its parent is not the partner of the other's parent, *recoded*
when its printed code differs (SD 2 became SD 3), *retitled* when its title differs,
*changed* when its description, intended results, status, kind, lead unit, involved
units, indicators or milestones differ.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from planner_app.services import fastread
from planner_app.services.compare_model import (
    Area,
    Change,
    Difference,
    FigureChange,
    Measure,
    Ref,
    ValueChange,
    text_changes,
)
from planner_app.services.compare_parts import Context, assemble, pick, values_changed
from planner_app.services.details import IndicatorInfo, MilestoneInfo, ObjectiveDetail, plan_details
from planner_app.services.matching import Stage, normalise, pair
from planner_app.services.tree_read import ObjectiveNode, tree_nodes

COPY_CHAIN_LIMIT = 64  # copies followed back through carried_from links


def _copy_links(ctx: Context) -> dict[uuid.UUID, uuid.UUID]:
    """Every objective of the file that was copied from another: copy -> source."""
    with ctx.store.read() as s:
        rows = fastread.rows(
            s, "SELECT id, carried_from_id FROM objectives WHERE carried_from_id IS NOT NULL"
        )
    return {fastread.uid(i): fastread.uid(c) for i, c in rows}  # type: ignore[misc]


def identity_pairs(
    before: Sequence[ObjectiveNode],
    after: Sequence[ObjectiveNode],
    links: dict[uuid.UUID, uuid.UUID],
) -> list[tuple[ObjectiveNode, ObjectiveNode]]:
    """(before, after) pairs one of which was copied from the other, over any number of
    copies in between."""
    by_b = {n.id: n for n in before}
    by_a = {n.id: n for n in after}

    def source_in(node_id: uuid.UUID, targets: dict[uuid.UUID, ObjectiveNode]):
        current = links.get(node_id)
        for _step in range(COPY_CHAIN_LIMIT):
            if current is None:
                return None
            if current in targets:
                return targets[current]
            current = links.get(current)
        return None

    found: dict[uuid.UUID, ObjectiveNode] = {}  # after id -> before node
    for node in after:
        source = source_in(node.id, by_b)
        if source is not None and source.level is node.level:
            found[node.id] = source
    taken = {n.id for n in found.values()}
    for node in before:
        copy = source_in(node.id, by_a)
        fresh = copy is not None and copy.id not in found and node.id not in taken
        if fresh and copy.level is node.level:  # type: ignore[union-attr]
            found[copy.id] = node  # type: ignore[union-attr]
    return [(found[n.id], n) for n in after if n.id in found]


def objectives(ctx: Context) -> list[Difference]:
    with ctx.store.read() as s:
        before = tree_nodes(s, ctx.before.id)
        after = tree_nodes(s, ctx.after.id)
    details_b = plan_details(ctx.store, ctx.before.id, codes={n.id: n.code for n in before})
    details_a = plan_details(ctx.store, ctx.after.id, codes={n.id: n.code for n in after})
    title = ctx.title_key
    pairing = pair(
        before,
        after,
        [
            Stage("code and title", lambda n: (n.level, n.code, title(n.title))),
            Stage("title", lambda n: (n.level, title(n.title)) if title(n.title) else None),
        ],
        known=identity_pairs(before, after, _copy_links(ctx)),
        similar=lambda n: normalise(pick(n.title, ctx.lang)),
        group=lambda n: n.level,
        late=[Stage("code", lambda n: (n.level, n.code))],
    )
    partner = {b.id: a.id for b, a, _how in pairing.pairs}
    codes = {n.id: n.code for n in (*before, *after)}

    def ref(node: ObjectiveNode) -> Ref:
        parent = codes.get(node.parent_id, "") if node.parent_id else ""
        return Ref(node.id, node.level.value, node.code, dict(node.title), parent)

    def compare(b: ObjectiveNode, a: ObjectiveNode, how: str) -> Difference | None:
        changes: set[Change] = set()
        if b.code != a.code:
            changes.add(Change.RECODED)
        if (partner.get(b.parent_id) if b.parent_id else None) != a.parent_id:
            changes.add(Change.MOVED)
        titles = text_changes("title", b.title, a.title)
        if titles:
            changes.add(Change.RETITLED)
        texts, values, parts = _details(ctx, details_b[b.id], details_a[a.id])
        if texts or values or parts:
            changes.add(Change.CHANGED)
        if not changes:
            return None
        return Difference(
            Area.OBJECTIVE,
            frozenset(changes),
            ref(b),
            ref(a),
            how,
            tuple(titles + texts),
            tuple(values),
            parts=tuple(parts),
        )

    return assemble(Area.OBJECTIVE, pairing, before, after, ref, compare)


def _details(
    ctx: Context, b: ObjectiveDetail, a: ObjectiveDetail
) -> tuple[list, list[ValueChange], list[Difference]]:
    """Texts, values and parts (indicators, milestones) of a pair that differ."""
    texts = text_changes("description", b.description, a.description)
    texts += text_changes("intended_results", b.intended_results, a.intended_results)
    values = values_changed(
        ("status", b.status.value, a.status.value),
        ("kind", b.kind.value if b.kind else None, a.kind.value if a.kind else None),
    )
    if not ctx.same_unit(b.lead_unit_id, a.lead_unit_id):
        values.append(
            ValueChange("lead_unit", ctx.unit_name(b.lead_unit_id), ctx.unit_name(a.lead_unit_id))
        )
    if {ctx.units.get(u) for u in b.partner_ids} != set(a.partner_ids):
        values.append(
            ValueChange(
                "partners",
                ", ".join(sorted(ctx.unit_name(u) or "" for u in b.partner_ids)) or None,
                ", ".join(sorted(ctx.unit_name(u) or "" for u in a.partner_ids)) or None,
            )
        )
    parts = _indicators(ctx, b.indicators, a.indicators)
    parts += _milestones(ctx, b.milestones, a.milestones)
    return texts, values, parts


def _indicator_ref(indicator: IndicatorInfo) -> Ref:
    return Ref(indicator.id, "indicator", "", dict(indicator.name))


def _indicators(
    ctx: Context, before: Sequence[IndicatorInfo], after: Sequence[IndicatorInfo]
) -> list[Difference]:
    pairing = pair(
        list(before),
        list(after),
        [Stage("title", lambda i: ctx.title_key(i.name))],
        similar=lambda i: normalise(pick(i.name, ctx.lang)),
    )

    def compare(b: IndicatorInfo, a: IndicatorInfo, how: str) -> Difference | None:
        texts = text_changes("name", b.name, a.name)
        values = values_changed(("unit_of_measure", b.unit_of_measure, a.unit_of_measure))
        figures = indicator_values(b.values, a.values, ctx.shift)
        if not (texts or values or figures):
            return None
        changes = {Change.RETITLED} if texts else set()
        if values or figures:
            changes.add(Change.CHANGED)
        return Difference(
            Area.INDICATOR,
            frozenset(changes),
            _indicator_ref(b),
            _indicator_ref(a),
            how,
            tuple(texts),
            tuple(values),
            tuple(figures),
        )

    return assemble(
        Area.INDICATOR,
        pairing,
        list(before),
        list(after),
        _indicator_ref,
        compare,
        gone=lambda b: {"figures": tuple(indicator_values(b.values, {}, ctx.shift))},
        new=lambda a: {"figures": tuple(indicator_values({}, a.values, ctx.shift))},
    )


def indicator_values(before: dict, after: dict, shift: int) -> list[FigureChange]:
    """Baselines, targets and actuals that differ, each year beside its shifted year."""
    keys = {(year + shift, kind) for year, kind in before} | set(after)
    out = []
    for year, kind in sorted(keys, key=lambda k: (k[0], k[1].value)):
        old, new = before.get((year - shift, kind)), after.get((year, kind))
        if old != new:
            out.append(FigureChange(Measure.VALUE, year, year - shift, (kind.value,), old, new))
    return out


def _milestone_ref(milestone: MilestoneInfo) -> Ref:
    return Ref(milestone.id, "milestone", milestone.period, dict(milestone.text))


def _milestones(
    ctx: Context, before: Sequence[MilestoneInfo], after: Sequence[MilestoneInfo]
) -> list[Difference]:
    def text(m: MilestoneInfo) -> str | None:
        return ctx.title_key(m.text)

    pairing = pair(
        list(before),
        list(after),
        [
            Stage("period and text", lambda m: (normalise(m.period), text(m))),
            Stage("text", text),
            Stage("period", lambda m: normalise(m.period) or None),
        ],
        similar=lambda m: normalise(pick(m.text, ctx.lang)),
    )

    def compare(b: MilestoneInfo, a: MilestoneInfo, how: str) -> Difference | None:
        texts = text_changes("text", b.text, a.text)
        values = values_changed(
            ("period", b.period, a.period),
            ("due_by", _iso(b.due_by), _iso(a.due_by)),  # the day a due is read as
            ("done", "yes" if b.done else "no", "yes" if a.done else "no"),
            ("done_on", _iso(b.done_on), _iso(a.done_on)),
        )
        if not texts and not values:
            return None
        return Difference(
            Area.MILESTONE,
            frozenset({Change.CHANGED}),
            _milestone_ref(b),
            _milestone_ref(a),
            how,
            tuple(texts),
            tuple(values),
        )

    return assemble(Area.MILESTONE, pairing, list(before), list(after), _milestone_ref, compare)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None
