"""Edits of what hangs on an objective: its milestones (text, when they are due, done
and when) and its indicators (name, unit, target in words, values by year, actuals by
quarter, values per unit). Each opens its own transaction, validates, and returns a
``Changed`` with the old and new values it read in that transaction (the undo stack
writes back exactly those). Reads are in ``details``. No Qt.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import NamedTuple

from planner_app.domain import (
    Indicator,
    IndicatorQuarterValue,
    IndicatorUnitValue,
    IndicatorValue,
    Milestone,
    Objective,
    OrgUnit,
)
from planner_app.domain.due import parse_due
from planner_app.domain.enums import DuePrecision, ValueKind
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import references, rows
from planner_app.services.common import (
    MAX_TITLE,
    Changed,
    Entity,
    check_decimal,
    check_i18n,
    check_text,
    check_year,
    get_live,
    merge_i18n,
    merge_required,
    updated,
    values_of,
    writable_plan,
)
from planner_app.storage import PlanFile

INDICATOR_LIMIT = Decimal(10) ** 15


# --- milestones ----------------------------------------------------------------------

_MILESTONE_SCOPE = ("objective_id",)
MILESTONE_FIELDS = frozenset({"period", "due", "due_date", "text", "done", "done_on", "replan"})


class MilestoneDue(NamedTuple):
    """When a milestone is due, as stored: the text it was given as, the last day it is
    due by and how that day was given (``None`` twice for a text that is no date)."""

    period: str
    due_by: dt.date | None
    precision: DuePrecision | None


def due_from_text(text: str) -> MilestoneDue:
    """What a typed due is: the text kept as written, with its day when it names one
    (``domain.due.parse_due``: "Q3 2026", "15/05/2025", "2025", "Q3-Q4 2025" ...)."""
    text = check_text(_("Due"), text, limit=64).strip()
    found = parse_due(text)
    if found is None:
        return MilestoneDue(text, None, None)
    return MilestoneDue(text, found.day, found.precision)


def _check_due(value: object) -> MilestoneDue:
    if isinstance(value, str):
        return due_from_text(value)
    if isinstance(value, tuple) and len(value) == 3:
        period, day, precision = value
        checked = check_text(_("Due"), period or "", limit=64).strip()
        if precision is not None:
            precision = DuePrecision(precision)
        return MilestoneDue(checked, _check_date(day), precision if day is not None else None)
    raise ValidationError(_("Due"), _("is not a date."))


def add_milestone(
    store: PlanFile,
    objective_id: uuid.UUID,
    *,
    text: dict[str, str] | str,
    period: str = "",
    due: MilestoneDue | str | None = None,
    due_date: dt.date | None = None,
    done: bool = False,
    done_on: dt.date | None = None,
    position: int | None = None,
) -> Changed:
    """Add a milestone; ``due`` (or ``period``, the same as text) says when it is due,
    ``due_date`` a day (as callers before dated milestones gave it)."""
    if due is None and due_date is not None:
        due = MilestoneDue(period, due_date, DuePrecision.DAY)
    with store.transaction() as s:
        obj = get_live(s, Objective, objective_id, "objective")
        plan = writable_plan(s, obj.plan_id)
        references.refuse_reference(obj)  # the strategic plan's objective, read-only here
        when = _check_due(period if due is None else due)
        row = Milestone(
            id=uuid.uuid4(),
            plan_id=plan.id,
            objective_id=obj.id,
            period=when.period,
            due_by=when.due_by,
            due_precision=when.precision,
            text=check_i18n(_("Milestone"), text, languages=plan.language_list, required=True),
            done=bool(done),
            done_on=_check_date(done_on),
        )
        rows.insert_at(s, row, {"objective_id": obj.id}, position)
        return Changed(Entity.MILESTONE, (row.id, obj.id), "created")


def _check_date(value: object) -> dt.date | None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise ValidationError(_("Date"), _("is not a date."))
    return value  # type: ignore[return-value]


def _due_of(row: Milestone) -> MilestoneDue:
    return MilestoneDue(row.period, row.due_by, row.due_precision)


def update_milestone(store: PlanFile, milestone_id: uuid.UUID, **fields: object) -> Changed:
    """Set ``due`` (a ``MilestoneDue``, or text read as ``due_from_text``; ``period`` is
    the same as text), ``text`` (merged per language), ``done``, ``done_on`` or
    ``replan`` (a milestone carried from last year's plan that is still to plan again).

    A due's old and new values are reported whole (``"due"``) and by column (``period``,
    ``due_by``, ``due_precision``), so an undo writes back exactly what was there."""
    unknown = set(fields) - MILESTONE_FIELDS
    if unknown:
        raise ValidationError(", ".join(sorted(unknown)), _("is not a field of a milestone."))
    if "period" in fields:
        fields["due"] = fields.pop("period")
    if "due_date" in fields:  # a day, as callers before dated milestones gave it
        day = fields.pop("due_date")
        fields["due"] = MilestoneDue("", day, DuePrecision.DAY if day else None)  # type: ignore[arg-type]
    with store.transaction() as s:
        row = get_live(s, Milestone, milestone_id, "milestone")
        plan = writable_plan(s, row.plan_id)
        names = sorted(n for n in fields if n != "due")
        old = values_of(row, names)
        if "due" in fields:
            old.update(due=_due_of(row), period=row.period, due_by=row.due_by)
            old["due_precision"] = row.due_precision
            when = _check_due(fields["due"])
            row.period, row.due_by, row.due_precision = when
        if "text" in fields:
            row.text = merge_required(_("Milestone"), row.text, fields["text"], plan.language_list)
        if "done" in fields:
            row.done = bool(fields["done"])
        if "done_on" in fields:
            row.done_on = _check_date(fields["done_on"])
        if "replan" in fields:
            row.replan = bool(fields["replan"])
        new = {name: value for name, value in old.items() if name != "due"}
        new = values_of(row, new)
        if "due" in fields:
            new["due"] = _due_of(row)
        return Changed(
            Entity.MILESTONE,
            (row.id, row.objective_id),
            "updated",
            tuple(old),
            old=old,
            new=new,
        )


def delete_milestone(store: PlanFile, milestone_id: uuid.UUID) -> Changed:
    return rows.delete_row(
        store, Milestone, milestone_id, entity=Entity.MILESTONE, scope_fields=_MILESTONE_SCOPE
    )


def restore_milestone(
    store: PlanFile, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    return rows.restore_rows(
        store,
        Milestone,
        ids,
        entity=Entity.MILESTONE,
        scope_fields=_MILESTONE_SCOPE,
        position=position,
    )


def move_milestone(store: PlanFile, milestone_id: uuid.UUID, position: int) -> Changed:
    return rows.move_row(
        store,
        Milestone,
        milestone_id,
        position,
        entity=Entity.MILESTONE,
        scope_fields=_MILESTONE_SCOPE,
    )


# --- indicators ----------------------------------------------------------------------


def add_indicator(
    store: PlanFile,
    objective_id: uuid.UUID,
    *,
    name: dict[str, str] | str,
    unit_of_measure: str = "",
    position: int | None = None,
) -> Changed:
    with store.transaction() as s:
        obj = get_live(s, Objective, objective_id, "objective")
        plan = writable_plan(s, obj.plan_id)
        references.refuse_reference(obj)  # the strategic plan's objective, read-only here
        row = Indicator(
            id=uuid.uuid4(),
            plan_id=plan.id,
            objective_id=obj.id,
            name=check_i18n(_("Indicator"), name, languages=plan.language_list, required=True),
            unit_of_measure=check_text(_("Unit of measure"), unit_of_measure, limit=64).strip(),
        )
        rows.insert_at(s, row, {"objective_id": obj.id}, position)
        return Changed(Entity.INDICATOR, (row.id, obj.id), "created")


INDICATOR_FIELDS = frozenset(
    {"name", "unit_of_measure", "target_text", "target_date", "target_done"}
)


def update_indicator(store: PlanFile, indicator_id: uuid.UUID, **fields: object) -> Changed:
    """Set the name or the target in words (merged per language), the unit of measure,
    the target's date or whether the target in words is done."""
    unknown = set(fields) - INDICATOR_FIELDS
    if unknown:
        raise ValidationError(", ".join(sorted(unknown)), _("is not a field of an indicator."))
    with store.transaction() as s:
        row = get_live(s, Indicator, indicator_id, "indicator")
        plan = writable_plan(s, row.plan_id)
        old = values_of(row, sorted(fields))
        if "name" in fields:
            row.name = merge_required(_("Indicator"), row.name, fields["name"], plan.language_list)
        if "unit_of_measure" in fields:
            row.unit_of_measure = check_text(
                _("Unit of measure"),
                fields["unit_of_measure"],  # type: ignore[arg-type]
                limit=64,
            ).strip()
        if "target_text" in fields:
            text = check_i18n(
                _("Target in words"),
                fields["target_text"],  # type: ignore[arg-type]
                languages=plan.language_list,
                limit=MAX_TITLE,
            )
            row.target_text = merge_i18n(row.target_text, text)
        if "target_date" in fields:
            row.target_date = _check_date(fields["target_date"])
        if "target_done" in fields:
            row.target_done = bool(fields["target_done"])
        return updated(Entity.INDICATOR, row, old, ids=(row.id, row.objective_id))


