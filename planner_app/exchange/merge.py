"""Apply another site's package: trust, order, and the causal merge (``causal``).

In order, and changing nothing until all checks pass:

1. the package is opened safely and its signature checked (``package.open_package``);
2. it must be for this plan and this copy, of a known schema, and signed by the key
   enrolled for its site, or one a person accepts now (``trust``);
3. its sequence range must follow what was applied from that site (a gap is refused);
4. a backup is copied, then every write is applied in one transaction, or none; the
   copy is checked meanwhile, and the transaction commits only once it has passed.

Each write this site does not hold yet is received into its field (``apply``); at
headquarters a post's write outside its part is not applied but answered with a
revert (``authority``). Then what the merge fixes on its own (``repair``), each
copy's positions, and the conflict records and notices (``conflicts``). A write held
already (a replayed package) has no effect.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from planner_app.domain import ExchangePeer, MergeConflict, Plan
from planner_app.domain.writelog import knowledge
from planner_app.errors import ExchangeError
from planner_app.exchange import keys as keymod
from planner_app.exchange.apply import (
    LocalWrite,
    Rows,
    RowState,
    Writer,
    receive_insert,
    receive_into,
)
from planner_app.exchange.authority import PostPart
from planner_app.exchange.causal import Version, in_conflict, join
from planner_app.exchange.changes import HQ, POST, local_role, own_sites, peer_knowledge
from planner_app.exchange.conflicts import DECIDE_KINDS, Records
from planner_app.exchange.incoming import Incoming, read_changes
from planner_app.exchange.keys import normalise_fingerprint
from planner_app.exchange.package import Package, decrypt_payload, open_package
from planner_app.exchange.progress import Progress, tick
from planner_app.exchange.repair import loops, orphans, renumber_positions, scopes_touched
from planner_app.exchange.trust import check_header, check_sequence, trusted_peer
from planner_app.i18n import N_, _
from planner_app.storage import PlanFile

# Why a write was not applied: the reason a revert carries (``note``), in words.
REFUSED = "refused:"
REASONS = {
    "outside-part": N_("outside the post's part of the plan."),
    "unknown-table": N_("this app does not know the table."),
    "missing-row": N_("the row does not exist in this file."),
    "not-exchangeable": N_("this field cannot be exchanged."),
}


def reason_text(note: str | None) -> str:
    code = (note or "").removeprefix(REFUSED)
    return _(REASONS[code]) if code in REASONS else code


@dataclass(frozen=True)
class Refusal:
    """A change that was not applied, and why (one sentence)."""

    table: str
    row: str
    field: str
    reason: str


@dataclass
class MergeReport:
    package: Path
    plan_code: str
    from_site: str
    fingerprint: str
    enrolled: bool = False
    applied: int = 0
    unchanged: int = 0
    already: int = 0
    conflicts: list[MergeConflict] = field(default_factory=list)
    notices: list[MergeConflict] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    backup: Path | None = None
    dry_run: bool = False
    incarnation: bool = False  # the sender is a new incarnation of a known peer

    @property
    def undecided(self) -> list[MergeConflict]:
        """The conflicts this package left open (to decide)."""
        return [c for c in self.conflicts if not c.decision]

    def summary(self) -> str:
        """One sentence of counts, for the command line and the import dialog."""
        return _(
            "{applied} change(s) applied, {unchanged} already equal, {already} already "
            "imported; {conflicts} conflict(s), {refused} refused."
        ).format(
            applied=self.applied,
            unchanged=self.unchanged,
            already=self.already,
            conflicts=len(self.undecided),
            refused=len(self.refused),
        )


class _DryRunError(Exception):
    """Raised inside the transaction to roll a dry run back."""


# --- the whole package ---------------------------------------------------------------


def merge_package(
    store: PlanFile,
    path: Path,
    *,
    dry_run: bool = False,
    accept_key: str | None = None,
    progress: Progress | None = None,
) -> MergeReport:
    """Check and apply a package; all or nothing. ``dry_run`` reports and rolls back.

    Every check that can refuse the package runs before the backup is made. The backup
    is copied before the transaction begins and given SQLite's full ``integrity_check``
    (DESIGN: before a risky step) on another thread while the changes are applied; the
    transaction commits only once the copy has passed, so the check costs the merge
    little more than what outlasts the apply.
    ``progress(done, total)`` returning False cancels: the transaction rolls back (the
    file is as it was; the backup, of the file as it was, is kept).
    """
    tick(progress, 0, 1)
    package = open_package(Path(path))
    pair = keymod.load_or_create()
    with store.read() as s:
        plan = check_header(store, s, package)
        if accept_key is None:
            peer, _enrolled = trusted_peer(s, plan, package, None, probe=True)
            check_sequence(package, peer)
        elif normalise_fingerprint(accept_key) != package.fingerprint:
            trusted_peer(s, plan, package, accept_key)  # raises: the fingerprints differ
    changes, _held = read_changes(package, decrypt_payload(package, pair))
    report = MergeReport(
        Path(path), plan.code, str(package.header.get("from_site")), package.fingerprint
    )
    total = len(changes) + 2  # opening, each change, writing
    tick(progress, 1, total)
    pending = None if dry_run else store.start_backup("before-merge")
    try:
        with store.transaction() as s:
            _merge(s, store, package, changes, accept_key, report, progress)
            s.flush()
            tick(progress, total - 1, total)  # the last moment a cancel changes nothing
            if pending is not None:
                report.backup = pending.finish()  # sound, or CorruptFileError: rollback
            if dry_run:
                report.dry_run = True
                raise _DryRunError
    except _DryRunError:
        pass
    finally:
        if pending is not None:
            pending.close()  # after a failure or a cancel: kept if sound, else removed
    return report


_TICK_EVERY = 250  # changes between progress reports (and chances to cancel)


def _merge(
    s: Session,
    store: PlanFile,
    package: Package,
    changes: list[Incoming],
    accept_key: str | None,
    report: MergeReport,
    progress: Progress | None = None,
) -> None:
    plan = check_header(store, s, package)
    before = {p.site_id for p in s.scalars(select(ExchangePeer))}
    peer, report.enrolled = trusted_peer(s, plan, package, accept_key)
    report.incarnation = peer.site_id not in before and not report.enrolled
    _seq_from, seq_to = check_sequence(package, peer)
    assert store.context is not None
    run = _Run(s, store, plan, peer, report)
    for done, change in enumerate(changes, start=1):
        if done % _TICK_EVERY == 0:
            tick(progress, done, len(changes) + 2)
        run.take(change)
    run.finish()
    if seq_to > peer.received_seq:
        held = package.header.get("knowledge")
        if isinstance(held, dict):
            peer.knowledge = json.dumps(join(peer_knowledge(peer), held), sort_keys=True)
    peer.received_seq = max(peer.received_seq, seq_to)
    peer.acked_seq = max(peer.acked_seq, int(package.header.get("ack") or 0))


class _Run:
    """One package applied: the writes taken, then what follows from them."""

    def __init__(
        self, s: Session, store: PlanFile, plan: Plan, peer: ExchangePeer, report: MergeReport
    ) -> None:
        self.s, self.store, self.plan, self.peer, self.report = s, store, plan, peer, report
        self.ctx = store.context
        self.own = own_sites(s)
        self.hq = local_role(s).name == HQ
        self.part: PostPart | None = None
        self.held = knowledge(s)
        self.start_held = dict(self.held)
        self.rows = Rows(s)
        self.writer = Writer(s, self.rows, self.ctx, peer.site_id)  # type: ignore[arg-type]
        self.refused: list[tuple[Incoming, str]] = []
        self.noted: list[tuple[RowState, str, Version, Any]] = []  # notices to record
        self.local: list[LocalWrite] = []
        self.changes: list[Incoming] = []

    def take(self, change: Incoming) -> None:
        self.changes.append(change)

    def finish(self) -> None:
        s, changes = self.s, self.changes
        if self.peer.role == POST and self.hq:
            if self.peer.unit_id is None:
                raise ExchangeError(
                    _("This file does not know which unit the post of {path} serves.").format(
                        path=self.report.package
                    )
                )
            self.part = PostPart.of(s, self.plan.id, self.peer.unit_id, changes)
        wanted: dict[str, set[uuid.UUID]] = {}
        for change in changes:
            wanted.setdefault(change.table, set()).add(change.row_id)
        self.rows.preload(wanted)
        for change in changes:
            self._one(change)
        self._reverts()
        context = self.rows.context_id(self.held)

        def make(write: LocalWrite) -> None:
            self.writer.local(write, context, self.held)
            self.local.append(write)

        touched = [st for st in self.rows.states.values() if st.touched or st.new_star]
        orphans(self.rows, touched, make)
        loops(self.rows, touched, make)
        for write in list(self.local):
            if write.note and not write.note.startswith(REFUSED):
                self.noted.append(
                    (write.state, write.name, write.state.versions[write.name][0], None)
                )
        states = [st for st in self.rows.states.values() if st.touched or st.new_star]
        self.writer.flush(states)
        self._knowledge()
        renumber_positions(s, scopes_touched(states))
        self._records(states)

    def _one(self, change: Incoming) -> None:
        report, dot = self.report, change.write.dot
        if dot[0] in self.own or self.held.get(dot[0], 0) >= dot[1]:
            report.already += 1
            return
        self.held[dot[0]] = dot[1]
        if self.ctx is not None:
            self.ctx.clock.observe(change.write.hlc)
        if change.table not in self.rows.models:
            self._refuse(change, "unknown-table")
            return
        if self.part is not None and not self.part.allows(self.s, change):
            self._refuse(change, "outside-part")
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
                    self.noted.append((state, change.field, change.write, mine[-1].value))
            changed = changed and state.values.get(change.field) != shown_before
        plan_id = state.values.get("plan_id") or state.row_id
        self.writer.received(change, uuid.UUID(str(plan_id)))
        if changed and not conflicted:
            report.applied += 1
        elif not conflicted:
            report.unchanged += 1

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
            note = REFUSED + code
            if state is None and change.op == "insert":
                if not self._references_held(change):
                    continue
                state, _changed = receive_insert(self.rows, change)
                self.writer.received(change, uuid.UUID(str(state.values.get("plan_id"))))
                self._pending(LocalWrite(state, "deleted", True, note))
                continue
            if state is None or change.op == "insert":
                continue
            value = state.values.get(change.field)
            if json.dumps(value, sort_keys=True) != json.dumps(change.write.value, sort_keys=True):
                self._pending(LocalWrite(state, change.field, value, note))

    def _pending(self, write: LocalWrite) -> None:
        context = self.rows.context_id(self.held)
        self.writer.local(write, context, self.held)
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


def open_conflicts(store: PlanFile, plan_code: str | None = None) -> list[MergeConflict]:
    """Conflicts and notices nobody has decided or dismissed yet, oldest first."""
    from planner_app.services.common import resolve_plan

    with store.read() as s:
        query = select(MergeConflict).where(MergeConflict.decision == "")
        if plan_code is not None:
            query = query.where(MergeConflict.plan_id == resolve_plan(s, plan_code).id)
        return list(s.scalars(query.order_by(MergeConflict.id)))


__all__ = ["MergeReport", "Refusal", "merge_package", "open_conflicts", "reason_text"]
