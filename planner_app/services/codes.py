"""Stored objective codes: the next free one, no two alike, and renumbering on request.

A code is a reference once a plan has been printed or sent (DESIGN), so the services
never change one as a side effect: an objective gets a code when it is made (the next
free number of its level under its parent, ``domain.codes.next_code``) and keeps it
through moves, indents and outdents. Only ``renumber`` changes codes, for the
objectives a user chose, after showing old and new side by side; ``set_codes`` writes
codes back (its undo, and its redo). Two live objectives of a plan never print alike
in any of its languages; ``duplicates`` finds those that do anyway (a file written
behind the app, a merge), for ``check`` and the exchange.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import Objective, Plan
from planner_app.domain.codes import MAX_CODE, LevelScheme, next_code, tidy
from planner_app.domain.enums import ObjectiveLevel, PlanKind
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import references
from planner_app.services.common import Changed, Entity, check_text, get_plan, writable_plan
from planner_app.services.levels import scheme_of
from planner_app.services.tree_order import field_rank, field_ranks
from planner_app.storage import PlanFile


@dataclass(frozen=True)
class CodeRow:
    """What numbering needs of one objective."""

    id: uuid.UUID
    parent_id: uuid.UUID | None
    level: ObjectiveLevel
    position: int
    policy_field_id: uuid.UUID | None
    code: str
    literal: bool
    title: dict[str, str]


def code_rows(s: Session, plan_id: uuid.UUID, *, titles: bool = False) -> list[CodeRow]:
    """The plan's live objectives, as numbering sees them (their titles when asked: a
    large plan's titles are most of the read)."""
    columns = [
        Objective.id,
        Objective.parent_id,
        Objective.level,
        Objective.position,
        Objective.policy_field_id,
        Objective.code,
        Objective.code_literal,
    ]
    if titles:
        columns.append(Objective.title)
    found = s.execute(
        select(*columns).where(Objective.plan_id == plan_id, Objective.deleted.is_(False))
    )
    if titles:
        return [CodeRow(*row) for row in found]
    return [CodeRow(*row, {}) for row in found]


def _taken(scheme: LevelScheme, rows: Iterable[CodeRow], exclude: set[uuid.UUID]) -> set[str]:
    keys: set[str] = set()
    for row in rows:
        if row.id not in exclude and row.code:
            keys |= scheme.keys(row.level, row.code, row.literal)
    return keys


def _name(s: Session, scheme: LevelScheme, row: CodeRow) -> str:
    texts = row.title
    if not texts:
        found = s.get(Objective, row.id)
        texts = dict(found.title) if found is not None else {}
    title = texts.get(scheme.main) or next(iter(texts.values()), "")
    code = scheme.printed(row.level, row.code, row.literal)
    return " ".join(f"{code} {title}".split())


def fresh_code(
    s: Session,
    plan: Plan,
    level: ObjectiveLevel,
    parent_id: uuid.UUID | None,
    *,
    scheme: LevelScheme | None = None,
    rows: list[CodeRow] | None = None,
    exclude: Iterable[uuid.UUID] = (),
) -> str:
    """The next free code of ``level`` under ``parent_id`` in ``plan``."""
    scheme = scheme or scheme_of(s, plan)
    rows = code_rows(s, plan.id) if rows is None else rows
    skip = set(exclude)
    parent_code = ""
    if parent_id is not None:
        parent = next((r for r in rows if r.id == parent_id), None)
        if parent is None:
            found = s.get(Objective, parent_id)
            parent_code = found.code if found is not None else ""
        else:
            parent_code = parent.code
    siblings = [r.code for r in rows if r.parent_id == parent_id and r.id not in skip]
    return next_code(scheme, level, parent_code, siblings, _taken(scheme, rows, skip))


def read_code(
    s: Session, plan: Plan, level: ObjectiveLevel, typed: str, *, scheme: LevelScheme | None = None
) -> tuple[str, bool]:
    """(code, literal) of a code typed by hand for an objective of ``level``."""
    text = check_text(_("Code"), typed, limit=MAX_CODE)
    return (scheme or scheme_of(s, plan)).read_typed(level, text)