def set_indicator_value(
    store: PlanFile,
    indicator_id: uuid.UUID,
    *,
    year: int,
    kind: ValueKind | str,
    value: Decimal | int | str | None,
) -> Changed:
    """Set (or with ``None`` clear) the baseline, target or actual of a year (from ten
    years before the plan's period to ten after it); the ``Changed`` carries the value
    before and after (``old``/``new`` ``"value"``) and the cell (``extra`` ``year``,
    ``kind``, ``objective_id``)."""
    kind = _check_kind(kind)
    return _set_cell(store, indicator_id, IndicatorValue, "values", value, year=year, kind=kind)


def set_quarter_value(
    store: PlanFile,
    indicator_id: uuid.UUID,
    *,
    year: int,
    quarter: int,
    value: Decimal | int | str | None,
) -> Changed:
    """Set (``None``: clear) the actual of one quarter; ``extra`` names ``year`` and
    ``quarter``, ``old``/``new`` ``"value"`` as ``set_indicator_value``."""
    if not isinstance(quarter, int) or isinstance(quarter, bool) or not 1 <= quarter <= 4:
        raise ValidationError(_("Quarter"), _("must be 1, 2, 3 or 4."))
    return _set_cell(
        store, indicator_id, IndicatorQuarterValue, "quarters", value, year=year, quarter=quarter
    )


