"""Applying a package's writes to a plan file: the causal rule per field, in memory,
then every row, version and log row written in a few statements.

The rows a package touches are loaded once (with their versions); each write is
received into its field (``causal.receive``) and the shown value follows; then what
changed is written with executemany: the data, the versions, the change log (each
received write logged under its own dot, so it is relayed onward as it is), this
site's knowledge. Writes the merge makes itself (a revert, a cascade, undoing a loop)
are local writes that have seen everything held (``local_write``). Runs in the
merge's transaction, on its thread.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import Base, FieldVersion, Synced
from planner_app.domain.bulk import execute_many
from planner_app.domain.changes import ChangeContext, exchanged_columns, to_json_value
from planner_app.domain.versions import STAR
from planner_app.domain.writelog import canonical_vv, context_id, insert_log, now_ms
from planner_app.exchange.causal import Version, receive, shown
from planner_app.exchange.history import (
    RowHistory,
    dump_decides,
    load_contexts,
    version_of_row,
)
from planner_app.exchange.incoming import Incoming, with_value
from planner_app.exchange.values import NotExchangeableError, from_json, synced_models

_CHUNK = 500


@dataclass
class RowState(RowHistory):
    """A row during a merge: its values (change-log JSON), versions, and what changed."""

    model: type[Synced] | None = None
    row_id: uuid.UUID | None = None
    loaded: dict[str, Any] | None = None  # as stored before the merge; None: a new row
    touched: set[str] = field(default_factory=set)  # fields whose versions changed
    new_star: bool = False

    def field_names(self) -> list[str]:
        assert self.model is not None
        return [*exchanged_columns(self.model), "deleted"]


class Rows:
    """The rows a merge has read, by id, loaded a table at a time."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.models = synced_models()
        self.contexts = load_contexts(s)
        self.states: dict[uuid.UUID, RowState] = {}
        self.missing: set[uuid.UUID] = set()
        self._context_ids: dict[str, int] = {}

    def preload(self, wanted: dict[str, set[uuid.UUID]]) -> None:
        for table, ids in wanted.items():
            model = self.models.get(table)
            todo = sorted(i for i in ids if i not in self.states and i not in self.missing)
            if model is None or not todo:
                continue
            for start in range(0, len(todo), _CHUNK):
                chunk = todo[start : start + _CHUNK]
                found = set()
                for row in self.s.scalars(select(model).where(model.id.in_(chunk))):
                    self.states[row.id] = self._state(model, row)
                    found.add(row.id)
                self.missing.update(set(chunk) - found)
                self._versions([i for i in chunk if i in found])

    def _state(self, model: type[Synced], row: Synced) -> RowState:
        values = {name: to_json_value(getattr(row, name)) for name in exchanged_columns(model)}
        values["deleted"] = bool(row.deleted)
        return RowState(
            model.__tablename__, values, {}, None, model=model, row_id=row.id, loaded=dict(values)
        )

    def _versions(self, ids: list[uuid.UUID]) -> None:
        if not ids:
            return
        for row in self.s.scalars(select(FieldVersion).where(FieldVersion.row_id.in_(ids))):
            state = self.states[row.row_id]
            version = version_of_row(row, self.contexts)
            if row.field == STAR:
                state.star = version
            else:
                state.versions.setdefault(row.field, []).append(version)

    def get(self, table: str, row_id: uuid.UUID) -> RowState | None:
        if row_id not in self.states and row_id not in self.missing:
            self.preload({table: {row_id}})
        return self.states.get(row_id)

    def add_new(
        self, table: str, row_id: uuid.UUID, values: dict[str, Any], star: Version
    ) -> RowState:
        model = self.models[table]
        full = {name: values.get(name) for name in exchanged_columns(model)}
        full["deleted"] = False
        state = RowState(table, full, {}, star, model=model, row_id=row_id, new_star=True)
        self.states[row_id] = state
        self.missing.discard(row_id)
        return state

    def context_id(self, context: dict[str, int]) -> int:
        key = canonical_vv(context)
        found = self._context_ids.get(key)
        if found is None:
            found = self._context_ids[key] = context_id(self.s, context)
            self.contexts.setdefault(found, dict(context))
        return found

    def values_of(self, table: str, row_id: uuid.UUID) -> dict[str, Any] | None:
        """A row's values as the merge has them (None: not in this file)."""
        state = self.get(table, row_id)
        return None if state is None else state.values