def check_free(
    s: Session,
    plan: Plan,
    objective_id: uuid.UUID,
    level: ObjectiveLevel,
    code: str,
    literal: bool,
    *,
    scheme: LevelScheme | None = None,
    rows: list[CodeRow] | None = None,
) -> None:
    """Refuse ``code`` when another live objective of the plan prints alike."""
    scheme = scheme or scheme_of(s, plan)
    if not code:
        raise ValidationError(_("Code"), _("must not be empty."))
    mine = scheme.keys(level, code, literal)
    for row in code_rows(s, plan.id) if rows is None else rows:
        if (
            row.id != objective_id
            and row.code
            and mine & scheme.keys(row.level, row.code, row.literal)
        ):
            raise ValidationError(
                _("Code"),
                _("{code} is already the code of “{name}”; codes are unique in a plan.").format(
                    code=scheme.printed(level, code, literal), name=_name(s, scheme, row)
                ),
            )


@dataclass(frozen=True)
class Duplicate:
    """Objectives of one plan that print alike."""

    plan_id: uuid.UUID
    printed: str
    ids: tuple[uuid.UUID, ...]


def find_duplicates(
    scheme: LevelScheme, plan_id: uuid.UUID, rows: Iterable[CodeRow]
) -> list[Duplicate]:
    by_key: dict[str, list[CodeRow]] = defaultdict(list)
    for row in rows:
        for key in scheme.keys(row.level, row.code, row.literal):
            by_key[key].append(row)
    seen: set[tuple[uuid.UUID, ...]] = set()
    out = []
    for group in by_key.values():
        ids = tuple(sorted({r.id for r in group}))
        if len(ids) > 1 and ids not in seen:
            seen.add(ids)
            out.append(
                Duplicate(
                    plan_id, scheme.printed(group[0].level, group[0].code, group[0].literal), ids
                )
            )
    return out


def duplicates(s: Session, plan_id: uuid.UUID) -> list[Duplicate]:
    """Live objectives of the plan that print alike in one of its languages (an empty
    code counts as a duplicate of nothing: see ``missing_codes``)."""
    plan = get_plan(s, plan_id)
    rows = [r for r in code_rows(s, plan_id) if r.code]
    return find_duplicates(scheme_of(s, plan), plan_id, rows)


def missing_codes(s: Session, plan_id: uuid.UUID) -> list[uuid.UUID]:
    """Live objectives without a code (an insert from a package of an older release)."""
    return [r.id for r in code_rows(s, plan_id) if not r.code]


def check_unique_plan(s: Session, plan: Plan, scheme: LevelScheme) -> None:
    """Refuse when two objectives would print alike under ``scheme``."""
    found = find_duplicates(scheme, plan.id, [r for r in code_rows(s, plan.id) if r.code])
    if found:
        raise ValidationError(
            _("Levels"),
            _("two objectives would both be coded {code}.").format(code=found[0].printed),
        )


# --- renumbering ---------------------------------------------------------------------


@dataclass(frozen=True)
class CodeChange:
    """One objective's code before and after a renumbering, as printed."""

    id: uuid.UUID
    level: ObjectiveLevel
    depth: int
    title: str
    old: str
    new: str
    old_code: str
    old_literal: bool
    new_code: str
    new_literal: bool

    @property
    def changed(self) -> bool:
        return (self.old_code, self.old_literal) != (self.new_code, self.new_literal)


def _ordered(s: Session, plan_id: uuid.UUID, rows: list[CodeRow]) -> dict:
    ranks = field_ranks(s, plan_id)
    children: dict[uuid.UUID | None, list[CodeRow]] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)
    for parent, siblings in children.items():
        if parent is None:
            siblings.sort(key=lambda r: (field_rank(ranks, r.policy_field_id), r.position, r.id))
        else:
            siblings.sort(key=lambda r: (r.position, r.id))
    return children


