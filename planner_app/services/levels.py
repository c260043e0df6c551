"""A plan's levels, read: as ``LevelSpec`` rows, as a resolved ``LevelScheme``, the
preset they match, a preset's levels for them (``levels_edit`` sets them).

A plan whose levels were never set has no ``PlanLevel`` rows: it prints with the
standard preset (SD/OD in Dutch, OS/OO in French), as every plan did before.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import Plan, PlanLevel
from planner_app.domain.codes import CodePattern, LevelScheme
from planner_app.domain.enums import ObjectiveLevel
from planner_app.domain.levels import PRESETS, LevelSpec
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services.common import get_plan
from planner_app.storage import PlanFile

MAX_NAME = 100


def specs_of(s: Session, plan_id: uuid.UUID) -> dict[ObjectiveLevel, LevelSpec]:
    """The plan's stored levels (none for a plan whose levels were never set)."""
    rows = s.execute(
        select(PlanLevel.level, PlanLevel.used, PlanLevel.name, PlanLevel.pattern).where(
            PlanLevel.plan_id == plan_id, PlanLevel.deleted.is_(False)
        )
    )
    return {
        level: LevelSpec(level, used, dict(name), dict(pattern))
        for level, used, name, pattern in rows
    }


def scheme_of(s: Session, plan: Plan) -> LevelScheme:
    return LevelScheme(specs_of(s, plan.id), plan.language_list)


def load_scheme(store: PlanFile, plan_id: uuid.UUID) -> LevelScheme:
    """The plan's levels, resolved (see ``LevelScheme``)."""
    with store.read() as s:
        return scheme_of(s, get_plan(s, plan_id))


def matching_preset(scheme: LevelScheme) -> str | None:
    """The key of the preset whose levels the plan has in each of its languages."""
    for key, preset in PRESETS.items():
        if all(
            scheme.used(spec.level) == (spec.used or spec.level is ObjectiveLevel.STRATEGIC)
            and all(
                scheme.name(spec.level, lang) == spec.name.get(lang)
                and scheme.pattern(spec.level, lang) == CodePattern.parse(spec.pattern[lang])
                for lang in scheme.languages
                if lang in spec.name
            )
            for spec in preset.levels
        ):
            return key
    return None


def preset_specs(scheme: LevelScheme, key: str) -> list[LevelSpec]:
    """The levels of preset ``key`` for a plan whose levels are ``scheme``: a fourth
    level the plan uses stays as the plan has it."""
    preset = PRESETS.get(key)
    if preset is None:
        raise ValidationError(_("Levels"), _("there is no preset {key}.").format(key=key))
    keep = ObjectiveLevel.ACTION
    return [
        scheme.spec(keep) if spec.level is keep and scheme.used(keep) else spec
        for spec in preset.levels
    ]
