"""A package's changes read into writes (``causal.Version``) with what the merge needs
beside them, each checked for shape; and the records a package carries, written.

A change record (format 2) names its write's dot (``site``, ``n``), clock, the context
its writer had (an id into the payload's ``contexts``), the versions a decision
settled, a delete's transaction and a merge's reason. A record of the release before
(no ``n``) is a write whose dot is its sender's (site, seq) and which had seen nothing
since the upgrade; its ``decide`` records are left out (the ordinary change beside
each carries the value) and so are its ``position`` changes (each copy now numbers
its own rows).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from planner_app.errors import ExchangeError
from planner_app.exchange.causal import Version
from planner_app.exchange.history import with_own
from planner_app.exchange.package import Package
from planner_app.i18n import _

_KEYS = {"seq": int, "id": str, "table": str, "row": str, "op": str, "field": str}


@dataclass(frozen=True)
class Incoming:
    """One change of a package: its write and the record it came in."""

    seq: int
    change_id: str
    at: str
    user: str
    table: str
    row_id: uuid.UUID
    op: str
    field: str
    old: str | None
    new: str | None
    write: Version  # value: the new value (None for an insert: its values are in ``new``)
    context: dict[str, int]  # the writer's context without its own dot (as stored)
    context_key: str = ""  # its id in the package (writes sharing one share it)
    row: dict[str, Any] | None = None  # an insert's values, parsed once

    @property
    def values(self) -> dict[str, Any]:
        """An insert's row."""
        return self.row if self.row is not None else {}


def read_changes(package: Package, payload: Any) -> tuple[list[Incoming], dict[str, int]]:
    """The payload's writes in sequence order and the sender's knowledge."""
    try:
        contexts = {str(k): _vv(v) for k, v in (payload.get("contexts") or {}).items()}
        knowledge = _vv(payload.get("knowledge") or package.header.get("knowledge") or {})
        out: list[Incoming] = []
        for record in payload["changes"]:
            for key, kind in _KEYS.items():
                if not isinstance(record[key], kind):
                    raise TypeError(key)
            parsed = _incoming(record, contexts)
            if parsed is not None:
                out.append(parsed)
        return sorted(out, key=lambda c: c.seq), knowledge
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise ExchangeError(
            _("{path} holds changes this app cannot read.").format(path=package.path)
        ) from err


def _vv(raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise TypeError("context")
    return {str(site): int(n) for site, n in raw.items()}


def _incoming(record: dict[str, Any], contexts: dict[str, dict[str, int]]) -> Incoming | None:
    legacy = "n" not in record
    if legacy and (record["op"] == "decide" or record["field"] == "position"):
        return None
    old = None if record.get("old") is None else json.loads(record["old"])
    new = None if record.get("new") is None else json.loads(record["new"])
    site = str(record.get("site") or "")
    if not site:
        raise ValueError("site")
    n = int(record["seq"] if legacy else record["n"])
    context = {} if legacy else contexts[str(record["ctx"])]
    decides = record.get("decides")
    write = Version(
        site=site,
        n=n,
        hlc=int(record.get("hlc") or 0),
        context=with_own(context, site, n),
        value=None if record["op"] == "insert" else new,
        old=old,
        decides=frozenset((str(a), int(b)) for a, b in decides) if decides else None,
        txn=record.get("txn"),
        note=record.get("note"),
    )
    return Incoming(
        seq=int(record["seq"]),
        change_id=record["id"],
        at=str(record.get("at", "")),
        user=str(record.get("user", "")),
        table=record["table"],
        row_id=uuid.UUID(record["row"]),
        op=record["op"],
        field=record["field"],
        old=record.get("old"),
        new=record.get("new"),
        write=write,
        context=context,
        context_key="" if legacy else str(record["ctx"]),
        row=(new or {}) if record["op"] == "insert" else None,
    )


def with_value(write: Version, value: Any) -> Version:
    """``write`` carrying ``value`` (one field of an insert)."""
    return Version(
        write.site,
        write.n,
        write.hlc,
        write.context,
        value,
        write.old,
        write.decides,
        write.txn,
        write.note,
    )


__all__ = ["Incoming", "read_changes", "with_value"]
