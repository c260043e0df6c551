"""Closed vocabularies of the plan documents, stored by their ``value``.

Labels shown to users live in ``planner_app.domain.labels`` (translated), never here, so
the stored values stay stable when wording changes.
"""

from __future__ import annotations

from enum import StrEnum


class PlanKind(StrEnum):
    """What kind of document a plan is. Business and operational plans cover one year;
    the others a single year or a range. A plan may also name its own document type
    (``Plan.document_type``), printed instead of the kind's name."""

    STRATEGIC = "strategic"  # strategisch plan (multi-year)
    BUSINESS = "business"  # ondernemingsplan (yearly)
    OPERATIONAL = "operational"  # operationeel plan (yearly)
    MANAGEMENT_PLAN = "management_plan"  # managementplan / plan de management
    ADMINISTRATION_CONTRACT = "administration_contract"  # bestuursovereenkomst /
    # contrat d'administration
    GESTION_PLAN = "gestion_plan"  # beheersplan / plan de gestion
    DIVERSITY_ACTION_PLAN = "diversity_action_plan"  # actieplan diversiteit /
    # plan d'action diversité
    OTHER = "other"  # named by its document type

    @property
    def is_yearly(self) -> bool:
        return self in (PlanKind.BUSINESS, PlanKind.OPERATIONAL)


class PlanState(StrEnum):
    DRAFT = "draft"
    FINAL = "final"  # frozen, ready for signature
    SIGNED = "signed"


class ObjectiveLevel(StrEnum):
    """The role of an objective in the tree, whatever a plan calls its levels.

    Rules hang on the role, not on the depth or the name: only strategic objectives
    stand under a policy field, operational objectives are what a completeness check
    counts, initiatives are projects or processes and are what the year review and
    next year's plan carry. A plan names and numbers each role itself
    (``domain.levels.PlanLevel``); IBZ's "werven" are initiatives directly under a
    strategic objective (depth 2), DKBUZA's are under an operational one (depth 3).
    """

    STRATEGIC = "strategic"  # strategische doelstelling (SD), programme, axe
    OPERATIONAL = "operational"  # operationele doelstelling (OD), objective
    INITIATIVE = "initiative"  # project / proces / werf
    ACTION = "action"  # the optional fourth level under an initiative (actie)

    @property
    def rank(self) -> int:
        """1 for strategic ... 4 for action: the order of the levels in a plan."""
        return _LEVEL_RANK[self]


_LEVEL_RANK = {
    ObjectiveLevel.STRATEGIC: 1,
    ObjectiveLevel.OPERATIONAL: 2,
    ObjectiveLevel.INITIATIVE: 3,
    ObjectiveLevel.ACTION: 4,
}


class InitiativeKind(StrEnum):
    PROJECT = "project"  # has an end
    PROCESS = "process"  # recurs


class Status(StrEnum):
    NOT_STARTED = "not_started"
    ON_SCHEDULE = "on_schedule"  # op schema
    DONE = "done"  # afgewerkt
    DELAYED = "delayed"  # vertraging / aandacht nodig
    ACTION_NEEDED = "action_needed"  # actie / bijsturing nodig
    NOT_APPLICABLE = "not_applicable"  # niet van toepassing / sans objet


class UnitKind(StrEnum):
    DIRECTORATE = "directorate"  # algemene directie
    SERVICE = "service"  # dienst
    POST = "post"  # foreign post
    OTHER = "other"  # e.g. a staffing envelope or a fund


class UnitRole(StrEnum):
    """The role of a unit in an objective besides its lead unit."""

    CO_LEAD = "co_lead"  # co-trekker / co-pilote
    INVOLVED = "involved"  # betrokkene / impliqué
    OWN = "own"  # one of the plan's own roles (``PlanRole``)


class Statute(StrEnum):
    MANDATE = "M"
    STATUTORY = "S"
    CONTRACTUAL = "C"


class Scenario(StrEnum):
    AS_IS = "as_is"
    PLANNED = "planned"


class Measure(StrEnum):
    """What a printed total counts (``PrintedTotal``)."""

    AMOUNT = "amount"  # kEUR
    FTE = "fte"
    HEADCOUNT = "headcount"


class SectionKind(StrEnum):
    """What a chapter holds. The last four are parts the app makes from the plan's
    data (``GENERATED_KINDS``): a chapter of such a kind places that part in the
    document, under its own title and number."""

    MISSION = "mission"
    VISION = "vision"
    VALUES = "values"
    STAKEHOLDERS = "stakeholders"
    PESTEL = "pestel"
    SWOT = "swot"
    COMMUNICATION = "communication"
    FREE = "free"
    OBJECTIVES = "objectives"  # the objective tree
    BUDGET = "budget"  # the budget tables
    STAFFING = "staffing"  # the staffing tables
    SIGNATURES = "signatures"  # the place and date line and the signature blocks


# Parts the app makes, in the order they print when the chapter tree places none.
GENERATED_KINDS = (
    SectionKind.OBJECTIVES,
    SectionKind.BUDGET,
    SectionKind.STAFFING,
    SectionKind.SIGNATURES,
)


PESTEL_PARTS = ("political", "economic", "social", "technological", "ecological", "legal")
SWOT_PARTS = ("strengths", "weaknesses", "opportunities", "threats")
SECTION_PARTS: dict[SectionKind, tuple[str, ...]] = {
    SectionKind.PESTEL: PESTEL_PARTS,
    SectionKind.SWOT: SWOT_PARTS,
}


class ValueKind(StrEnum):
    BASELINE = "baseline"  # nulmeting
    TARGET = "target"  # streefwaarde
    ACTUAL = "actual"


class DuePrecision(StrEnum):
    """How a milestone's due date was given, and so how it is shown: the day itself
    ("15/05/2025"), a month ("mei 2025"), a quarter ("Q3 2025") or a year ("2025"). The
    stored date is the last day of that month, quarter or year."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class MeasureUnit(StrEnum):
    """Units of a diversity indicator (objective indicators keep free text)."""

    PERCENT = "percent"
    YEARS = "years"
    COUNT = "count"


CONTENT_LANGUAGES = ("nl", "fr", "de", "en")
