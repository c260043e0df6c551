"""Apply another site's package: trust, order, idempotence and a three-way merge.

In order, and changing nothing until all checks pass:

1. the package is opened safely and its signature checked (``package.open_package``);
2. it must be for this plan and this replica, of a known schema, and signed by the
   key enrolled for its site: an unknown key is refused with its fingerprint until a
   person accepts it (``accept_key``); a different key for a known site is refused
   the same way (a replaced laptop re-enrols);
3. its sequence range must follow what was applied from that site (a gap is refused);
4. a backup is copied, then every change is applied in one transaction, or none; the
   copy is checked meanwhile, and the transaction commits only once it has passed.

Per field, with the change's old value as base: local = base takes the remote value;
remote = base or remote = local does nothing; otherwise the conflict (base, local,
remote) is stored and local is kept. An edit against a delete is a conflict both
ways. A post's change outside its part is not applied and is listed as refused.
Every change id is recorded, so a replayed package has no effect.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from planner_app.domain import (
    AppliedChange,
    ChangeLogEntry,
    ExchangePeer,
    MergeConflict,
    Plan,
    Synced,
)
from planner_app.errors import (
    ExchangeError,
    NewerPackageError,
    SequenceGapError,
    UnknownKeyError,
    WrongRecipientError,
)
from planner_app.exchange import keys as keymod
from planner_app.exchange.authority import PostPart
from planner_app.exchange.blobs import read as read_blobs
from planner_app.exchange.changes import HQ, POST, local_role, now_iso, peer_keys
from planner_app.exchange.code_conflicts import record_duplicate_codes
from planner_app.exchange.keys import normalise_fingerprint
from planner_app.exchange.package import Package, decrypt_payload, open_package
from planner_app.exchange.progress import Progress, tick
from planner_app.exchange.values import (
    NotExchangeableError,
    current,
    from_json,
    load,
    row_uuid,
    synced_models,
)
from planner_app.i18n import _
from planner_app.storage import PlanFile, migrate


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
    refused: list[Refusal] = field(default_factory=list)
    backup: Path | None = None
    dry_run: bool = False

    @property
    def undecided(self) -> list[MergeConflict]:
        """The conflicts still open: one the same package settles later (the sender's
        decision of it arriving after its first change) is in ``conflicts`` but not here."""
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


# --- checks before anything is applied -----------------------------------------------


def _check_header(store: PlanFile, s: Session, package: Package) -> Plan:
    header = package.header
    if str(header.get("schema")) not in migrate.known_revisions():
        raise NewerPackageError(
            _(
                "{path} comes from a newer version of this app (schema {schema}); "
                "update the app to read it."
            ).format(path=package.path, schema=header.get("schema"))
        )
    try:
        plan = s.get(Plan, uuid.UUID(str(header.get("plan_id"))))
    except ValueError:
        plan = None
    if plan is None or plan.deleted:
        raise WrongRecipientError(
            _("{path} is for the plan {code}, which is not in this file.").format(
                path=package.path, code=header.get("plan_code", "?")
            )
        )
    if header.get("to_site") != store.site_id:
        raise WrongRecipientError(
            _("{path} was written for another copy of the plan {code}.").format(
                path=package.path, code=plan.code
            )
        )
    return plan


def _trusted_peer(
    s: Session, plan: Plan, package: Package, accept_key: str | None
) -> tuple[ExchangePeer, bool]:
    """The sending site, if its key is enrolled (or accepted now); else refuse."""
    header = package.header
    site = str(header.get("from_site", ""))
    peer = s.scalar(
        select(ExchangePeer).where(ExchangePeer.plan_id == plan.id, ExchangePeer.site_id == site)
    )
    known = peer_keys(peer) if peer is not None else None
    if known == package.sender:
        return peer, False  # type: ignore[return-value]
    fingerprint = package.fingerprint
    accepted = accept_key is not None and normalise_fingerprint(accept_key) == fingerprint
    if accept_key is not None and not accepted:
        raise UnknownKeyError(
            _(
                "The fingerprint you accepted does not match the key that signed {path} "
                "({fingerprint}); nothing was changed."
            ).format(path=package.path, fingerprint=fingerprint),
            fingerprint,
        )
    if not accepted:
        if peer is not None and peer.role == HQ:
            message = _(
                "{path} is not signed by headquarters' key; its key is {fingerprint}. "
                "Nothing was changed."
            )
        elif known is not None:
            message = _(
                "{path} is signed with a new key ({fingerprint}) for a known post; check the "
                "fingerprint with the post and accept it with --accept-key to re-enrol."
            )
        else:
            message = _(
                "{path} comes from a post whose key is not yet enrolled; check its fingerprint "
                "{fingerprint} with the post (by phone) and accept it with --accept-key."
            )
        raise UnknownKeyError(
            message.format(path=package.path, fingerprint=fingerprint), fingerprint
        )
    if peer is None:
        if local_role(s).name == POST:
            raise UnknownKeyError(
                _("{path} does not come from this post's headquarters.").format(path=package.path),
                fingerprint,
            )
        unit = header.get("unit_id")
        peer = ExchangePeer(
            plan_id=plan.id,
            site_id=site,
            role=POST,
            unit_id=uuid.UUID(unit) if unit else None,
            received_seq=0,
            acked_seq=0,
        )
        s.add(peer)
    peer.sign_key = package.sender.sign.hex()
    peer.box_key = package.sender.box.hex()
    peer.enrolled_at = now_iso()
    return peer, True


def _check_sequence(package: Package, peer: ExchangePeer) -> tuple[int, int]:
    try:
        seq_from, seq_to = int(package.header["seq_from"]), int(package.header["seq_to"])
    except (KeyError, ValueError, TypeError) as err:
        raise ExchangeError(
            _("{path} has no valid sequence range.").format(path=package.path)
        ) from err
    if seq_from > peer.received_seq + 1:
        raise SequenceGapError(
            _(
                "{path} starts at change {first}, but only changes up to {last} from that site "
                "were applied here: a package in between is missing. Import it first."
            ).format(path=package.path, first=seq_from, last=peer.received_seq)
        )
    return seq_from, seq_to


# --- the merge of one change ---------------------------------------------------------

# The references that hang a row under another: (field, table). A live row must not
# hang under a tombstone (no orphans), and a tree must not loop.
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


class _Merger:
    def __init__(
        self,
        s: Session,
        plan: Plan,
        peer: ExchangePeer,
        report: MergeReport,
        part: PostPart | None,
        unseen: dict[uuid.UUID, set[str]],
    ) -> None:
        self.s, self.plan, self.peer, self.report = s, plan, peer, report
        self.part, self.unseen = part, unseen
        self.models = synced_models()
        self.loaded: dict[uuid.UUID, Synced] = {}
        self.blobs: dict[str, bytes] = {}  # binary values' bytes by SHA-256

    def refuse(self, change: dict[str, Any], reason: str) -> None:
        self.report.refused.append(Refusal(change["table"], change["row"], change["field"], reason))

    def conflict(self, change: dict[str, Any], kind: str, base: Any, local: Any) -> None:
        row = MergeConflict(
            plan_id=self.plan.id,
            table_name=change["table"],
            row_id=row_uuid(change),
            field=change["field"],
            kind=kind,
            base=_dump(base),
            local=_dump(local),
            remote=change["new"],
            from_site=self.peer.site_id,
            change_id=uuid.UUID(change["id"]),
            remote_at=str(change.get("at", "")),
            remote_user=str(change.get("user", "")),
        )
        self.s.add(row)
        self.report.conflicts.append(row)

    def apply(self, change: dict[str, Any]) -> None:
        model = self.models.get(change["table"])
        if model is None:
            self.refuse(change, _("this app does not know the table."))
            return
        if self.part is not None and not self.part.allows(self.s, change):
            self.refuse(change, _("outside the post's part of the plan."))
            return
        row_id = row_uuid(change)
        row = self.loaded.get(row_id) or self.s.get(model, row_id)
        try:
            if change["op"] == "insert":
                self._insert(model, row, change)
            elif row is None:
                self.refuse(change, _("the row does not exist in this file."))
            elif change["op"] == "decide":
                self._decision(model, row, change)
            elif change["field"] == "deleted":
                self._delete_or_restore(row, change)
            else:
                self._update(model, row, change)
        except NotExchangeableError:
            self.refuse(change, _("this field cannot be exchanged."))

    def _insert(self, model: type[Synced], row: Synced | None, change: dict[str, Any]) -> None:
        values: dict[str, Any] = load(change["new"]) or {}
        if row is None:
            fields = {k: from_json(model, k, v, self.blobs) for k, v in values.items() if k != "id"}
            new = model(id=row_uuid(change), **fields)
            self.s.add(new)
            if self._dead_parent(change["table"], values):
                # added there under something deleted here: kept, as a tombstone (added,
                # then deleted, so the change log tells it as it happened)
                self.s.flush()
                new.deleted = True
                self.conflict(
                    {**change, "field": "deleted", "new": "false"}, "parent-deleted", None, True
                )
            self.report.applied += 1
            return
        # The same natural key created on both sides: compare field by field.
        differing = [k for k, v in values.items() if current(row, k) != v]
        if not differing:
            self.report.unchanged += 1
        for key in differing:
            one = {**change, "field": key, "new": _dump(values[key])}
            self.conflict(one, "both-added", None, current(row, key))

    def _decision(self, model: type[Synced], row: Synced, change: dict[str, Any]) -> None:
        """A conflict decided there: taken only where the field holds the value decided
        against (elsewhere the ordinary changes bring the decided value)."""
        name = change["field"]
        if current(row, name) == load(change["old"]):
            setattr(row, name, from_json(model, name, load(change["new"]), self.blobs))
            self.report.applied += 1
            self._settle(row, name)
            if name == "deleted" and not row.deleted:
                self._replay_edits(model, row)
        else:
            self.report.unchanged += 1

    def _replay_edits(self, model: type[Synced], row: Synced) -> None:
        """The sender overruled our deletion: its edits held back as conflicts apply."""
        for held in self.s.scalars(
            select(MergeConflict).where(
                MergeConflict.row_id == row.id,
                MergeConflict.kind == "delete-edit",
                MergeConflict.from_site == self.peer.site_id,
                MergeConflict.decision == "",
            )
        ):
            setattr(row, held.field, from_json(model, held.field, load(held.remote)))
            held.decision = "agreed"

    def _settle(self, row: Synced, name: str) -> None:
        """Both sides now hold the same value: an open conflict with the sender on this
        field is settled ("agreed"), e.g. when the sender decided it first."""
        for open_conflict in self.s.scalars(
            select(MergeConflict).where(
                MergeConflict.row_id == row.id,
                MergeConflict.field == name,
                MergeConflict.from_site == self.peer.site_id,
                MergeConflict.decision == "",
            )
        ):
            open_conflict.decision = "agreed"

    def _delete_or_restore(self, row: Synced, change: dict[str, Any]) -> None:
        remote = load(change["new"])
        if remote is True and not row.deleted:
            edited = self.unseen.get(row.id, set()) - {"deleted"}
            if edited or self._new_children(row):  # edited (or added to) here, deleted there
                self.conflict(change, "edit-delete", False, False)
                return
        self._three_way(type(row), row, change)

    def _update(self, model: type[Synced], row: Synced, change: dict[str, Any]) -> None:
        if row.deleted:  # deleted here, edited there
            self.conflict(change, "delete-edit", load(change["old"]), current(row, change["field"]))
            return
        self._three_way(model, row, change)

    def _dead_parent(self, table: str, values: dict[str, Any]) -> bool:
        for name, parent_table in PARENTS.get(table, ()):
            if values.get(name) is None:
                continue
            parent = self.s.get(self.models[parent_table], uuid.UUID(str(values[name])))
            if parent is not None and parent.deleted:
                return True
        return False

    def _new_children(self, row: Synced) -> bool:
        """Live rows added here under ``row`` that the sender has not seen."""
        table = row.__tablename__  # type: ignore[attr-defined]
        for child_table, refs in PARENTS.items():
            for name, parent_table in refs:
                if parent_table != table:
                    continue
                model = self.models[child_table]
                ids = self.s.scalars(
                    select(model.id).where(getattr(model, name) == row.id, model.deleted.is_(False))
                )
                if any(i in self.unseen for i in ids):
                    return True
        return False

    def _cycles(self, model: type[Synced], row: Synced, parent: Any) -> bool:
        """Whether hanging ``row`` under ``parent`` would make its tree loop."""
        seen: set[uuid.UUID] = set()
        current_id = uuid.UUID(str(parent)) if parent is not None else None
        while current_id is not None and current_id not in seen:
            if current_id == row.id:
                return True
            seen.add(current_id)
            node = self.s.get(model, current_id)
            current_id = getattr(node, "parent_id", None) if node is not None else None
        return False

    def _three_way(self, model: type[Synced], row: Synced, change: dict[str, Any]) -> None:
        name = change["field"]
        base, remote, local = load(change["old"]), load(change["new"]), current(row, name)
        if remote in (base, local):
            self.report.unchanged += 1
            if remote == local:
                self._settle(row, name)
        elif (
            name == "parent_id"
            and row.__tablename__ in TREES
            and self._cycles(  # type: ignore[attr-defined]
                model, row, remote
            )
        ):
            self.conflict(change, "cycle", base, local)
        elif not row.deleted and self._dead_parent(row.__tablename__, {name: remote}):  # type: ignore[attr-defined]
            self.conflict(change, "parent-deleted", base, local)  # moved under a tombstone
        elif local == base:
            setattr(row, name, from_json(model, name, remote, self.blobs))
            self.report.applied += 1
        else:
            self.conflict(change, "value", base, local)


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _preload(
    s: Session, changes: list[dict[str, Any]], chunk: int = 500
) -> dict[uuid.UUID, Synced]:
    """The rows the changes touch by id, loaded a table at a time (one query per 500
    rows instead of one per change). Rows created during the merge are looked up in
    the session instead."""
    wanted: dict[str, set[uuid.UUID]] = {}
    for change in changes:
        wanted.setdefault(change["table"], set()).add(row_uuid(change))
    models = synced_models()
    keep: dict[uuid.UUID, Synced] = {}
    for table, ids in wanted.items():
        model = models.get(table)
        if model is None:
            continue
        ordered = sorted(ids)
        for start in range(0, len(ordered), chunk):
            query = select(model).where(model.id.in_(ordered[start : start + chunk]))
            keep.update((row.id, row) for row in s.scalars(query))
    return keep


def _unseen_rows(s: Session, plan: Plan, peer: ExchangePeer, ack: int) -> dict[uuid.UUID, set[str]]:
    """Rows changed here that the sender had not seen when it wrote its package."""
    rows: dict[uuid.UUID, set[str]] = {}
    for row_id, name in s.execute(
        select(ChangeLogEntry.row_id, ChangeLogEntry.field).where(
            ChangeLogEntry.plan_id == plan.id,
            ChangeLogEntry.seq > ack,
            (ChangeLogEntry.origin_site.is_(None)) | (ChangeLogEntry.origin_site != peer.site_id),
        )
    ):
        rows.setdefault(row_id, set()).add(name)
    return rows


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
        plan = _check_header(store, s, package)
        if accept_key is None:
            peer, _enrolled = _trusted_peer(s, plan, package, None)
            _check_sequence(package, peer)
        elif normalise_fingerprint(accept_key) != package.fingerprint:
            _trusted_peer(s, plan, package, accept_key)  # raises: the fingerprints differ
    payload = decrypt_payload(package, pair)
    changes = _changes_of(package, payload)
    blobs = read_blobs(payload, package.path)
    report = MergeReport(
        Path(path), plan.code, str(package.header.get("from_site")), package.fingerprint
    )
    total = len(changes) + 2  # opening, each change, writing
    tick(progress, 1, total)
    pending = None if dry_run else store.start_backup("before-merge")
    try:
        with store.transaction() as s:
            s.info["change_origin"] = report.from_site
            try:
                _merge(s, store, package, changes, accept_key, report, progress, blobs)
                s.flush()  # the rows and their change log, still in the transaction
            finally:
                s.info.pop("change_origin", None)
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
_CHANGE_KEYS = {"seq": int, "id": str, "table": str, "row": str, "op": str, "field": str}


def _changes_of(package: Package, payload: Any) -> list[dict[str, Any]]:
    """The payload's changes in sequence order, each checked for shape."""
    try:
        changes = payload["changes"]
        for change in changes:
            for key, kind in _CHANGE_KEYS.items():
                if not isinstance(change[key], kind):
                    raise TypeError(key)
            change["_id"] = uuid.UUID(change["id"])
            change["_row_id"] = uuid.UUID(change["row"])  # parsed once: see row_uuid
            for key in ("old", "new"):
                if change.get(key) is not None:
                    json.loads(change[key])
        return sorted(changes, key=lambda c: c["seq"])
    except (KeyError, TypeError, ValueError) as err:
        raise ExchangeError(
            _("{path} holds changes this app cannot read.").format(path=package.path)
        ) from err


