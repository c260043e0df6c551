"""Change capture: one flush hook through which every ORM write passes, and the log
rows it shares with ``domain.bulk`` (many rows of one table in a few statements, for a
pasted block), so both ways stamp and log a row alike.

Installed on the session factory of a plan file (``install``). For each flush it

* refuses hard deletes of synced rows (deletes are tombstones: ``deleted = True``);
* refuses writes to a plan that is final or signed (only its state may move, and a
  signing record may be added once it is signed);
* stamps inserted and changed rows with row version, hybrid logical clock and site;
* appends one ``ChangeLogEntry`` per changed field (one ``*`` entry per insert) to the
  same transaction, so no edit can skip the log and the log never runs ahead of data.

Runs on whichever thread owns the session; the clock is per open file and locked.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import getpass
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import PASSIVE_NO_INITIALIZE

from planner_app.domain.base import Synced
from planner_app.domain.enums import PlanState
from planner_app.domain.labels import label
from planner_app.domain.log import LocalState
from planner_app.domain.order import legacy_key
from planner_app.domain.plan import Plan, SigningRecord
from planner_app.domain.types import clean_i18n, exact_str
from planner_app.domain.versions import STAR
from planner_app.domain.writelog import Marks, local_rows, marks, now_ms, write_local
from planner_app.errors import PlanFrozenError
from planner_app.i18n import _

SYNC_COLUMNS = frozenset({"id", "row_version", "hlc", "site_id", "deleted"})
# Kept by each copy for itself and never logged or exchanged (``domain.order``).
LOCAL_COLUMNS = frozenset({"position"})
# Exchanged, but not content: the fingerprint and a copied plan leave it out.
ORDER_KEY = "sort_key"


class HybridClock:
    """A hybrid logical clock: milliseconds << 16 | counter, never going backwards."""

    def __init__(self, last: int = 0) -> None:
        self._last = last
        self._lock = threading.Lock()

    @property
    def last(self) -> int:
        return self._last

    def tick(self) -> int:
        with self._lock:
            physical = time.time_ns() // 1_000_000 << 16
            self._last = max(physical, self._last + 1)
            return self._last

    def observe(self, remote: int) -> None:
        """Move past a clock value received from another site."""
        with self._lock:
            self._last = max(self._last, remote)


@dataclass
class ChangeContext:
    """Who writes (site, OS user) and the replica's clock; one per open plan file."""

    site_id: str
    clock: HybridClock
    user: str = field(default_factory=lambda: _os_user())


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no passwd entry (containers)
        return "unknown"


def to_json_value(value: Any) -> Any:
    """A JSON-safe, exact form of a column value for the change log and fingerprints."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return exact_str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return clean_i18n(value)
    if isinstance(value, list):  # a table row's cells (``I18nCells``)
        return [clean_i18n(cell) for cell in value]
    if isinstance(value, bytes):
        import hashlib

        return {"sha256": hashlib.sha256(value).hexdigest(), "size": len(value)}
    raise TypeError(f"cannot log a {type(value).__name__}")


def dumps(value: Any) -> str:
    """The JSON text of a value in the change log (called for every changed field)."""
    if value is None:
        return "null"
    if isinstance(value, Decimal):  # digits, sign and point: nothing to escape
        return f'"{exact_str(value)}"'
    return json.dumps(to_json_value(value), ensure_ascii=False, sort_keys=True)


def changed_texts(old: Any, new: Any) -> tuple[str, str] | None:
    """The logged texts (old, new) of a column whose logged value changed, else None.
    Equal values of one type are the same without building their JSON; otherwise the
    texts compared are the log's values (making them twice cost a tenth of a merge)."""
    if old is new or (type(old) is type(new) and old == new):
        return None
    texts = dumps(old), dumps(new)
    return None if texts[0] == texts[1] else texts


def same_value(old: Any, new: Any) -> bool:
    """Whether a column keeps its logged value (``dumps`` alike)."""
    return changed_texts(old, new) is None


def content_columns(obj: Synced) -> list[str]:
    return list(_content_columns(type(obj)))


def content_columns_of(cls: type) -> tuple[str, ...]:
    """``content_columns`` of a mapped class, without an instance."""
    return _content_columns(cls)


@functools.cache
def _content_columns(cls: type) -> tuple[str, ...]:
    """A mapped class's content column keys, in mapping order (asked once per class)."""
    return tuple(
        c.key for c in inspect(cls).column_attrs if c.key not in SYNC_COLUMNS and c.key != ORDER_KEY
    )


@functools.cache
def exchanged_columns(cls: type) -> tuple[str, ...]:
    """The columns a write of ``cls`` logs and a package carries (``deleted`` aside):
    the content without what each copy derives for itself (the position of a row
    ordered by its key), with the order key."""
    keyed = any(c.key == ORDER_KEY for c in inspect(cls).column_attrs)
    return tuple(
        c.key
        for c in inspect(cls).column_attrs
        if c.key not in SYNC_COLUMNS and not (keyed and c.key in LOCAL_COLUMNS)
    )


@functools.cache
def _logged_columns(cls: type) -> tuple[str, ...]:
    return (*exchanged_columns(cls), "deleted")


