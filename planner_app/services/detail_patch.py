"""An objective's detail as read, brought up to date with one edit's ``Changed``
without reading the file again.

The update services of objectives, milestones and indicators say which row, which
fields and their values as stored (``Changed.new``): the objective editor makes the
next ``ObjectiveDetail`` from them, so an edit, its undo and its redo cost no read.
What changes more than the row (a code, printed through the plan's levels; a row
added, removed or moved) returns ``None``: the caller reads the detail again. No Qt.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from planner_app.services.common import Changed, Entity
from planner_app.services.details import ObjectiveDetail

# Objective fields an update changes in place (a code is printed through the plan's
# levels: read again).
_IN_PLACE = {
    "title": "title",
    "description": "description",
    "intended_results": "intended_results",
    "kind": "kind",
    "status": "status",
    "lead_unit_id": "lead_unit_id",
    "partners": "partner_ids",
    "policy_field_id": "policy_field_id",
    "strategic_link_id": "strategic_link_id",
}


def patched_detail(detail: ObjectiveDetail, changed: Changed) -> ObjectiveDetail | None:
    """``detail`` with ``changed`` applied, or ``None`` when it cannot be done in place."""
    if changed.op != "updated" or not concerns(detail.id, changed):
        return None
    new = dict(changed.new)
    value_cell = changed.entity is Entity.INDICATOR and bool(_CELLS & set(changed.fields))
    if not value_cell and set(changed.fields) - set(new):
        return None  # a field written without its new value: read it
    if changed.entity is Entity.OBJECTIVE:
        if changed.ids[0] != detail.id or not set(new) <= set(_IN_PLACE):
            return None
        values = {_IN_PLACE[name]: value for name, value in new.items()}
        if "partner_ids" in values:
            values["partner_ids"] = tuple(values["partner_ids"])
        return dataclasses.replace(detail, **values)
    if changed.entity is Entity.MILESTONE:
        rows = _replace(detail.milestones, changed.ids[0], new)
        return None if rows is None else dataclasses.replace(detail, milestones=rows)
    if changed.entity is Entity.INDICATOR:
        cells = _CELLS & set(changed.fields)
        if cells:
            return _patch_value(detail, changed, next(iter(cells)))
        rows = _replace(detail.indicators, changed.ids[0], new)
        return None if rows is None else dataclasses.replace(detail, indicators=rows)
    return None


# An indicator's value cells: (field of ``IndicatorInfo``, the ``extra`` keys naming it).
_CELL_KEYS = {
    "values": ("year", "kind"),
    "quarters": ("year", "quarter"),
    "unit_values": ("unit_id", "year", "kind"),
}
_CELLS = frozenset(_CELL_KEYS)


def concerns(objective_id: object, changed: Changed) -> bool:
    """Whether ``changed`` is about the objective ``objective_id`` or one of its rows."""
    return objective_id in changed.ids or changed.extra.get("objective_id") == objective_id


def _replace(rows: tuple[Any, ...], row_id: Any, new: dict[str, Any]) -> tuple | None:
    if not new or not any(r.id == row_id for r in rows):
        return None
    names = {f.name for f in dataclasses.fields(rows[0])}
    new = {name: value for name, value in new.items() if name in names}  # not "due" whole
    return tuple(dataclasses.replace(r, **new) if r.id == row_id else r for r in rows)


def _patch_value(detail: ObjectiveDetail, changed: Changed, what: str) -> ObjectiveDetail | None:
    indicator_id = changed.ids[0]
    key = tuple(changed.extra[name] for name in _CELL_KEYS[what])
    value = changed.new.get("value")
    if not any(i.id == indicator_id for i in detail.indicators):
        return None

    def update(indicator: Any) -> Any:
        values = dict(getattr(indicator, what))
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
        return dataclasses.replace(indicator, **{what: values})

    rows = tuple(update(i) if i.id == indicator_id else i for i in detail.indicators)
    return dataclasses.replace(detail, indicators=rows)