def _merge(
    s: Session,
    store: PlanFile,
    package: Package,
    changes: list[dict[str, Any]],
    accept_key: str | None,
    report: MergeReport,
    progress: Progress | None = None,
    blobs: dict[str, bytes] | None = None,
) -> None:
    plan = _check_header(store, s, package)
    peer, report.enrolled = _trusted_peer(s, plan, package, accept_key)
    _seq_from, seq_to = _check_sequence(package, peer)
    seen = set(
        s.scalars(
            select(AppliedChange.change_id).where(
                AppliedChange.change_id.in_([c["_id"] for c in changes])
            )
        )
    )
    ack = int(package.header.get("ack") or 0)
    part = None
    if peer.role == POST and local_role(s).name == HQ:
        if peer.unit_id is None:
            raise ExchangeError(
                _("This file does not know which unit the post of {path} serves.").format(
                    path=package.path
                )
            )
        part = PostPart.of(s, plan.id, peer.unit_id, changes)
    merger = _Merger(s, plan, peer, report, part, _unseen_rows(s, plan, peer, ack))
    merger.loaded = _preload(s, changes)
    merger.blobs = blobs or {}
    applied_at = now_iso()
    applied: list[dict[str, Any]] = []
    for done, change in enumerate(changes, start=1):
        if done % _TICK_EVERY == 0:
            tick(progress, done, len(changes) + 2)
        change_id = change["_id"]
        if change_id in seen or int(change["seq"]) <= peer.received_seq:
            report.already += 1
            continue
        merger.apply(change)
        applied.append({"change_id": change_id, "applied_at": applied_at})
        seen.add(change_id)
        if store.context is not None:
            store.context.clock.observe(int(change.get("hlc") or 0))
    # HOOK (issue 23): an objective that arrived coded like another one (two sites
    # each added "SD 6") gets the next free code and a conflict record.
    record_duplicate_codes(s, plan, changes, merger.conflict)
    if applied:  # one executemany on the connection: not a synced table (no change log,
        # no reference to other rows), and the ORM's bulk path cost a tenth of the merge
        s.connection().execute(insert(AppliedChange.__table__), applied)
    peer.received_seq = max(peer.received_seq, seq_to)
    peer.acked_seq = max(peer.acked_seq, ack)


def open_conflicts(store: PlanFile, plan_code: str | None = None) -> list[MergeConflict]:
    """Conflicts nobody has decided yet, oldest first."""
    from planner_app.services.common import resolve_plan

    with store.read() as s:
        query = select(MergeConflict).where(MergeConflict.decision == "")
        if plan_code is not None:
            query = query.where(MergeConflict.plan_id == resolve_plan(s, plan_code).id)
        return list(s.scalars(query.order_by(MergeConflict.id)))


__all__ = ["MergeReport", "Refusal", "merge_package", "open_conflicts"]
