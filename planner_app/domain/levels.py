"""How a plan names and numbers the levels of its objective tree, and the presets.

Real Belgian plans call their levels differently (SD/OD in a federal plan, OS/OO/PRJ
in a French-speaking one, beleids- and beheersdoelstellingen in a Flemish management
agreement, programme → objective → project → action elsewhere), so each plan holds one
``PlanLevel`` row per role of ``ObjectiveLevel``: whether the plan uses it, its name
and its code pattern, per content language. The words are the plan's content (a Dutch
plan says "SD 1" under a French UI), so presets give them in every content language
instead of going through the UI's translation catalogue.

A pattern is the code as printed, with ``{n}`` for the objective's own number and
``{parent}`` for its parent's: ``SD {n}``, ``OO {parent}.{n}``, a plain
``{parent}.{n}``. Its number part (from the first ``{`` to the last ``}``) must be the
same in every language of one level; only the words around it differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sqlalchemy import Boolean
from sqlalchemy.orm import Mapped, mapped_column

from planner_app.domain.base import Base, PlanOwned
from planner_app.domain.columns import enum_type
from planner_app.domain.enums import ObjectiveLevel
from planner_app.domain.types import I18nText
from planner_app.i18n import N_

STRATEGIC, OPERATIONAL, INITIATIVE, ACTION = (
    ObjectiveLevel.STRATEGIC,
    ObjectiveLevel.OPERATIONAL,
    ObjectiveLevel.INITIATIVE,
    ObjectiveLevel.ACTION,
)
LEVELS = (STRATEGIC, OPERATIONAL, INITIATIVE, ACTION)


class PlanLevel(PlanOwned, Base):
    """One level of one plan's objective tree: used or not, its name and code pattern
    per content language. Its id derives from plan and level, so two replicas that
    give a plan its levels make the same rows."""

    __tablename__ = "plan_levels"
    natural_key = ("plan_id", "level")

    level: Mapped[ObjectiveLevel] = mapped_column(enum_type(ObjectiveLevel))
    used: Mapped[bool] = mapped_column(Boolean, default=True)
    name: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    pattern: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)


@dataclass(frozen=True)
class LevelSpec:
    """A level as a value: what a preset gives, what the plan's editor edits."""

    level: ObjectiveLevel
    used: bool
    name: Mapping[str, str]
    pattern: Mapping[str, str]


@dataclass(frozen=True)
class Preset:
    key: str
    label: str  # msgid (UI text: the preset's name in the UI language)
    levels: tuple[LevelSpec, ...]


def _spec(level: ObjectiveLevel, used: bool, names: str, patterns: str) -> LevelSpec:
    """``names`` and ``patterns`` as "nl|fr|de|en"."""
    langs = ("nl", "fr", "de", "en")
    return LevelSpec(
        level,
        used,
        MappingProxyType(dict(zip(langs, names.split("|"), strict=True))),
        MappingProxyType(dict(zip(langs, patterns.split("|"), strict=True))),
    )


_STRATEGIC = _spec(
    STRATEGIC,
    True,
    "Strategische doelstelling|Objectif stratégique|Strategisches Ziel|Strategic objective",
    "SD {n}|OS {n}|SD {n}|SD {n}",
)
_OPERATIONAL = _spec(
    OPERATIONAL,
    True,
    "Operationele doelstelling|Objectif opérationnel|Operatives Ziel|Operational objective",
    "OD {parent}.{n}|OO {parent}.{n}|OD {parent}.{n}|OD {parent}.{n}",
)
_PLAIN = "{parent}.{n}|{parent}.{n}|{parent}.{n}|{parent}.{n}"
_ACTION = _spec(ACTION, False, "Actie|Action|Maßnahme|Action", _PLAIN)

PRESETS: Mapping[str, Preset] = MappingProxyType(
    {
        preset.key: preset
        for preset in (
            # What every plan had before levels were the plan's own: the default.
            Preset(
                "standard",
                N_("SD / OD / initiative (standard)"),
                (
                    _STRATEGIC,
                    _OPERATIONAL,
                    _spec(INITIATIVE, True, "Initiatief|Initiative|Initiative|Initiative", _PLAIN),
                    _ACTION,
                ),
            ),
            Preset(
                "federal",
                N_("SD / OD / project (federal)"),
                (
                    _STRATEGIC,
                    _OPERATIONAL,
                    _spec(INITIATIVE, True, "Project|Projet|Projekt|Project", _PLAIN),
                    _ACTION,
                ),
            ),
            Preset(
                "french",
                N_("OS / OO / PRJ (French-speaking)"),
                (
                    _spec(
                        STRATEGIC,
                        True,
                        "Strategische doelstelling|Objectif stratégique|Strategisches Ziel"
                        "|Strategic objective",
                        "SD {n}|OS {n}|SZ {n}|SO {n}",
                    ),
                    _spec(
                        OPERATIONAL,
                        True,
                        "Operationele doelstelling|Objectif opérationnel|Operatives Ziel"
                        "|Operational objective",
                        "OD {parent}.{n}|OO {parent}.{n}|OZ {parent}.{n}|OO {parent}.{n}",
                    ),
                    _spec(
                        INITIATIVE,
                        True,
                        "Project|Projet|Projekt|Project",
                        "PRJ {parent}.{n}|PRJ {parent}.{n}|PRJ {parent}.{n}|PRJ {parent}.{n}",
                    ),
                    _ACTION,
                ),
            ),
            Preset(
                "flemish",
                N_("Beleids- / beheersdoelstelling (Flemish)"),
                (
                    _spec(
                        STRATEGIC,
                        True,
                        "Beleidsdoelstelling|Objectif politique|Politikziel|Policy objective",
                        "Beleidsdoelstelling {n}|Objectif politique {n}|Politikziel {n}"
                        "|Policy objective {n}",
                    ),
                    _spec(
                        OPERATIONAL,
                        True,
                        "Beheersdoelstelling|Objectif de gestion|Managementziel"
                        "|Management objective",
                        "Beheersdoelstelling {parent}.{n}|Objectif de gestion {parent}.{n}"
                        "|Managementziel {parent}.{n}|Management objective {parent}.{n}",
                    ),
                    _spec(
                        INITIATIVE,
                        True,
                        "Actie|Action|Maßnahme|Action",
                        "Actie {parent}.{n}|Action {parent}.{n}|Maßnahme {parent}.{n}"
                        "|Action {parent}.{n}",
                    ),
                    _spec(ACTION, False, "Deelactie|Sous-action|Teilmaßnahme|Sub-action", _PLAIN),
                ),
            ),
        )
    }
)
DEFAULT_PRESET = "standard"


def preset_levels(key: str = DEFAULT_PRESET) -> dict[ObjectiveLevel, LevelSpec]:
    return {spec.level: spec for spec in PRESETS[key].levels}
