"""Deciding a merge conflict: keep ours, take theirs, combine both number changes, or
enter the right value (edit).

A decision changes the field like any edit (the change log carries it to every
replica) and also logs a ``decide`` change from the value the other side holds to
the decided one, written first, so the site the conflict came from takes the decision
instead of seeing a new conflict.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from typing import Any

from planner_app.domain import MergeConflict
from planner_app.domain.changes import log_decision, to_json_value
from planner_app.errors import NotFoundError, ValidationError
from planner_app.exchange import code_conflicts
from planner_app.exchange.values import current, from_json, load, synced_models
from planner_app.i18n import _
from planner_app.services.common import parse_decimal
from planner_app.storage import PlanFile

CHOICES = ("ours", "theirs", "combine")
EDIT = "edit"  # needs the value: not one of the command line's CHOICES


def _combined(conflict: MergeConflict, local: Any) -> Any:
    """local + remote - base, for numbers only (amounts, FTE, headcounts)."""
    base, remote = load(conflict.base), load(conflict.remote)
    try:
        total = Decimal(str(local)) + Decimal(str(remote)) - Decimal(str(base))
    except (ArithmeticError, ValueError, TypeError) as err:
        raise ValidationError(
            _("Decision"), _("only two changes of a number can be combined.")
        ) from err
    if isinstance(local, int) and total == total.to_integral_value():
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


def decide(store: PlanFile, conflict_id: int, choice: str, value: Any = None) -> MergeConflict:
    """Settle one open conflict with ``choice`` (one of ``CHOICES``, or ``EDIT`` with
    the ``value`` a person entered)."""
    if choice not in (*CHOICES, EDIT):
        raise ValidationError(_("Decision"), _("choose ours, theirs or combine."))
    with store.transaction() as s:
        conflict = s.get(MergeConflict, conflict_id)
        if conflict is None or conflict.decision:
            raise NotFoundError(_("There is no open conflict {id}.").format(id=conflict_id))
        model = synced_models()[conflict.table_name]
        row = s.get(model, uuid.UUID(str(conflict.row_id)))
        if row is None:
            raise NotFoundError(
                _("The row of conflict {id} no longer exists.").format(id=conflict_id)
            )
        name = conflict.field
        local = current(row, name)
        if conflict.kind == code_conflicts.KIND:  # HOOK (issue 23)
            if choice not in ("ours", "theirs"):
                raise ValidationError(_("Decision"), _("choose ours or theirs."))
            target = code_conflicts.decide_duplicate(s, conflict, row, choice)  # type: ignore[arg-type]
            if conflict.remote != json.dumps(target, ensure_ascii=False, sort_keys=True):
                log_decision(s, row, name, conflict.remote or "null", json.dumps(target))
            conflict.decision = choice
            return conflict
        if choice == "ours":
            target = local
        elif choice == "theirs":
            target = load(conflict.remote)
        elif choice == EDIT:
            target = _edited(model, conflict, value)
        else:
            target = _combined(conflict, local)
        target_json = json.dumps(target, ensure_ascii=False, sort_keys=True)
        if conflict.kind == "delete-edit" and choice == "ours":
            log_decision(s, row, "deleted", "false", "true")  # the deletion stands there too
        elif conflict.remote != target_json and conflict.remote is not None:
            log_decision(s, row, name, conflict.remote, target_json)
        if target != local:
            setattr(row, name, from_json(model, name, target))
            if name != "deleted" and conflict.kind in {"delete-edit", "parent-deleted"}:
                row.deleted = False  # taking their edit brings the row back
        conflict.decision = choice
        return conflict
