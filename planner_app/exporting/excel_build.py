"""Build the new plan from the sheets of an imported workbook: the plan row, then each
sheet in foreign-key order; the indicator, budget and staffing pivots are unfolded
into their value rows here (see ``excel_records`` for the checks every cell gets)."""

from __future__ import annotations

import base64
import binascii
import uuid
from collections import defaultdict
from typing import Any

from planner_app.domain import (
    BudgetAmount,
    BudgetLine,
    BudgetLineObjective,
    BudgetStage,
    CreditType,
    DiversityObjectivePillar,
    Indicator,
    IndicatorValue,
    Objective,
    ObjectiveContribution,
    ObjectivePartner,
    OrgUnit,
    Plan,
    PlanImage,
    PlanLevel,
    PlanSection,
    StaffingFigure,
)
from planner_app.domain.codes import MAX_CODE, LevelScheme, next_code
from planner_app.domain.enums import (
    Measure,
    ObjectiveLevel,
    PlanKind,
    PlanState,
    Scenario,
    Statute,
    ValueKind,
)
from planner_app.domain.images import CHAPTER, LOGO
from planner_app.domain.labels import label
from planner_app.domain.levels import LevelSpec
from planner_app.domain.resources_model import FTE_SCALE, KEUR_SCALE
from planner_app.domain.rules import parent_allowed
from planner_app.errors import ValidationError
from planner_app.exporting import excel_read as cells
from planner_app.exporting.excel_chapters import check_chapters, table_rows
from planner_app.exporting.excel_layout import (
    BUDGET_LINE_COLS,
    INDICATOR_COLS,
    OBJECTIVE_COLS,
    PLAN_COLS,
    SHEET_ORDER,
    UNIT_COLS,
)
from planner_app.exporting.excel_read import CellError, RawRow, RawSheet
from planner_app.exporting.excel_records import (
    SPECS,
    Builder,
    link_rows,
    make_row,
    resolve_refs,
    simple,
    tree,
)
from planner_app.exporting.excel_units import check_unit_links
from planner_app.i18n import _
from planner_app.services.budget_amounts import KEUR_LIMIT
from planner_app.services.common import check_decimal
from planner_app.services.images import check_image
from planner_app.services.staffing import FTE_LIMIT, HEADCOUNT_LIMIT


def build(b: Builder, plan_code: str | None) -> None:
    sheet = b.sheets["plan"]
    if len(sheet.rows) != 1:
        b.problems.add(sheet, None, None, _("the sheet must hold exactly one plan row."))
        return
    row = sheet.rows[0]
    values = b.fields(sheet, row, PLAN_COLS)
    _old, new = b.own_id(sheet, row, Plan)
    languages = values.get("languages") or ""
    for required in ("code", "kind", "first_year", "last_year", "languages"):
        if values.get(required) in (None, "") and required not in row.values:
            b.problems.add(sheet, row.number, required, _("must not be empty."))
    b.plan = Plan(
        id=new,
        code=plan_code or values.get("code") or "",
        kind=values.get("kind"),
        title=values["title"],
        organisation=values["organisation"],
        first_year=values.get("first_year") or 0,
        last_year=values.get("last_year") or 0,
        languages=languages,
        # a workbook of an earlier release has no column: as a new plan of its kind
        track_status=values["track_status"]
        if values.get("track_status") is not None
        else (values.get("kind") is not None and values["kind"] is not PlanKind.STRATEGIC),
        reports_quarterly=bool(values.get("reports_quarterly")),
        state=PlanState.DRAFT,
        version_no=values.get("version_no") or 1,
        document_type=values.get("document_type") or {},
        version_label=values.get("version_label") or {},
        signing_place=values.get("signing_place") or {},
        signing_date=values.get("signing_date"),
        strategic_plan_id=b.ref(
            sheet, row, "strategic_plan_id", values.get("strategic_plan_id"), Plan
        ),
        previous_plan_id=b.ref(
            sheet, row, "previous_plan_id", values.get("previous_plan_id"), Plan
        ),
    )
    b.add(b.plan, "plan")
    links: dict[str, list[tuple[uuid.UUID, list[uuid.UUID], RawSheet, RawRow]]] = defaultdict(list)
    tree(b, "units", OrgUnit, UNIT_COLS, links)
    simple(b, "levels", links)
    simple(b, "policy_fields", links)
    simple(b, "plan_roles", links)
    made = tree(b, "objectives", Objective, OBJECTIVE_COLS, links)
    check_objective_tree(b, made)
    check_codes(b, made)
    if b.sheets["objective_units"].keys:  # units with their roles (this release on)
        simple(b, "objective_units", links)
    else:  # a workbook of an earlier release: its partners are involved units
        link_rows(b, links["objectives"], ObjectivePartner, ("objective_id", "unit_id"), OrgUnit)
    link_rows(
        b,
        links["objectives.serves"],
        ObjectiveContribution,
        ("objective_id", "strategic_id"),
        Objective,
    )
    check_unit_links(b)
    simple(b, "milestones", links)
    indicators(b)
    simple(b, "budget_stages", links)
    simple(b, "credit_types", links)
    budget(b, links)
    link_rows(b, links["budget"], BudgetLineObjective, ("line_id", "objective_id"), Objective)
    staffing(b)
    printed_totals(b)
    check_chapters(b, tree(b, "chapters", PlanSection, SPECS["chapters"].cols, links))
    done = {"levels", "policy_fields", "milestones", "budget_stages", "credit_types"}
    done |= {"printed_totals", "chapters", "plan_roles", "objective_units"}
    for key in SHEET_ORDER:  # chapters and the diversity plan, parents first
        if key not in SPECS or key in done:
            continue
        simple(b, key, links)
    image_bytes(b)
    table_rows(b)
    link_rows(
        b,
        links["diversity_objectives"],
        DiversityObjectivePillar,
        ("objective_id", "pillar_id"),
        SPECS["diversity_pillars"].model,
    )


