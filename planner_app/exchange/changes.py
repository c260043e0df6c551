"""Who this replica trades with, and the package of changes it sends them.

A plan file is headquarters unless it was made as a starter file for a post (then its
local state says ``exchange.role = post`` and which unit it serves). A package holds
every change-log entry of the plan after the last sequence the other side has
acknowledged, except changes that came from that side (their echo would look like a
conflict) and, towards a post, what the post may not see.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner_app import __version__
from planner_app.domain import ChangeLogEntry, ExchangePeer, LocalState, OrgUnit, Plan
from planner_app.errors import ExchangeError
from planner_app.exchange import keys as keymod
from planner_app.exchange.authority import hidden_from_post, unit_family
from planner_app.exchange.blobs import collect as blob_bytes
from planner_app.exchange.keys import PublicKeys
from planner_app.exchange.package import write_package
from planner_app.exchange.progress import Progress, tick
from planner_app.i18n import _
from planner_app.services.common import resolve_plan
from planner_app.storage import PlanFile

ROLE_KEY = "exchange.role"
UNIT_KEY = "exchange.unit"
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
        peer = s.scalar(query.where(ExchangePeer.role == HQ))
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
        s.scalars(query.where(ExchangePeer.unit_id == unit.id, ExchangePeer.sign_key != ""))
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
    return {
        "seq": entry.seq,
        "id": str(entry.change_id),
        "at": entry.at,
        "user": entry.user,
        "site": entry.site_id,
        "hlc": entry.hlc,
        "table": entry.table_name,
        "row": str(entry.row_id),
        "op": entry.op,
        "field": entry.field,
        "old": entry.old,
        "new": entry.new,
    }


def pending_changes(s: Session, plan: Plan, peer: ExchangePeer) -> list[dict[str, Any]]:
    """The changes ``peer`` has not acknowledged and may receive, oldest first."""
    entries = s.scalars(
        select(ChangeLogEntry)
        .where(
            ChangeLogEntry.plan_id == plan.id,
            ChangeLogEntry.seq > peer.acked_seq,
            (ChangeLogEntry.origin_site.is_(None)) | (ChangeLogEntry.origin_site != peer.site_id),
        )
        .order_by(ChangeLogEntry.seq)
    )
    records = [change_record(e) for e in entries]
    if peer.role == POST and peer.unit_id is not None:
        units = unit_family(s, plan.id, peer.unit_id)
        records = [r for r in records if not hidden_from_post(s, r, units)]
    return records


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
    nothing counts as delivered until the other side acknowledges it). A cancel
    (``progress`` returning False) comes before the package is written: none is left.
    """
    tick(progress, 0, 2)
    pair = keymod.load_or_create()
    with store.read() as s:
        plan = resolve_plan(s, plan_code)
        peer = find_peer(s, plan, unit_code)
        recipient = peer_keys(peer)
        if recipient is None:  # pragma: no cover - find_peer returns enrolled peers only
            raise ExchangeError(_("The other side's keys are not known yet."))
        role = local_role(s)
        records = pending_changes(s, plan, peer)
        blobs = blob_bytes(s, records)
        seq_to = max(last_seq(s), peer.acked_seq)
        header = {
            "kind": "changes",
            "app_version": __version__,
            "schema": store.schema_revision,
            "plan_id": str(plan.id),
            "plan_code": plan.code,
            "from_site": store.site_id,
            "from_role": role.name,
            "unit_id": str(role.unit_id) if role.unit_id else None,
            "to_site": peer.site_id,
            "seq_from": peer.acked_seq + 1,
            "seq_to": seq_to,
            "ack": peer.received_seq,
            "created": now_iso(),
            "count": len(records),
        }
    tick(progress, 1, 2)
    write_package(Path(out), header, {"changes": records, "blobs": blobs}, pair, recipient)
    return Written(Path(out), len(records), peer.acked_seq + 1, seq_to, peer.site_id)


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
