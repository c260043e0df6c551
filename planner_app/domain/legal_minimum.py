"""What a plan must contain at least, by law: one table per plan kind, as data.

Each element names its legal source and how it is checked, with one of a few generic
check kinds (``Check``); ``services.completeness`` judges them against a plan. A kind
of plan the law does not cover (the Flemish ``ondernemingsplan``, ``PlanKind.BUSINESS``;
a diversity plan is an annex, not a kind) has no table, hence no required element,
until one is added here.

Why a Python module rather than a TOML file: the element names and the where-to-fill-in
texts are shown to users, so they are marked with ``N_`` and reach the gettext
catalogue through ``make translations`` like every other string (``tests/test_i18n.py``
then proves nl and fr complete; a TOML file would need its own extractor), and the
checks are typed values: a table naming a chapter kind or objective level that does
not exist fails when the module is imported, not when a user checks a plan.

Sources (read 2026-12): art. 11bis of the KB of 29 October 2001 on the management
functions in the federal public services, as inserted by the KB of 21 December 2021,
and BOSA's guidance for strategic and operational plans; seed 003 §1.1-1.2 cites both
and paraphrases the operational plan's content.

Issue 24 will add model features some elements need; until then these elements are
judged on what the model has today, each a one-line change away from the new feature:

* transversal objectives (strategic and operational plans): today a chapter whose
  title names them; then ``EveryObjectiveHas`` on objectives marked transversal;
* the responsibility per objective: today a lead unit on every strategic and
  operational objective; then a lead unit whose role is a management or staff
  function (units with roles);
* mutual commitments: today a chapter whose title names them (BOSA's template calls
  it "Beheersprincipes"); then also signatories of both bodies (body signatories);
* the long-term strategy: today its chapters one by one; then one chapter whose
  sub-chapters hold them (chapters as a tree).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from planner_app.domain.enums import ObjectiveLevel, PlanKind, SectionKind
from planner_app.i18n import N_

RULES_VERSION = 1  # noted with a plan made final; raise it when a table changes


# --- the check kinds -----------------------------------------------------------------


@dataclass(frozen=True)
class ChapterOfKind:
    """A chapter of one of ``kinds`` with text: a body, a PESTEL factor or SWOT
    quadrant, or a row of the communication plan."""

    kinds: tuple[SectionKind, ...]


@dataclass(frozen=True)
class ChapterTitled:
    """A chapter, of any kind, with text, whose title contains one of ``words`` (case,
    accents and punctuation do not count): for what has no chapter kind of its own."""

    words: tuple[str, ...]


class Part(StrEnum):
    """What every objective of some levels must have."""

    LEAD_UNIT = "lead_unit"
    DESCRIPTION = "description"
    INDICATOR = "indicator"
    TARGET = "target"  # an indicator with a target value
    BUDGET_LINE = "budget_line"  # a budget line linked to it


@dataclass(frozen=True)
class EveryObjectiveHas:
    """At least one objective of ``levels``, and each of them has ``part``."""

    levels: tuple[ObjectiveLevel, ...]
    part: Part


@dataclass(frozen=True)
class BudgetYears:
    """Budget amounts in at least ``years`` different years."""

    years: int


@dataclass(frozen=True)
class AnyOf:
    """One of ``checks`` holds."""

    checks: tuple[Check, ...]


Check = ChapterOfKind | ChapterTitled | EveryObjectiveHas | BudgetYears | AnyOf


class Place(StrEnum):
    """The tab where an element is filled in."""

    CHAPTERS = "plan"
    OBJECTIVES = "tree"
    BUDGET = "budget"


@dataclass(frozen=True)
class Element:
    """One required element. ``name``, ``source`` and ``where`` are catalogue strings
    (``N_``), translated where shown; ``checks`` must all hold."""

    key: str
    name: str
    source: str
    where: str
    place: Place
    checks: tuple[Check, ...]


# --- sources -------------------------------------------------------------------------

ART_11BIS = N_(
    "Royal Decree of 29 October 2001, art. 11bis (inserted by the Royal Decree of 21 December 2021)"
)
ART_11BIS_BOSA = N_(
    "Royal Decree of 29 October 2001, art. 11bis (inserted by the Royal Decree of "
    "21 December 2021); BOSA guidance"
)

# Words in chapter titles, in the content languages (compared without case or accents).
TRANSVERSAL = (
    "transversale doelstelling",
    "transversale doelen",
    "objectifs transversaux",
    "objectif transversal",
    "transversal objective",
    "querschnittsziel",
)
COMMITMENTS = (
    "wederzijdse verbintenis",
    "beheersprincipes",
    "engagements mutuels",
    "engagements reciproques",
    "principes de gestion",
    "mutual commitment",
    "management principles",
)
ENVIRONMENT = ("omgevingsanalyse", "analyse de l environnement", "environmental analysis")
STAKEHOLDERS = ("stakeholder", "belanghebbende", "parties prenantes")

_STRATEGIC = (ObjectiveLevel.STRATEGIC,)
_OPERATIONAL = (ObjectiveLevel.OPERATIONAL,)
_INITIATIVES = (ObjectiveLevel.INITIATIVE,)


# --- the tables ----------------------------------------------------------------------

STRATEGIC_PLAN: tuple[Element, ...] = (
    Element(
        "mission",
        N_("Long-term strategy: the mission"),
        ART_11BIS,
        N_("Plan tab, Chapters: add a Mission chapter and write it."),
        Place.CHAPTERS,
        (ChapterOfKind((SectionKind.MISSION,)),),
    ),
    Element(
        "vision",
        N_("Long-term strategy: the vision"),
        ART_11BIS,
        N_("Plan tab, Chapters: add a Vision chapter and write it."),
        Place.CHAPTERS,
        (ChapterOfKind((SectionKind.VISION,)),),
    ),
    Element(
        "values",
        N_("Long-term strategy: the values"),
        ART_11BIS,
        N_("Plan tab, Chapters: add a Values chapter and write it."),
        Place.CHAPTERS,
        (ChapterOfKind((SectionKind.VALUES,)),),
    ),
    Element(
        "environment",
        N_("Long-term strategy: the analysis of the environment"),
        ART_11BIS,
        N_("Plan tab, Chapters: add a PESTEL or SWOT analysis and fill in its parts."),
        Place.CHAPTERS,
        (
            AnyOf(
                (
                    ChapterOfKind((SectionKind.PESTEL, SectionKind.SWOT)),
                    ChapterTitled(ENVIRONMENT),
                )
            ),
        ),
    ),
    Element(
        "stakeholders",
        N_("Long-term strategy: the analysis of the stakeholders"),
        ART_11BIS,
        N_("Plan tab, Chapters: add a Stakeholders chapter and write it."),
        Place.CHAPTERS,
        (AnyOf((ChapterOfKind((SectionKind.STAKEHOLDERS,)), ChapterTitled(STAKEHOLDERS))),),
    ),
    Element(
        "legislature",
        N_("The strategy for the legislature: strategic objectives, each described"),
        ART_11BIS,
        N_("Objectives tab: add the strategic objectives and describe each one."),
        Place.OBJECTIVES,
        (EveryObjectiveHas(_STRATEGIC, Part.DESCRIPTION),),
    ),
    Element(
        "communication",
        N_("A communication plan on the plan's content"),
        ART_11BIS,
        N_("Plan tab, Chapters: add a Communication plan chapter and fill in its rows."),
        Place.CHAPTERS,
        (ChapterOfKind((SectionKind.COMMUNICATION,)),),
    ),
    Element(
        "financial_framework",
        N_("A multi-year financial framework: budget amounts for at least two years"),
        ART_11BIS,
        N_("Budget tab: enter the amounts of each year of the plan."),
        Place.BUDGET,
        (BudgetYears(2),),
    ),
    Element(
        "commitments",
        N_("The mutual commitments of the parties"),
        ART_11BIS_BOSA,
        N_(
            "Plan tab, Chapters: add a free chapter titled 'Mutual commitments' (or "
            "'Management principles') and write it."
        ),
        Place.CHAPTERS,
        (ChapterTitled(COMMITMENTS),),
    ),
    Element(
        "transversal",
        N_("The transversal objectives"),
        ART_11BIS,
        N_("Plan tab, Chapters: add a free chapter titled 'Transversal objectives' and write it."),
        Place.CHAPTERS,
        (ChapterTitled(TRANSVERSAL),),
    ),
    Element(
        "responsibility",
        N_("For each objective, the holder of a management or staff function responsible"),
        ART_11BIS,
        N_("Objectives tab: choose the lead unit of every strategic and operational objective."),
        Place.OBJECTIVES,
        (EveryObjectiveHas((*_STRATEGIC, *_OPERATIONAL), Part.LEAD_UNIT),),
    ),
)

OPERATIONAL_PLAN: tuple[Element, ...] = (
    Element(
        "smart",
        N_("SMART operational objectives: each described, with an indicator and a target"),
        ART_11BIS_BOSA,
        N_(
            "Objectives tab: describe each operational objective and give it an indicator "
            "with a target value."
        ),
        Place.OBJECTIVES,
        (
            EveryObjectiveHas(_OPERATIONAL, Part.DESCRIPTION),
            EveryObjectiveHas(_OPERATIONAL, Part.TARGET),
        ),
    ),
    Element(
        "means",
        N_("The means for the operational objectives"),
        ART_11BIS_BOSA,
        N_("Budget tab: link each operational objective to the budget lines that fund it."),
        Place.BUDGET,
        (EveryObjectiveHas(_OPERATIONAL, Part.BUDGET_LINE),),
    ),
    Element(
        "actions",
        N_("A short description of the processes, projects and actions"),
        ART_11BIS_BOSA,
        N_(
            "Objectives tab: add the initiatives under the operational objectives and "
            "describe each."
        ),
        Place.OBJECTIVES,
        (EveryObjectiveHas(_INITIATIVES, Part.DESCRIPTION),),
    ),
    Element(
        "action_indicators",
        N_("The indicators to follow the processes, projects and actions"),
        ART_11BIS_BOSA,
        N_("Objectives tab: give each initiative at least one indicator."),
        Place.OBJECTIVES,
        (EveryObjectiveHas(_INITIATIVES, Part.INDICATOR),),
    ),
    Element(
        "action_units",
        N_("The unit responsible for each process, project and action"),
        ART_11BIS_BOSA,
        N_("Objectives tab: choose the lead unit of each initiative."),
        Place.OBJECTIVES,
        (EveryObjectiveHas(_INITIATIVES, Part.LEAD_UNIT),),
    ),
    Element(
        "transversal_kpis",
        N_("The KPIs of the transversal objectives"),
        ART_11BIS_BOSA,
        N_(
            "Plan tab, Chapters: add a free chapter titled 'Transversal objectives' with "
            "their KPIs."
        ),
        Place.CHAPTERS,
        (ChapterTitled(TRANSVERSAL),),
    ),
)

TABLES: dict[PlanKind, tuple[Element, ...]] = {
    PlanKind.STRATEGIC: STRATEGIC_PLAN,
    PlanKind.OPERATIONAL: OPERATIONAL_PLAN,
    # PlanKind.BUSINESS (a Flemish ondernemingsplan): not under the federal KB; no table.
}


def table_for(kind: PlanKind) -> tuple[Element, ...]:
    """The required elements of a plan of ``kind`` (none where no table applies)."""
    return TABLES.get(kind, ())
