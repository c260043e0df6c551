"""Setting a plan's levels, one by one or from a preset: one write of its four
``PlanLevel`` rows (made when the plan has none yet).

Refused when it would leave objectives on a level the plan no longer uses, give two
objectives the same printed code, or number a level differently in two languages.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner_app.domain import Objective, Plan, PlanLevel
from planner_app.domain.codes import MAX_CODE, CodePattern, LevelScheme, PatternError
from planner_app.domain.enums import CONTENT_LANGUAGES, ObjectiveLevel
from planner_app.domain.levels import LEVELS, LevelSpec
from planner_app.errors import ValidationError
from planner_app.i18n import _, ngettext
from planner_app.services import codes
from planner_app.services.common import Changed, Entity, check_text, writable_plan
from planner_app.services.levels import MAX_NAME, load_scheme, preset_specs, scheme_of, specs_of
from planner_app.storage import PlanFile


def _check_specs(
    s: Session, plan: Plan, specs: Mapping[ObjectiveLevel, LevelSpec]
) -> dict[ObjectiveLevel, LevelSpec]:
    """The specs, cleaned, or a ``ValidationError`` naming the level and what is wrong."""
    main = plan.language_list[0]
    out: dict[ObjectiveLevel, LevelSpec] = {}
    counts = dict(
        s.execute(
            select(Objective.level, func.count())
            .where(Objective.plan_id == plan.id, Objective.deleted.is_(False))
            .group_by(Objective.level)
        ).all()
    )
    for level, spec in specs.items():
        field = _("Level {n}").format(n=level.rank)
        names = {
            lang: check_text(f"{field} ({lang})", text.strip(), limit=MAX_NAME)
            for lang, text in spec.name.items()
            if lang in CONTENT_LANGUAGES and text.strip()
        }
        patterns = {
            lang: check_text(f"{field} ({lang})", " ".join(text.split()), limit=MAX_CODE)
            for lang, text in spec.pattern.items()
            if lang in CONTENT_LANGUAGES and text.strip()
        }
        used = spec.used or level is ObjectiveLevel.STRATEGIC
        if used and not names.get(main):
            raise ValidationError(field, _("give the level a name in {lang}.").format(lang=main))
        if used and not patterns.get(main):
            raise ValidationError(
                field, _("give the level a code pattern in {lang}.").format(lang=main)
            )
        numbers = set()
        for lang, text in patterns.items():
            try:
                pattern = CodePattern.parse(text)
            except PatternError:
                raise ValidationError(
                    f"{field} ({lang})",
                    _(
                        "a code pattern holds {n} once, and may hold {parent} before it "
                        "(for example OO {parent}.{n})."
                    ),
                ) from None
            if level is ObjectiveLevel.STRATEGIC and pattern.uses_parent:
                raise ValidationError(
                    f"{field} ({lang})", _("the top level has no parent to number from.")
                )
            numbers.add(pattern.number)
        if len(numbers) > 1:
            raise ValidationError(
                field,
                _("number the level alike in every language; only the words may differ."),
            )
        if not used and counts.get(level):
            raise ValidationError(
                field,
                ngettext(
                    "{n} objective is on this level; move or delete it first.",
                    "{n} objectives are on this level; move or delete them first.",
                    counts[level],
                ).format(n=counts[level]),
            )
        out[level] = LevelSpec(level, used, names, patterns)
    return out


def _write(s: Session, plan: Plan, specs: Mapping[ObjectiveLevel, LevelSpec]) -> None:
    existing = {
        row.level: row for row in s.scalars(select(PlanLevel).where(PlanLevel.plan_id == plan.id))
    }
    for level, spec in specs.items():
        row = existing.get(level)
        if row is None:
            row = PlanLevel(id=PlanLevel.key_id(plan.id, level.value), plan_id=plan.id, level=level)
            s.add(row)
        row.deleted = False
        row.used = spec.used
        row.name = dict(spec.name)
        row.pattern = dict(spec.pattern)


def set_levels(store: PlanFile, plan_id: uuid.UUID, specs: Iterable[LevelSpec]) -> Changed:
    """Give the plan these levels (the others keep theirs). ``Changed.old["levels"]``
    holds all four levels as they were (what an undo sets back), ``new["levels"]`` all
    four as they are now."""
    wanted = {spec.level: spec for spec in specs}
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        before = scheme_of(s, plan)
        old = tuple(before.spec(level) for level in LEVELS)
        cleaned = _check_specs(s, plan, wanted)
        merged = {level: cleaned.get(level) or before.spec(level) for level in LEVELS}
        after = LevelScheme(merged, plan.language_list)
        codes.check_unique_plan(s, plan, after)
        _write(s, plan, cleaned if specs_of(s, plan.id) else merged)
        new = tuple(merged[level] for level in LEVELS)
        return Changed(
            Entity.PLAN,
            (plan.id,),
            "updated",
            ("levels",),
            old={"levels": old},
            new={"levels": new},
        )


def apply_preset(store: PlanFile, plan_id: uuid.UUID, key: str) -> Changed:
    """Name and number the plan's levels as the preset ``key`` does (one write); a
    fourth level the plan uses stays as the plan has it."""
    return set_levels(store, plan_id, preset_specs(load_scheme(store, plan_id), key))
