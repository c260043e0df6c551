"""The causal merge: what a write has seen, when two writes conflict, and what a copy
shows. Pure functions over plain values; storage is in ``domain.versions`` and the
package-level work in ``exchange.apply``.

Design (issue 21). References: Riak's dotted version vectors (a value carries the
dot that wrote it and the context its writer had seen), CouchDB's revision trees
(concurrent revisions are all kept; a deterministic winner is shown; a person
resolves), Microsoft Sync Framework's knowledge (made-with knowledge: a change knows
what its replica had when it was made; a resolution is a new version that has seen
both sides).

* **Sites and dots.** A site is one incarnation of a replica (a plan file's
  ``site_id``; a restored or copied file gets a new one, see ``incarnation``). Every
  write of one field (or one inserted row) is identified by a *dot* (site, n): n is
  the writer's change-log sequence of that write, so a site's dots grow in the order
  it wrote them, and no two writes anywhere share a dot.
* **Knowledge.** A site's knowledge K maps each site to the highest n of that
  site's writes it holds. Packages carry contiguous ranges of a sender's log and
  headquarters relays in its own log order, so every site receives each other
  site's writes in their order (first in, first out): holding (X, n) means holding
  every write of X up to n that may reach this site. A write carries its writer's K
  at the moment it was made (its *context*, with its own dot).
* **Seen.** Write w has seen write v iff ``context(w)[v.site] >= v.n``.
* **Field state.** For every exchanged field of every row a site keeps the set M of
  writes none of which has seen another (the *versions*; one, unless there is a
  conflict). A field nobody has written since the upgrade has the empty set: its
  stored value is the starting version, seen by every later write.
  Receiving w (not yet known): ``M := {m in M : w has not seen m} + {w}``.
  Writing locally (an edit, an undo, a decision): the write has seen all of M (every
  member was received before), so ``M := {w}``. The result does not depend on the
  order writes arrive in: M is the set of maximal writes received.
* **What a copy shows.** Decisions of the same conflict (writes that decided the
  same set of versions) collapse to the latest of them: crossing decisions converge
  instead of swapping. Of the rest, the latest write (hybrid clock, then site) is
  shown. More than one distinct value left is an open conflict: kept as a record
  where one of the writes is this site's (and always at headquarters) until a person
  decides, which is a new write that has seen them all and so supersedes exactly
  those, never a later edit. Equal values never conflict. Every copy holding the
  same writes shows the same values, decided or not.
* **Deletes.** ``deleted`` is a field like any other: a delete and an undelete are
  writes, and a tombstone keeps its fields, so an edit made to a row deleted
  elsewhere is still in it. A row whose shown deletion has not seen an edit of one of
  its fields is a delete-edit conflict on both sides (restore or delete again). The
  rows a delete took with it carry its transaction (``txn``); restoring the row
  restores them. A live row under a deleted parent (added or moved there
  concurrently) is deleted with that parent by the site that finds it, which every
  site does alike (equal values: no conflict), with a notice.
* **Order.** Siblings are ordered by a fractional key (``sort_key``) and then id; a
  move or an insert writes only its own key, so a post reorders its rows without
  touching anyone else's. ``position`` is each site's index of a live row among its
  siblings in that order, kept locally and never exchanged: unique, and the same on
  every copy. Concurrent moves that make a tree loop are undone for the latest of
  them, alike on every site, with a notice.
* **Authority.** Headquarters does not apply a post's write outside the post's part;
  it writes its own value again as a write that has seen the refused one (a revert,
  with the reason), which the post applies and shows as a notice.

Everything a merge decides is a function of the set of writes a site holds, so two
sites that hold the same writes hold the same content: that is what the property
test checks, with its own record of who had seen what.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Dot = tuple[str, int]
VV = Mapping[str, int]


def seen(context: VV, dot: Dot) -> bool:
    """Whether a write made with ``context`` had seen the write ``dot``."""
    return context.get(dot[0], 0) >= dot[1]


def join(*contexts: VV) -> dict[str, int]:
    """The least knowledge holding all of ``contexts``."""
    out: dict[str, int] = {}
    for context in contexts:
        for site, n in context.items():
            if n > out.get(site, 0):
                out[site] = n
    return out


def covers(big: VV, small: VV) -> bool:
    """Whether ``big`` holds everything ``small`` holds."""
    return all(big.get(site, 0) >= n for site, n in small.items())


@dataclass(frozen=True)
class Version:
    """One write of one field: its dot, clock, context and value (change-log JSON).

    ``decides`` is the set of versions a decision settled (None for an edit);
    ``txn`` the transaction of a delete (rows deleted together come back together);
    ``note`` the reason of a write a merge made on its own (a revert, a cascade).
    """

    site: str
    n: int
    hlc: int
    context: VV
    value: Any
    old: Any = None
    decides: frozenset[Dot] | None = None
    txn: str | None = None
    note: str | None = None
    star: bool = field(default=False, compare=False)  # the row's insert, for all fields

    @property
    def dot(self) -> Dot:
        return (self.site, self.n)

    def has_seen(self, other: Version) -> bool:
        return other.dot == self.dot or seen(self.context, other.dot)

    def order(self) -> tuple[int, str, int]:
        """Later writes sort last: hybrid clock, then site, then sequence."""
        return (self.hlc, self.site, self.n)


def receive(versions: Iterable[Version], write: Version) -> list[Version] | None:
    """The versions after receiving ``write``; None if it is already superseded (a
    duplicate, or a write a version here had seen)."""
    current = list(versions)
    if any(v.has_seen(write) for v in current):
        return None
    return [v for v in current if not write.has_seen(v)] + [write]


def contenders(versions: Iterable[Version]) -> list[Version]:
    """The versions that compete for the shown value: decisions of the same
    conflict collapse to the latest of them."""
    latest: dict[frozenset[Dot], Version] = {}
    rest: list[Version] = []
    for v in versions:
        if v.decides is None:
            rest.append(v)
        elif v.decides not in latest or latest[v.decides].order() < v.order():
            latest[v.decides] = v
    return sorted([*rest, *latest.values()], key=Version.order)


def shown(versions: Iterable[Version]) -> Version | None:
    """The version every copy shows (None: the starting value)."""
    competing = contenders(versions)
    return competing[-1] if competing else None


def _key(value: Any) -> str:
    import json

    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def in_conflict(versions: Iterable[Version]) -> bool:
    """Whether more than one distinct value competes."""
    listed = versions if isinstance(versions, list) else list(versions)
    if len(listed) < 2:
        return False
    return len({_key(v.value) for v in contenders(listed)}) > 1


def distinct_values(versions: Iterable[Version]) -> list[Version]:
    """One version per distinct competing value, the latest of each, oldest first."""
    by_value: dict[str, Version] = {}
    for v in contenders(versions):
        by_value[_key(v.value)] = v
    return sorted(by_value.values(), key=Version.order)


__all__ = [
    "VV",
    "Dot",
    "Version",
    "contenders",
    "covers",
    "distinct_values",
    "in_conflict",
    "join",
    "receive",
    "seen",
    "shown",
]