def receive_into(state: RowState, name: str, write: Version) -> bool:
    """Receive ``write`` into field ``name``; False if it was already superseded."""
    after = receive(state.versions_of(name), write)
    if after is None:
        return False
    state.versions[name] = after
    state.touched.add(name)
    top = shown(after)
    if top is not None:
        state.values[name] = top.value
    return True


def receive_insert(rows: Rows, change: Incoming) -> tuple[RowState, bool]:
    """An insert: a new row whose version is the insert, or (the same natural key made
    on both sides, or a row known already) a write of each of its fields."""
    state = rows.get(change.table, change.row_id)
    values = change.values
    if state is None:
        star = Version(
            change.write.site,
            change.write.n,
            change.write.hlc,
            change.write.context,
            None,
            star=True,
        )
        return rows.add_new(change.table, change.row_id, values, star), True
    changed = False
    for name in state.field_names():
        value = False if name == "deleted" else values.get(name)
        write = replace(with_value(change.write, value), star=True)
        changed |= receive_into(state, name, write)
    return state, changed


_SHOWN = object()  # a local write's ``old``: the value this copy shows


@dataclass
class LocalWrite:
    """A write the merge makes itself (a revert, a cascade, undoing a loop).

    ``old`` is the value the write replaces, as its log says; by default the value
    this copy shows. A revert names the refused value instead: that is what it takes
    back on the post, which may have lost it (a restore) and shows it from there.
    """

    state: RowState
    name: str
    value: Any
    note: str
    txn: str | None = None
    old: Any = _SHOWN


