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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planner_app.domain import ExchangePeer, LocalState, MergeConflict, Plan
from planner_app.errors import ExchangeError
from planner_app.exchange import keys as keymod
from planner_app.exchange.blobs import read as read_blobs
from planner_app.exchange.causal import join
from planner_app.exchange.changes import (
    HQ,
    POST,
    RESYNC_KEY,
    holds_all,
    local_role,
    pair_unit,
    peer_knowledge,
)
from planner_app.exchange.digest import Divergence, compare, shared_digest
from planner_app.exchange.incoming import Incoming, read_changes
from planner_app.exchange.keys import normalise_fingerprint
from planner_app.exchange.package import Package, decrypt_payload, open_package
from planner_app.exchange.progress import Progress, tick
from planner_app.exchange.resync import RESYNC
from planner_app.exchange.taking import Refusal, Taking, reason_text
from planner_app.exchange.trust import check_header, check_sequence, trusted_peer
from planner_app.i18n import _
from planner_app.storage import PlanFile


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
    deferred: int = 0  # writes passed on from a site not known here (it sends them itself)
    compared: bool = False  # neither side held a write the other lacked: digests compared
    divergence: Divergence = field(default_factory=lambda: Divergence(()))
    resync_requested: bool = False  # the post asks headquarters for a resync
    resynced: bool = False  # a resync package was taken
    from_role: str = ""  # the sender's role: hq or post

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
            if package.header.get("kind") != RESYNC:
                check_sequence(package, peer)
        elif normalise_fingerprint(accept_key) != package.fingerprint:
            trusted_peer(s, plan, package, accept_key)  # raises: the fingerprints differ
    payload = decrypt_payload(package, pair)
    resync = package.header.get("kind") == RESYNC
    changes = [] if resync else read_changes(package, payload)[0]
    blobs = read_blobs(payload, package.path)
    report = MergeReport(
        Path(path), plan.code, str(package.header.get("from_site")), package.fingerprint
    )
    report.from_role = str(package.header.get("from_role") or "")
    total = len(changes) + 2  # opening, each change, writing
    tick(progress, 1, total)
    pending = None if dry_run else store.start_backup("before-merge")
    try:
        with store.transaction() as s:
            _merge(s, store, package, changes, payload, accept_key, report, progress, blobs)
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


def _merge(
    s: Session,
    store: PlanFile,
    package: Package,
    changes: list[Incoming],
    payload: Any,
    accept_key: str | None,
    report: MergeReport,
    progress: Progress | None = None,
    blobs: dict[str, bytes] | None = None,
) -> None:
    header = package.header
    plan = check_header(store, s, package)
    before = {p.site_id for p in s.scalars(select(ExchangePeer))}
    peer, report.enrolled = trusted_peer(s, plan, package, accept_key)
    report.incarnation = peer.site_id not in before and not report.enrolled
    assert store.context is not None
    run = Taking(s, store, plan, peer, report, blobs or {})
    if local_role(s).name == HQ:
        run.trusted |= {str(x) for x in header.get("hq_sites") or [] if isinstance(x, str)}
    if header.get("kind") == RESYNC:
        if peer.role != HQ or local_role(s).name != POST:
            raise ExchangeError(
                _("{path} is a resync, which only headquarters sends to a post.").format(
                    path=package.path
                )
            )
        seq_to = int(header.get("seq_to") or 0)
        run.resync(payload)
        s.execute(delete(LocalState).where(LocalState.key == RESYNC_KEY))
        report.resynced = True
    else:
        _seq_from, seq_to = check_sequence(package, peer)
        run.apply(changes, progress)
    if seq_to > peer.received_seq:
        held = header.get("knowledge")
        if isinstance(held, dict):
            peer.knowledge = json.dumps(join(peer_knowledge(peer), held), sort_keys=True)
    peer.received_seq = max(peer.received_seq, seq_to)
    if header.get("to_site") == store.context.site_id:
        # (an ack in a package written for this file's earlier incarnation counts that
        # incarnation's log, whose later numbers this one reused: it is not taken)
        peer.acked_seq = max(peer.acked_seq, int(header.get("ack") or 0))
    report.resync_requested = bool(header.get("resync_request"))
    _compare(s, plan, peer, header, report)


def _compare(s: Session, plan: Plan, peer: ExchangePeer, header: dict, report: MergeReport) -> None:
    """After a merge that leaves neither side with a write the other lacks, the two
    copies' shared content must be equal: a different digest is said out loud, and a
    post asks for a resync with its next package."""
    s.flush()
    if "digest" not in header or not holds_all(s, plan, peer):
        return  # this file holds writes the sender does not: not comparable yet
    report.compared = True
    report.divergence = compare(shared_digest(s, plan.id, pair_unit(s, peer)), header["digest"])
    if report.divergence and local_role(s).name == POST:
        s.merge(LocalState(key=RESYNC_KEY, value="1"))


def open_conflicts(store: PlanFile, plan_code: str | None = None) -> list[MergeConflict]:
    """Conflicts and notices nobody has decided or dismissed yet, oldest first."""
    from planner_app.services.common import resolve_plan

    with store.read() as s:
        query = select(MergeConflict).where(MergeConflict.decision == "")
        if plan_code is not None:
            query = query.where(MergeConflict.plan_id == resolve_plan(s, plan_code).id)
        return list(s.scalars(query.order_by(MergeConflict.id)))


__all__ = ["MergeReport", "Refusal", "merge_package", "open_conflicts", "reason_text"]
