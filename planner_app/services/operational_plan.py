"""A yearly plan made from its strategic plan (003 §1.2: the strategic plan "is made
concrete each year in an operational plan").

The new plan is a draft of one year within the strategic plan's period, linked to it
(``Plan.strategic_plan_id``), in its languages, with its organisation, its levels (so
that its codes print alike: SD 1, OD 1.2), its policy fields and its organisation
units (the lead units of the year's objectives). The strategic plan's SDs, and unless
told otherwise its ODs, stand in it as read-only references (``services.references``)
with their codes; the year's operational objectives and initiatives are added under
them. The strategic plan's other content (chapters, initiatives, budget, staffing,
indicators) stays there.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import Objective, OrgUnit, Plan, PlanLevel, PlanOwned, PolicyField
from planner_app.domain.enums import ObjectiveLevel, PlanKind, Status
from planner_app.errors import ValidationError
from planner_app.i18n import N_, _, translator
from planner_app.services import objectives, plans, references
from planner_app.services.common import Changed, Entity, check_year, get_plan
from planner_app.services.copying import copy_rows
from planner_app.services.levels import scheme_of
from planner_app.storage import PlanFile

# The default title of the new plan, in each of its content languages.
_TITLES = {
    PlanKind.OPERATIONAL: N_("Operational plan {year}"),
    PlanKind.BUSINESS: N_("Business plan {year}"),
}


def default_title(kind: PlanKind, year: int, languages: list[str] | tuple[str, ...]) -> dict:
    """ "Operationeel plan 2026" / "Plan opérationnel 2026": one per content language."""
    text = _TITLES.get(PlanKind(kind), _TITLES[PlanKind.OPERATIONAL])
    return {lang: translator(lang)(text).format(year=year) for lang in languages}


def suggested_code(strategic_code: str, year: int) -> str:
    """A code for the year's plan of ``strategic_code``: "ibz-2025-2029" -> "ibz-op-2026"."""
    stem = strategic_code.split("-")[0] or strategic_code
    return f"{stem}-op-{year}"


def create_from_strategic(
    store: PlanFile,
    *,
    strategic_plan_id: uuid.UUID,
    year: int,
    code: str,
    kind: PlanKind | str = PlanKind.OPERATIONAL,
    title: dict[str, str] | str | None = None,
    with_operational: bool = True,
) -> Changed:
    """Make the yearly plan ``code`` of ``year`` from the strategic plan; its SDs (and,
    with ``with_operational``, its ODs) as references. ``Changed.ids`` is the new plan's
    id; ``extra["references"]`` counts the reference rows made."""
    kind = PlanKind(kind)
    if not kind.is_yearly:
        raise ValidationError(
            _("Kind"),
            _("only a yearly plan (operational or business) is made from a strategic plan."),
        )
    check_year(_("Year"), year)
    levels = {ObjectiveLevel.STRATEGIC}
    if with_operational:
        levels.add(ObjectiveLevel.OPERATIONAL)
    with store.transaction() as s:
        strategic = get_plan(s, strategic_plan_id)
        if strategic.kind is not PlanKind.STRATEGIC:
            raise ValidationError(
                _("Strategic plan"),
                _("{code} is not a strategic plan.").format(code=strategic.code),
            )
        if not strategic.first_year <= year <= strategic.last_year:
            raise ValidationError(
                _("Year"),
                _("{year} is outside strategic plan {code} ({first}-{last}).").format(
                    year=year,
                    code=strategic.code,
                    first=strategic.first_year,
                    last=strategic.last_year,
                ),
            )
        langs = strategic.language_list
        if title is None or title == "" or title == {}:
            title = default_title(kind, year, langs)
        made = plans.create_plan(
            store,
            code=code,
            kind=kind,
            title=title,
            first_year=year,
            organisation=dict(strategic.organisation),
            languages=langs,
            strategic_plan_id=strategic.id,
        )
        target = get_plan(s, made.ids[0])

        def keep(model: type[PlanOwned], row: Any) -> bool:
            if model is Objective:
                return row.level in levels
            return model in (PlanLevel, PolicyField, OrgUnit)

        sources = {new: old for old, new in copy_rows(s, strategic, target, keep).items()}
        _with_operational_level(s, target.id)
        s.flush()
        count = 0
        for row in s.scalars(select(Objective).where(Objective.plan_id == target.id)):
            _as_reference(row, sources[row.id])
            count += 1
        s.flush()
        return Changed(Entity.PLAN, (target.id,), "created", extra={"references": count})