class Writer:
    """Everything a merge writes, gathered, then written in a few statements."""

    def __init__(self, s: Session, rows: Rows, ctx: ChangeContext, origin: str) -> None:
        self.s, self.rows, self.ctx, self.origin = s, rows, ctx, origin
        self.seq = int(
            s.connection().exec_driver_sql("SELECT max(seq) FROM change_log").scalar() or 0
        )
        self.log: list[dict[str, Any]] = []
        self.now = now_ms()
        self._contexts: dict[str, int] = {}
        self.blobs: dict[str, bytes] = {}  # binary values' bytes by SHA-256

    def received(self, change: Incoming, plan_id: Any) -> None:
        self.seq += 1
        self.log.append(
            {
                "seq": self.seq,
                "change_id": uuid.uuid4(),
                "at": change.at,
                "user": change.user,
                "site_id": self.ctx.site_id,
                "hlc": change.write.hlc,
                "plan_id": plan_id,
                "table_name": change.table,
                "row_id": change.row_id,
                "op": change.op,
                "field": change.field,
                "old": change.old,
                "new": change.new,
                "origin_site": self.origin,
                "dot_site": change.write.site,
                "dot_n": change.write.n,
                "context_id": self._context_of(change),
                "decides": dump_decides(change.write.decides) if change.write.decides else None,
                "txn": change.write.txn,
                "note": change.write.note,
            }
        )

    def _context_of(self, change: Incoming) -> int:
        """The local id of a received write's context (once per context of a package)."""
        found = self._contexts.get(change.context_key) if change.context_key else None
        if found is None:
            found = self.rows.context_id(change.context)
            if change.context_key:
                self._contexts[change.context_key] = found
        return found

    def local(self, write: LocalWrite, context: int, knowledge: dict[str, int]) -> Version:
        """Make ``write`` here: it has seen every version of its field."""
        state = write.state
        self.seq += 1
        stamp = self.ctx.clock.tick()
        old = state.values.get(write.name) if write.old is _SHOWN else write.old
        version = Version(
            self.ctx.site_id,
            self.seq,
            stamp,
            {**knowledge, self.ctx.site_id: self.seq},
            write.value,
            old,
            txn=write.txn,
            note=write.note,
        )
        state.versions[write.name] = [version]
        state.touched.add(write.name)
        state.values[write.name] = write.value
        delete = write.name == "deleted" and write.value is True
        self.log.append(
            {
                "seq": self.seq,
                "change_id": uuid.uuid4(),
                "at": self.now,
                "user": self.ctx.user,
                "site_id": self.ctx.site_id,
                "hlc": stamp,
                "plan_id": uuid.UUID(str(state.values["plan_id"]))
                if "plan_id" in state.values
                else state.row_id,
                "table_name": state.table,
                "row_id": state.row_id,
                "op": "delete" if delete else "update",
                "field": write.name,
                "old": json.dumps(old, ensure_ascii=False, sort_keys=True),
                "new": json.dumps(write.value, ensure_ascii=False, sort_keys=True),
                "origin_site": None,
                "dot_site": None,
                "dot_n": None,
                "context_id": context,
                "decides": None,
                "txn": write.txn,
                "note": write.note,
            }
        )
        return version

    def resynced(self, state: RowState, name: str, value: Any, versions: list[Version]) -> None:
        """Log a field taken from a resync: its value and versions (``resync``)."""
        self.seq += 1
        listed = [
            [
                v.site,
                v.n,
                v.hlc,
                self.rows.context_id({k: n for k, n in v.context.items() if (k, n) != v.dot}),
                v.value,
                v.old,
                sorted([a, b] for a, b in v.decides) if v.decides else None,
                v.txn,
                v.note,
            ]
            for v in versions
        ]
        self.log.append(
            {
                "seq": self.seq,
                "change_id": uuid.uuid4(),
                "at": self.now,
                "user": self.ctx.user,
                "site_id": self.ctx.site_id,
                "hlc": self.ctx.clock.tick(),
                "plan_id": _plan_of(state),
                "table_name": state.table,
                "row_id": state.row_id,
                "op": "resync",
                "field": name,
                "old": None,
                "new": _dump({"value": value, "versions": listed}),
                "origin_site": self.origin,
                "dot_site": None,
                "dot_n": None,
                "context_id": None,
                "decides": None,
                "txn": None,
                "note": None,
            }
        )

    def replayed(self, state: RowState, name: str, v: Version) -> None:
        """Log again a write of ours the other side does not hold (it goes out next)."""
        self.seq += 1
        own = {k: n for k, n in v.context.items() if (k, n) != v.dot}
        self.log.append(
            {
                "seq": self.seq,
                "change_id": uuid.uuid4(),
                "at": self.now,
                "user": self.ctx.user,
                "site_id": self.ctx.site_id,
                "hlc": v.hlc,
                "plan_id": _plan_of(state),
                "table_name": state.table,
                "row_id": state.row_id,
                "op": "delete" if name == "deleted" and v.value is True else "update",
                "field": name,
                "old": _dump(v.old),
                "new": _dump(v.value),
                "origin_site": None,
                "dot_site": v.site,
                "dot_n": v.n,
                "context_id": self.rows.context_id(own),
                "decides": dump_decides(v.decides) if v.decides else None,
                "txn": v.txn,
                "note": v.note,
            }
        )

    # --- writing ---------------------------------------------------------------------

    def flush(self, states: Iterable[RowState]) -> None:
        """Write the rows, their versions and the log."""
        states = list(states)
        self._rows(states)
        self._versions(states)
        if self.log:
            insert_log(self.s, self.log)
        self.s.expire_all()

    def _rows(self, states: list[RowState]) -> None:
        by_model: dict[tuple[type, str, tuple[str, ...]], list[dict[str, Any]]] = {}
        for state in states:
            model = state.model
            assert model is not None
            if state.loaded is None:
                if not state.new_star:
                    continue
                params = {
                    name: _column(model, name, state.values.get(name), self.blobs)
                    for name in state.field_names()
                }
                params = {k: (None if v is _MISSING else v) for k, v in params.items()}
                params.update(
                    id=state.row_id, row_version=1, hlc=self._hlc(state), site_id=self.ctx.site_id
                )
                if hasattr(model, "position") and "position" not in params:
                    params["position"] = 0  # its place is worked out below
                key = (model, "INSERT", tuple(params))
            else:
                params = {
                    n: _column(model, n, state.values.get(n), self.blobs)
                    for n in state.field_names()
                    if state.values.get(n) != state.loaded.get(n)
                }
                # a binary value whose bytes did not come keeps the bytes it has
                params = {k: v for k, v in params.items() if v is not _MISSING}
                if not params:
                    continue
                params.update(hlc=self._hlc(state), site_id=self.ctx.site_id)
                params["id"] = state.row_id
                key = (model, "UPDATE", tuple(params))
            by_model.setdefault(key, []).append(params)
        # parents before children (foreign keys are checked row by row), then updates
        order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
        groups = sorted(
            by_model.items(),
            key=lambda item: (item[0][1] != "INSERT", order[item[0][0].__tablename__]),
        )
        for (model, verb, columns), params in groups:
            table = model.__table__  # type: ignore[attr-defined]
            names = list(columns)
            if verb == "UPDATE":
                names = [n for n in names if n != "id"] + ["id"]
            execute_many(self.s, table, verb, names, params)
            if verb == "UPDATE":  # one more version of each row
                self._bump(table.name, [p["id"] for p in params])

    def _bump(self, table: str, ids: list[uuid.UUID]) -> None:
        cursor = self.s.connection().connection.cursor()
        try:
            cursor.executemany(
                f'UPDATE "{table}" SET row_version = row_version + 1 WHERE id = ?',
                [(i.hex,) for i in ids],
            )
        finally:
            cursor.close()

    @staticmethod
    def _hlc(state: RowState) -> int:
        stamps = [v.hlc for vs in state.versions.values() for v in vs]
        if state.star is not None:
            stamps.append(state.star.hlc)
        return max(stamps) if stamps else 0

    def _versions(self, states: list[RowState]) -> None:
        delete: list[tuple[str, str]] = []
        add: list[tuple[Any, ...]] = []
        contexts: dict[str, int] = {}
        for state in states:
            row_hex = state.row_id.hex  # type: ignore[union-attr]
            if state.new_star and state.star is not None:
                add.append(self._version_row(state, STAR, state.star, contexts))
            for name in state.touched:
                delete.append((row_hex, name))
                for version in state.versions.get(name, []):
                    add.append(self._version_row(state, name, version, contexts))
        cursor = self.s.connection().connection.cursor()
        try:
            cursor.executemany("DELETE FROM field_versions WHERE row_id = ? AND field = ?", delete)
            cursor.executemany(
                "INSERT INTO field_versions (row_id, field, site, n, table_name, hlc, context_id,"
                " value, old, decides, txn, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                add,
            )
        finally:
            cursor.close()

    def _version_row(
        self, state: RowState, name: str, v: Version, cache: dict[str, int]
    ) -> tuple[Any, ...]:
        own = {k: n for k, n in v.context.items() if not (k == v.site and n == v.n)}
        key = json.dumps(own, sort_keys=True)
        if key not in cache:
            cache[key] = self.rows.context_id(own)
        value = None if name == STAR else _dump(v.value)
        return (
            state.row_id.hex,  # type: ignore[union-attr]
            name,
            v.site,
            v.n,
            state.table,
            v.hlc,
            cache[key],
            value,
            None if name == STAR else _dump(v.old),
            dump_decides(v.decides) if v.decides else None,
            v.txn,
            v.note,
        )


def _plan_of(state: RowState) -> uuid.UUID:
    plan = state.values.get("plan_id")
    return uuid.UUID(str(plan)) if plan is not None else state.row_id  # type: ignore[return-value]


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


_MISSING = object()  # a binary value whose bytes this merge does not have


def _column(model: type[Synced], name: str, value: Any, blobs: dict[str, bytes]) -> Any:
    if name == "deleted":
        return bool(value)
    try:
        return from_json(model, name, value, blobs)
    except NotExchangeableError:
        return _MISSING


__all__ = ["LocalWrite", "RowState", "Rows", "Writer", "receive_insert", "receive_into"]
