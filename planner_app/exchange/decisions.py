"""Deciding a conflict (keep ours, take theirs, combine both number changes, or enter
the right value) or answering a notice.

A decision is a write like an edit, made here, that has seen every version of the
field held here: it supersedes exactly those, travels with the next package and
settles the conflict wherever it arrives, and a later edit it has not seen is a new
conflict, never overwritten. It names the versions it decided, so two decisions of
the same conflict made on both sides at once end alike (``causal.contenders``).

Restoring a deleted row (taking an edit over a delete, or a row deleted with its
parent) brings back the rows deleted with it (its delete's transaction) and the
deleted rows above it; deleting it again takes the rows under it along.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import FieldVersion, MergeConflict, Synced
from planner_app.domain.changes import force_write, to_json_value
from planner_app.domain.versions import STAR
from planner_app.domain.writelog import marks
from planner_app.errors import NotFoundError, ValidationError
from planner_app.exchange import code_conflicts
from planner_app.exchange.history import dump_decides
from planner_app.exchange.repair import PARENTS, renumber_positions
from planner_app.exchange.values import from_json, load, synced_models
from planner_app.i18n import _
from planner_app.services.common import parse_decimal
from planner_app.storage import PlanFile

CHOICES = ("ours", "theirs", "combine", "dismiss")
EDIT = "edit"  # needs the value: not one of the command line's CHOICES
NOTICES = ("refused", "parent-deleted", "cycle", "group-amounts")


def _combined(conflict: MergeConflict) -> Any:
    """ours + theirs - before, for numbers only (amounts, FTE, headcounts)."""
    local, remote, base = load(conflict.local), load(conflict.remote), load(conflict.base)
    try:
        total = Decimal(str(local)) + Decimal(str(remote)) - Decimal(str(base))
    except (ArithmeticError, ValueError, TypeError) as err:
        raise ValidationError(
            _("Decision"), _("only two changes of a number can be combined.")
        ) from err
    if (
        isinstance(local, int)
        and not isinstance(local, bool)
        and total == total.to_integral_value()
    ):
        return int(total)
    return format(total.normalize(), "f") if isinstance(local, str) else total


def _edited(model: type, conflict: MergeConflict, value: Any) -> Any:
    """The entered value in change-log JSON form, checked against the field's type.

    Only numbers and one-line texts can be entered; other fields (multilingual texts,
    references, dates) are decided with ours or theirs.
    """
    from planner_app.exchange.describe import is_number, is_plain_text

    table, name = conflict.table_name, conflict.field
    if conflict.kind != "value" or not (is_number(table, name) or is_plain_text(table, name)):
        raise ValidationError(
            _("Decision"), _("this field cannot be entered here; choose ours or theirs.")
        )
    if is_plain_text(table, name):
        return str(value if value is not None else "").strip()
    number = parse_decimal(_("Decision"), value)  # exact: a Decimal, an int or "1234.5"
    if number is None:
        return None
    column_value = from_json(model, name, format(number, "f"))
    if isinstance(load(conflict.local), int) and not isinstance(load(conflict.local), bool):
        if number != number.to_integral_value():
            raise ValidationError(_("Decision"), _("enter a whole number."))
        return int(number)
    return to_json_value(column_value)


def _versions(s: Session, row_id: uuid.UUID, name: str) -> list[tuple[str, int]]:
    """The dots of the versions of a field held here (a row's insert if never written)."""
    found = list(
        s.execute(
            select(FieldVersion.site, FieldVersion.n).where(
                FieldVersion.row_id == row_id, FieldVersion.field == name
            )
        )
    )
    if not found:
        found = list(
            s.execute(
                select(FieldVersion.site, FieldVersion.n).where(
                    FieldVersion.row_id == row_id, FieldVersion.field == STAR
                )
            )
        )
    return [(site, n) for site, n in found]


def _write(s: Session, row: Synced, name: str, value: Any) -> None:
    """Write ``name`` as a decision of the versions held here."""
    marks(s).decides[(row.id, name)] = dump_decides(_versions(s, row.id, name))
    setattr(row, name, value if name == "deleted" else from_json(type(row), name, value))
    force_write(s, row, name)


def decide(store: PlanFile, conflict_id: int, choice: str, value: Any = None) -> MergeConflict:
    """Settle one open conflict with ``choice`` (one of ``CHOICES``, or ``EDIT`` with
    the ``value`` a person entered); ``dismiss`` closes a notice."""
    if choice not in (*CHOICES, EDIT):
        raise ValidationError(_("Decision"), _("choose ours, theirs or combine."))
    with store.transaction() as s:
        conflict = s.get(MergeConflict, conflict_id)
        if conflict is None or conflict.decision:
            raise NotFoundError(_("There is no open conflict {id}.").format(id=conflict_id))
        if choice == "dismiss" or conflict.kind in NOTICES:
            _answer_notice(s, conflict, choice)
            return conflict
        if choice == "dismiss":  # pragma: no cover - handled above
            return conflict
        model = synced_models()[conflict.table_name]
        row = s.get(model, uuid.UUID(str(conflict.row_id)))
        if row is None:
            raise NotFoundError(
                _("The row of conflict {id} no longer exists.").format(id=conflict_id)
            )
        if conflict.kind == code_conflicts.KIND:
            if choice not in ("ours", "theirs"):
                raise ValidationError(_("Decision"), _("choose ours or theirs."))
            code_conflicts.decide_duplicate(s, conflict, choice)
            conflict.decision = choice
            code_conflicts.review_codes(s, conflict.plan_id, (), conflict.from_site)
            return conflict
        if choice == "ours":
            target = load(conflict.local)
        elif choice == "theirs":
            target = load(conflict.remote)
        elif choice == EDIT:
            target = _edited(model, conflict, value)
        else:
            target = _combined(conflict)
        if conflict.kind == "delete-edit" or conflict.field == "deleted":
            if target:
                _delete_again(s, row)
            else:
                _restore(s, row)
        else:
            _write(s, row, conflict.field, target)
        conflict.decision = choice
        s.flush()
        if conflict.table_name == "objectives" and conflict.field in code_conflicts.CODED:
            # objectives brought back may print like one coded since: a record of it
            code_conflicts.review_codes(s, conflict.plan_id, None, conflict.from_site)
        return conflict


def _answer_notice(s: Session, conflict: MergeConflict, choice: str) -> None:
    if choice == "ours" and conflict.kind == "parent-deleted":
        row = s.get(synced_models()[conflict.table_name], uuid.UUID(str(conflict.row_id)))
        if row is not None and row.deleted:
            _restore(s, row)
    elif choice != "dismiss":
        raise ValidationError(_("Decision"), _("this notice can only be dismissed."))
    conflict.decision = "dismissed" if choice == "dismiss" else choice
    s.flush()


def _parents(s: Session, row: Synced) -> list[Synced]:
    out = []
    models = synced_models()
    for name, table in PARENTS.get(row.__tablename__, ()):  # type: ignore[attr-defined]
        ref = getattr(row, name, None)
        if ref is not None:
            parent = s.get(models[table], ref)
            if parent is not None:
                out.append(parent)
    return out


def _restore(s: Session, row: Synced, seen: set[uuid.UUID] | None = None) -> None:
    """Undelete ``row``, the deleted rows above it and the rows its delete took along."""
    seen = set() if seen is None else seen
    if row.id in seen:
        return
    seen.add(row.id)
    for parent in _parents(s, row):
        if parent.deleted:
            _restore(s, parent, seen)
    txn = s.scalar(
        select(FieldVersion.txn).where(
            FieldVersion.row_id == row.id, FieldVersion.field == "deleted"
        )
    )
    if row.deleted:
        _write(s, row, "deleted", False)
    if txn:
        models = synced_models()
        for table, row_id in s.execute(
            select(FieldVersion.table_name, FieldVersion.row_id).where(
                FieldVersion.field == "deleted", FieldVersion.txn == txn
            )
        ):
            other = s.get(models[table], row_id)
            if other is not None and other.deleted and other.id not in seen:
                seen.add(other.id)
                _write(s, other, "deleted", False)
    s.flush()
    _renumber_around(s, seen)


def _delete_again(s: Session, row: Synced) -> None:
    """Delete ``row`` again, now having seen the edits, with the live rows under it."""
    todo, done = [row], set()
    models = synced_models()
    while todo:
        current = todo.pop()
        if current.id in done:
            continue
        done.add(current.id)
        _write(s, current, "deleted", True)
        for child_table, refs in PARENTS.items():
            model = models[child_table]
            for name, parent_table in refs:
                if parent_table == current.__tablename__:  # type: ignore[attr-defined]
                    todo += list(
                        s.scalars(
                            select(model).where(
                                getattr(model, name) == current.id, model.deleted.is_(False)
                            )
                        )
                    )
    s.flush()
    _renumber_around(s, done)


def _renumber_around(s: Session, row_ids: set[uuid.UUID]) -> None:
    """Positions of the sibling lists of rows brought back or deleted."""
    from planner_app.domain.order import SCOPES

    scopes: dict[str, set[tuple]] = {}
    models = synced_models()
    for table, row_id in s.execute(
        select(FieldVersion.table_name, FieldVersion.row_id).where(
            FieldVersion.row_id.in_(list(row_ids)), FieldVersion.field == "deleted"
        )
    ):
        if table not in SCOPES:
            continue
        row = s.get(models[table], row_id)
        if row is not None:
            key = tuple(
                None if getattr(row, n) is None else str(getattr(row, n)) for n in SCOPES[table]
            )
            scopes.setdefault(table, set()).add(key)
    renumber_positions(s, scopes)
    s.expire_all()


def decision_payload(conflict: MergeConflict) -> str:
    """The JSON of the conflict's two values (for tests and the log)."""
    return json.dumps({"ours": load(conflict.local), "theirs": load(conflict.remote)})


__all__ = ["CHOICES", "EDIT", "decide"]
