"""Reading the objective tree of a plan: all of it at once, or one sibling list at a time.

Two plain SQL reads give every live objective of a plan (10,000 rows: ~0.1 s); turning
them into numbered ``ObjectiveNode`` values (UUIDs, JSON titles, enums, codes) costs
about three times the read. ``TreeRows`` keeps the rows as read so that a view can
convert only the sibling lists it shows (the tree's first paint needs the SDs and their
ODs, a few hundred rows) and the rest when it is opened; ``tree_nodes`` converts them
all, depth first, for the exports and the review. Beside it, the other reads of
objectives: printed codes, the fields a tree row refreshes in place, what a full-text
find searches, an objective's partner units.

Codes are stored (``domain.codes``); a read prints them in one content language of the
plan (its main one unless told), through the plan's level patterns, whatever the UI
speaks. Strategic objectives come grouped by policy field, in the fields' order (those
without a field first), so a field's heading is never printed twice.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import Objective, ObjectivePartner, Plan
from planner_app.domain.codes import LevelScheme
from planner_app.domain.enums import InitiativeKind, ObjectiveLevel, Status
from planner_app.services import fastread
from planner_app.services.common import get_plan
from planner_app.services.levels import scheme_of
from planner_app.services.tree_order import field_ranks
from planner_app.storage import PlanFile


class ObjectiveNode(NamedTuple):
    """One row of the tree as the UI shows it (plain values, no ORM; a NamedTuple
    because 10,000 of them are built per load)."""

    id: uuid.UUID
    parent_id: uuid.UUID | None
    level: ObjectiveLevel
    kind: InitiativeKind | None
    position: int
    code: str  # as printed in the read's language: "SD 3.1", "1.2.3"
    number: str  # as stored: "3.1" (what a child's {parent} stands for)
    code_literal: bool
    title: dict[str, str]
    status: Status
    lead_unit_id: uuid.UUID | None
    policy_field_id: uuid.UUID | None
    milestones_done: int
    milestones_total: int
    # the strategic plan's objective, shown read-only in a yearly plan made from it
    reference: bool = False


_NO_MILESTONES = (0, 0)


class TreeRows:
    """The live objectives of one plan as read, grouped by parent, not yet converted.

    Holds plain tuples and dicts only (no session): safe to keep after the read and to
    convert later, on the thread that made it. Rows under a deleted parent are not part
    of the tree (as in ``tree_nodes``).
    """

    def __init__(
        self,
        rows: list[tuple],
        counts: dict[str, tuple[int, int]],
        scheme: LevelScheme | None = None,
        language: str | None = None,
        field_ranks: dict[str, int] | None = None,
    ) -> None:
        self._children: dict[str | None, list[tuple]] = defaultdict(list)
        for row in rows:  # already in sibling order
            self._children[row[1]].append(row)
        ranks = field_ranks or {}
        top = self._children.get(None)
        if top and ranks:  # SDs grouped by their policy field, in the fields' order
            top.sort(key=lambda r: (ranks.get(r[9], -1) if r[9] else -1, r[4]))
        self.scheme = scheme or LevelScheme({}, ("nl",))
        self.language = language or self.scheme.main
        self._counts = counts
        self._parent: dict[str, str | None] = {}
        self._lead_units: set[str] = set()
        stack: list[str | None] = [None]
        while stack:  # only what hangs from the top is in the tree
            parent = stack.pop()
            for row in self._children.get(parent, ()):
                self._parent[row[0]] = parent
                if row[8] is not None:
                    self._lead_units.add(row[8])
                stack.append(row[0])
        self._levels = fastread.values_of(ObjectiveLevel)
        self._kinds = fastread.values_of(InitiativeKind)
        self._statuses = fastread.values_of(Status)

    @property
    def count(self) -> int:
        """How many objectives the tree holds."""
        return len(self._parent)

    def lead_unit_ids(self) -> set[uuid.UUID]:
        """The lead units that some objective of the tree names."""
        return {fastread.uid(u) for u in self._lead_units}  # type: ignore[misc]

    def has_milestones(self) -> bool:
        """Whether some objective of the tree has a milestone."""
        return any(oid in self._parent for oid, (_done, total) in self._counts.items() if total)

    def child_count(self, parent_id: uuid.UUID | None) -> int:
        """How many objectives hang directly under ``parent_id`` (None: the top)."""
        if parent_id is not None and parent_id.hex not in self._parent:
            return 0
        return len(self._children.get(parent_id.hex if parent_id else None, ()))

    def ancestors(self, objective_id: uuid.UUID) -> list[uuid.UUID] | None:
        """The ids above an objective, top first; None when it is not in the tree."""
        key: str | None = objective_id.hex
        if key not in self._parent:
            return None
        chain: list[uuid.UUID] = []
        while (key := self._parent[key]) is not None:  # type: ignore[index]
            chain.append(fastread.uid(key))  # type: ignore[arg-type]
        chain.reverse()
        return chain

    def children(self, parent_id: uuid.UUID | None) -> list[ObjectiveNode]:
        """The objectives directly under ``parent_id`` (None: the top) in order, with
        their codes printed in the read's language."""
        uid, i18n = fastread.uid, fastread.i18n
        levels, kinds, statuses = self._levels, self._kinds, self._statuses
        printed, lang = self.scheme.printed, self.language
        out: list[ObjectiveNode] = []
        rows = self._children.get(parent_id.hex if parent_id else None, ())
        for r in rows:
            level = levels[r[2]]
            literal = bool(r[11])
            out.append(
                ObjectiveNode(
                    uid(r[0]),  # type: ignore[arg-type]
                    parent_id,
                    level,  # type: ignore[arg-type]
                    kinds[r[3]],
                    r[4],
                    printed(level, r[10], literal, lang),  # type: ignore[arg-type]
                    r[10],
                    literal,
                    i18n(r[6]),
                    statuses[r[7]],  # type: ignore[arg-type]
                    uid(r[8]),
                    uid(r[9]),
                    *self._counts.get(r[0], _NO_MILESTONES),
                    bool(r[12]),
                )
            )
        return out


