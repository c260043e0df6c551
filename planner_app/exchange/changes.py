"""Who this replica trades with, and the package of changes it sends them.

A plan file is headquarters unless it was made as a starter file for a post (then its
local state says ``exchange.role = post`` and which unit it serves). A package holds
every change-log entry of the plan after the last sequence the other side has
acknowledged, except changes that came from that side (their echo would look like a
conflict) and, towards a post, what the post may not see.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner_app import __version__
from planner_app.domain import (
    ChangeLogEntry,
    ExchangePeer,
    LocalState,
    OrgUnit,
    Plan,
    WriteContext,
)
from planner_app.domain.writelog import knowledge
from planner_app.errors import ExchangeError
from planner_app.exchange import keys as keymod
from planner_app.exchange.authority import hidden_from_post, unit_family
from planner_app.exchange.blobs import collect as blob_bytes
from planner_app.exchange.digest import shared_digest
from planner_app.exchange.keys import PublicKeys
from planner_app.exchange.package import write_package
from planner_app.exchange.progress import Progress, tick
from planner_app.i18n import _
from planner_app.services.common import resolve_plan
from planner_app.storage import PlanFile
from planner_app.storage.incarnation import FORMER_KEY

ROLE_KEY = "exchange.role"
UNIT_KEY = "exchange.unit"
LINEAGE_KEY = "site.lineage"  # the site ids this file had before (JSON list, oldest first)
HQ, POST = "hq", "post"


@dataclass(frozen=True)
class Role:
    """This replica's place in the star: headquarters, or a post serving ``unit_id``."""

    name: str
    unit_id: uuid.UUID | None = None


def local_role(s: Session) -> Role:
    role = s.get(LocalState, ROLE_KEY)
    if role is None or role.value != POST:
        return Role(HQ)
    unit = s.get(LocalState, UNIT_KEY)
    return Role(POST, uuid.UUID(unit.value) if unit else None)


def lineage(s: Session) -> list[str]:
    """The sites this file was before its present incarnation (restored or copied)."""
    row = s.get(LocalState, LINEAGE_KEY)
    return [str(x) for x in json.loads(row.value)] if row is not None else []


def own_sites(s: Session) -> set[str]:
    """This file's site and the sites it was before (a restored file not yet written
    to: also the sites of the file it replaced, which its first write adds to its
    lineage; see ``storage.incarnation.former_sites``)."""
    site = s.get(LocalState, "site_id")
    former = s.get(LocalState, FORMER_KEY)
    pending = [str(x) for x in json.loads(former.value)] if former is not None else []
    return {*(lineage(s)), *pending, *([site.value] if site is not None else [])}


def sender_knowledge(s: Session) -> dict[str, int]:
    """What this file holds of every site's writes, its own included."""
    held = knowledge(s)
    site = s.get(LocalState, "site_id")
    if site is not None:
        held[site.value] = max(held.get(site.value, 0), last_seq(s))
    return held


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def last_seq(s: Session) -> int:
    return s.scalar(select(func.max(ChangeLogEntry.seq))) or 0


def find_unit(s: Session, plan: Plan, code: str) -> OrgUnit:
    """A unit of the plan by its code (or its name in any language)."""
    units = list(
        s.scalars(select(OrgUnit).where(OrgUnit.plan_id == plan.id, OrgUnit.deleted.is_(False)))
    )
    wanted = code.strip().casefold()
    for unit in units:
        names = [unit.code, *unit.name.values()]
        if any(n.casefold() == wanted for n in names if n):
            return unit
    codes = ", ".join(sorted(u.code for u in units if u.code)) or "-"
    raise ExchangeError(
        _("The plan {plan} has no unit {unit}; its unit codes are: {codes}.").format(
            plan=plan.code, unit=code, codes=codes
        )
    )


def peer_keys(peer: ExchangePeer) -> PublicKeys | None:
    if not peer.sign_key or not peer.box_key:
        return None
    return PublicKeys(bytes.fromhex(peer.sign_key), bytes.fromhex(peer.box_key))


def find_peer(s: Session, plan: Plan, unit_code: str | None) -> ExchangePeer:
    """Headquarters (at a post), or the enrolled post of ``unit_code`` (at headquarters)."""
    role = local_role(s)
    query = select(ExchangePeer).where(ExchangePeer.plan_id == plan.id)
    if role.name == POST:
        peer = s.scalar(query.where(ExchangePeer.role == HQ, ExchangePeer.successor == ""))
        if peer is None:
            raise ExchangeError(
                _("This file does not know headquarters for the plan {plan}.").format(
                    plan=plan.code
                )
            )
        return peer
    if not unit_code:
        raise ExchangeError(
            _("This is headquarters' file: say which post the changes are for (--for-unit).")
        )
    unit = find_unit(s, plan, unit_code)
    peers = list(
        s.scalars(
            query.where(
                ExchangePeer.unit_id == unit.id,
                ExchangePeer.sign_key != "",
                ExchangePeer.successor == "",
            )
        )
    )
    if not peers:
        raise ExchangeError(
            _(
                "No post of unit {unit} has sent a package yet; prepare a starter file for it "
                "first and import its first package."
            ).format(unit=unit_code)
        )
    return max(peers, key=lambda p: p.enrolled_at)