def row_plan_id(obj: Synced) -> uuid.UUID | None:
    return obj.id if isinstance(obj, Plan) else getattr(obj, "plan_id", None)


def install(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _write_log)
    event.listen(factory, "do_orm_execute", _refuse_bulk_writes)


def _refuse_bulk_writes(state: Any) -> None:
    """Bulk INSERT/UPDATE/DELETE statements skip the flush, hence the log and the guard
    (``domain.bulk`` is the bulk path that stamps and logs)."""
    if state.is_insert or state.is_update or state.is_delete:
        for mapper in state.all_mappers:
            if issubclass(mapper.class_, Synced):
                raise RuntimeError(
                    f"bulk write to {mapper.class_.__name__}: change rows through a session"
                )


def _committed_state(session: Session, plan_id: uuid.UUID) -> PlanState | None:
    plan = session.identity_map.get(session.identity_key(Plan, plan_id))  # type: ignore[arg-type]
    if plan is not None:
        hist = inspect(plan).attrs.state.history
        if inspect(plan).pending:
            return None  # created in this transaction: a draft
        return hist.deleted[0] if hist.deleted else plan.state
    with session.no_autoflush:
        row = session.get(Plan, plan_id)
    return row.state if row is not None else None


def _changed_fields(
    obj: Synced,
    dumped: dict[str, tuple[str, str]] | None = None,
    forced: set[tuple[uuid.UUID, str]] | None = None,
) -> dict[str, tuple[Any, Any]]:
    """The logged columns whose value really changed (old, new).

    Only attributes set since the last flush (the state's ``committed_state``) can have
    history, so only those are asked, through ``get_history`` (``state.attrs`` builds a
    dict of every attribute on each call): on a wide row this is most of the cost.
    The texts compared are kept in ``dumped`` (old, new): they are the log's values, and
    making them twice cost a tenth of a 5,000-change merge.
    """
    state = inspect(obj)
    committed = state.committed_state
    forced = forced or set()
    changes: dict[str, tuple[Any, Any]] = {}
    for key in _logged_columns(type(obj)):
        if (obj.id, key) in forced:
            value = getattr(obj, key)
            changes[key] = (value, value)
            continue
        if key not in committed:
            continue
        hist = state.get_history(key, PASSIVE_NO_INITIALIZE)
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        texts = changed_texts(old, new)
        if texts is not None:
            changes[key] = (old, new)
            if dumped is not None:
                dumped[key] = texts
    return changes


# The only ways a plan's state may move, and what may change with it.
_FIXING = frozenset({"state", "fingerprint", "fingerprint_rules", "fingerprint_at"})
STATE_MOVES: dict[tuple[PlanState, PlanState], frozenset[str]] = {
    (PlanState.DRAFT, PlanState.FINAL): _FIXING,
    (PlanState.FINAL, PlanState.DRAFT): _FIXING,
    (PlanState.FINAL, PlanState.SIGNED): frozenset({"state"}),
}


def _frozen(state: PlanState) -> PlanFrozenError:
    return PlanFrozenError(
        _(
            "This plan is {state} and cannot be changed; make a new draft version to change it."
        ).format(state=label(state))
    )


def _check_plan_row(plan: Plan, fields: dict[str, tuple[Any, Any]], state: PlanState) -> None:
    if "state" in fields:
        old, new = fields["state"]
        allowed = STATE_MOVES.get((PlanState(old), PlanState(new)))
        if allowed is None:
            raise PlanFrozenError(
                _("A plan cannot go from {old} to {new}.").format(
                    old=label(PlanState(old)), new=label(PlanState(new))
                )
            )
        if set(fields) <= allowed:
            return
    if state is not PlanState.DRAFT:
        raise _frozen(state)


def _check_frozen(
    session: Session, touched: dict[uuid.UUID, list[tuple[Synced, dict[str, tuple[Any, Any]]]]]
) -> None:
    """Refuse writes to final/signed plans; allow only the state moves above, on a
    plan being or already signed new signing records, and on a final plan the signed
    PDF and its signatures as signatories sign it."""
    for plan_id, rows in touched.items():
        state = _committed_state(session, plan_id)
        if state is None:
            continue  # a plan created in this transaction
        for obj, fields in rows:
            if isinstance(obj, Plan):
                _check_plan_row(obj, fields, state)
            elif isinstance(obj, SigningRecord) and inspect(obj).pending:
                plan = session.get(Plan, plan_id)
                if plan is None or plan.state is not PlanState.SIGNED:
                    raise PlanFrozenError(_("Only a signed plan has a signing record."))
            elif getattr(obj, "signing_metadata", False) and not isinstance(obj, SigningRecord):
                if state is PlanState.DRAFT:
                    raise PlanFrozenError(_("Only a final plan can be signed electronically."))
                if state is PlanState.SIGNED:
                    raise _frozen(state)
            elif state is not PlanState.DRAFT:
                raise _frozen(state)