def plan_renumbering(
    s: Session, plan: Plan, *, under: uuid.UUID | None = None, keep_literal: bool = True
) -> list[CodeChange]:
    """Every objective below ``under`` (the whole plan: None) numbered by its place, in
    document order: the n-th child of a parent is ``{parent}.{n}`` by its level's
    pattern (n counting the children renumbered), from the parent's new code. Literal
    codes stay when ``keep_literal``; a number that would print like a code that stays
    (outside ``under``, or literal) is skipped, so the result never holds two alike."""
    scheme = scheme_of(s, plan)
    rows = code_rows(s, plan.id, titles=True)
    by_id = {r.id: r for r in rows}
    children = _ordered(s, plan.id, rows)
    if under is not None and under not in by_id:
        raise ValidationError(_("Renumber"), _("the objective no longer exists."))
    # the strategic plan's objectives in a yearly plan keep its codes
    fixed = set(
        s.scalars(
            select(Objective.id).where(
                Objective.plan_id == plan.id,
                Objective.is_reference.is_(True),
                Objective.deleted.is_(False),
            )
        )
    )
    inside: set[uuid.UUID] = set()
    todo = [under]
    while todo:
        for row in children.get(todo.pop(), ()):
            if not (keep_literal and row.literal) and row.id not in fixed:
                inside.add(row.id)
            todo.append(row.id)
    taken = _taken(scheme, rows, inside)
    out: list[CodeChange] = []

    def visit(parent: uuid.UUID | None, parent_code: str, depth: int) -> None:
        n = 0
        for row in children.get(parent, ()):
            keep = (keep_literal and row.literal) or row.id in fixed
            if keep:
                code, literal = row.code, row.literal
            else:
                pattern = scheme.pattern(row.level)
                n += 1
                while scheme.keys(row.level, pattern.make(parent_code, n)) & taken:
                    n += 1
                code, literal = pattern.make(parent_code, n), False
                taken.update(scheme.keys(row.level, code))  # "Axe {n}" under two parents
            title = row.title.get(scheme.main) or next(iter(row.title.values()), "")
            out.append(
                CodeChange(
                    row.id,
                    row.level,
                    depth,
                    " ".join(title.split()),
                    scheme.printed(row.level, row.code, row.literal),
                    scheme.printed(row.level, code, literal),
                    row.code,
                    row.literal,
                    code,
                    literal,
                )
            )
            visit(row.id, code, depth + 1)

    if under is None:
        visit(None, "", 0)
    else:
        visit(under, by_id[under].code, 0)
    return out


def renumber_preview(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    under: uuid.UUID | None = None,
    keep_literal: bool = True,
) -> list[CodeChange]:
    """What ``renumber`` would do, without doing it (the dialog's two columns)."""
    with store.read() as s:
        return plan_renumbering(s, get_plan(s, plan_id), under=under, keep_literal=keep_literal)


def _apply(
    s: Session, plan: Plan, codes: Mapping[uuid.UUID, tuple[str, bool]]
) -> dict[uuid.UUID, tuple[str, bool]]:
    """Write ``codes``; refuse the whole write when two objectives would print alike.
    Returns the codes the written objectives had."""
    scheme = scheme_of(s, plan)
    rows = code_rows(s, plan.id)
    after = [
        CodeRow(r.id, r.parent_id, r.level, r.position, r.policy_field_id, *codes[r.id], r.title)
        if r.id in codes
        else r
        for r in rows
    ]
    found = find_duplicates(scheme, plan.id, [r for r in after if r.code])
    if found:
        raise ValidationError(
            _("Code"), _("two objectives would both be coded {code}.").format(code=found[0].printed)
        )
    old: dict[uuid.UUID, tuple[str, bool]] = {}
    for obj in s.scalars(select(Objective).where(Objective.id.in_(list(codes)))):
        if obj.deleted or obj.plan_id != plan.id:
            raise ValidationError(_("Code"), _("the objective no longer exists."))
        code, literal = codes[obj.id]
        if len(code) > MAX_CODE:
            raise ValidationError(_("Code"), _("{code} is too long.").format(code=tidy(code)))
        old[obj.id] = (obj.code, obj.code_literal)
        obj.code, obj.code_literal = code, literal
    if plan.kind is PlanKind.STRATEGIC:
        s.flush()
        references.follow(s, plan.id)  # the yearly plans' drafts refer to its codes
    return old


def renumber(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    under: uuid.UUID | None = None,
    keep_literal: bool = True,
) -> Changed:
    """Plan → Renumber…: give the objectives below ``under`` (None: all) the codes of
    their places, in one write. Many rows, one field: ``Changed.extra["old"]`` maps each
    changed objective to its (code, literal) before, ``["new"]`` to after, read in the
    write (``set_codes`` takes either: the undo and the redo)."""
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        changes = [
            c
            for c in plan_renumbering(s, plan, under=under, keep_literal=keep_literal)
            if c.changed
        ]
        new = {c.id: (c.new_code, c.new_literal) for c in changes}
        old = _apply(s, plan, new)
        return Changed(
            Entity.OBJECTIVE, tuple(new), "updated", ("code",), extra={"old": old, "new": new}
        )


def set_codes(
    store: PlanFile, plan_id: uuid.UUID, codes: Mapping[uuid.UUID, tuple[str, bool]]
) -> Changed:
    """Give these objectives these stored codes in one write (a renumbering's undo and
    redo); refused as a whole when two objectives would print alike."""
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        old = _apply(s, plan, dict(codes))
        return Changed(
            Entity.OBJECTIVE,
            tuple(codes),
            "updated",
            ("code",),
            extra={"old": old, "new": dict(codes)},
        )