def read_tree(s: Session, plan_id: uuid.UUID, language: str | None = None) -> TreeRows:
    """One query for the objectives (already in sibling order), one for the milestone
    counts, the plan's levels and policy fields; codes printed in ``language`` (default:
    the plan's main language)."""
    plan = get_plan(s, plan_id)
    rows = fastread.rows(
        s,
        "SELECT id, parent_id, level, kind, position, code_override, title, status,"
        " lead_unit_id, policy_field_id, code, code_literal, is_reference FROM objectives"
        " WHERE plan_id = :plan AND deleted = 0 ORDER BY parent_id, position, id",
        plan=plan_id,
    )
    counts = {
        oid: (done, total)
        for oid, done, total in fastread.rows(
            s,
            "SELECT objective_id, sum(done), count(*) FROM milestones"
            " WHERE plan_id = :plan AND deleted = 0 GROUP BY objective_id",
            plan=plan_id,
        )
    }
    return TreeRows(list(rows), counts, scheme_of(s, plan), language, field_ranks(s, plan_id))


def load_tree_rows(store: PlanFile, plan_id: uuid.UUID, language: str | None = None) -> TreeRows:
    """``read_tree`` in a read transaction of its own."""
    with store.read() as s:
        return read_tree(s, plan_id, language)


def walk(rows: TreeRows) -> list[ObjectiveNode]:
    """Every objective of ``rows``, depth first in document order."""
    out: list[ObjectiveNode] = []

    def visit(parent_id: uuid.UUID | None) -> None:
        for node in rows.children(parent_id):
            out.append(node)
            if rows.child_count(node.id):
                visit(node.id)

    visit(None)
    return out


def tree_nodes(s: Session, plan_id: uuid.UUID, language: str | None = None) -> list[ObjectiveNode]:
    """Every objective of the tree, depth first in document order, with codes printed
    in ``language`` (default: the plan's main language)."""
    return walk(read_tree(s, plan_id, language))


def load_tree(
    store: PlanFile, plan_id: uuid.UUID, language: str | None = None
) -> list[ObjectiveNode]:
    """All live objectives of a plan, depth first in document order, with codes."""
    with store.read() as s:
        return tree_nodes(s, plan_id, language)


# --- codes, row fields, search texts, partners -----------------------------------


