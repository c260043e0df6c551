"""Conflict records and notices, kept in step with the versions after a merge.

A conflict is read off the versions (``exchange.causal``), so every site holding the
same writes finds the same ones; a site records those it takes part in (one of the
writes is its own, or any at headquarters, which assembles the plan):

* ``value`` (``both-added`` when both writes made the row): more than one distinct
  value competes for a field;
* ``delete-edit``: the row's shown deletion had not seen an edit of one of its fields.

A record whose condition is gone is closed as settled (a decision or a later edit
arrived). Notices tell what a merge did on its own: ``refused`` (headquarters
reverted a post's change outside its part, with the reason), ``parent-deleted`` (a
row deleted with a parent deleted elsewhere), ``cycle`` (a move undone because it
made a tree loop). "Ours" is this site's value, "theirs" the other side's.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from planner_app.domain import MergeConflict
from planner_app.exchange.apply import RowState
from planner_app.exchange.causal import Dot, Version, distinct_values, in_conflict, shown

DECIDE_KINDS = ("value", "both-added", "delete-edit")
NOTICE_KINDS = ("refused", "parent-deleted", "cycle", "group-amounts")
_NAMESPACE = uuid.UUID("0b6a3c2e-3d4f-5a6b-8c7d-9e0f1a2b3c4d")


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _dots(versions: Iterable[Version]) -> str:
    return json.dumps(sorted([v.site, v.n] for v in versions), separators=(",", ":"))


def who(s: Session, dot: Dot) -> tuple[str, str]:
    """When and by whom the write ``dot`` was made (from the change log)."""
    row = (
        s.connection()
        .execute(
            text(
                "SELECT at, user FROM change_log WHERE (dot_site = :site AND dot_n = :n)"
                " OR (dot_site IS NULL AND site_id = :site AND seq = :n) LIMIT 1"
            ),
            {"site": dot[0], "n": dot[1]},
        )
        .first()
    )
    return (str(row[0]), str(row[1])) if row else ("", "")


class Records:
    """The open records of the rows a merge touched, kept in step with them."""

    def __init__(self, s: Session, own: set[str], everywhere: bool) -> None:
        self.s, self.own, self.everywhere = s, own, everywhere
        self.open: dict[tuple[uuid.UUID, str, str], MergeConflict] = {}
        self.changed: list[MergeConflict] = []

    def load(self, row_ids: Iterable[uuid.UUID]) -> None:
        ids = sorted(set(row_ids))
        for start in range(0, len(ids), 500):
            for record in self.s.scalars(
                select(MergeConflict).where(
                    MergeConflict.row_id.in_(ids[start : start + 500]),
                    MergeConflict.decision == "",
                )
            ):
                kind = "value" if record.kind == "both-added" else record.kind
                self.open[(record.row_id, record.field, kind)] = record

    def review(self, state: RowState) -> None:
        """Open, update or settle the conflicts of one row."""
        for name in state.touched:
            self._value(state, name)  # on ``deleted`` too: deleted there, brought back here
        self._delete_edit(state)
        if not state.values.get("deleted"):
            self._settle(state, "deleted", "parent-deleted")

    def _value(self, state: RowState, name: str) -> None:
        versions = state.versions_of(name)
        if not in_conflict(versions):
            self._settle(state, name, "value")
            return
        values = distinct_values(versions)
        mine = [v for v in values if v.site in self.own]
        if not (self.everywhere or mine):
            return
        ours = mine[-1] if mine else values[-1]
        theirs = [v for v in values if _dump(v.value) != _dump(ours.value)][-1]
        added = ours.star and theirs.star
        base = ours.old if _dump(ours.old) == _dump(theirs.old) else None
        self._put(
            state, name, "value", _dump(ours.value), _dump(theirs.value), theirs, values, base
        )
        if added and self.open[(state.row_id, name, "value")].id is None:  # type: ignore[index]
            self.open[(state.row_id, name, "value")].kind = "both-added"  # type: ignore[index]

    def _delete_edit(self, state: RowState) -> None:
        deletion = shown(state.versions_of("deleted")) if state.values.get("deleted") else None
        unseen: list[Version] = []
        names: list[str] = []
        if deletion is not None:
            for name in state.field_names():
                if name == "deleted":
                    continue
                missed = [v for v in state.versions_of(name) if not deletion.has_seen(v)]
                if missed:
                    names.append(name)
                    unseen += missed
        if not unseen:
            self._settle(state, "deleted", "delete-edit")
            return
        assert deletion is not None
        ours_deleted = deletion.site in self.own
        if not (self.everywhere or ours_deleted or any(v.site in self.own for v in unseen)):
            return
        other = max(unseen, key=Version.order) if ours_deleted else deletion
        self._put(
            state,
            "deleted",
            "delete-edit",
            _dump(ours_deleted),
            _dump(not ours_deleted),
            other,
            [deletion, *unseen],
            False,
            note=json.dumps(names),
        )

    def notice(
        self,
        state: RowState,
        name: str,
        kind: str,
        ours: Any,
        theirs: Version,
        note: str | None = None,
    ) -> None:
        """Record what a merge did on its own (``NOTICE_KINDS``)."""
        self._put(state, name, kind, _dump(ours), _dump(theirs.value), theirs, [theirs], None, note)

    def _put(
        self,
        state: RowState,
        name: str,
        kind: str,
        local: str,
        remote: str,
        theirs: Version,
        versions: list[Version],
        base: Any,
        note: str | None = None,
    ) -> None:
        key = (state.row_id, name, kind)
        record = self.open.get(key)  # type: ignore[arg-type]
        if record is None:
            at, user = who(self.s, theirs.dot)
            plan = state.values.get("plan_id") or state.row_id
            record = MergeConflict(
                plan_id=uuid.UUID(str(plan)),
                table_name=state.table,
                row_id=state.row_id,
                field=name,
                kind=kind,
                from_site=theirs.site,
                change_id=uuid.uuid5(_NAMESPACE, f"{theirs.site}:{theirs.n}"),
                remote_at=at,
                remote_user=user,
                decision="",
            )
            self.s.add(record)
            self.open[key] = record  # type: ignore[index]
        record.base = _dump(base) if base is not None else None
        record.local, record.remote = local, remote
        record.versions = _dots(versions)
        record.note = note
        if record not in self.changed:
            self.changed.append(record)

    def _settle(self, state: RowState, name: str, kind: str) -> None:
        record = self.open.pop((state.row_id, name, kind), None)  # type: ignore[arg-type]
        if record is not None:
            record.decision = "settled"


__all__ = ["DECIDE_KINDS", "NOTICE_KINDS", "Records", "who"]
