"""Deciding a merge conflict: keep ours, take theirs, or combine both number changes.

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
from planner_app.domain.changes import log_decision
from planner_app.errors import NotFoundError, ValidationError
from planner_app.exchange.values import current, from_json, load, synced_models
from planner_app.i18n import _
from planner_app.storage import PlanFile

CHOICES = ("ours", "theirs", "combine")


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


def decide(store: PlanFile, conflict_id: int, choice: str) -> MergeConflict:
    """Settle one open conflict with ``choice`` (one of ``CHOICES``)."""
    if choice not in CHOICES:
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
        if choice == "ours":
            target = local
        elif choice == "theirs":
            target = load(conflict.remote)
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