def image_bytes(b: Builder) -> None:
    """Put each image's bytes together from the hidden data sheet, and check them as
    the services do (PNG or JPEG, size, decodable): digest, type and size come from
    the bytes, never from the workbook."""
    images = {row.id: row for row in b.rows if isinstance(row, PlanImage)}
    by_new = {b.ids.get(old): old for old in b.ids}
    parts: dict[uuid.UUID, list[tuple[int, str]]] = defaultdict(list)
    sheet = b.sheets["image_data"]
    for row in sheet.rows:
        old = b.cell(sheet, row, "image_id", cells.as_uuid)
        part = b.cell(sheet, row, "part", cells.as_int)
        text = b.cell(sheet, row, "data", cells.as_text)
        if old is None or part is None or not text:
            b.problems.add(sheet, row.number, None, _("an image's data row is incomplete."))
            continue
        parts[old].append((part, text))
    for new, image in images.items():
        old = by_new.get(new, new)
        chunks = sorted(parts.get(old, []))
        where = b.sheets["images"]
        number = next((r.number for r in where.rows if r.values.get("id") == str(old)), None)
        if image.purpose not in (LOGO, CHAPTER):
            b.problems.add(where, number, "purpose", _("must be logo or chapter."))
        if (image.purpose == CHAPTER) != (image.section_id is not None):
            b.problems.add(
                where, number, "section_id", _("a chapter's image names its chapter; a logo none.")
            )
        if [p for p, _t in chunks] != list(range(len(chunks))):
            b.problems.add(where, number, None, _("the image's data is missing or incomplete."))
            continue
        try:
            data = base64.b64decode("".join(t for _p, t in chunks), validate=True)
            facts = check_image(data, image.name)
        except (binascii.Error, ValueError, ValidationError) as err:
            reason = err.reason if isinstance(err, ValidationError) else str(err)
            b.problems.add(where, number, None, reason)
            continue
        image.data, image.sha256, image.mime = data, facts.sha256, facts.mime
        image.width, image.height = facts.width, facts.height


def check_objective_tree(b: Builder, made: list[tuple[RawRow, Objective]]) -> None:
    """The rules the services keep: SD at the top, OD under an SD, initiatives under an
    SD or OD, and only initiatives are projects or processes."""
    levels = {obj.id: obj.level for _row, obj in made}
    sheet = b.sheets["objectives"]
    for row, obj in made:
        if obj.level is None:
            continue
        parent = levels.get(obj.parent_id) if obj.parent_id is not None else None
        if not parent_allowed(obj.level, parent):
            reason = (
                _("a {level} objective cannot be placed {where}.").format(
                    level=label(obj.level), where=_("at the top")
                )
                if parent is None
                else _("a {level} cannot be placed under a {parent} objective.").format(
                    level=label(obj.level), parent=label(parent)
                )
            )
            b.problems.add(sheet, row.number, "level", reason)
        if obj.kind is not None and obj.level is not ObjectiveLevel.INITIATIVE:
            b.problems.add(
                sheet, row.number, "kind", _("only initiatives are projects or processes.")
            )


