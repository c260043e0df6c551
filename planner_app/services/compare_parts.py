"""What the parts of one comparison share (the plans, the language titles are keyed in,
the pairing of their units), how a part's differences are put in document order, and
the small parts: the plan's own properties, its units and its signatories."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from planner_app.services.compare_model import (
    Area,
    Change,
    Difference,
    Ref,
    ValueChange,
    text_changes,
)
from planner_app.services.matching import Pairing, Stage, normalise, pair
from planner_app.services.plan_document import document_info
from planner_app.services.plan_parts import SignatoryInfo, load_signatories
from planner_app.services.plans import PlanInfo
from planner_app.services.units import UnitInfo, load_units
from planner_app.storage import PlanFile

T = TypeVar("T")


def pick(text: dict[str, str] | None, lang: str) -> str:
    """A per-language text in ``lang``, else in the first language that has one."""
    if not text:
        return ""
    return text.get(lang) or next((t for t in text.values() if t), "")


def values_changed(*triples: tuple[str, Any, Any]) -> list[ValueChange]:
    """(field, before, after) triples whose values differ ("" and None alike)."""
    return [
        ValueChange(
            field,
            str(old) if old not in (None, "") else None,
            str(new) if new not in (None, "") else None,
        )
        for field, old, new in triples
        if (old or None) != (new or None)
    ]


def assemble(
    area: Area,
    pairing: Pairing[T],
    before: Sequence[T],
    after: Sequence[T],
    ref: Callable[[T], Ref],
    compare: Callable[[T, T, str], Difference | None],
    *,
    gone: Callable[[T], dict[str, Any]] | None = None,
    new: Callable[[T], dict[str, Any]] | None = None,
) -> list[Difference]:
    """The differences of one part in document order: each pair that ``compare`` finds
    different and each added row at the after version's place; each removed row just
    after the row that preceded it in the before version. ``gone``/``new`` give the
    details (texts, figures) of a removed or added row."""
    index = {id(row): n for n, row in enumerate(after)}
    partner = {id(b): a for b, a, _how in pairing.pairs}
    removed = {id(row) for row in pairing.removed}
    slots: dict[int, tuple[int, int, int]] = {}
    last = -1
    for n, row in enumerate(before):
        if id(row) in partner:
            last = index[id(partner[id(row)])]
        elif id(row) in removed:
            slots[id(row)] = (last, 1, n)
    out: list[tuple[tuple[int, int, int], Difference]] = []
    for b, a, how in pairing.pairs:
        diff = compare(b, a, how)
        if diff is not None:
            out.append(((index[id(a)], 0, 0), diff))
    for b in pairing.removed:
        extra = gone(b) if gone else {}
        diff = Difference(area, frozenset({Change.REMOVED}), ref(b), None, **extra)
        out.append((slots[id(b)], diff))
    for a in pairing.added:
        extra = new(a) if new else {}
        diff = Difference(area, frozenset({Change.ADDED}), None, ref(a), **extra)
        out.append(((index[id(a)], 0, 0), diff))
    out.sort(key=lambda item: item[0])
    return [diff for _key, diff in out]


class Context:
    """One comparison's shared reading: the two plans, the year shift, the language
    titles are keyed in (the first the plans share), and their units paired (lead
    units and staffing are compared through it). Lives for one ``compare_plans``."""

    def __init__(self, store: PlanFile, before: PlanInfo, after: PlanInfo, shift: int):
        self.store, self.before, self.after, self.shift = store, before, after, shift
        common = [lang for lang in after.languages if lang in before.languages]
        self.lang = (common or list(after.languages) or ["nl"])[0]
        self.units_before = load_units(store, before.id)
        self.units_after = load_units(store, after.id)
        self.unit_pairing = pair(
            self.units_before,
            self.units_after,
            [
                Stage("code", lambda u: u.code.casefold() if u.code else None),
                Stage("title", lambda u: self.title_key(u.name)),
            ],
            similar=lambda u: normalise(pick(u.name, self.lang)),
        )
        self.units: dict[uuid.UUID, uuid.UUID] = {
            b.id: a.id for b, a, _how in self.unit_pairing.pairs
        }
        self.unit_names = {
            u.id: pick(u.name, self.lang) or u.code for u in (*self.units_before, *self.units_after)
        }

    def title_key(self, title: dict[str, str] | None) -> str | None:
        return normalise(pick(title, self.lang)) or None

    def same_unit(self, before: uuid.UUID | None, after: uuid.UUID | None) -> bool:
        return (self.units.get(before) if before else None) == after

    def unit_name(self, unit_id: uuid.UUID | None) -> str | None:
        return self.unit_names.get(unit_id) if unit_id else None


# --- units ---------------------------------------------------------------------------


def _unit_ref(unit: UnitInfo) -> Ref:
    return Ref(unit.id, unit.kind.value, unit.code, dict(unit.name))


def units(ctx: Context) -> list[Difference]:
    """Units added, removed, renamed, recoded or moved under another unit."""

    def compare(b: UnitInfo, a: UnitInfo, how: str) -> Difference | None:
        changes: set[Change] = set()
        texts = text_changes("name", b.name, a.name)
        if texts:
            changes.add(Change.RETITLED)
        values = values_changed(("code", b.code, a.code), ("kind", b.kind.value, a.kind.value))
        if values:
            changes.add(Change.CHANGED)
        if not ctx.same_unit(b.parent_id, a.parent_id):
            changes.add(Change.MOVED)
            values.append(
                ValueChange("parent", ctx.unit_name(b.parent_id), ctx.unit_name(a.parent_id))
            )
        if not changes:
            return None
        return Difference(
            Area.UNIT,
            frozenset(changes),
            _unit_ref(b),
            _unit_ref(a),
            how,
            tuple(texts),
            tuple(values),
        )

    return assemble(
        Area.UNIT, ctx.unit_pairing, ctx.units_before, ctx.units_after, _unit_ref, compare
    )


# --- the plan's own properties -------------------------------------------------------


def plan_properties(ctx: Context) -> list[Difference]:
    """Title, organisation, period, languages, kind, and what the document prints of
    itself (its type, version label, place and date of signing, logo), when they
    differ."""
    b, a = ctx.before, ctx.after
    doc_b = document_info(ctx.store, b.id)
    doc_a = document_info(ctx.store, a.id)
    texts = text_changes("title", b.title, a.title)
    texts += text_changes("organisation", b.organisation, a.organisation)
    for field in ("document_type", "version_label", "signing_place"):
        texts += text_changes(field, getattr(doc_b, field), getattr(doc_a, field))
    values = values_changed(
        ("period", f"{b.first_year}-{b.last_year}", f"{a.first_year}-{a.last_year}"),
        ("languages", ", ".join(b.languages), ", ".join(a.languages)),
        ("kind", b.kind.value, a.kind.value),
        ("signing_date", _iso(doc_b.signing_date), _iso(doc_a.signing_date)),
    )
    logo_b, logo_a = doc_b.logo, doc_a.logo
    if (logo_b.sha256 if logo_b else None) != (logo_a.sha256 if logo_a else None):
        values.append(
            ValueChange("logo", logo_b.name if logo_b else None, logo_a.name if logo_a else None)
        )
    if not texts and not values:
        return []
    return [
        Difference(
            Area.PLAN,
            frozenset({Change.CHANGED}),
            Ref(b.id, b.kind.value, b.code, dict(b.title)),
            Ref(a.id, a.kind.value, a.code, dict(a.title)),
            "",
            tuple(texts),
            tuple(values),
        )
    ]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# --- signatories ---------------------------------------------------------------------


def _signatory_ref(s: SignatoryInfo) -> Ref:
    return Ref(s.id, "signatory", s.name, dict(s.function))


def signatories(ctx: Context) -> list[Difference]:
    """Signatories added, removed, or with another name or function."""
    before = load_signatories(ctx.store, ctx.before.id)
    after = load_signatories(ctx.store, ctx.after.id)

    def who(s: SignatoryInfo) -> str | None:
        return normalise(s.name) or None

    pairing = pair(
        before,
        after,
        [
            Stage("name and function", lambda s: (who(s), ctx.title_key(s.function))),
            Stage("name", who),
            Stage("function", lambda s: ctx.title_key(s.function)),
        ],
    )

    def compare(b: SignatoryInfo, a: SignatoryInfo, how: str) -> Difference | None:
        texts = text_changes("function", b.function, a.function)
        values = values_changed(
            ("name", b.name, a.name),
            ("signs_as_body", "yes" if b.body else "", "yes" if a.body else ""),
        )
        if not texts and not values:
            return None
        return Difference(
            Area.SIGNATORY,
            frozenset({Change.CHANGED}),
            _signatory_ref(b),
            _signatory_ref(a),
            how,
            tuple(texts),
            tuple(values),
        )

    return assemble(Area.SIGNATORY, pairing, before, after, _signatory_ref, compare)