def objective_codes(
    s: Session, plan_id: uuid.UUID, language: str | None = None
) -> dict[uuid.UUID, str]:
    """The printed code of every live objective of a plan, in ``language``."""
    plan = get_plan(s, plan_id)
    scheme = scheme_of(s, plan)
    rows = s.execute(
        select(Objective.id, Objective.level, Objective.code, Objective.code_literal).where(
            Objective.plan_id == plan_id, Objective.deleted.is_(False)
        )
    ).all()
    return {
        oid: scheme.printed(level, code, literal, language) for oid, level, code, literal in rows
    }


def code_of(
    s: Session, obj: Objective, language: str | None = None, plan: Plan | None = None
) -> str:
    """The printed code of one objective, in ``language`` (default: the plan's main)."""
    plan = plan or get_plan(s, obj.plan_id)
    return scheme_of(s, plan).printed(obj.level, obj.code, obj.code_literal, language)


class NodeFields(NamedTuple):
    """The fields of a tree row that an edit can change without moving or renumbering
    anything: what the tree refreshes in place after such an edit."""

    title: dict[str, str]
    status: Status
    lead_unit_id: uuid.UUID | None
    milestones_done: int
    milestones_total: int


def node_fields(store: PlanFile, objective_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, NodeFields]:
    """Title, status, lead unit and milestone counts of the live objectives named."""
    wanted = list(dict.fromkeys(objective_ids))
    if not wanted:
        return {}
    statuses = fastread.values_of(Status)
    with store.read() as s:
        counts = {
            oid: (done, total)
            for oid, done, total in fastread.rows_in(
                s,
                "SELECT objective_id, sum(done), count(*) FROM milestones"
                " WHERE objective_id IN ({ids}) AND deleted = 0 GROUP BY objective_id",
                wanted,
            )
        }
        found = fastread.rows_in(
            s,
            "SELECT id, title, status, lead_unit_id FROM objectives"
            " WHERE id IN ({ids}) AND deleted = 0",
            wanted,
        )
    return {
        fastread.uid(oid): NodeFields(  # type: ignore[misc]
            fastread.i18n(title), statuses[status], fastread.uid(unit), *counts.get(oid, (0, 0))
        )
        for oid, title, status, unit in found
    }


def milestone_owners(store: PlanFile, milestone_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """The objectives the milestones named belong to (deleted milestones too: an undo
    of an add, or a delete, must refresh the counts of their objective)."""
    wanted = list(dict.fromkeys(milestone_ids))
    if not wanted:
        return set()
    with store.read() as s:
        found = fastread.rows_in(
            s, "SELECT DISTINCT objective_id FROM milestones WHERE id IN ({ids})", wanted
        )
    return {fastread.uid(oid) for (oid,) in found}  # type: ignore[misc]


def searchable_texts(store: PlanFile, plan_id: uuid.UUID) -> dict[uuid.UUID, str]:
    """Per live objective, the text a full-text find looks in beyond code and title:
    description, intended results, milestone texts and indicator names, in every
    language, joined by newlines (the UI folds case and accents)."""
    parts: dict[str, list[str]] = defaultdict(list)
    with store.read() as s:
        for oid, description, results in fastread.rows(
            s,
            "SELECT id, description, intended_results FROM objectives"
            " WHERE plan_id = :plan AND deleted = 0",
            plan=plan_id,
        ):
            parts[oid].extend(
                (*fastread.i18n(description).values(), *fastread.i18n(results).values())
            )
        for table, column in (("milestones", "text"), ("indicators", "name")):
            for oid, text in fastread.rows(
                s,
                f"SELECT objective_id, {column} FROM {table} WHERE plan_id = :plan AND deleted = 0",
                plan=plan_id,
            ):
                parts[oid].extend(fastread.i18n(text).values())
    return {fastread.uid(oid): "\n".join(texts) for oid, texts in parts.items()}  # type: ignore[misc]


def partners_of(store: PlanFile, objective_id: uuid.UUID) -> list[uuid.UUID]:
    with store.read() as s:
        return list(
            s.scalars(
                select(ObjectivePartner.unit_id).where(
                    ObjectivePartner.objective_id == objective_id,
                    ObjectivePartner.deleted.is_(False),
                )
            )
        )