def check_codes(b: Builder, made: list[tuple[RawRow, Objective]]) -> None:
    """Codes read as typed in the editor ("SD 3.1", "3.1", a literal "Axe 2"); a row
    without one gets the next free code of its level; two objectives that would print
    alike are refused, naming both rows."""
    assert b.plan is not None
    sheet = b.sheets["objectives"]
    specs = {
        row.level: LevelSpec(row.level, bool(row.used), row.name or {}, row.pattern or {})
        for row in b.rows
        if isinstance(row, PlanLevel) and row.level is not None
    }
    languages = [lang for lang in str(b.plan.languages or "").split(",") if lang] or ["nl"]
    scheme = LevelScheme(specs, languages)
    taken: dict[str, int] = {}
    rows = []
    for raw, obj in made:
        if obj.level is None:
            continue
        if not scheme.used(obj.level):
            b.problems.add(
                sheet,
                raw.number,
                "level",
                _("the plan does not use the level “{level}” (see the Levels sheet).").format(
                    level=scheme.name(obj.level)
                ),
            )
        typed = obj.code or ""
        obj.code, obj.code_literal = scheme.read_typed(obj.level, typed)
        if len(obj.code) > MAX_CODE:
            b.problems.add(sheet, raw.number, "code", _("is too long."))
        rows.append((raw, obj))
        for key in scheme.keys(obj.level, obj.code, obj.code_literal) if obj.code else ():
            if key in taken:
                b.problems.add(
                    sheet,
                    raw.number,
                    "code",
                    _("{code} is also the code on row {row}; codes are unique in a plan.").format(
                        code=scheme.printed(obj.level, obj.code, obj.code_literal), row=taken[key]
                    ),
                )
                break
            taken[key] = raw.number
    numbers = {obj.id: obj.code for _raw, obj in rows}
    keys = set(taken)
    for _raw, obj in rows:  # rows typed in by hand without a code: the next free one
        if obj.code:
            continue
        parent = numbers.get(obj.parent_id, "") if obj.parent_id else ""
        siblings = [o.code for _r, o in rows if o.parent_id == obj.parent_id and o.code]
        obj.code = next_code(scheme, obj.level, parent, siblings, keys)
        numbers[obj.id] = obj.code
        keys |= scheme.keys(obj.level, obj.code)


def indicators(b: Builder) -> None:
    sheet = b.sheets["indicators"]
    for row in sheet.rows:
        values = b.fields(sheet, row, INDICATOR_COLS)
        _old, new = b.own_id(sheet, row, Indicator)
        resolve_refs(b, sheet, row, INDICATOR_COLS, values)
        obj = b.add(make_row(b, Indicator, sheet, row, values, new), "indicators")
        for key in row.values:
            if not key.startswith("val:"):
                continue
            try:
                _v, year_text, kind = key.split(":")
                kind_value = ValueKind(kind)
                year = cells.key_year(year_text)
            except ValueError:
                b.problems.add(sheet, row.number, key, _("unknown column."))
                continue
            number = b.cell(sheet, row, key, cells.as_decimal)
            if number is None:
                continue
            value = IndicatorValue(indicator_id=obj.id, year=year, kind=kind_value, value=number)
            value.plan_id = b.plan.id  # type: ignore[union-attr]
            value.id = IndicatorValue.key_id(obj.id, year, kind_value)
            b.add(value, "indicator_values")


def budget(b: Builder, links: dict) -> None:
    sheet = b.sheets["budget"]
    stage_ids = {r.code: r.id for r in b.rows if isinstance(r, BudgetStage)}
    type_ids = {r.code: r.id for r in b.rows if isinstance(r, CreditType)}
    parents = {row.values.get("parent_id") for row in sheet.rows if row.values.get("parent_id")}
    parents = {str(p).strip() for p in parents}
    made = tree(b, "budget", BudgetLine, BUDGET_LINE_COLS, links)
    for row, line in made:
        is_group = str(row.values.get("id", "")).strip() in parents
        for key in row.values:
            if not key.startswith("amt:"):
                continue
            if is_group:
                if key not in row.formulas:  # typed over the export's SUM formula
                    b.problems.add(
                        sheet,
                        row.number,
                        key,
                        _(
                            "a group's amount is the sum of the lines under it; "
                            "type the amount on one of those lines."
                        ),
                    )
                continue
            try:
                _a, year_text, stage, credit = key.split(":")
                stage_id, type_id = stage_ids[stage], type_ids[credit]
                year = cells.key_year(year_text)
            except (ValueError, KeyError):
                b.problems.add(sheet, row.number, key, _("unknown budget stage or credit type."))
                continue
            number = b.cell(
                sheet,
                row,
                key,
                lambda v, neg=line.allow_negative: check_decimal(
                    _("Amount"),
                    cells.as_decimal(v),
                    places=KEUR_SCALE,
                    limit=KEUR_LIMIT,
                    allow_negative=bool(neg),
                ),
            )
            if number is None:
                continue
            amount = BudgetAmount(
                line_id=line.id,
                year=year,
                stage_id=stage_id,
                credit_type_id=type_id,
                amount=number,
            )
            amount.plan_id = b.plan.id  # type: ignore[union-attr]
            amount.id = BudgetAmount.key_id(line.id, year, stage_id, type_id)
            b.add(amount, "budget_amounts")