def change_record(entry: ChangeLogEntry) -> dict[str, Any]:
    """A change-log row as a package carries it: its write's dot and context (see
    ``incoming``); a row from before causal history in the earlier form."""
    record = {
        "seq": entry.seq,
        "id": str(entry.change_id),
        "at": entry.at,
        "user": entry.user,
        "site": entry.dot_site or entry.site_id,
        "hlc": entry.hlc,
        "table": entry.table_name,
        "row": str(entry.row_id),
        "op": entry.op,
        "field": entry.field,
        "old": entry.old,
        "new": entry.new,
    }
    if entry.context_id is not None:
        record["n"] = entry.dot_n or entry.seq
        record["ctx"] = str(entry.context_id)
        record["decides"] = json.loads(entry.decides) if entry.decides else None
        record["txn"] = entry.txn
        record["note"] = entry.note
    return record


def peer_knowledge(peer: ExchangePeer) -> dict[str, int]:
    try:
        return {str(k): int(v) for k, v in json.loads(peer.knowledge or "{}").items()}
    except (ValueError, TypeError, AttributeError):
        return {}


def pending_changes(s: Session, plan: Plan, peer: ExchangePeer) -> list[dict[str, Any]]:
    """The changes ``peer`` may receive and does not hold yet, oldest first: what it
    has not acknowledged, less the writes it said it holds (its own among them)."""
    entries = s.scalars(
        select(ChangeLogEntry)
        .where(ChangeLogEntry.plan_id == plan.id, ChangeLogEntry.seq > peer.acked_seq)
        .order_by(ChangeLogEntry.seq)
    )
    held = peer_knowledge(peer)
    held[peer.site_id] = max(held.get(peer.site_id, 0), 2**62)  # its own writes
    units = (
        unit_family(s, plan.id, peer.unit_id)
        if peer.role == POST and peer.unit_id is not None
        else None
    )
    hidden: dict[uuid.UUID, bool] = {}
    records = []
    for e in entries:
        if e.op == "resync":
            continue  # a field taken whole from headquarters: it holds it
        if e.context_id is None and e.origin_site == peer.site_id:
            continue  # a change it sent us, before causal history: its echo
        if held.get(e.dot_site or e.site_id, 0) >= (e.dot_n or e.seq):
            continue
        if units is not None:
            if e.row_id not in hidden:
                hidden[e.row_id] = hidden_from_post(s, e.table_name, e.row_id, units)
            if hidden[e.row_id]:
                continue
        records.append(change_record(e))
    return records


def holds_all(s: Session, plan: Plan, peer: ExchangePeer) -> bool:
    """Whether ``peer`` holds every change of ours it may receive (by what it said it
    holds): ``pending_changes`` without building them, stopping at the first."""
    held = peer_knowledge(peer)
    units = (
        unit_family(s, plan.id, peer.unit_id)
        if peer.role == POST and peer.unit_id is not None
        else None
    )
    rows = s.execute(
        select(
            ChangeLogEntry.op,
            ChangeLogEntry.context_id,
            ChangeLogEntry.origin_site,
            ChangeLogEntry.dot_site,
            ChangeLogEntry.site_id,
            ChangeLogEntry.dot_n,
            ChangeLogEntry.seq,
            ChangeLogEntry.table_name,
            ChangeLogEntry.row_id,
        ).where(ChangeLogEntry.plan_id == plan.id, ChangeLogEntry.seq > peer.acked_seq)
    )
    for op, ctx, origin, dot_site, site, dot_n, seq, table, row_id in rows:
        if op == "resync" or (ctx is None and origin == peer.site_id):
            continue
        dot = dot_site or site
        if dot == peer.site_id or held.get(dot, 0) >= (dot_n or seq):
            continue
        if units is not None and hidden_from_post(s, table, row_id, units):
            continue
        return False
    return True