def _with_operational_level(s: Session, plan_id: uuid.UUID) -> None:
    """The year's plan has operational objectives even where its strategic plan has
    none (003's SDs hold their werven directly): its OD level is used, named and coded
    as the strategic plan has it (a plan with no levels of its own uses the standard
    preset, where it is)."""
    level = s.scalars(
        select(PlanLevel).where(
            PlanLevel.plan_id == plan_id,
            PlanLevel.level == ObjectiveLevel.OPERATIONAL,
            PlanLevel.deleted.is_(False),
        )
    ).first()
    if level is not None and not level.used:
        level.used = True


def _as_reference(row: Objective, source_id: uuid.UUID) -> None:
    """A copied strategic objective made the reference row standing for it: its code
    and title, no texts, units or status of its own."""
    row.is_reference = True
    row.strategic_link_id = source_id
    row.carried_from_id = None
    row.description = {}
    row.intended_results = {}
    row.lead_unit_id = None
    row.status = Status.NOT_APPLICABLE


def bring_references_up(store: PlanFile, s: Session, plan: Plan) -> list[str]:
    """Next year's draft ``plan`` refers to its strategic plan as it stands now: the
    reference rows take the strategic plan's codes and titles of today (last year's
    plan may have been fixed with older ones), and a strategic objective added there
    since gets its reference row (an OD only where the plan refers to ODs). The codes
    of the rows added, as printed in the main language."""
    if plan.strategic_plan_id is None:
        return []
    references.refresh(s, plan)
    rows = s.scalars(
        select(Objective).where(Objective.plan_id == plan.id, Objective.deleted.is_(False))
    ).all()
    row_of = {r.strategic_link_id: r for r in rows if r.is_reference and r.strategic_link_id}
    levels = {ObjectiveLevel.STRATEGIC} | {
        r.level for r in rows if r.is_reference and r.level is ObjectiveLevel.OPERATIONAL
    }
    strategic = get_plan(s, plan.strategic_plan_id)
    fields = {
        (f.code, tuple(sorted(f.title.items()))): f.id
        for f in s.scalars(
            select(PolicyField).where(
                PolicyField.plan_id == plan.id, PolicyField.deleted.is_(False)
            )
        )
    }
    added: list[str] = []
    sources = s.scalars(
        select(Objective)
        .where(
            Objective.plan_id == strategic.id,
            Objective.deleted.is_(False),
            Objective.level.in_(levels),
        )
        .order_by(Objective.level, Objective.position)
    ).all()
    scheme = scheme_of(s, plan)
    main = plan.language_list[0] if plan.language_list else "nl"
    for source in sorted(sources, key=lambda o: o.level is not ObjectiveLevel.STRATEGIC):
        if source.id in row_of:
            continue
        parent = row_of.get(source.parent_id) if source.parent_id else None
        if source.parent_id is not None and parent is None:
            continue  # under an objective the plan does not refer to
        field_id = None
        if source.policy_field_id is not None:
            field = s.get(PolicyField, source.policy_field_id)
            if field is not None:
                field_id = fields.get((field.code, tuple(sorted(field.title.items()))))
        made = objectives.add_objective(
            store,
            plan.id,
            level=source.level,
            title={k: v for k, v in source.title.items() if k in plan.language_list}
            or {main: next(iter(source.title.values()), "?")},
            parent_id=parent.id if parent is not None else None,
            policy_field_id=field_id,
            strategic_link_id=source.id,
        )
        row = s.get(Objective, made.ids[0])
        assert row is not None
        row.code, row.code_literal, row.title = source.code, source.code_literal, dict(source.title)
        _as_reference(row, source.id)
        row_of[source.id] = row
        added.append(scheme.printed(row.level, row.code, row.code_literal, main))
    s.flush()
    return added
