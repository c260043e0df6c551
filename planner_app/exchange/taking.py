"""Taking one package's writes into a plan file, inside the merge's transaction:
each write received (``apply``), the post's writes outside its part answered with a
revert (``authority``), what the merge fixes on its own (``repair``), the rows written,
each copy's positions, and the conflict records and notices (``conflicts``).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from planner_app.domain import ExchangePeer, Plan
from planner_app.domain.writelog import knowledge
from planner_app.errors import ExchangeError
from planner_app.exchange import code_conflicts
from planner_app.exchange.apply import (
    LocalWrite,
    Rows,
    RowState,
    Writer,
    receive_insert,
    receive_into,
)
from planner_app.exchange.authority import PostPart
from planner_app.exchange.causal import Version, in_conflict
from planner_app.exchange.changes import HQ, POST, local_role, own_sites
from planner_app.exchange.conflicts import DECIDE_KINDS, Records
from planner_app.exchange.incoming import Incoming
from planner_app.exchange.progress import Progress, tick
from planner_app.exchange.repair import (
    group_amounts,
    loops,
    orphans,
    renumber_positions,
    scopes_touched,
)
from planner_app.exchange.resync import Resync
from planner_app.exchange.values import blob_columns, blob_digests
from planner_app.i18n import N_, _
from planner_app.storage import PlanFile

_TICK_EVERY = 250  # changes between progress reports (and chances to cancel)
_DEFER = object()  # a write passed on from a site not known here: left for that site

# Why a write was not applied: the reason a revert carries (``note``), in words.
REFUSED = "refused:"
REASONS = {
    "outside-part": N_("outside the post's part of the plan."),
    "unknown-table": N_("this app does not know the table."),
    "missing-row": N_("the row does not exist in this file."),
    "not-exchangeable": N_("this field cannot be exchanged."),
    "no-bytes": N_("the bytes of its binary value did not come with the package."),
}


def refusal_note(code: str, site: str) -> str:
    """A revert's note: why, and whose write it refused (``code@site``; at most 53
    characters with a 32-character site id, within the column's 64)."""
    return f"{REFUSED}{code}@{site}"


def refused_site(note: str | None) -> str | None:
    """The site whose write a revert refused (None: not a revert, or one written
    before reverts named it)."""
    if not note or not note.startswith(REFUSED) or "@" not in note:
        return None
    return note.rsplit("@", 1)[1]


def reason_text(note: str | None) -> str:
    code = (note or "").removeprefix(REFUSED).split("@", 1)[0]
    return _(REASONS[code]) if code in REASONS else code


@dataclass(frozen=True)
class Refusal:
    """A change that was not applied, and why (one sentence)."""

    table: str
    row: str
    field: str
    reason: str