def set_unit_value(
    store: PlanFile,
    indicator_id: uuid.UUID,
    *,
    unit_id: uuid.UUID,
    year: int,
    kind: ValueKind | str,
    value: Decimal | int | str | None,
) -> Changed:
    """Set (``None``: clear) one unit's baseline, target or actual of a year (a
    breakdown of the indicator per unit of the plan); ``extra`` names ``unit_id``,
    ``year`` and ``kind``."""
    kind = _check_kind(kind)
    with store.read() as s:
        unit = get_live(s, OrgUnit, unit_id, "unit")
        indicator = get_live(s, Indicator, indicator_id, "indicator")
        if unit.plan_id != indicator.plan_id:
            raise ValidationError(_("Unit"), _("is not a unit of this plan."))
    return _set_cell(
        store,
        indicator_id,
        IndicatorUnitValue,
        "unit_values",
        value,
        unit_id=unit_id,
        year=year,
        kind=kind,
    )


def _check_kind(kind: ValueKind | str) -> ValueKind:
    try:
        return ValueKind(kind)
    except ValueError:
        raise ValidationError(_("Kind"), _("must be baseline, target or actual.")) from None


def _set_cell(
    store: PlanFile,
    indicator_id: uuid.UUID,
    model: type,
    what: str,
    value: Decimal | int | str | None,
    **key: object,
) -> Changed:
    """Write one value row of ``model`` (its natural key: the indicator and ``key``)."""
    number = check_decimal(_("Value"), value, places=6, limit=INDICATOR_LIMIT, allow_negative=True)
    with store.transaction() as s:
        indicator = get_live(s, Indicator, indicator_id, "indicator")
        plan = writable_plan(s, indicator.plan_id)
        check_year(_("Year"), key["year"], plan, slack=10)  # type: ignore[arg-type]
        names = [n for n in model.natural_key if n != "indicator_id"]
        row_id = model.key_id(indicator.id, *(key[n] for n in names))
        row = s.get(model, row_id)
        cell = {**key, "objective_id": indicator.objective_id}
        old = {"value": None if row is None or row.deleted else row.value}
        if row is None:
            if number is None:
                return Changed(
                    Entity.INDICATOR,
                    (indicator.id,),
                    "updated",
                    (what,),
                    extra=cell,
                    old=old,
                    new={"value": None},
                )
            row = model(id=row_id, plan_id=plan.id, indicator_id=indicator.id, **key)
            s.add(row)
        row.value = number
        row.deleted = number is None
        return Changed(
            Entity.INDICATOR,
            (indicator.id, row.id),
            "updated",
            (what,),
            extra=cell,
            old=old,
            new={"value": number},
        )


def delete_indicator(store: PlanFile, indicator_id: uuid.UUID) -> Changed:
    return rows.delete_row(
        store,
        Indicator,
        indicator_id,
        entity=Entity.INDICATOR,
        scope_fields=_MILESTONE_SCOPE,
        cascade=(
            (IndicatorValue, "indicator_id"),
            (IndicatorQuarterValue, "indicator_id"),
            (IndicatorUnitValue, "indicator_id"),
        ),
    )


def restore_indicator(
    store: PlanFile, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    return rows.restore_rows(
        store,
        Indicator,
        ids,
        entity=Entity.INDICATOR,
        scope_fields=_MILESTONE_SCOPE,
        position=position,
        others=(IndicatorValue, IndicatorQuarterValue, IndicatorUnitValue),
    )
