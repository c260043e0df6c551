"""The diversity plan of a plan year: contact, texts, pillars, bottlenecks, priorities,
objectives linked to pillars with their actions, and indicators with yearly values.

Figures are exact: percentages 0-100, counts whole and non-negative, a numerator never
above its denominator, years inside the plan's period.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from planner_app.domain import (
    DiversityAction,
    DiversityBottleneck,
    DiversityIndicator,
    DiversityIndicatorValue,
    DiversityObjective,
    DiversityObjectivePillar,
    DiversityPillar,
    DiversityPlan,
    DiversityPriority,
)
from planner_app.domain.enums import MeasureUnit, ValueKind
from planner_app.domain.labels import label
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import rows
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
    updated,
    values_of,
    writable_plan,
)
from planner_app.services.diversity_read import ValueInfo
from planner_app.storage import PlanFile

_TEXTS = ("contact_role", "introduction", "mission", "top_priority")
_PLAIN = {"contact_name": 200, "contact_phone": 64, "contact_email": 200}
_LISTS = {
    "pillar": DiversityPillar,
    "bottleneck": DiversityBottleneck,
    "priority": DiversityPriority,
}


def create_diversity_plan(store: PlanFile, plan_id: uuid.UUID, *, year: int) -> Changed:
    """The diversity plan of ``year`` (one per plan and year; its id derives from both)."""
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        check_year(_("Year"), year, plan)
        row_id = DiversityPlan.key_id(plan.id, year)
        row = s.get(DiversityPlan, row_id)
        if row is not None and not row.deleted:
            raise ValidationError(
                _("Year"), _("the plan already has a diversity plan for {year}.").format(year=year)
            )
        if row is None:
            row = DiversityPlan(id=row_id, plan_id=plan.id, year=year)
            s.add(row)
        row.deleted = False
        return Changed(Entity.DIVERSITY, (row.id,), "created", extra={"kind": "plan"})


def update_diversity_plan(store: PlanFile, diversity_id: uuid.UUID, **fields: object) -> Changed:
    """Set contact_name/role/phone/email, introduction, mission or top_priority."""
    unknown = set(fields) - set(_TEXTS) - set(_PLAIN)
    if unknown:
        raise ValidationError(", ".join(sorted(unknown)), _("is not a field of a diversity plan."))
    with store.transaction() as s:
        row = get_live(s, DiversityPlan, diversity_id, "diversity plan")
        plan = writable_plan(s, row.plan_id)
        old = values_of(row, sorted(fields))
        for name, value in fields.items():
            if name in _PLAIN:
                setattr(row, name, check_text(label(name), value, limit=_PLAIN[name]).strip())  # type: ignore[arg-type]
            else:
                new = check_i18n(label(name), value, languages=plan.language_list)  # type: ignore[arg-type]
                setattr(row, name, merge_i18n(getattr(row, name), new))
        return updated(Entity.DIVERSITY, row, old, kind="plan")


def add_list_item(
    store: PlanFile,
    diversity_id: uuid.UUID,
    kind: str,
    *,
    text: dict[str, str] | str,
    position: int | None = None,
) -> Changed:
    """Add a pillar, bottleneck or priority (``kind``)."""
    model = _LISTS.get(kind)
    if model is None:
        raise ValidationError(_("Kind"), _("must be pillar, bottleneck or priority."))
    with store.transaction() as s:
        parent = get_live(s, DiversityPlan, diversity_id, "diversity plan")
        plan = writable_plan(s, parent.plan_id)
        value = check_i18n(label(kind), text, languages=plan.language_list, required=True)
        row = model(id=uuid.uuid4(), plan_id=plan.id, diversity_plan_id=parent.id)
        if model is DiversityPillar:
            row.title = value
        else:
            row.text = value
        rows.insert_at(s, row, {"diversity_plan_id": parent.id}, position)
        return Changed(Entity.DIVERSITY, (parent.id, row.id), "created", (kind,))


def add_objective(
    store: PlanFile,
    diversity_id: uuid.UUID,
    *,
    title: dict[str, str] | str,
    text: dict[str, str] | str = "",
    pillar_ids: list[uuid.UUID] = (),  # type: ignore[assignment]
    position: int | None = None,
) -> Changed:
    with store.transaction() as s:
        parent = get_live(s, DiversityPlan, diversity_id, "diversity plan")
        plan = writable_plan(s, parent.plan_id)
        row = DiversityObjective(
            id=uuid.uuid4(),
            plan_id=plan.id,
            diversity_plan_id=parent.id,
            title=check_i18n(
                _("Title"), title, languages=plan.language_list, required=True, limit=MAX_TITLE
            ),
            text=check_i18n(_("Text"), text, languages=plan.language_list),
        )
        rows.insert_at(s, row, {"diversity_plan_id": parent.id}, position)
        for pillar_id in dict.fromkeys(pillar_ids):
            pillar = get_live(s, DiversityPillar, pillar_id, "pillar")
            if pillar.diversity_plan_id != parent.id:
                raise ValidationError(_("Pillars"), _("belongs to another diversity plan."))
            s.add(
                DiversityObjectivePillar(
                    id=DiversityObjectivePillar.key_id(row.id, pillar.id),
                    plan_id=plan.id,
                    objective_id=row.id,
                    pillar_id=pillar.id,
                )
            )
        return Changed(Entity.DIVERSITY, (parent.id, row.id), "created", ("objective",))


def add_action(
    store: PlanFile,
    objective_id: uuid.UUID,
    *,
    text: dict[str, str] | str,
    owner: str = "",
    due: str = "",
    position: int | None = None,
) -> Changed:
    with store.transaction() as s:
        objective = get_live(s, DiversityObjective, objective_id, "diversity objective")
        plan = writable_plan(s, objective.plan_id)
        row = DiversityAction(
            id=uuid.uuid4(),
            plan_id=plan.id,
            objective_id=objective.id,
            text=check_i18n(_("Action"), text, languages=plan.language_list, required=True),
            owner=check_text(_("Owner"), owner, limit=200).strip(),
            due=check_text(_("Due"), due, limit=64).strip(),
        )
        rows.insert_at(s, row, {"objective_id": objective.id}, position)
        return Changed(
            Entity.DIVERSITY, (objective.diversity_plan_id, row.id), "created", ("action",)
        )


def add_indicator(
    store: PlanFile,
    diversity_id: uuid.UUID,
    *,
    name: dict[str, str] | str,
    unit: MeasureUnit | str,
    source: dict[str, str] | str = "",
    reliability: dict[str, str] | str = "",
    position: int | None = None,
) -> Changed:
    try:
        unit = MeasureUnit(unit)
    except ValueError:
        raise ValidationError(_("Unit"), _("must be percent, years or count.")) from None
    with store.transaction() as s:
        parent = get_live(s, DiversityPlan, diversity_id, "diversity plan")
        plan = writable_plan(s, parent.plan_id)
        langs = plan.language_list
        row = DiversityIndicator(
            id=uuid.uuid4(),
            plan_id=plan.id,
            diversity_plan_id=parent.id,
            name=check_i18n(_("Indicator"), name, languages=langs, required=True),
            unit=unit,
            source=check_i18n(_("Source"), source, languages=langs),
            reliability=check_i18n(_("Reliability"), reliability, languages=langs),
        )
        rows.insert_at(s, row, {"diversity_plan_id": parent.id}, position)
        return Changed(Entity.DIVERSITY, (parent.id, row.id), "created", ("indicator",))


def set_indicator_value(
    store: PlanFile,
    indicator_id: uuid.UUID,
    *,
    year: int,
    kind: ValueKind | str,
    value: Decimal | int | str | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
) -> Changed:
    """Set a baseline/target/actual; a percentage may be given as numerator/denominator.

    ``old``/``new`` ``"value"`` are the cell before and after (a ``ValueInfo``, ``None``
    when empty); ``extra`` names it (``kind="value"``, ``year``, ``value_kind``)."""
    try:
        kind = ValueKind(kind)
    except ValueError:
        raise ValidationError(_("Kind"), _("must be baseline, target or actual.")) from None
    with store.transaction() as s:
        indicator = get_live(s, DiversityIndicator, indicator_id, "indicator")
        plan = writable_plan(s, indicator.plan_id)
        check_year(_("Year"), year, plan, slack=10)
        number = check_value(indicator.unit, value, numerator, denominator)
        row_id = DiversityIndicatorValue.key_id(indicator.id, year, kind)
        row = s.get(DiversityIndicatorValue, row_id)
        old = None if row is None or row.deleted else _value_info(row)
        if row is None:
            row = DiversityIndicatorValue(
                id=row_id, plan_id=plan.id, indicator_id=indicator.id, year=year, kind=kind
            )
            s.add(row)
        row.value, row.numerator, row.denominator = number, numerator, denominator
        row.deleted = number is None
        return Changed(
            Entity.DIVERSITY,
            (indicator.diversity_plan_id, indicator.id),
            "updated",
            ("values",),
            extra={"kind": "value", "year": year, "value_kind": kind},
            old={"value": old},
            new={"value": None if row.deleted else _value_info(row)},
        )


def _value_info(row: DiversityIndicatorValue) -> ValueInfo:
    return ValueInfo(row.year, ValueKind(row.kind), row.value, row.numerator, row.denominator)


def check_value(
    unit: MeasureUnit,
    value: Decimal | int | str | None,
    numerator: int | None,
    denominator: int | None,
) -> Decimal | None:
    if numerator is not None or denominator is not None:
        for label, n in ((_("Numerator"), numerator), (_("Denominator"), denominator)):
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                raise ValidationError(label, _("must be a whole, non-negative number."))
        assert numerator is not None and denominator is not None
        if denominator == 0:
            raise ValidationError(_("Denominator"), _("must not be zero."))
        if numerator > denominator:
            raise ValidationError(_("Numerator"), _("must not exceed the denominator."))
        if unit is not MeasureUnit.PERCENT:
            raise ValidationError(_("Numerator"), _("only percentages are computed from counts."))
        computed = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.01"))
        if value is not None and value != "":
            given = check_decimal(_("Value"), value, places=6, limit=Decimal(1000))
            if given is not None and given.quantize(Decimal("0.01")) != computed:
                raise ValidationError(
                    _("Value"),
                    _("{value} does not match {n}/{d} = {c}%.").format(
                        value=given, n=numerator, d=denominator, c=computed
                    ),
                )
        return computed
    if unit is MeasureUnit.COUNT:
        number = check_decimal(_("Value"), value, places=0, limit=Decimal(10) ** 9)
    elif unit is MeasureUnit.PERCENT:
        number = check_decimal(_("Value"), value, places=4, limit=Decimal(1000))
        if number is not None and number > 100:
            raise ValidationError(_("Value"), _("a percentage lies between 0 and 100."))
    else:
        number = check_decimal(_("Value"), value, places=2, limit=Decimal(200))
    return number