def used_contexts(s: Session, records: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """The contexts the records name, by id."""
    ids = sorted({int(r["ctx"]) for r in records if "ctx" in r})
    out: dict[str, dict[str, int]] = {}
    for start in range(0, len(ids), 500):
        for i, vv in s.execute(
            select(WriteContext.id, WriteContext.vv).where(
                WriteContext.id.in_(ids[start : start + 500])
            )
        ):
            out[str(i)] = json.loads(vv)
    return out


def not_yet_sent(
    store: PlanFile, *, plan_code: str | None = None, unit_code: str | None = None
) -> list[dict[str, Any]]:
    """The changes the other side has not acknowledged yet (the "Not yet sent" view):
    what the next package would hold, oldest first."""
    with store.read() as s:
        plan = resolve_plan(s, plan_code)
        return pending_changes(s, plan, find_peer(s, plan, unit_code))


@dataclass(frozen=True)
class Written:
    path: Path
    changes: int
    seq_from: int
    seq_to: int
    recipient: str


RESYNC_KEY = "exchange.resync"  # set at a post that found it differs from headquarters


def pair_unit(s: Session, peer: ExchangePeer) -> uuid.UUID | None:
    """The post's unit of the pair this file and ``peer`` make."""
    return peer.unit_id if peer.role == POST else local_role(s).unit_id


def package_header(
    store: PlanFile, s: Session, plan: Plan, peer: ExchangePeer, kind: str, count: int
) -> dict[str, Any]:
    """The header of a package for ``peer``: who, what range, what it acknowledges,
    what the sender holds and what it takes the recipient to hold, and the digest of
    what they share."""
    role = local_role(s)
    held = sender_knowledge(s)
    asked = s.get(LocalState, RESYNC_KEY)
    return {
        "kind": kind,
        "app_version": __version__,
        "schema": store.schema_revision,
        "plan_id": str(plan.id),
        "plan_code": plan.code,
        "from_site": store.site_id,
        "from_role": role.name,
        "unit_id": str(role.unit_id) if role.unit_id else None,
        "to_site": peer.site_id,
        "seq_from": peer.acked_seq + 1,
        "seq_to": max(last_seq(s), peer.acked_seq),
        "ack": peer.received_seq,
        "created": now_iso(),
        "count": count,
        "lineage": lineage(s),
        "knowledge": held,
        # what this package takes the recipient to hold (it leaves that out)
        "assumed": {**peer_knowledge(peer), peer.site_id: held.get(peer.site_id, 0)},
        "digest": shared_digest(s, plan.id, pair_unit(s, peer)),
        "resync_request": asked is not None and role.name == POST,
        # the incarnations of headquarters a post has heard from: their writes, passed
        # on after a restore of headquarters' file, are headquarters' own
        "hq_sites": sorted(
            s.scalars(
                select(ExchangePeer.site_id).where(
                    ExchangePeer.plan_id == plan.id, ExchangePeer.role == HQ
                )
            )
        )
        if role.name == POST
        else [],
    }


def write_changes(
    store: PlanFile,
    out: Path,
    *,
    plan_code: str | None = None,
    unit_code: str | None = None,
    progress: Progress | None = None,
) -> Written:
    """Write a package of the plan's unacknowledged changes for the other side.

    Reads only: the file is not changed (a lost package is simply sent again, since
    nothing counts as delivered until the other side acknowledges it), except that a
    file restored from a backup takes its new site id first (``take_identity``). A
    cancel (``progress`` returning False) comes before the package is written: none is
    left.
    """
    tick(progress, 0, 2)
    pair = keymod.load_or_create()
    store.take_identity()
    with store.read() as s:
        plan = resolve_plan(s, plan_code)
        peer = find_peer(s, plan, unit_code)
        recipient = peer_keys(peer)
        if recipient is None:  # pragma: no cover - find_peer returns enrolled peers only
            raise ExchangeError(_("The other side's keys are not known yet."))
        records = pending_changes(s, plan, peer)
        header = package_header(store, s, plan, peer, "changes", len(records))
        payload = {
            "changes": records,
            "contexts": used_contexts(s, records),
            "knowledge": header["knowledge"],
            "blobs": blob_bytes(s, records),  # the bytes of binary values, once each
        }
    tick(progress, 1, 2)
    write_package(Path(out), header, payload, pair, recipient)
    return Written(Path(out), len(records), header["seq_from"], header["seq_to"], peer.site_id)


def role_of(store: PlanFile) -> Role:
    """Whether ``store`` is headquarters' file or a post's (the exchange menu follows)."""
    with store.read() as s:
        return local_role(s)


def enrolled_unit_ids(store: PlanFile, plan_id: uuid.UUID) -> set[uuid.UUID]:
    """The units whose post has sent its first package (an update can go to them)."""
    with store.read() as s:
        return set(
            s.scalars(
                select(ExchangePeer.unit_id).where(
                    ExchangePeer.plan_id == plan_id,
                    ExchangePeer.role == POST,
                    ExchangePeer.sign_key != "",
                    ExchangePeer.unit_id.is_not(None),
                )
            )
        )
