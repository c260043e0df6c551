"""What a merge fixes on its own after the writes are in, alike on every site that
holds the same writes: rows left under a deleted parent, trees that loop, and each
copy's positions.

* A live row under a deleted parent (added there, or moved there, while the parent
  was deleted elsewhere) is deleted with the parent: a local write with the parent's
  delete transaction, so restoring the parent restores it, and a notice.
* Concurrent moves that make a tree loop: the latest of the moves (clock, site) goes
  back to the parent it had, a local write with a notice.
* Positions are each row's index among its live siblings in key order.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain.order import SCOPES
from planner_app.exchange.apply import LocalWrite, Rows, RowState
from planner_app.exchange.causal import shown

# The references that hang a row under another: (field, table).
PARENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "objectives": (("parent_id", "objectives"),),
    "budget_lines": (("parent_id", "budget_lines"),),
    "org_units": (("parent_id", "org_units"),),
    "milestones": (("objective_id", "objectives"),),
    "indicators": (("objective_id", "objectives"),),
    "objective_partners": (("objective_id", "objectives"),),
    "indicator_values": (("indicator_id", "indicators"),),
    "indicator_quarter_values": (("indicator_id", "indicators"),),
    "indicator_unit_values": (("indicator_id", "indicators"), ("unit_id", "org_units")),
    "budget_amounts": (("line_id", "budget_lines"),),
    "budget_line_objectives": (("line_id", "budget_lines"), ("objective_id", "objectives")),
    "printed_totals": (("budget_line_id", "budget_lines"), ("unit_id", "org_units")),
    "objective_contributions": (("objective_id", "objectives"), ("strategic_id", "objectives")),
    "plan_sections": (("parent_id", "plan_sections"),),
    "chapter_table_rows": (("section_id", "plan_sections"),),
    "plan_images": (("section_id", "plan_sections"),),
}
TREES = frozenset({"objectives", "budget_lines", "org_units", "plan_sections"})
CASCADE_NOTE = "parent-deleted"
LOOP_NOTE = "cycle"
GROUP_NOTE = "group-amounts"


def _uuid(value: Any) -> uuid.UUID | None:
    return None if value is None else uuid.UUID(str(value))


def _children_of(rows: Rows, parents: list[RowState]) -> list[RowState]:
    """The live rows stored under ``parents`` (loaded into ``rows``)."""
    found: list[RowState] = []
    by_table: dict[str, list[uuid.UUID]] = {}
    for parent in parents:
        by_table.setdefault(parent.table, []).append(parent.row_id)  # type: ignore[arg-type]
    for child_table, refs in PARENTS.items():
        model = rows.models[child_table]
        for name, parent_table in refs:
            ids = by_table.get(parent_table)
            if not ids:
                continue
            column = getattr(model, name)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                hits = rows.s.scalars(
                    select(model.id).where(column.in_(chunk), model.deleted.is_(False))
                ).all()
                rows.preload({child_table: set(hits)})
                found += [rows.states[i] for i in hits if i in rows.states]
    return found


def orphans(
    rows: Rows, touched: Iterable[RowState], make: Callable[[LocalWrite], object]
) -> list[LocalWrite]:
    """Delete (``make``) every live row whose parent is deleted, down the tree."""
    writes: list[LocalWrite] = []
    todo = list(touched)
    done: set[uuid.UUID] = set()
    while todo:
        newly_deleted = [
            s
            for s in todo
            if s.values.get("deleted") and (s.loaded is None or not s.loaded.get("deleted"))
        ]
        candidates = [s for s in todo if not s.values.get("deleted")]
        candidates += _children_of(rows, newly_deleted)
        todo = []
        for state in candidates:
            if state.values.get("deleted") or state.row_id in done:
                continue
            parent = _dead_parent(rows, state)
            if parent is None:
                continue
            deletion = shown(parent.versions_of("deleted"))
            write = LocalWrite(
                state, "deleted", True, CASCADE_NOTE, deletion.txn if deletion else None
            )
            make(write)  # deleted now: its own children follow
            done.add(state.row_id)  # type: ignore[arg-type]
            writes.append(write)
            todo.append(state)
    return writes


def _dead_parent(rows: Rows, state: RowState) -> RowState | None:
    for name, parent_table in PARENTS.get(state.table, ()):
        parent_id = _uuid(state.values.get(name))
        if parent_id is None:
            continue
        parent = rows.get(parent_table, parent_id)
        if parent is not None and parent.values.get("deleted"):
            return parent
    return None


def loops(
    rows: Rows, touched: Iterable[RowState], make: Callable[[LocalWrite], object]
) -> list[LocalWrite]:
    """Undo (``make``) the latest move of each loop among live rows of a tree."""
    writes: list[LocalWrite] = []
    for state in touched:
        if state.table not in TREES or "parent_id" not in state.touched:
            continue
        cycle = _cycle(rows, state)
        if not cycle:
            continue
        latest = max(cycle, key=lambda s: _move_order(s))
        move = shown(latest.versions_of("parent_id"))
        back = _uuid(move.old) if move is not None else None
        members = {s.row_id for s in cycle}
        if back in members or back is None or _loops_through(rows, latest, back, members):
            back = None
        write = LocalWrite(latest, "parent_id", None if back is None else str(back), LOOP_NOTE)
        make(write)
        writes.append(write)
    return writes


def _live_where(rows: Rows, table: str, column: str, value: uuid.UUID) -> list[RowState]:
    """The live rows of ``table`` whose ``column`` is ``value``, as the merge has them."""
    model = rows.models[table]
    stored = rows.s.scalars(select(model.id).where(getattr(model, column) == value)).all()
    rows.preload({table: set(stored)})
    found = [rows.states[i] for i in stored if i in rows.states]
    found += [st for st in rows.states.values() if st.table == table and st not in found]
    return [
        st for st in found if not st.values.get("deleted") and st.values.get(column) == str(value)
    ]


def group_amounts(
    rows: Rows, touched: Iterable[RowState], make: Callable[[LocalWrite], object]
) -> list[LocalWrite]:
    """A budget line holds amounts or lines, not both: where concurrent edits gave one
    both, the lines under it go back where they were (or to the top), with a notice."""
    candidates: set[uuid.UUID] = set()
    for state in touched:
        if state.values.get("deleted"):
            continue
        if state.table == "budget_lines" and state.values.get("parent_id"):
            candidates.add(uuid.UUID(str(state.values["parent_id"])))
        elif state.table == "budget_amounts" and state.values.get("line_id"):
            candidates.add(uuid.UUID(str(state.values["line_id"])))
    writes: list[LocalWrite] = []
    for line_id in sorted(candidates):
        line = rows.get("budget_lines", line_id)
        if line is None or line.values.get("deleted"):
            continue
        children = _live_where(rows, "budget_lines", "parent_id", line_id)
        if not children or not _live_where(rows, "budget_amounts", "line_id", line_id):
            continue
        for child in children:
            move = shown(child.versions_of("parent_id"))
            back = _uuid(move.old) if move is not None else None
            if back == line_id or (
                back is not None and _live_where(rows, "budget_amounts", "line_id", back)
            ):
                back = None
            write = LocalWrite(child, "parent_id", None if back is None else str(back), GROUP_NOTE)
            make(write)
            writes.append(write)
    return writes


def _move_order(state: RowState) -> tuple:
    move = shown(state.versions_of("parent_id"))
    return move.order() if move is not None else (0, "", 0)


def _cycle(rows: Rows, start: RowState) -> list[RowState]:
    path: list[RowState] = []
    seen: dict[uuid.UUID, int] = {}
    node: RowState | None = start
    while node is not None and not node.values.get("deleted"):
        if node.row_id in seen:
            return path[seen[node.row_id] :]  # type: ignore[index]
        seen[node.row_id] = len(path)  # type: ignore[index]
        path.append(node)
        parent = _uuid(node.values.get("parent_id"))
        node = rows.get(node.table, parent) if parent is not None else None
    return []


def _loops_through(rows: Rows, state: RowState, parent: uuid.UUID, members: set) -> bool:
    node = rows.get(state.table, parent)
    hops = 0
    while node is not None and hops < 10_000:
        if node.row_id == state.row_id:
            return True
        nxt = _uuid(node.values.get("parent_id"))
        node = rows.get(state.table, nxt) if nxt is not None else None
        hops += 1
    return False


def scopes_touched(states: Iterable[RowState]) -> dict[str, set[tuple]]:
    """The sibling lists whose order or membership a merge may have changed."""
    out: dict[str, set[tuple]] = {}
    for state in states:
        scope = SCOPES.get(state.table)
        if scope is None or not (state.touched or state.loaded is None):
            continue
        for values in (state.values, state.loaded or {}):
            if values:
                out.setdefault(state.table, set()).add(tuple(values.get(n) for n in scope))
    return out


def renumber_positions(s: Session, scopes: dict[str, set[tuple]]) -> None:
    """Each live row's position: its index among its siblings in key order."""
    from planner_app.exchange.values import synced_models

    cursor_rows: dict[str, list[tuple[int, str]]] = {}
    for table, keys in scopes.items():
        model = synced_models()[table]
        names = SCOPES[table]
        for key in keys:
            query = select(model.id, model.sort_key, model.position).where(model.deleted.is_(False))
            for name, value in zip(names, key, strict=True):
                column = getattr(model, name)
                query = query.where(column.is_(None) if value is None else column == _uuid(value))
            siblings = sorted(s.execute(query), key=lambda r: (r[1] or "", r[0].hex))
            for index, (row_id, _key, position) in enumerate(siblings):
                if position != index:
                    cursor_rows.setdefault(table, []).append((index, row_id.hex))
    cursor = s.connection().connection.cursor()
    try:
        for table, params in cursor_rows.items():
            cursor.executemany(f'UPDATE "{table}" SET position = ? WHERE id = ?', params)
    finally:
        cursor.close()


__all__ = [
    "CASCADE_NOTE",
    "LOOP_NOTE",
    "PARENTS",
    "TREES",
    "loops",
    "orphans",
    "renumber_positions",
    "scopes_touched",
]
