"""The workbook format shared by the Excel export and import.

Every sheet is a table: row 1 (hidden) holds machine keys that the importer reads, row 2
the labels a person reads (in the chosen content language), data from row 3. Keys are
the model's attribute (``code``), ``title@nl`` for one language of a text, a pivot key
(``amt:2025:INI:VL``) or ``~…`` for a column shown only to people (ignored on import).
Ids travel in hidden columns so an import restores the plan exactly, and a row added by
hand in Excel (no id) becomes a new record.

A hidden sheet ``_planner`` maps each sheet key to the sheet's (translated) name, so
the importer finds the sheets whatever language they were written in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum

from planner_app.domain import (
    BudgetStage,
    CommunicationRow,
    CreditType,
    DiversityAction,
    DiversityBottleneck,
    DiversityIndicator,
    DiversityIndicatorValue,
    DiversityObjective,
    DiversityPillar,
    DiversityPlan,
    DiversityPriority,
    IndicatorQuarterValue,
    IndicatorUnitValue,
    Milestone,
    ObjectivePartner,
    PlanImage,
    PlanLevel,
    PlanRole,
    PlanSection,
    PolicyField,
    PrintedTotal,
    SectionPart,
    Signatory,
)
from planner_app.domain.enums import (
    DuePrecision,
    InitiativeKind,
    Measure,
    MeasureUnit,
    ObjectiveLevel,
    PlanKind,
    PlanState,
    Scenario,
    SectionKind,
    Status,
    Statute,
    UnitKind,
    UnitRole,
    ValueKind,
)
from planner_app.i18n import N_

FORMAT = "planner-app-xlsx-1"
META_SHEET = "_planner"
KEY_ROW = 1
HEAD_ROW = 2
FIRST_ROW = 3
ROW_KIND = "_kind"  # hidden marker column: "total" rows are computed, never imported
FALLBACKS = "_fallback"  # hidden: text fields whose lead-language cell shows a fallback
TOTAL = "total"
COMPUTED_PREFIX = "~"  # a column the export fills with formulas (planned − as-is)


class Kind(StrEnum):
    I18N = "i18n"  # one column per language
    TEXT = "text"
    INT = "int"
    DEC = "dec"  # exact decimal, written as a number
    BOOL = "bool"
    DATE = "date"
    ENUM = "enum"  # written as the translated label, read as label or stored value
    REF = "ref"  # an id (hidden)
    REFS = "refs"  # ids separated by spaces (hidden)
    ID = "id"  # the row's own id (hidden)
    INFO = "info"  # shown to people, ignored on import


@dataclass(frozen=True)
class Col:
    """A column of a record sheet: a model attribute and how it is written."""

    key: str
    label: str
    kind: Kind
    width: int = 14
    enum: type[Enum] | None = None
    places: int | None = None  # decimals shown (number format)


def ident() -> Col:
    return Col("id", N_("Id"), Kind.ID, 10)


def position() -> Col:
    return Col("position", N_("Position"), Kind.INT, 8)


def ref(key: str, label: str) -> Col:
    return Col(key, label, Kind.REF, 10)


@dataclass(frozen=True)
class SheetSpec:
    """One sheet of records of one model (the record sheets; budget and staffing add
    their pivots in their own modules)."""

    key: str
    title: str
    model: type
    cols: tuple[Col, ...]
    owner: str | None = None  # attribute naming the row each record hangs on
    extra: tuple[Col, ...] = field(default=())


def _t(key: str, label: str, width: int = 40) -> Col:
    return Col(key, label, Kind.I18N, width)


PLAN_COLS = (
    Col("code", N_("Code"), Kind.TEXT, 16),
    Col("kind", N_("Kind"), Kind.ENUM, 14, PlanKind),
    _t("title", N_("Title")),
    _t("organisation", N_("Organisation"), 30),
    Col("first_year", N_("First year"), Kind.INT, 10),
    Col("last_year", N_("Last year"), Kind.INT, 10),
    Col("languages", N_("Languages"), Kind.TEXT, 10),
    Col("track_status", N_("Tracks status"), Kind.BOOL, 10),
    Col("reports_quarterly", N_("Reports quarterly"), Kind.BOOL, 10),
    Col("version_no", N_("Version"), Kind.INT, 8),
    _t("document_type", N_("Document type"), 24),
    _t("version_label", N_("Version label"), 24),
    _t("signing_place", N_("Place of signing"), 16),
    Col("signing_date", N_("Date of signing"), Kind.DATE, 12),
    Col("state", N_("State"), Kind.INFO, 10, PlanState),
    ref("strategic_plan_id", N_("Strategic plan")),
    ref("previous_plan_id", N_("Previous version")),
    ident(),
)

# The code as printed ("SD 3.1", "1.2.3", "Axe 2"); read back as if typed in the
# objective's editor (a code without the level's words prints as typed).
OBJECTIVE_COLS = (
    Col("code", N_("Code"), Kind.TEXT, 12),
    _t("title", N_("Title"), 50),
    Col("level", N_("Level"), Kind.ENUM, 12, ObjectiveLevel),
    Col("kind", N_("Kind"), Kind.ENUM, 10, InitiativeKind),
    Col("status", N_("Status"), Kind.ENUM, 16, Status),
    _t("description", N_("Description"), 50),
    _t("intended_results", N_("Intended results"), 40),
    Col("~lead", N_("Lead unit"), Kind.INFO, 20),
    Col("~partners", N_("Other units and their roles"), Kind.INFO, 24),
    Col("~serves", N_("Also serves"), Kind.INFO, 14),
    ref("lead_unit_id", N_("Lead unit")),
    Col("partners", N_("Involved units"), Kind.REFS, 10),
    Col("serves", N_("Also serves"), Kind.REFS, 10),
    ref("policy_field_id", N_("Policy field")),
    ref("strategic_link_id", N_("Strategic objective")),
    # the strategic plan's objective in a yearly plan made from it (read-only there)
    Col("is_reference", N_("Strategic plan's objective"), Kind.BOOL, 10),
    ref("carried_from_id", N_("Carried over from")),
    position(),
    ref("parent_id", N_("Parent")),
    ident(),
)

UNIT_COLS = (
    Col("code", N_("Code"), Kind.TEXT, 12),
    _t("name", N_("Name"), 40),
    Col("kind", N_("Kind"), Kind.ENUM, 14, UnitKind),
    position(),
    ref("parent_id", N_("Parent")),
    ident(),
)

BUDGET_LINE_COLS = (
    Col("code", N_("Code"), Kind.TEXT, 10),
    _t("title", N_("Title"), 40),
    Col("allow_negative", N_("Negative allowed"), Kind.BOOL, 10),
    Col("~objectives", N_("Objectives"), Kind.INFO, 14),
    Col("objectives", N_("Objectives"), Kind.REFS, 10),
    position(),
    ref("parent_id", N_("Parent")),
    ident(),
)

INDICATOR_COLS = (
    Col("~objective", N_("Objective"), Kind.INFO, 12),
    _t("name", N_("Name"), 40),
    Col("unit_of_measure", N_("Unit of measure"), Kind.TEXT, 12),
    Col("~status", N_("Status"), Kind.INFO, 14),  # at the plan's date (excel_status)
    _t("target_text", N_("Target in words"), 30),
    Col("target_date", N_("Target date"), Kind.DATE, 12),
    Col("target_done", N_("Target done"), Kind.BOOL, 8),
    position(),
    ref("objective_id", N_("Objective")),
    ident(),
)

RECORD_SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        "levels",
        N_("Levels"),
        PlanLevel,
        (
            Col("level", N_("Level"), Kind.ENUM, 14, ObjectiveLevel),
            Col("used", N_("Used"), Kind.BOOL, 8),
            _t("name", N_("Name"), 30),
            _t("pattern", N_("Code pattern"), 20),
            ident(),
        ),
    ),
    SheetSpec(
        "policy_fields",
        N_("Policy fields"),
        PolicyField,
        (Col("code", N_("Code"), Kind.TEXT, 8), _t("title", N_("Title")), position(), ident()),
    ),
    SheetSpec(
        "milestones",
        N_("Milestones"),
        Milestone,
        (
            Col("~objective", N_("Objective"), Kind.INFO, 12),
            Col("period", N_("Period"), Kind.TEXT, 12),
            Col("due_date", N_("Due date"), Kind.DATE, 12),
            Col("due_by", N_("Due by"), Kind.DATE, 12),
            Col("due_precision", N_("Due as"), Kind.ENUM, 10, DuePrecision),
            _t("text", N_("Text"), 50),
            Col("done", N_("Done"), Kind.BOOL, 8),
            Col("done_on", N_("Done on"), Kind.DATE, 12),
            Col("replan", N_("To re-plan"), Kind.BOOL, 8),
            position(),
            ref("objective_id", N_("Objective")),
            ident(),
        ),
        owner="objective_id",
    ),
    SheetSpec(
        "indicator_quarters",
        N_("Indicator quarters"),
        IndicatorQuarterValue,
        (
            # For the reader only: the import follows indicator_id, never the name.
            Col("~indicator", N_("Indicator"), Kind.INFO, 40),
            Col("year", N_("Year"), Kind.INT, 8),
            Col("quarter", N_("Quarter"), Kind.INT, 8),
            Col("value", N_("Value"), Kind.DEC, 12),
            ref("indicator_id", N_("Indicator")),
            ident(),
        ),
        owner="indicator_id",
    ),
    SheetSpec(
        "indicator_units",
        N_("Indicator per unit"),
        IndicatorUnitValue,
        (
            Col("~indicator", N_("Indicator"), Kind.INFO, 40),
            Col("~unit", N_("Unit"), Kind.INFO, 20),
            Col("year", N_("Year"), Kind.INT, 8),
            Col("kind", N_("Kind"), Kind.ENUM, 12, ValueKind),
            Col("value", N_("Value"), Kind.DEC, 12),
            ref("unit_id", N_("Unit")),
            ref("indicator_id", N_("Indicator")),
            ident(),
        ),
        owner="indicator_id",
    ),
    SheetSpec(
        "budget_stages",
        N_("Budget stages"),
        BudgetStage,
        (Col("code", N_("Code"), Kind.TEXT, 8), _t("name", N_("Name"), 30), position(), ident()),
    ),
    SheetSpec(
        "credit_types",
        N_("Credit types"),
        CreditType,
        (Col("code", N_("Code"), Kind.TEXT, 8), _t("name", N_("Name"), 30), position(), ident()),
    ),
    SheetSpec(
        "chapters",
        N_("Chapters"),
        PlanSection,
        (
            Col("~number", N_("Number"), Kind.INFO, 8),
            Col("kind", N_("Kind"), Kind.ENUM, 16, SectionKind),
            _t("title", N_("Title"), 30),
            _t("body", N_("Text"), 80),
            Col("numbered", N_("Numbered"), Kind.BOOL, 10),
            Col("also", N_("Also holds"), Kind.TEXT, 16),
            position(),
            ref("parent_id", N_("Parent")),
            ident(),
        ),
    ),
    SheetSpec(
        "chapter_parts",
        N_("Chapter parts"),
        SectionPart,
        (
            Col("~chapter", N_("Chapter"), Kind.INFO, 16),
            Col("key", N_("Part"), Kind.TEXT, 14),
            _t("text", N_("Text"), 80),
            ref("section_id", N_("Chapter")),
            ident(),
        ),
        owner="section_id",
    ),
    SheetSpec(
        "communication",
        N_("Communication"),
        CommunicationRow,
        (
            _t("goal", N_("Goal"), 30),
            _t("audience", N_("Audience"), 20),
            _t("date_text", N_("Date"), 14),
            _t("message", N_("Message"), 30),
            _t("channel", N_("Channel"), 20),
            _t("material", N_("Material"), 20),
            position(),
            ref("section_id", N_("Chapter")),
            ident(),
        ),
        owner="section_id",
    ),
    SheetSpec(
        "signatories",
        N_("Signatories"),
        Signatory,
        (
            _t("function", N_("Function")),
            Col("name", N_("Name"), Kind.TEXT, 30),
            Col("body", N_("A body signs"), Kind.BOOL, 10),
            position(),
            ident(),
        ),
    ),
    SheetSpec(
        "plan_roles",
        N_("Roles"),
        PlanRole,
        (Col("code", N_("Code"), Kind.TEXT, 10), _t("name", N_("Name"), 30), position(), ident()),
    ),
    SheetSpec(
        "objective_units",
        N_("Units of objectives"),
        ObjectivePartner,
        (
            Col("~objective", N_("Objective"), Kind.INFO, 12),
            Col("~unit", N_("Unit"), Kind.INFO, 20),
            Col("role", N_("Role"), Kind.ENUM, 14, UnitRole),
            Col("~role", N_("Role code"), Kind.INFO, 10),
            ref("objective_id", N_("Objective")),
            ref("unit_id", N_("Unit")),
            ref("role_id", N_("Role")),
            ident(),
        ),
        owner="objective_id",
    ),
    SheetSpec(
        "images",
        N_("Images"),
        PlanImage,
        (
            Col("name", N_("File name"), Kind.TEXT, 24),
            Col("purpose", N_("Purpose"), Kind.TEXT, 10),
            Col("~chapter", N_("Chapter"), Kind.INFO, 24),
            _t("caption", N_("Caption"), 30),
            Col("~size", N_("Size (pixels)"), Kind.INFO, 14),
            position(),
            ref("section_id", N_("Chapter")),
            ident(),
        ),
    ),
    SheetSpec(
        "diversity_plans",
        N_("Diversity plan"),
        DiversityPlan,
        (
            Col("year", N_("Year"), Kind.INT, 8),
            Col("contact_name", N_("Contact name"), Kind.TEXT, 20),
            _t("contact_role", N_("Contact role"), 20),
            Col("contact_phone", N_("Contact phone"), Kind.TEXT, 14),
            Col("contact_email", N_("Contact e-mail"), Kind.TEXT, 20),
            _t("introduction", N_("Introduction"), 50),
            _t("mission", N_("Mission"), 40),
            _t("top_priority", N_("Top priority"), 40),
            ident(),
        ),
    ),
    *(
        SheetSpec(
            key,
            title,
            model,
            (*texts, position(), ref("diversity_plan_id", N_("Diversity plan")), ident()),
            owner="diversity_plan_id",
        )
        for key, title, model, texts in (
            (
                "diversity_pillars",
                N_("Pillars"),
                DiversityPillar,
                (_t("title", N_("Title")), _t("description", N_("Description"))),
            ),
            (
                "diversity_bottlenecks",
                N_("Bottlenecks"),
                DiversityBottleneck,
                (_t("text", N_("Text")),),
            ),
            (
                "diversity_priorities",
                N_("Priorities"),
                DiversityPriority,
                (_t("text", N_("Text")),),
            ),
            (
                "diversity_objectives",
                N_("Diversity objectives"),
                DiversityObjective,
                (
                    _t("title", N_("Title")),
                    _t("text", N_("Text")),
                    Col("pillars", N_("Pillars"), Kind.REFS, 10),
                ),
            ),
            (
                "diversity_indicators",
                N_("Diversity indicators"),
                DiversityIndicator,
                (
                    _t("name", N_("Name")),
                    Col("unit", N_("Unit of measure"), Kind.ENUM, 12, MeasureUnit),
                    Col("~status", N_("Status"), Kind.INFO, 14),  # excel_status
                    _t("target_text", N_("Target in words"), 30),
                    Col("target_date", N_("Target date"), Kind.DATE, 12),
                    Col("target_done", N_("Target done"), Kind.BOOL, 8),
                    _t("source", N_("Source"), 20),
                    _t("reliability", N_("Reliability"), 20),
                ),
            ),
        )
    ),
    SheetSpec(
        "diversity_actions",
        N_("Diversity actions"),
        DiversityAction,
        (
            _t("text", N_("Text"), 50),
            Col("owner", N_("Owner"), Kind.TEXT, 20),
            Col("due", N_("Due"), Kind.TEXT, 12),
            position(),
            ref("objective_id", N_("Diversity objective")),
            ident(),
        ),
        owner="objective_id",
    ),
    SheetSpec(
        "printed_totals",
        N_("Printed totals"),
        PrintedTotal,
        (
            # What the source document printed (kept as data, never in a sum): a budget
            # line's or unit's total, or the table's (no line, no unit).
            Col("~total", N_("Total of"), Kind.INFO, 30),
            Col("measure", N_("Measure"), Kind.ENUM, 12, Measure),
            Col("year", N_("Year"), Kind.INT, 8),
            Col("scenario", N_("Scenario"), Kind.ENUM, 10, Scenario),
            Col("statute", N_("Statute"), Kind.ENUM, 8, Statute),
            Col("value", N_("Printed value"), Kind.DEC, 14),
            ref("budget_line_id", N_("Budget line")),
            ref("stage_id", N_("Budget stage")),
            ref("credit_type_id", N_("Credit type")),
            ref("unit_id", N_("Unit")),
            ident(),
        ),
    ),
    SheetSpec(
        "diversity_values",
        N_("Diversity figures"),
        DiversityIndicatorValue,
        (
            # For the reader only: the import follows indicator_id, never the name.
            Col("~indicator", N_("Diversity indicator"), Kind.INFO, 40),
            Col("year", N_("Year"), Kind.INT, 8),
            Col("kind", N_("Kind"), Kind.ENUM, 12, ValueKind),
            Col("value", N_("Value"), Kind.DEC, 12),
            Col("numerator", N_("Numerator"), Kind.INT, 12),
            Col("denominator", N_("Denominator"), Kind.INT, 12),
            ref("indicator_id", N_("Diversity indicator")),
            ident(),
        ),
        owner="indicator_id",
    ),
)

# Sheet order in the workbook (keys); "plan", "objectives", "indicators", "budget",
# "staffing" and "units" are written by their own builders.
SHEET_ORDER = (
    "plan",
    "objectives",
    "milestones",
    "indicators",
    "budget",
    "staffing",
    "chapters",
    "units",
    "levels",
    "plan_roles",
    "objective_units",
    "unit_matrix",
    "indicator_quarters",
    "indicator_units",
    "policy_fields",
    "budget_stages",
    "credit_types",
    "printed_totals",
    "chapter_parts",
    "communication",
    "chapter_tables",
    "signatories",
    "images",
    "image_data",
    "diversity_plans",
    "diversity_pillars",
    "diversity_bottlenecks",
    "diversity_priorities",
    "diversity_objectives",
    "diversity_actions",
    "diversity_indicators",
    "diversity_values",
    "long_texts",
)

# Parts a user may export alone (``export_xlsx(parts=…)``); the plan sheet always goes.
# A workbook of some parts is for reading: the importer wants every sheet.
PARTS: dict[str, tuple[str, ...]] = {
    "objectives": (
        "objectives",
        "milestones",
        "indicators",
        "indicator_quarters",
        "indicator_units",
        "levels",
        "policy_fields",
        "units",
        "plan_roles",
        "objective_units",
        "unit_matrix",
    ),
    "budget": ("budget", "budget_stages", "credit_types", "printed_totals"),
    "staffing": ("staffing", "units", "printed_totals"),
    "chapters": (
        "chapters",
        "chapter_parts",
        "communication",
        "chapter_tables",
        "signatories",
        "images",
        "image_data",
    ),
    "diversity": tuple(k for k in SHEET_ORDER if k.startswith("diversity_")),
}

# Sheets that workbooks of earlier releases do not have: an import takes a missing one
# as empty (a plan without levels of its own numbers them as the standard preset).
# ``image_data`` holds the images' bytes (base64, in parts of at most IMAGE_PART
# characters, a cell's limit being 32,767), hidden.
OPTIONAL_SHEETS = frozenset(
    {
        "images",
        "image_data",
        "long_texts",
        "levels",
        "chapter_tables",
        "plan_roles",
        "objective_units",
        "unit_matrix",
        "indicator_quarters",
        "indicator_units",
    }
)
IMAGE_PART = 32_000

SHEET_TITLES = {
    "image_data": N_("Image data"),
    # Texts longer than a cell: the rest of each, in parts (see excel_long_texts).
    "long_texts": N_("Long texts"),
    "chapter_tables": N_("Chapter tables"),
    "unit_matrix": N_("Units matrix"),
    "plan": N_("Plan"),
    "objectives": N_("Objectives"),
    "indicators": N_("Indicators"),
    "budget": N_("Budget"),
    "staffing": N_("Staffing"),
    "units": N_("Units"),
    **{spec.key: spec.title for spec in RECORD_SHEETS},
}