class Taking:
    """One package applied: the writes taken, then what follows from them."""

    def __init__(
        self,
        s: Session,
        store: PlanFile,
        plan: Plan,
        peer: ExchangePeer,
        report: Any,
        blobs: dict[str, bytes] | None = None,
    ) -> None:
        self.s, self.store, self.plan, self.peer, self.report = s, store, plan, peer, report
        self.ctx = store.context
        self.own = own_sites(s)
        self.trusted = set(self.own)  # sites whose writes are headquarters' own
        self.hq = local_role(s).name == HQ
        self.part: PostPart | None = None
        self.parts: dict[str, PostPart | object | None] = {}
        self.held = knowledge(s)
        self.start_held = dict(self.held)
        self.rows = Rows(s)
        self.writer = Writer(s, self.rows, self.ctx, peer.site_id)  # type: ignore[arg-type]
        self.writer.blobs = dict(blobs or {})  # binary values' bytes by SHA-256
        self.refused: list[tuple[Incoming, str]] = []
        self.noted: list[tuple[RowState, str, Version, Any]] = []  # notices to record
        self.local: list[LocalWrite] = []
        self.changes: list[Incoming] = []
        self.tombstones: set[uuid.UUID] = set()  # refused rows kept, deleted
        self._context: int | None = None  # of the writes the merge makes (reverts)

    def apply(self, changes: list[Incoming], progress: Progress | None) -> None:
        """Receive ``changes`` (a package's), then what follows from them."""
        s = self.s
        self.changes = changes
        if self.peer.role == POST and self.hq:
            if self.peer.unit_id is None:
                raise ExchangeError(
                    _("This file does not know which unit the post of {path} serves.").format(
                        path=self.report.package
                    )
                )
            self.part = PostPart.of(s, self.plan.id, self.peer.unit_id, changes)
            self.part.lookup = self.rows.values_of
        wanted: dict[str, set[uuid.UUID]] = {}
        for change in changes:
            wanted.setdefault(change.table, set()).add(change.row_id)
        self.rows.preload(wanted)
        for done, change in enumerate(changes, start=1):
            if done % _TICK_EVERY == 0:
                tick(progress, done, len(changes) + 2)
            self._one(change)
        self._reverts()
        self._complete()

    def resync(self, payload: Any) -> None:
        """Take a resync: headquarters' rows whole, this file's writes it lacks kept."""
        taking = Resync(self.s, self.rows, self.writer, self.held)
        taking.take(payload)
        for state, name, version in taking.replays:
            self.writer.replayed(state, name, version)
        theirs = payload.get("knowledge") if isinstance(payload, dict) else None
        if isinstance(theirs, dict):
            for site, n in theirs.items():
                if site not in self.own and int(n) > self.held.get(site, 0):
                    self.held[site] = int(n)
        self._complete()

    def _complete(self) -> None:
        """What follows from the writes taken: repairs, rows, positions, records."""
        s = self.s
        context = self.rows.context_id(self.held)

        def make(write: LocalWrite) -> None:
            self.writer.local(write, context, self.held)
            self.local.append(write)

        touched = [st for st in self.rows.states.values() if st.touched or st.new_star]
        orphans(self.rows, touched, make)
        loops(self.rows, touched, make)
        group_amounts(self.rows, touched, make)
        for write in list(self.local):
            if write.note and not write.note.startswith(REFUSED):
                version = write.state.versions[write.name][0]
                self.noted.append((write.state, write.name, version, version.old))
        states = [st for st in self.rows.states.values() if st.touched or st.new_star]
        self.writer.flush(states)
        self._knowledge()
        renumber_positions(s, scopes_touched(states))
        self._records(states)
        self._codes(states)

    def _one(self, change: Incoming) -> None:
        report, dot = self.report, change.write.dot
        if dot[0] == self.ctx.site_id or self.held.get(dot[0], 0) >= dot[1]:  # type: ignore[union-attr]
            report.already += 1  # a write of ours, or one held (a write of an incarnation
            return  # before a restore beyond what it kept is taken back like any other
        part = self._part_of(change)
        if part is _DEFER:  # a post passes on a write of a site this file does not
            report.deferred += 1  # know yet: it will come from that site itself
            return
        self.held[dot[0]] = dot[1]
        if self.ctx is not None:
            self.ctx.clock.observe(change.write.hlc)
        if change.table not in self.rows.models:
            self._refuse(change, "unknown-table")
            return
        if part is not None and not part.allows(self.s, change):  # type: ignore[union-attr]
            self._refuse(change, "outside-part")
            unknown = self.rows.get(change.table, change.row_id) is None
            if change.op == "insert" and unknown and self._references_held(change):
                # kept as a tombstone (reverted below), logged in its place
                state, _changed = receive_insert(self.rows, change)
                self.writer.received(change, self.plan.id)
                self.tombstones.add(change.row_id)
            return
        if not self._bytes_came(change):
            self._refuse(change, "no-bytes")
            return
        if change.op == "insert":
            known = self.rows.get(change.table, change.row_id) is not None
            state, changed = receive_insert(self.rows, change)
            conflicted = known and any(in_conflict(state.versions_of(n)) for n in state.touched)
        else:
            state = self.rows.get(change.table, change.row_id)
            if state is None:
                self._refuse(change, "missing-row")
                return
            if change.field not in state.field_names():
                self._refuse(change, "not-exchangeable")
                return
            before = state.versions_of(change.field)
            shown_before = state.values.get(change.field)
            changed = receive_into(state, change.field, change.write)
            conflicted = in_conflict(state.versions_of(change.field))
            if changed and change.write.note:
                mine = [v for v in before if v.site in self.own and change.write.has_seen(v)]
                if mine:
                    # ours: what this copy showed (the refused write), else our latest
                    # (a write of an earlier incarnation may come back in the same package)
                    shown_mine = [v for v in mine if not _differ(v.value, shown_before)]
                    ours = shown_mine[-1] if shown_mine else max(mine, key=Version.order)
                    self.noted.append((state, change.field, change.write, ours.value))
                elif refused_site(change.write.note) in self.own:
                    # a write of ours this copy no longer holds (restored from a backup
                    # made before it) was refused: the revert names its value
                    self.noted.append((state, change.field, change.write, change.write.old))
            changed = changed and state.values.get(change.field) != shown_before
        self.writer.received(change, self.plan.id)
        if changed and not conflicted:
            report.applied += 1
        elif not conflicted:
            report.unchanged += 1

    def _bytes_came(self, change: Incoming) -> bool:
        """Whether the bytes of every binary value ``change`` writes came with the
        package (a value replaced since is not sent: the later write in the same
        package carries the newer bytes)."""
        model = self.rows.models.get(change.table)
        if model is None or not blob_columns(model):
            return True
        record = {"op": change.op, "field": change.field, "new": change.new}
        return all(d in self.writer.blobs for d in blob_digests(record, model))

    def _part_of(self, change: Incoming) -> PostPart | object | None:
        """The part of the post that made ``change`` (None: no limit; ``_DEFER``: a
        site this file does not know). A post may pass on writes it received (after
        headquarters restored a backup): headquarters' own are taken, another post's
        are judged by that post's part."""
        if self.part is None:
            return None
        site = change.write.site
        if site in self.trusted:
            return None
        if site not in self.parts:
            peer = self.s.scalar(
                select(ExchangePeer).where(
                    ExchangePeer.plan_id == self.plan.id, ExchangePeer.site_id == site
                )
            )
            if peer is not None and peer.unit_id == self.peer.unit_id:
                self.parts[site] = self.part  # the sender, or an earlier incarnation of it
            elif peer is None or peer.unit_id is None:
                self.parts[site] = _DEFER
            else:
                part = PostPart.of(self.s, self.plan.id, peer.unit_id, self.changes)
                part.lookup = self.rows.values_of
                self.parts[site] = part
        return self.parts[site]

    def _refuse(self, change: Incoming, code: str) -> None:
        self.refused.append((change, code))
        self.report.refused.append(
            Refusal(change.table, str(change.row_id), change.field, reason_text(code))
        )

    def _reverts(self) -> None:
        """Headquarters answers each refused write of a post: its own value again, as
        a write that has seen the refused one (the post takes it, with the reason)."""
        if self.part is None:
            return
        for change, code in self.refused:
            if code != "outside-part":
                continue
            state = self.rows.get(change.table, change.row_id)
            note = refusal_note(code, change.write.site)
            if state is not None and change.row_id in self.tombstones and change.op == "insert":
                self._pending(LocalWrite(state, "deleted", True, note, old=False))
                continue
            if state is None:
                continue
            if change.op == "insert":  # a row both made: each field it would change
                theirs = {**change.values, "deleted": False}
                for name in state.field_names():
                    value = state.values.get(name)
                    if _differ(value, theirs.get(name)):
                        self._pending(LocalWrite(state, name, value, note, old=theirs.get(name)))
                continue
            value = state.values.get(change.field)
            if _differ(value, change.write.value):
                self._pending(LocalWrite(state, change.field, value, note, old=change.write.value))

    def _pending(self, write: LocalWrite) -> None:
        if self._context is None:
            self._context = self.rows.context_id(self.held)
        self.writer.local(write, self._context, self.held)
        self.local.append(write)

    def _references_held(self, change: Incoming) -> bool:
        model = self.rows.models[change.table]
        values = change.values
        for column in model.__table__.columns:  # type: ignore[attr-defined]
            for fk in column.foreign_keys:
                ref = values.get(column.key)
                if ref is None:
                    continue
                target = fk.column.table.name
                if (
                    target in self.rows.models
                    and self.rows.get(target, uuid.UUID(str(ref))) is None
                ):
                    return False
        return True

    def _knowledge(self) -> None:
        changed = [(site, n) for site, n in self.held.items() if self.start_held.get(site) != n]
        if changed:
            self.s.connection().execute(
                text("INSERT OR REPLACE INTO knowledge (site, n) VALUES (:site, :n)"),
                [{"site": site, "n": n} for site, n in changed],
            )

    def _records(self, states: list[RowState]) -> None:
        records = Records(self.s, self.own, self.hq)
        records.load(st.row_id for st in states)  # type: ignore[misc]
        for state in states:
            records.review(state)
        for state, name, write, ours in self.noted:
            note = write.note or ""
            kind = "refused" if note.startswith(REFUSED) else note
            records.notice(state, name, kind, ours, write, note)
        self.s.flush()
        for record in records.changed:
            if record.decision:
                continue
            (self.report.conflicts if record.kind in DECIDE_KINDS else self.report.notices).append(
                record
            )

    def _codes(self, states: list[RowState]) -> None:
        """Objectives that now print like another one: a record each (``code_conflicts``)."""
        arrived = {
            st.row_id
            for st in states
            if st.table == "objectives" and (st.new_star or st.touched & code_conflicts.CODED)
        }
        if not arrived and not code_conflicts.open_records(self.s, self.plan.id):
            return
        for record in code_conflicts.review_codes(self.s, self.plan.id, arrived, self.peer.site_id):
            if record not in self.report.conflicts:
                self.report.conflicts.append(record)


def _differ(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) != json.dumps(b, sort_keys=True)


__all__ = ["REASONS", "REFUSED", "Refusal", "Taking", "reason_text"]
