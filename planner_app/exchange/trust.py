"""Who may send a package, to which copy, and in what order: the checks a merge makes
before it changes anything.

A package must be for this plan and this copy (or an earlier incarnation of it), of a
known schema, and signed by the key enrolled for its site: an unknown key is refused
with its fingerprint until a person accepts it; a different key for a known site is
refused the same way (a replaced laptop re-enrols). A site that is a new incarnation
of a known peer (a restored or copied file: its package names the sites it was
before) takes that peer's place with the same key: the sequences start again where
its package starts, and what it says it holds of ours is believed, so what it lost is
sent again. Its sequence range must follow what was applied from that site (a gap is
refused).
"""

from __future__ import annotations

import json
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import ExchangePeer, Plan
from planner_app.domain.writelog import knowledge
from planner_app.errors import (
    ExchangeError,
    NewerPackageError,
    SequenceGapError,
    UnknownKeyError,
    WrongRecipientError,
)
from planner_app.exchange.changes import HQ, POST, local_role, now_iso, own_sites, peer_keys
from planner_app.exchange.keys import normalise_fingerprint
from planner_app.exchange.package import Package
from planner_app.i18n import _
from planner_app.storage import PlanFile, migrate


def check_header(store: PlanFile, s: Session, package: Package) -> Plan:
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
    if header.get("to_site") not in own_sites(s):
        raise WrongRecipientError(
            _("{path} was written for another copy of the plan {code}.").format(
                path=package.path, code=plan.code
            )
        )
    if header.get("to_site") != _site(s) and _lost_since(s, header.get("assumed")):
        raise WrongRecipientError(
            _(
                "{path} was written for this file before it was restored from a backup; it "
                "leaves out changes the restore took back. The sender sends them again once "
                "it has had a package from this file."
            ).format(path=package.path)
        )
    return plan


def _site(s: Session) -> str:
    from planner_app.domain import LocalState

    row = s.get(LocalState, "site_id")
    return row.value if row is not None else ""


def _lost_since(s: Session, assumed: object) -> bool:
    """Whether this file holds less than a package written for its earlier
    incarnation took it to hold (it was restored from a backup since)."""
    if not isinstance(assumed, dict):
        return False
    held = knowledge(s)
    return any(
        site != _site(s) and isinstance(n, int) and n > held.get(str(site), 0)
        for site, n in assumed.items()
    )


def _predecessor(s: Session, plan: Plan, package: Package) -> ExchangePeer | None:
    """The known peer this sender is a new incarnation of, if any."""
    lineage = package.header.get("lineage") or []
    for site in reversed([str(x) for x in lineage if isinstance(x, str)]):
        peer = s.scalar(
            select(ExchangePeer).where(
                ExchangePeer.plan_id == plan.id, ExchangePeer.site_id == site
            )
        )
        if peer is not None:
            return peer
    return None


def trusted_peer(
    s: Session, plan: Plan, package: Package, accept_key: str | None, *, probe: bool = False
) -> tuple[ExchangePeer, bool]:
    """The sending site, if its key is enrolled (or accepted now); else refuse. The
    flag says whether a key was enrolled now. ``probe``: only check (a read-only
    session; a new incarnation's place is not taken)."""
    header = package.header
    site = str(header.get("from_site", ""))
    peer = s.scalar(
        select(ExchangePeer).where(ExchangePeer.plan_id == plan.id, ExchangePeer.site_id == site)
    )
    before = _predecessor(s, plan, package) if peer is None else None
    known = peer_keys(peer) if peer is not None else peer_keys(before) if before else None
    if known == package.sender:
        if peer is not None:
            return peer, False
        return _successor(s, plan, package, before, add=not probe), False  # type: ignore[arg-type]
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
    role = (peer or before).role if (peer or before) is not None else None
    if not accepted:
        if role == HQ:
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
    if probe:
        raise AssertionError("an accepted key is enrolled in the merge's transaction")
    if peer is None and before is not None:
        peer = _successor(s, plan, package, before)
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
            knowledge="{}",
            successor="",
        )
        s.add(peer)
    peer.sign_key = package.sender.sign.hex()
    peer.box_key = package.sender.box.hex()
    peer.enrolled_at = now_iso()
    return peer, True


def _successor(
    s: Session, plan: Plan, package: Package, before: ExchangePeer, *, add: bool = True
) -> ExchangePeer:
    """A new incarnation of ``before`` takes its place: sequences from its package on,
    and its word on what it holds of ours (it may have lost some: sent again)."""
    header = package.header
    site = str(header.get("from_site", ""))
    try:
        first, ack = int(header.get("seq_from") or 1), int(header.get("ack") or 0)
    except (TypeError, ValueError) as err:
        raise ExchangeError(
            _("{path} has no valid sequence range.").format(path=package.path)
        ) from err
    peer = ExchangePeer(
        plan_id=plan.id,
        site_id=site,
        role=before.role,
        unit_id=before.unit_id,
        sign_key=before.sign_key,
        box_key=before.box_key,
        enrolled_at=before.enrolled_at,
        received_seq=first - 1,
        acked_seq=ack,
        knowledge=json.dumps(header.get("knowledge") or {}, sort_keys=True),
        successor="",
    )
    if add:
        s.add(peer)
        for later in _later_incarnations(s, plan, before):
            if later.successor == "":
                later.successor = site  # a fork: restored from before ``later`` was made
        before.successor = site
    return peer


def _later_incarnations(s: Session, plan: Plan, peer: ExchangePeer) -> list[ExchangePeer]:
    """The incarnations that followed ``peer``, in order. A new incarnation of ``peer``
    that is not the last of them was restored from a backup made before they were: it
    takes the place of the last one too, so that one replica has one live peer."""
    out: list[ExchangePeer] = []
    seen = {peer.site_id}
    site = peer.successor
    while site and site not in seen:
        seen.add(site)
        later = s.scalar(
            select(ExchangePeer).where(
                ExchangePeer.plan_id == plan.id, ExchangePeer.site_id == site
            )
        )
        if later is None:
            break
        out.append(later)
        site = later.successor
    return out


def check_sequence(package: Package, peer: ExchangePeer) -> tuple[int, int]:
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


__all__ = ["check_header", "check_sequence", "trusted_peer"]
