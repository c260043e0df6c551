"""Pairing the rows of two versions of a plan: which objective, chapter, budget line or
unit of one version is which of the other.

Copies get new ids, so a row is found again by what it keeps: a link to the row it was
copied from where a copy records one, else keys tried one after another (a code and a
title, the title alone), then the most similar title, and last keys that say least
(a code alone). Each stage pairs only among the rows still unpaired, and only where its
key is the same on both sides; rows sharing a key are paired in their order. Plain
Python, no database: the compare service gives it the rows it read.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Generic, TypeVar

T = TypeVar("T")

SIMILAR = 0.6  # difflib ratio from which two titles count as "the same, reworded"
# Candidate pairs the similarity stage compares at most (two unrelated plans of 10,000
# objectives would be 10^8 comparisons); beyond it, rows stay added and removed.
SIMILARITY_BUDGET = 250_000


@dataclass(frozen=True)
class Stage(Generic[T]):
    """One way of pairing: ``key`` of a row (None: this row takes no part)."""

    name: str
    key: Callable[[T], Hashable | None]


@dataclass(frozen=True)
class Pairing(Generic[T]):
    """The rows of both sides paired (before, after, the stage that paired them), and
    those left: only before (removed) and only after (added), each in its given order."""

    pairs: tuple[tuple[T, T, str], ...]
    removed: tuple[T, ...]
    added: tuple[T, ...]


def normalise(text: str) -> str:
    """Text as compared: case, accents, punctuation and spacing do not count."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def pair(
    before: Sequence[T],
    after: Sequence[T],
    stages: Sequence[Stage[T]],
    *,
    known: Sequence[tuple[T, T]] = (),
    known_name: str = "identity",
    similar: Callable[[T], str] | None = None,
    group: Callable[[T], Hashable] | None = None,
    late: Sequence[Stage[T]] = (),
) -> Pairing[T]:
    """Pair ``before`` with ``after``: first the ``known`` pairs, then stage by stage,
    then (with ``similar``, the text to compare) the most similar texts at or above
    ``SIMILAR``, best first, only between rows of the same ``group``, then the ``late``
    stages."""
    left = dict.fromkeys(range(len(before)))  # unpaired indexes, in order
    right = dict.fromkeys(range(len(after)))
    pairs: list[tuple[int, int, str]] = []
    index_b = {id(x): i for i, x in enumerate(before)}
    index_a = {id(x): i for i, x in enumerate(after)}
    for b, a in known:
        i, j = index_b[id(b)], index_a[id(a)]
        if i in left and j in right:
            del left[i], right[j]
            pairs.append((i, j, known_name))
    pairs += _by_keys(before, after, left, right, stages)
    if similar is not None and left and right:
        pairs += _similar_pairs(before, after, left, right, similar, group)
    pairs += _by_keys(before, after, left, right, late)
    pairs.sort(key=lambda p: (p[1], p[0]))
    return Pairing(
        tuple((before[i], after[j], name) for i, j, name in pairs),
        tuple(before[i] for i in left),
        tuple(after[j] for j in right),
    )


def _by_keys(
    before: Sequence[T],
    after: Sequence[T],
    left: dict[int, None],
    right: dict[int, None],
    stages: Sequence[Stage[T]],
) -> list[tuple[int, int, str]]:
    """Pairs of equal keys, stage by stage; removes them from left/right."""
    pairs: list[tuple[int, int, str]] = []
    for stage in stages:
        if not left or not right:
            break
        by_key: dict[Hashable, list[int]] = defaultdict(list)
        for j in right:
            key = stage.key(after[j])
            if key is not None:
                by_key[key].append(j)
        for i in list(left):
            key = stage.key(before[i])
            candidates = by_key.get(key) if key is not None else None
            if candidates:
                j = candidates.pop(0)
                del left[i], right[j]
                pairs.append((i, j, stage.name))
    return pairs


def _similar_pairs(
    before: Sequence[T],
    after: Sequence[T],
    left: dict[int, None],
    right: dict[int, None],
    similar: Callable[[T], str],
    group: Callable[[T], Hashable] | None,
) -> list[tuple[int, int, str]]:
    """The best non-conflicting pairs by text similarity; removes them from left/right."""
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for j in right:
        groups[group(after[j]) if group else None].append(j)
    texts_a = {j: similar(after[j]) for j in right}
    scored: list[tuple[float, int, int]] = []
    budget = SIMILARITY_BUDGET
    for i in left:
        text = similar(before[i])
        candidates = groups.get(group(before[i]) if group else None, [])
        budget -= len(candidates)
        if budget < 0 or not text:
            break
        matcher = SequenceMatcher(None, "", text, autojunk=False)  # b is cached
        for j in candidates:
            other = texts_a[j]
            if not other:
                continue
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
                continue
            ratio = matcher.ratio()
            if ratio >= SIMILAR:
                scored.append((ratio, i, j))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    out: list[tuple[int, int, str]] = []
    for _ratio, i, j in scored:
        if i in left and j in right:
            del left[i], right[j]
            out.append((i, j, "similar title"))
    return out


def unmoved(order: Sequence[int]) -> set[int]:
    """The indexes of ``order`` (the after-positions of paired rows, in before order) that
    stay in the same order: a longest increasing subsequence. The others moved."""
    tails: list[int] = []  # index into order of the smallest tail of each length
    back: list[int] = [-1] * len(order)
    values: list[int] = []
    for k, value in enumerate(order):
        n = bisect.bisect_left(values, value)
        if n == len(values):
            values.append(value)
            tails.append(k)
        else:
            values[n] = value
            tails[n] = k
        back[k] = tails[n - 1] if n else -1
    keep: set[int] = set()
    k = tails[-1] if tails else -1
    while k >= 0:
        keep.add(k)
        k = back[k]
    return keep
