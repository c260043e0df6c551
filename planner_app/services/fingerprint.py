"""The SHA-256 fingerprint of a plan's canonical content, and the check of a fixed one.

What the canonical content is belongs to a numbered rules version
(``services.fingerprint_rules``, whose docstring holds the rule every later change to
the model keeps: a new field enters the fingerprint only under a new rules version).
Under each version it is the plan's fields and every live row of the plan in each
content table the version names, with the columns it names, rows sorted by id,
serialised as JSON with sorted keys. Never in it: the plan's state, its fingerprint and
the fingerprint's rules and date, and the signing metadata (the signing record, the
electronically signed PDF and its signatures: ``PlanOwned.signing_metadata``), so
signing a final plan does not change the fingerprint printed on it.

A final or signed plan is fingerprinted when it is made final, under the newest rules,
and the version is stored beside the value; ``check_fixed`` recomputes it under that
version, so a plan fixed by any release verifies after every later migration.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, TableClause, column, select, table, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from planner_app.domain import Base, Plan, PlanOwned
from planner_app.domain.changes import to_json_value
from planner_app.domain.enums import PlanState
from planner_app.domain.labels import label
from planner_app.domain.types import UuidKey, clean_i18n
from planner_app.errors import NewerFileError
from planner_app.i18n import _
from planner_app.services.common import get_plan
from planner_app.services.fingerprint_rules import CURRENT, KINDS, Columns, Rules, rules_for
from planner_app.storage import PlanFile

FINGERPRINT_VERSION = CURRENT.version  # the rules a plan made final today is fixed under
FROZEN = (PlanState.FINAL, PlanState.SIGNED)


def content_models() -> list[type[PlanOwned]]:
    """The mapped classes whose rows belong to a plan's content (today's model)."""
    models = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, PlanOwned) and not cls.signing_metadata:
            models.append(cls)
    return sorted(models, key=lambda m: m.__tablename__)


def canonical_content(s: Session, plan_id: uuid.UUID, rules: Rules | None = None) -> bytes:
    return "".join(_canonical_pieces(s, plan_id, rules or CURRENT)).encode()


_dumps = functools.partial(json.dumps, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _canonical_pieces(s: Session, plan_id: uuid.UUID, rules: Rules) -> Iterator[str]:
    """The canonical JSON text in pieces, row by row: ``json.dumps`` of the whole
    document (sorted keys, no spaces) without holding it; a large plan's content as
    dicts and one string was 136 MB, more than the app with that plan open."""
    dialect = s.get_bind().dialect
    head: dict[str, object] = {"format": rules.version, "plan": _plan_row(s, plan_id, rules)}
    assert not head.keys() & rules.tables.keys()
    yield "{"
    for n, key in enumerate(sorted([*head, *rules.tables])):
        yield f"{',' if n else ''}{_dumps(key)}:"
        if key in head:
            yield _dumps(head[key])
            continue
        yield "["
        for i, row in enumerate(_rows(s, rules, key, plan_id, dialect)):
            yield f"{',' if i else ''}{_dumps(row)}"
        yield "]"
    yield "}"


def _table(name: str, columns: Columns) -> TableClause:
    """A plain table clause (no types: values come back as stored) naming ``columns``."""
    names = dict.fromkeys(["id", *(c for c, _kind in columns), "plan_id", "deleted"])
    return table(name, *(column(n) for n in names))


def _plan_row(s: Session, plan_id: uuid.UUID, rules: Rules) -> dict[str, object]:
    t = _table("plans", rules.plan)
    convert = _converters(rules.plan, s.get_bind().dialect)
    query = select(*(t.c[c] for c, _kind in rules.plan)).where(_is(t.c.id, plan_id))
    values = s.execute(query).one()
    return {c: f(v) for (c, _kind), f, v in zip(rules.plan, convert, values, strict=True)} | {
        "id": str(plan_id)
    }


def _is(col: ColumnElement, plan_id: uuid.UUID) -> ColumnElement[bool]:
    return type_coerce(col, UuidKey()) == plan_id


def _rows(
    s: Session, rules: Rules, name: str, plan_id: uuid.UUID, dialect: Dialect
) -> Iterator[dict[str, object]]:
    """The plan's live rows of table ``name`` as canonical dicts, in id order.

    Read as the stored column values (no ORM objects, no column types) and turned into
    the canonical JSON values directly: on a large plan building ~30,000 objects, then
    a UUID object per id and a dict per text only to print them again, was most of the
    fingerprint's time. ``tests/test_fingerprint_read.py`` checks the value is the one
    the ORM reading gives."""
    columns = rules.tables[name]
    t = _table(name, columns)
    keys = tuple(c for c, _kind in columns)
    converters = _converters(columns, dialect)
    query = (
        select(t.c.id, *(t.c[k] for k in keys))
        .where(_is(t.c.plan_id, plan_id), type_coerce(t.c.deleted, KINDS["bool"]).is_(False))
        .order_by(t.c.id)
    )
    ids = _uuid_text
    for chunk in s.execute(query).partitions(1000):
        for values in chunk:
            yield {"id": ids(values[0])} | {
                k: f(v) for k, f, v in zip(keys, converters, values[1:], strict=True)
            }


@functools.lru_cache(maxsize=256)  # per rules table and dialect: bounded
def _converters(columns: Columns, dialect: Dialect) -> tuple[Callable, ...]:
    """Per column: stored value -> canonical JSON value (``to_json_value`` of what the
    column's kind reads)."""
    return tuple(_converter(kind, dialect) for _name, kind in columns)


def _converter(kind: str, dialect: Dialect) -> Callable[[object], object]:
    if kind == "uuid":
        return _uuid_text
    if kind == "i18n":
        return _i18n_json
    engine_type = KINDS[kind]
    load = engine_type.dialect_impl(dialect).result_processor(dialect, None)
    if load is None:
        return to_json_value
    return lambda value: to_json_value(load(value))


_HEX32 = re.compile(r"[0-9a-f]{32}")


def _uuid_text(stored: str | None) -> str | None:
    """``str(uuid.UUID(hex=stored))`` without making the UUID (ids are stored as hex)."""
    if stored is None:
        return None
    h = stored
    if not _HEX32.fullmatch(h):
        return str(uuid.UUID(hex=h))
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _i18n_json(stored: str | None) -> dict[str, str]:
    return clean_i18n(json.loads(stored)) if stored else {}


def compute_fingerprint(s: Session, plan_id: uuid.UUID, rules: Rules | None = None) -> str:
    """The fingerprint of the plan's content now, under ``rules`` (default: the newest)."""
    digest = hashlib.sha256()
    for piece in _canonical_pieces(s, plan_id, rules or CURRENT):
        digest.update(piece.encode())
    return digest.hexdigest()


def plan_rules(plan: Plan) -> Rules:
    """The rules the plan's fingerprint is made under: its recorded version when it is
    final or signed, the newest for a draft. A version this release does not know is a
    file from a newer release: refused with a sentence, never guessed."""
    if plan.state not in FROZEN:
        return CURRENT
    rules = rules_for(plan.fingerprint_rules)
    if rules is None:
        raise NewerFileError(
            _(
                "Plan {code} was fixed under fingerprint rules {version}, which this version "
                "of the app does not know; update the app to check it."
            ).format(code=plan.code, version=plan.fingerprint_rules)
        )
    return rules


def current_fingerprint(store: PlanFile, plan_id: uuid.UUID) -> str:
    """The fingerprint of the plan's content now: under its own rules when it is fixed
    (what a PDF of it prints, and what ``verify --pdf`` compares)."""
    with store.read() as s:
        return compute_fingerprint(s, plan_id, plan_rules(get_plan(s, plan_id)))


@dataclass(frozen=True)
class FixedContent:
    """A final or signed plan's recorded fingerprint against its content now."""

    plan_id: uuid.UUID
    code: str
    state: PlanState
    recorded: str | None
    now: str
    rules: int
    fixed_at: dt.datetime | None  # when it was made final (UTC), if known

    @property
    def holds(self) -> bool:
        return self.recorded is not None and self.recorded == self.now

    def banner(self) -> str:
        """The window's short sentence (no fingerprints): what differs and what to do."""
        if self.holds:
            return ""
        if self.fixed_at is None:
            what = _("This plan's content differs from what was fixed when it was made final.")
        else:
            from planner_app.formatting import format_date
            from planner_app.i18n import current_language

            what = _("This plan's content differs from what was fixed on {date}.").format(
                date=format_date(self.fixed_at.astimezone().date(), current_language())
            )
        return (
            what
            + " "
            + _(
                "It was changed outside the app; restore the file from a backup (File → "
                "Restore from backup…) or ask for the fixed plan again."
            )
        )

    def problem(self, lang: str | None = None) -> str:
        """One sentence saying the content differs (empty when it holds)."""
        if self.holds:
            return ""
        if self.fixed_at is None:
            return _(
                "Plan {code} is {state}, but its content differs from what was fixed when it "
                "was made final (fingerprint {recorded}, content now {now})."
            ).format(code=self.code, state=label(self.state), recorded=self.recorded, now=self.now)
        from planner_app.formatting import format_date
        from planner_app.i18n import current_language

        return _(
            "Plan {code} is {state}, but its content differs from what was fixed on {date} "
            "(fingerprint {recorded}, content now {now})."
        ).format(
            code=self.code,
            state=label(self.state),
            date=format_date(self.fixed_at.astimezone().date(), lang or current_language()),
            recorded=self.recorded,
            now=self.now,
        )


def check_fixed(store: PlanFile, plan_id: uuid.UUID) -> FixedContent | None:
    """The plan's recorded fingerprint recomputed under its own rules; ``None`` for a
    draft (nothing is fixed)."""
    with store.read() as s:
        plan = get_plan(s, plan_id)
        if plan.state not in FROZEN:
            return None
        return _fixed(s, plan)


def check_all_fixed(store: PlanFile) -> list[FixedContent]:
    """``check_fixed`` of every live final or signed plan in the file, by code."""
    with store.read() as s:
        frozen = s.scalars(
            select(Plan).where(Plan.deleted.is_(False), Plan.state.in_(FROZEN)).order_by(Plan.code)
        )
        return [_fixed(s, plan) for plan in frozen]


def _fixed(s: Session, plan: Plan) -> FixedContent:
    rules = plan_rules(plan)
    return FixedContent(
        plan.id,
        plan.code,
        plan.state,
        plan.fingerprint,
        compute_fingerprint(s, plan.id, rules),
        rules.version,
        _fixed_at(s, plan),
    )


def _fixed_at(s: Session, plan: Plan) -> dt.datetime | None:
    """When the fingerprint was recorded: stored since rules versions; for an older
    plan, the change log's last entry that set it."""
    text = plan.fingerprint_at
    if not text:
        from planner_app.domain import ChangeLogEntry

        text = s.scalar(
            select(ChangeLogEntry.at)
            .where(
                ChangeLogEntry.table_name == "plans",
                ChangeLogEntry.row_id == plan.id,
                ChangeLogEntry.field == "fingerprint",
                ChangeLogEntry.new.is_not(None),
                ChangeLogEntry.new != "null",
            )
            .order_by(ChangeLogEntry.seq.desc())
            .limit(1)
        )
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def verify_plan(store: PlanFile, plan_id: uuid.UUID) -> tuple[bool, str | None, str]:
    """(unchanged?, recorded fingerprint, fingerprint of the content now); a draft has
    no recorded fingerprint and is never unchanged."""
    fixed = check_fixed(store, plan_id)
    if fixed is None:
        return False, None, current_fingerprint(store, plan_id)
    return fixed.holds, fixed.recorded, fixed.now


def fixed_content_problems(store: PlanFile) -> list[str]:
    """One sentence per final or signed plan whose content differs from what was fixed
    (or that cannot be checked by this release); empty when every one holds."""
    with store.read() as s:
        frozen = s.scalars(
            select(Plan).where(Plan.deleted.is_(False), Plan.state.in_(FROZEN)).order_by(Plan.code)
        ).all()
        problems = []
        for plan in frozen:
            try:
                fixed = _fixed(s, plan)
            except NewerFileError as err:
                problems.append(str(err))
                continue
            if not fixed.holds:
                problems.append(fixed.problem())
        return problems
