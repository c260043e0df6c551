"""A resync: headquarters sends a post its part whole, and nothing of the post's is lost.

When the digests of a post and headquarters differ after a merge that left neither
with a write the other lacks (``digest``), headquarters writes a resync package: every
row the two share, with each field's value and versions (``causal``) as headquarters
holds them, and what headquarters holds (its knowledge). The post takes headquarters'
value and versions for every field, except where it holds writes headquarters does
not (its edits not sent yet, or lost by headquarters): those stay, concurrent with
headquarters' versions unless one had seen the other, so a real conflict becomes a
conflict record; and they are logged again, to be sent with the post's next package.
A resync is recorded in the post's change log (``op`` "resync", its versions in
``new``) so that ``check`` replays to the same state.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import FieldVersion, Plan, StaffingFigure
from planner_app.domain.changes import exchanged_columns, to_json_value
from planner_app.domain.versions import STAR
from planner_app.errors import ExchangeError
from planner_app.exchange import keys as keymod
from planner_app.exchange.apply import Rows, RowState, Writer
from planner_app.exchange.authority import HR_TABLES, unit_family
from planner_app.exchange.causal import Version, seen, shown
from planner_app.exchange.changes import (
    Written,
    find_peer,
    package_header,
    pair_unit,
    peer_keys,
)
from planner_app.exchange.history import load_contexts, version_of_row, with_own
from planner_app.exchange.package import write_package
from planner_app.exchange.progress import Progress, tick
from planner_app.exchange.values import blob_columns, synced_models
from planner_app.i18n import _
from planner_app.services.common import resolve_plan
from planner_app.storage import PlanFile

RESYNC = "resync"


def _shared_rows(s: Session, plan_id: uuid.UUID, unit_id: uuid.UUID | None):
    units = unit_family(s, plan_id, unit_id) if unit_id is not None else set()
    for table, model in sorted(synced_models().items()):
        if table in HR_TABLES:
            continue
        if model is Plan:
            query = select(Plan).where(Plan.id == plan_id)
        else:
            query = select(model).where(model.plan_id == plan_id)  # type: ignore[attr-defined]
        if model is StaffingFigure:
            query = query.where(StaffingFigure.unit_id.in_(units))
        for row in s.scalars(query):
            yield table, model, row


def _version_record(v: Version, contexts: dict[tuple, str], ids: dict[str, dict]) -> list:
    own = {k: n for k, n in v.context.items() if not (k == v.site and n == v.n)}
    key = tuple(sorted(own.items()))
    if key not in contexts:
        contexts[key] = str(len(contexts) + 1)
        ids[contexts[key]] = own
    return [
        v.site,
        v.n,
        v.hlc,
        contexts[key],
        v.value,
        v.old,
        sorted([site, n] for site, n in v.decides) if v.decides else None,
        v.txn,
        v.note,
    ]


def write_resync(
    store: PlanFile,
    out: Path,
    *,
    plan_code: str | None = None,
    unit_code: str | None = None,
    progress: Progress | None = None,
) -> Written:
    """Headquarters: a resync package for the post of ``unit_code``. Reads only."""
    tick(progress, 0, 2)
    pair = keymod.load_or_create()
    store.take_identity()
    with store.read() as s:
        plan = resolve_plan(s, plan_code)
        peer = find_peer(s, plan, unit_code)
        recipient = peer_keys(peer)
        if recipient is None:  # pragma: no cover - find_peer returns enrolled peers only
            raise ExchangeError(_("The other side's keys are not known yet."))
        contexts = load_contexts(s)
        stored: dict[uuid.UUID, list[FieldVersion]] = {}
        for version in s.scalars(select(FieldVersion)):
            stored.setdefault(version.row_id, []).append(version)
        keys: dict[tuple, str] = {}
        used: dict[str, dict] = {}
        rows = []
        blobs: dict[str, str] = {}
        for table, model, row in _shared_rows(s, plan.id, pair_unit(s, peer)):
            for name in blob_columns(model):
                data = getattr(row, name)
                if data is not None:
                    blobs[hashlib.sha256(data).hexdigest()] = base64.b64encode(data).decode()
            names = [*exchanged_columns(model), "deleted"]
            values = {n: to_json_value(getattr(row, n)) for n in names}
            explicit: dict[str, list[Version]] = {}
            star = None
            for fv in stored.get(row.id, []):
                if fv.field == STAR:
                    star = fv
                else:
                    explicit.setdefault(fv.field, []).append(version_of_row(fv, contexts))
            versions = {}
            for n in names:
                found = explicit.get(n)
                if found is None and star is not None:
                    found = [version_of_row(star, contexts, values[n])]
                versions[n] = [_version_record(v, keys, used) for v in found or []]
            rows.append(
                {"table": table, "row": str(row.id), "values": values, "versions": versions}
            )
        header = package_header(store, s, plan, peer, RESYNC, len(rows))
        payload = {
            "rows": rows,
            "contexts": used,
            "knowledge": header["knowledge"],
            "blobs": blobs,
        }
    tick(progress, 1, 2)
    write_package(Path(out), header, payload, pair, recipient)
    return Written(Path(out), len(rows), header["seq_from"], header["seq_to"], peer.site_id)


def _version(raw: list, contexts: dict[str, dict[str, int]]) -> Version:
    site, n, hlc, ctx, value, old, decides, txn, note = raw
    return Version(
        site=str(site),
        n=int(n),
        hlc=int(hlc),
        context=with_own({str(k): int(v) for k, v in contexts[str(ctx)].items()}, site, n),
        value=value,
        old=old,
        decides=frozenset((str(a), int(b)) for a, b in decides) if decides else None,
        txn=txn,
        note=note,
    )


class Resync:
    """A resync package taken at a post, in the merge's transaction."""

    def __init__(self, s: Session, rows: Rows, writer: Writer, held: dict[str, int]) -> None:
        self.s, self.rows, self.writer, self.held = s, rows, writer, held
        self.replays: list[tuple[RowState, str, Version]] = []

    def take(self, payload: Any) -> list[RowState]:
        """Headquarters' rows into this file; the rows changed."""
        try:
            contexts = {str(k): v for k, v in (payload.get("contexts") or {}).items()}
            theirs = {str(k): int(v) for k, v in (payload.get("knowledge") or {}).items()}
            records = payload["rows"]
            wanted: dict[str, set[uuid.UUID]] = {}
            for record in records:
                wanted.setdefault(record["table"], set()).add(uuid.UUID(record["row"]))
            self.rows.preload(wanted)
            changed = []
            for record in records:
                state = self._row(record, contexts, theirs)
                if state is not None:
                    changed.append(state)
        except (KeyError, TypeError, ValueError) as err:
            raise ExchangeError(_("The resync package cannot be read.")) from err
        return changed

    def _row(self, record: dict, contexts: dict, theirs: dict[str, int]) -> RowState | None:
        table, row_id = record["table"], uuid.UUID(record["row"])
        if table not in self.rows.models:
            return None
        values: dict[str, Any] = record["values"]
        state = self.rows.get(table, row_id)
        if state is None:
            state = self.rows.add_new(table, row_id, values, None)  # type: ignore[arg-type]
            state.new_star = True
            state.star = None
        touched = False
        for name in state.field_names():
            if name not in values:
                continue
            hq = [_version(raw, contexts) for raw in record["versions"].get(name, [])]
            mine = state.versions_of(name)
            unsent = [m for m in mine if not seen(theirs, m.dot)]
            if not unsent:
                after, value = hq, values[name]
            else:
                after = [v for v in hq if not any(u.has_seen(v) for u in unsent)]
                after += [u for u in unsent if not any(v.has_seen(u) for v in hq)]
                top = shown(after)
                value = top.value if top is not None else values[name]
                self.replays += [(state, name, u) for u in unsent]
            same = {v.dot for v in after} == {v.dot for v in mine}
            if same and state.values.get(name) == value and state.loaded is not None:
                continue
            state.versions[name] = after
            state.values[name] = value
            state.touched.add(name)
            self.writer.resynced(state, name, value, after)
            touched = True
        return state if touched else None


__all__ = ["RESYNC", "Resync", "write_resync"]
