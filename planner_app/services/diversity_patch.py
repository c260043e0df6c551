"""A diversity plan as read, brought up to date with one edit's ``Changed`` without
reading the file again.

An update of the diversity services says which row (``extra["kind"]`` and the last
id), which fields and their new values, so the pane showing a ``DiversityInfo`` can
make the next one from it: an edit, its undo and its redo cost no read. Anything else
(a row added, removed, moved or restored; another diversity plan) returns ``None``: the
caller reads the plan again. No Qt.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from planner_app.domain.enums import ValueKind
from planner_app.services.common import Changed, Entity
from planner_app.services.diversity_read import (
    DiversityIndicatorInfo,
    DiversityInfo,
    ObjectiveInfo,
    ValueInfo,
)

_LISTS = {"pillar": "pillars", "bottleneck": "bottlenecks", "priority": "priorities"}
_KINDS = list(ValueKind)


def patched(info: DiversityInfo, changed: Changed) -> DiversityInfo | None:
    """``info`` with ``changed`` applied, or ``None`` when it cannot be done in place."""
    if changed.entity is not Entity.DIVERSITY or changed.op != "updated":
        return None
    if not changed.ids or changed.ids[0] != info.id:
        return None
    kind = changed.extra.get("kind")
    new = dict(changed.new)
    if kind != "value" and (not new or set(changed.fields) - set(new)):
        return None  # fields written without their new values: read the plan
    if kind == "plan":
        return dataclasses.replace(info, **new)
    row_id = changed.ids[-1]
    if kind in _LISTS:
        attribute = _LISTS[kind]
        rows = _replace_row(getattr(info, attribute), row_id, new)
        return None if rows is None else dataclasses.replace(info, **{attribute: rows})
    if kind == "objective":
        if "pillar_ids" in new:
            order = {p.id: p.position for p in info.pillars}
            wanted = [p for p in new["pillar_ids"] if p in order]
            new["pillar_ids"] = tuple(sorted(wanted, key=order.__getitem__))
        objectives = _replace_row(info.objectives, row_id, new)
        return None if objectives is None else dataclasses.replace(info, objectives=objectives)
    if kind == "action":
        return _patch_action(info, row_id, new)
    if kind == "indicator":
        indicators = _replace_row(info.indicators, row_id, new)
        return None if indicators is None else dataclasses.replace(info, indicators=indicators)
    if kind == "value":
        return _patch_value(info, row_id, changed)
    return None


def _replace_row(rows: tuple[Any, ...], row_id: Any, new: dict[str, Any]) -> tuple | None:
    if not any(r.id == row_id for r in rows):
        return None
    return tuple(dataclasses.replace(r, **new) if r.id == row_id else r for r in rows)


def _patch_action(info: DiversityInfo, action_id: Any, new: dict[str, Any]) -> DiversityInfo | None:
    objectives: list[ObjectiveInfo] = []
    found = False
    for objective in info.objectives:
        actions = _replace_row(objective.actions, action_id, new)
        if actions is not None:
            found = True
            objective = dataclasses.replace(objective, actions=actions)
        objectives.append(objective)
    return dataclasses.replace(info, objectives=tuple(objectives)) if found else None


def _patch_value(info: DiversityInfo, indicator_id: Any, changed: Changed) -> DiversityInfo | None:
    year, kind = changed.extra["year"], ValueKind(changed.extra["value_kind"])
    value: ValueInfo | None = changed.new.get("value")

    def update(indicator: DiversityIndicatorInfo) -> DiversityIndicatorInfo:
        values = [v for v in indicator.values if (v.year, v.kind) != (year, kind)]
        if value is not None:
            values.append(value)
        values.sort(key=lambda v: (v.year, _KINDS.index(v.kind)))
        return dataclasses.replace(indicator, values=tuple(values))

    if not any(i.id == indicator_id for i in info.indicators):
        return None
    indicators = tuple(update(i) if i.id == indicator_id else i for i in info.indicators)
    return dataclasses.replace(info, indicators=indicators)