def staffing(b: Builder) -> None:
    sheet = b.sheets["staffing"]
    for row in sheet.rows:
        unit = b.ref(sheet, row, "unit_id", b.cell(sheet, row, "unit_id", cells.as_uuid), OrgUnit)
        statute = b.cell(sheet, row, "statute", lambda v: Statute(cells.as_text(v).strip()))
        if unit is None or statute is None:
            if unit is None and "unit_id" not in row.values:
                b.problems.add(sheet, row.number, "unit_id", _("must not be empty."))
            continue
        figures: dict[tuple[int, Scenario], dict[str, Any]] = defaultdict(dict)
        for key in row.values:
            what = key.split(":")[0]
            if what not in ("fte", "headcount"):
                continue
            try:
                _w, year_text, scenario = key.split(":")
                group = figures[(cells.key_year(year_text), Scenario(scenario))]
            except ValueError:
                b.problems.add(sheet, row.number, key, _("unknown column."))
                continue
            if what == "fte":
                group["fte"] = b.cell(
                    sheet,
                    row,
                    key,
                    lambda v: check_decimal(
                        _("FTE"), cells.as_decimal(v), places=FTE_SCALE, limit=FTE_LIMIT
                    ),
                )
            else:
                group["headcount"] = b.cell(sheet, row, key, _headcount)
        for (year, scenario), values in figures.items():
            if values.get("fte") is None and values.get("headcount") is None:
                continue
            figure = StaffingFigure(
                unit_id=unit,
                statute=statute,
                year=year,
                scenario=scenario,
                fte=values.get("fte"),
                headcount=values.get("headcount"),
            )
            figure.plan_id = b.plan.id  # type: ignore[union-attr]
            figure.id = StaffingFigure.key_id(unit, statute, year, scenario)
            b.add(figure, "staffing_figures")


def _headcount(value: Any) -> int:
    number = cells.as_int(value)
    if not 0 <= number < HEADCOUNT_LIMIT:
        raise CellError(_("must be a whole number from 0."))
    return number


_PRINTED_PLACES = {Measure.AMOUNT: 3, Measure.FTE: 2, Measure.HEADCOUNT: 0}


def printed_totals(b: Builder) -> None:
    """The totals the source printed: as any record sheet, each value checked for its
    measure's decimals and range (kEUR may be negative), and each row for what it
    totals (a budget total has a stage and a credit type, a staffing one a scenario)."""
    spec = SPECS["printed_totals"]
    sheet = b.sheets["printed_totals"]
    for row in sheet.rows:
        values = b.fields(sheet, row, spec.cols)
        old, new = b.own_id(sheet, row, spec.model)
        resolve_refs(b, sheet, row, spec.cols, values)
        measure = values.get("measure")
        if measure is None:
            b.problems.add(sheet, row.number, "measure", _("must not be empty."))
            continue
        budget = measure is Measure.AMOUNT
        for key in ("stage_id", "credit_type_id") if budget else ("scenario",):
            if values.get(key) is None:
                b.problems.add(sheet, row.number, key, _("must not be empty."))
        stray = ("unit_id", "scenario", "statute") if budget else ("budget_line_id",)
        for key in stray:
            if values.get(key) is not None:
                b.problems.add(sheet, row.number, key, _("must be empty for this measure."))
        value = values.get("value")
        try:
            values["value"] = check_decimal(
                _("Printed value"),
                value,
                places=_PRINTED_PLACES[measure],
                limit=KEUR_LIMIT,
                allow_negative=budget,
            )
        except ValidationError as err:
            b.problems.add(sheet, row.number, "value", err.reason)
            continue
        if values["value"] is None:
            b.problems.add(sheet, row.number, "value", _("must not be empty."))
            continue
        obj = make_row(b, spec.model, sheet, row, values, new)
        b.ids[old] = obj.id
        b.add(obj, "printed_totals")
