"""Plain-Python domain model of a plan file (SQLAlchemy 2.0 typed models). No Qt."""

from planner_app.domain.base import Base, PlanOwned, Synced, derived_id
from planner_app.domain.diversity import (
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
from planner_app.domain.exchange import ExchangePeer, MergeConflict
from planner_app.domain.images import PlanImage
from planner_app.domain.levels import PlanLevel
from planner_app.domain.log import AppliedChange, ChangeLogEntry, LocalState
from planner_app.domain.notes import FinalNote
from planner_app.domain.objectives import (
    Indicator,
    IndicatorQuarterValue,
    IndicatorUnitValue,
    IndicatorValue,
    Milestone,
    Objective,
    ObjectiveContribution,
    ObjectivePartner,
    PlanRole,
    PolicyField,
)
from planner_app.domain.plan import (
    ChapterTableRow,
    CommunicationRow,
    Plan,
    PlanSection,
    SectionPart,
    Signatory,
    SigningRecord,
)
from planner_app.domain.resources_model import (
    BudgetAmount,
    BudgetLine,
    BudgetLineObjective,
    BudgetStage,
    CreditType,
    PrintedTotal,
    StaffingFigure,
)
from planner_app.domain.signatures import PdfSignature, SignedPdf
from planner_app.domain.units import OrgUnit
from planner_app.domain.versions import FieldVersion, Knowledge, WriteContext

__all__ = [
    "AppliedChange",
    "Base",
    "BudgetAmount",
    "BudgetLine",
    "BudgetLineObjective",
    "BudgetStage",
    "ChangeLogEntry",
    "ChapterTableRow",
    "CommunicationRow",
    "CreditType",
    "DiversityAction",
    "DiversityBottleneck",
    "DiversityIndicator",
    "DiversityIndicatorValue",
    "DiversityObjective",
    "DiversityObjectivePillar",
    "DiversityPillar",
    "DiversityPlan",
    "DiversityPriority",
    "ExchangePeer",
    "FieldVersion",
    "FinalNote",
    "Indicator",
    "IndicatorQuarterValue",
    "IndicatorUnitValue",
    "IndicatorValue",
    "Knowledge",
    "LocalState",
    "MergeConflict",
    "Milestone",
    "Objective",
    "ObjectiveContribution",
    "ObjectivePartner",
    "OrgUnit",
    "PdfSignature",
    "Plan",
    "PlanImage",
    "PlanLevel",
    "PlanOwned",
    "PlanRole",
    "PlanSection",
    "PolicyField",
    "PrintedTotal",
    "SectionPart",
    "Signatory",
    "SignedPdf",
    "SigningRecord",
    "StaffingFigure",
    "Synced",
    "WriteContext",
    "derived_id",
]