def _apply_defaults(obj: Synced) -> None:
    """Fill Python-side column defaults now, so the logged insert shows real values."""
    for attr in inspect(obj).mapper.column_attrs:
        column = attr.columns[0]
        if getattr(obj, attr.key) is not None or column.default is None:
            continue
        default = column.default
        if default.is_scalar:
            setattr(obj, attr.key, default.arg)
        elif default.is_callable:
            setattr(obj, attr.key, default.arg(None))


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    ctx: ChangeContext | None = session.info.get("change_context")
    if ctx is None:
        raise RuntimeError("writes go through a PlanFile transaction")
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise RuntimeError(f"hard delete of {type(obj).__name__}: use a tombstone")

    entries: list[tuple[Synced, str, dict[str, tuple[Any, Any]], dict[str, tuple[str, str]]]] = []
    touched: dict[uuid.UUID, list[tuple[Synced, set[str]]]] = {}
    for obj in list(session.new):
        if isinstance(obj, Synced):
            _apply_defaults(obj)
            if hasattr(obj, ORDER_KEY) and getattr(obj, ORDER_KEY) is None:
                setattr(obj, ORDER_KEY, legacy_key(max(0, getattr(obj, "position", 0) or 0)))
            fields = {k: (None, getattr(obj, k)) for k in exchanged_columns(type(obj))}
            entries.append((obj, "insert", fields, {}))
            pid = row_plan_id(obj)
            if pid is not None and not isinstance(obj, Plan):
                touched.setdefault(pid, []).append((obj, fields))
    for obj in list(session.dirty):
        if isinstance(obj, Synced):
            dumped: dict[str, tuple[str, str]] = {}
            forced = session.info["write_marks"].forced if "write_marks" in session.info else None
            fields = _changed_fields(obj, dumped, forced)
            if not fields:
                continue
            op = "delete" if fields.get("deleted", (None, False))[1] is True else "update"
            entries.append((obj, op, fields, dumped))
            pid = row_plan_id(obj)
            if pid is not None:
                touched.setdefault(pid, []).append((obj, fields))
            if "plan_id" in fields and fields["plan_id"][0] is not None:
                # moving a row out of a plan writes to that plan too
                touched.setdefault(fields["plan_id"][0], []).append((obj, fields))
    if not entries:
        return
    _check_frozen(session, touched)

    log = LogWriter(session, ctx)
    log_rows: list[dict[str, Any]] = flush_context.attributes.setdefault(_LOG_ROWS, [])
    for obj, op, fields, dumped in entries:
        stamp = ctx.clock.tick()
        obj.row_version = (obj.row_version or 0) + 1
        obj.hlc = stamp
        obj.site_id = ctx.site_id
        if op == "insert":
            obj.deleted = bool(obj.deleted)
        table = obj.__tablename__  # type: ignore[attr-defined]
        log_rows += log.rows(table, obj.id, row_plan_id(obj), op, fields, stamp, dumped)
    session.info.get("write_marks", Marks()).forced.clear()
    session.merge(LocalState(key="hlc", value=str(ctx.clock.last)))


class LogWriter:
    """Builds the change-log rows of one flush (or one bulk write): the same rows
    whichever way the data was written, so the exchange and ``check`` read one format."""

    def __init__(self, session: Session, ctx: ChangeContext) -> None:
        self.session = session
        self.ctx = ctx
        self.now = now_ms()

    def rows(
        self,
        table: str,
        row_id: uuid.UUID,
        plan_id: uuid.UUID | None,
        op: str,
        fields: dict[str, tuple[Any, Any]],
        stamp: int,
        texts: dict[str, tuple[str, str]] | None = None,
    ) -> list[dict[str, Any]]:
        """One row per changed field; an insert is one ``*`` row with every column.
        ``texts`` has the JSON of fields already made (``changed_texts``)."""
        if op == "insert":
            whole = {k: to_json_value(v) for k, (_o, v) in fields.items()}
            logged = {STAR: (None, json.dumps(whole, ensure_ascii=False, sort_keys=True))}
        else:
            made = texts or {}
            logged = {
                name: made.get(name) or (dumps(old), dumps(new))
                for name, (old, new) in fields.items()
            }
        return local_rows(
            self.session,
            site=self.ctx.site_id,
            user=self.ctx.user,
            table=table,
            row_id=row_id,
            plan_id=plan_id,
            op=op,
            logged=logged,
            stamp=stamp,
            at=self.now,
        )


_LOG_ROWS = "planner_app.change_log_rows"


def _write_log(session: Session, flush_context: Any) -> None:
    """Insert the change-log rows and versions ``_before_flush`` prepared.

    Still inside the flush's transaction, so the log cannot run ahead of the data or
    behind it; as plain rows rather than ORM objects because building and flushing one
    ``ChangeLogEntry`` per field cost about a millisecond each. ``seq`` keeps the
    order the rows were prepared in.
    """
    rows = flush_context.attributes.pop(_LOG_ROWS, None)
    if rows:
        write_local(session, rows)


def force_write(session: Session, obj: Synced, field_name: str) -> None:
    """Log a write of ``field_name`` at the next flush even if its value stays (a
    decision that keeps the value shown still supersedes what it decided)."""
    marks(session).forced.add((obj.id, field_name))
    obj.row_version = obj.row_version  # into the flush, even with no value changed
