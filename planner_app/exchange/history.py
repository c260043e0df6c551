"""Versions from their stored forms (change-log rows, ``field_versions`` rows), and
the change log replayed with the causal rule: what ``planner-app check`` compares the
data and the stored versions with.

The replay starts from nothing and applies every logged write in sequence order as
the merge applied it (``exchange.causal``): a row's insert is the version of all its
fields; a write made before causal history was kept (no context) overwrites the field
and clears its versions (it is the starting value). The data must show what the
replayed versions show, and ``field_versions`` must hold exactly them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from planner_app.domain import ChangeLogEntry, FieldVersion
from planner_app.domain.versions import STAR
from planner_app.exchange.causal import Dot, Version, receive, shown


def load_contexts(s: Session) -> dict[int, dict[str, int]]:
    return {
        int(i): json.loads(vv)
        for i, vv in s.connection().execute(text("SELECT id, vv FROM write_contexts"))
    }


def parse_decides(raw: str | None) -> frozenset[Dot] | None:
    if raw is None:
        return None
    return frozenset((str(site), int(n)) for site, n in json.loads(raw))


def dump_decides(dots: Iterable[Dot]) -> str:
    return json.dumps(sorted([site, n] for site, n in dots), separators=(",", ":"))


def with_own(context: dict[str, int], site: str, n: int) -> dict[str, int]:
    """A writer's context holds its own write (and so all its earlier ones)."""
    if context.get(site, 0) >= n:
        return context
    return {**context, site: n}


def _load(raw: str | None) -> Any:
    return None if raw is None else json.loads(raw)


def version_of_row(
    row: FieldVersion, contexts: dict[int, dict[str, int]], star_value: Any = None
) -> Version:
    """A stored version (``star_value``: the field's value, for a row's insert)."""
    return Version(
        site=row.site,
        n=row.n,
        hlc=row.hlc,
        context=with_own(contexts.get(row.context_id, {}), row.site, row.n),
        value=star_value if row.field == STAR else _load(row.value),
        old=_load(row.old),
        decides=parse_decides(row.decides),
        txn=row.txn,
        note=row.note,
        star=row.field == STAR,
    )


@dataclass
class RowHistory:
    """A row as the replayed log has it: values (JSON form), versions per field, and
    the version of its insert (the version of every field not written since)."""

    table: str
    values: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, list[Version]] = field(default_factory=dict)
    star: Version | None = None

    def versions_of(self, name: str) -> list[Version]:
        if name in self.versions:
            return self.versions[name]
        if self.star is not None:
            return [_star_for(self.star, self.values.get(name))]
        return []


def _star_for(star: Version, value: Any) -> Version:
    return Version(star.site, star.n, star.hlc, star.context, value, star=True)


def replay(
    s: Session, contexts: dict[int, dict[str, int]] | None = None
) -> dict[tuple[str, uuid.UUID], RowHistory]:
    """Every logged row's history, the log applied in sequence order."""
    contexts = load_contexts(s) if contexts is None else contexts
    rows: dict[tuple[str, uuid.UUID], RowHistory] = {}
    query = select(
        ChangeLogEntry.seq,
        ChangeLogEntry.site_id,
        ChangeLogEntry.hlc,
        ChangeLogEntry.table_name,
        ChangeLogEntry.row_id,
        ChangeLogEntry.op,
        ChangeLogEntry.field,
        ChangeLogEntry.old,
        ChangeLogEntry.new,
        ChangeLogEntry.dot_site,
        ChangeLogEntry.dot_n,
        ChangeLogEntry.context_id,
        ChangeLogEntry.decides,
        ChangeLogEntry.txn,
        ChangeLogEntry.note,
    ).order_by(ChangeLogEntry.seq)
    for (
        seq,
        site,
        hlc,
        table,
        row_id,
        op,
        name,
        old,
        new,
        dsite,
        dn,
        ctx,
        decides,
        txn,
        note,
    ) in s.execute(query):
        history = rows.get((table, row_id))
        if history is None:
            history = rows[(table, row_id)] = RowHistory(table)
        if op == "resync":  # a field taken whole from headquarters (``resync``)
            _resynced(history, name, _load(new), contexts)
            continue
        if ctx is None:  # before causal history: the starting value
            _legacy(history, op, name, new)
            continue
        dot_site, dot_n = dsite or site, dn or seq
        write = Version(
            site=dot_site,
            n=dot_n,
            hlc=hlc,
            context=with_own(contexts.get(ctx, {}), dot_site, dot_n),
            value=None,
            old=_load(old),
            decides=parse_decides(decides),
            txn=txn,
            note=note,
        )
        if name == STAR:
            values = _load(new) or {}
            if history.star is None and not history.values:
                history.values = {**values, "deleted": False}
                history.star = Version(
                    write.site, write.n, write.hlc, write.context, None, star=True
                )
                continue
            for key, value in {**values, "deleted": False}.items():
                apply_write(history, key, _with_value(write, value))
            continue
        apply_write(history, name, _with_value(write, _load(new)))
    return rows


def _with_value(write: Version, value: Any) -> Version:
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


def apply_write(history: RowHistory, name: str, write: Version) -> bool:
    """Receive ``write`` into the field ``name``; False if it was already superseded."""
    after = receive(history.versions_of(name), write)
    if after is None:
        return False
    history.versions[name] = after
    top = shown(after)
    history.values[name] = top.value if top is not None else history.values.get(name)
    return True


def _resynced(
    history: RowHistory, name: str, taken: dict[str, Any], contexts: dict[int, dict[str, int]]
) -> None:
    versions = []
    for site, n, hlc, ctx, value, old, decides, txn, note in taken["versions"]:
        versions.append(
            Version(
                site,
                n,
                hlc,
                with_own(contexts.get(ctx, {}), site, n),
                value,
                old,
                frozenset((a, b) for a, b in decides) if decides else None,
                txn,
                note,
            )
        )
    if not history.values and history.star is None:
        history.values = {}
    history.versions[name] = versions
    history.values[name] = taken["value"]


def _legacy(history: RowHistory, op: str, name: str, new: str | None) -> None:
    value = _load(new)
    if op == "decide" and name in history.versions:
        return  # it named the value the field already had
    if op == "insert":
        history.values = {**(value or {}), "deleted": False}
        history.versions.clear()
        history.star = None
    else:
        history.values[name] = value
        history.versions.pop(name, None)


def stored_versions(
    s: Session, contexts: dict[int, dict[str, int]]
) -> Iterator[tuple[uuid.UUID, FieldVersion]]:
    for row in s.scalars(select(FieldVersion)):
        yield row.row_id, row


__all__ = [
    "RowHistory",
    "apply_write",
    "dump_decides",
    "load_contexts",
    "parse_decides",
    "replay",
    "version_of_row",
    "with_own",
]
