"""Turn the keyed rows of an imported workbook into new domain rows of one plan.

Every cell is checked (type, decimals, limits, choices, ids) and every problem is
collected with sheet, row and column; nothing is written here. Ids from the workbook
are kept, so a round trip restores the plan exactly, unless the target file already
holds the plan: then every row gets a new id (rows whose id derives from a natural
key, such as a budget amount, get the id derived from their new parents).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
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
    ObjectivePartner,
    OrgUnit,
    Plan,
    StaffingFigure,
)
from planner_app.domain.enums import CONTENT_LANGUAGES, PlanState, Scenario, Statute, ValueKind
from planner_app.domain.resources_model import FTE_SCALE, KEUR_SCALE
from planner_app.errors import ValidationError
from planner_app.exporting import excel_read as cells
from planner_app.exporting.excel_layout import (
    BUDGET_LINE_COLS,
    FALLBACKS,
    INDICATOR_COLS,
    OBJECTIVE_COLS,
    PLAN_COLS,
    RECORD_SHEETS,
    SHEET_ORDER,
    UNIT_COLS,
    Col,
    Kind,
)
from planner_app.exporting.excel_read import CellError, Problems, RawRow, RawSheet
from planner_app.i18n import _
from planner_app.services.budget import KEUR_LIMIT
from planner_app.services.common import MAX_TEXT, check_decimal, check_text
from planner_app.services.staffing import FTE_LIMIT, HEADCOUNT_LIMIT

# References that may point outside the imported plan: kept when the target file has
# the row, dropped otherwise.
OUTSIDE_REFS = {
    "strategic_plan_id": Plan,
    "previous_plan_id": Plan,
    "strategic_link_id": Objective,
    "carried_from_id": Objective,
}
_EXTRA_REFS = {"partners", "objectives", "pillars"}  # link rows, not columns


class Builder:
    """Collects the new rows, in an order that satisfies foreign keys."""

    def __init__(
        self,
        sheets: dict[str, RawSheet],
        problems: Problems,
        *,
        remap: bool,
        exists: Callable[[type, uuid.UUID], bool],
    ) -> None:
        self.sheets = sheets
        self.problems = problems
        self.remap = remap
        self.exists = exists
        self.ids: dict[uuid.UUID, uuid.UUID] = {}  # workbook id -> new id
        self.kinds: dict[uuid.UUID, type] = {}  # workbook id -> model
        self.rows: list[Any] = []
        self.counts: dict[str, int] = defaultdict(int)
        self.notes: list[str] = []
        self.plan: Plan | None = None
        self.lead = "nl"  # the language the workbook was written in

    # --- cells -------------------------------------------------------------------

    def cell(self, sheet: RawSheet, row: RawRow, key: str, convert: Callable[[Any], Any]) -> Any:
        value = row.values.get(key)
        if key in row.formulas:
            self.problems.add(sheet, row.number, key, _("a formula is not accepted here."))
            return None
        if value is None:
            return None
        try:
            return convert(value)
        except (CellError, ValidationError) as err:
            reason = err.reason if isinstance(err, ValidationError) else str(err)
            self.problems.add(sheet, row.number, key, reason)
            return None

    def texts(self, sheet: RawSheet, row: RawRow, key: str) -> dict[str, str]:
        out: dict[str, str] = {}
        prefix = f"{key}@"
        for column in row.values:
            if column.startswith(prefix):
                lang = column[len(prefix) :]
                if lang not in CONTENT_LANGUAGES:
                    self.problems.add(sheet, row.number, column, _("unknown language."))
                    continue
                text = self.cell(sheet, row, column, self._text)
                if text:
                    out[lang] = text
        fallbacks = str(row.values.get(FALLBACKS, "")).split(",")
        if key in fallbacks:
            # The lead language showed another language's text; it has none of its own
            # unless someone typed a different text there.
            lead = self.lead
            if lead in out and any(out[lead] == out[o] for o in out if o != lead):
                del out[lead]
        return out

    @staticmethod
    def _text(value: Any) -> str:
        return check_text(_("Text"), cells.as_text(value), limit=MAX_TEXT)

    def convert_for(self, col: Col) -> Callable[[Any], Any]:
        if col.kind is Kind.INT:
            return cells.as_int
        if col.kind is Kind.BOOL:
            return cells.as_bool
        if col.kind is Kind.DATE:
            return cells.as_date
        if col.kind is Kind.DEC:
            return cells.as_decimal
        if col.kind is Kind.ENUM:
            return lambda v: cells.as_enum(col.enum, v)  # type: ignore[arg-type]
        if col.kind in (Kind.REF, Kind.ID):
            return cells.as_uuid
        if col.kind is Kind.REFS:
            return lambda v: [cells.as_uuid(p) for p in cells.as_text(v).split()]
        return self._text

    def fields(self, sheet: RawSheet, row: RawRow, cols: Iterable[Col]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for col in cols:
            if col.kind is Kind.INFO or col.key == "id":
                continue
            if col.kind is Kind.I18N:
                out[col.key] = self.texts(sheet, row, col.key)
            else:
                out[col.key] = self.cell(sheet, row, col.key, self.convert_for(col))
        return out

    # --- ids ---------------------------------------------------------------------

    def own_id(self, sheet: RawSheet, row: RawRow, model: type) -> tuple[uuid.UUID, uuid.UUID]:
        """(workbook id, new id) of a row; a row typed in by hand has none yet."""
        old = self.cell(sheet, row, "id", cells.as_uuid) or uuid.uuid4()
        if old in self.ids:
            self.problems.add(sheet, row.number, "id", _("the same id is on another row."))
        new = uuid.uuid4() if self.remap else old
        self.ids[old] = new
        self.kinds[old] = model
        return old, new

    def ref(
        self, sheet: RawSheet, row: RawRow, key: str, old: uuid.UUID | None, model: type
    ) -> uuid.UUID | None:
        if old is None:
            return None
        if key in OUTSIDE_REFS:
            if self.kinds.get(old) is model:
                return self.ids[old]
            if self.exists(OUTSIDE_REFS[key], old):
                return old
            self.notes.append(
                _(
                    "{sheet} row {row}: the link in column {column} points outside this file;"
                    " dropped."
                ).format(sheet=sheet.name, row=row.number, column=sheet.letter(key))
            )
            return None
        if self.kinds.get(old) is not model:
            self.problems.add(sheet, row.number, key, _("no row of this plan has this id."))
            return None
        return self.ids[old]

    def add(self, obj: Any, what: str) -> Any:
        self.rows.append(obj)
        self.counts[what] += 1
        return obj


# --- the plan and its trees -------------------------------------------------------------


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
        if values.get(required) in (None, ""):
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
        state=PlanState.DRAFT,
        version_no=values.get("version_no") or 1,
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
    simple(b, "policy_fields", links)
    tree(b, "objectives", Objective, OBJECTIVE_COLS, links)
    link_rows(b, links["objectives"], ObjectivePartner, ("objective_id", "unit_id"), OrgUnit)
    simple(b, "milestones", links)
    indicators(b)
    simple(b, "budget_stages", links)
    simple(b, "credit_types", links)
    budget(b, links)
    link_rows(b, links["budget"], BudgetLineObjective, ("line_id", "objective_id"), Objective)
    staffing(b)
    done = {"policy_fields", "milestones", "budget_stages", "credit_types"}
    for key in SHEET_ORDER:  # chapters and the diversity plan, parents first
        if key not in _SPECS or key in done:
            continue
        simple(b, key, links)
    link_rows(
        b,
        links["diversity_objectives"],
        DiversityObjectivePillar,
        ("objective_id", "pillar_id"),
        _SPECS["diversity_pillars"].model,
    )


_SPECS = {spec.key: spec for spec in RECORD_SHEETS}


def _make(
    b: Builder, model: type, sheet: RawSheet, row: RawRow, values: dict[str, Any], new: uuid.UUID
):
    columns = {c.key for c in model.__table__.columns}  # type: ignore[attr-defined]
    kept = {k: v for k, v in values.items() if k in columns and k not in _EXTRA_REFS}
    for key, value in list(kept.items()):
        if value is None and key in ("position",):
            kept[key] = row.number
        if value is None and model.__table__.columns[key].default is not None:  # type: ignore[attr-defined]
            kept.pop(key)
    obj = model(**kept)
    obj.plan_id = b.plan.id  # type: ignore[union-attr]
    if model.natural_key:
        obj.id = model.key_id(*(getattr(obj, f) for f in model.natural_key))
    else:
        obj.id = new
    return obj


def _resolve_refs(b: Builder, sheet: RawSheet, row: RawRow, cols: Iterable[Col], values: dict):
    for col in cols:
        if col.kind is Kind.REF:
            target = _ref_model(sheet.key, col.key)
            values[col.key] = b.ref(sheet, row, col.key, values.get(col.key), target)


def simple(b: Builder, key: str, links: dict) -> None:
    spec = _SPECS[key]
    sheet = b.sheets[key]
    for row in sheet.rows:
        values = b.fields(sheet, row, spec.cols)
        old, new = b.own_id(sheet, row, spec.model)
        _resolve_refs(b, sheet, row, spec.cols, values)
        _required(b, sheet, row, spec.cols, values)
        obj = _make(b, spec.model, sheet, row, values, new)
        if spec.model.natural_key:
            b.ids[old] = obj.id
        if "pillars" in values:
            links[key].append((obj.id, values.get("pillars") or [], sheet, row))
        b.add(obj, key)


def _required(b: Builder, sheet: RawSheet, row: RawRow, cols: Iterable[Col], values: dict) -> None:
    """Columns the model cannot do without (no default, not nullable)."""
    model_columns = _model_of(sheet.key).__table__.columns  # type: ignore[attr-defined]
    for col in cols:
        column = model_columns.get(col.key)
        if column is None or column.nullable or column.default is not None:
            continue
        value = values.get(col.key)
        if value is None or value == "":
            b.problems.add(sheet, row.number, col.key, _("must not be empty."))


def _model_of(sheet_key: str) -> type:
    if sheet_key in _SPECS:
        return _SPECS[sheet_key].model
    return {"objectives": Objective, "units": OrgUnit, "budget": BudgetLine}[sheet_key]


def tree(b: Builder, key: str, model: type, cols: Iterable[Col], links: dict) -> list:
    """A self-referencing sheet: parents are added before their children."""
    sheet = b.sheets[key]
    pending = []
    for row in sheet.rows:
        values = b.fields(sheet, row, cols)
        old, new = b.own_id(sheet, row, model)
        pending.append((row, values, old, new))
    by_old = {old: (row, values, old, new) for row, values, old, new in pending}
    depth: dict[uuid.UUID, int] = {}

    def level(old: uuid.UUID, seen: int = 0) -> int:
        if old in depth:
            return depth[old]
        parent = by_old[old][1].get("parent_id")
        if parent is None or parent not in by_old or seen > 50:
            depth[old] = 0
        else:
            depth[old] = level(parent, seen + 1) + 1
        return depth[old]

    made = []
    for row, values, _old, new in sorted(pending, key=lambda p: level(p[2])):
        _resolve_refs(b, sheet, row, cols, values)
        _required(b, sheet, row, cols, values)
        obj = _make(b, model, sheet, row, values, new)
        for extra in _EXTRA_REFS:
            if extra in values:
                links[key].append((obj.id, values.get(extra) or [], sheet, row))
        b.add(obj, key)
        made.append((row, obj))
    return made


def link_rows(b: Builder, links: list, model: type, fields: tuple[str, str], target: type) -> None:
    for owner, olds, sheet, row in links:
        column = {"unit_id": "partners", "objective_id": "objectives", "pillar_id": "pillars"}[
            fields[1]
        ]
        for old in olds:
            new = b.ref(sheet, row, column, old, target)
            if new is None:
                continue
            obj = model(**{fields[0]: owner, fields[1]: new})
            obj.plan_id = b.plan.id  # type: ignore[union-attr]
            obj.id = model.key_id(owner, new)
            b.add(obj, model.__tablename__)


def indicators(b: Builder) -> None:
    sheet = b.sheets["indicators"]
    for row in sheet.rows:
        values = b.fields(sheet, row, INDICATOR_COLS)
        _old, new = b.own_id(sheet, row, Indicator)
        _resolve_refs(b, sheet, row, INDICATOR_COLS, values)
        obj = b.add(_make(b, Indicator, sheet, row, values, new), "indicators")
        for key in row.values:
            if not key.startswith("val:"):
                continue
            try:
                _v, year, kind = key.split(":")
                kind_value = ValueKind(kind)
            except ValueError:
                b.problems.add(sheet, row.number, key, _("unknown column."))
                continue
            number = b.cell(sheet, row, key, cells.as_decimal)
            if number is None:
                continue
            value = IndicatorValue(
                indicator_id=obj.id, year=int(year), kind=kind_value, value=number
            )
            value.plan_id = b.plan.id  # type: ignore[union-attr]
            value.id = IndicatorValue.key_id(obj.id, int(year), kind_value)
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
                continue  # a group's cells are the export's SUM formulas
            try:
                _a, year, stage, credit = key.split(":")
                stage_id, type_id = stage_ids[stage], type_ids[credit]
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
                year=int(year),
                stage_id=stage_id,
                credit_type_id=type_id,
                amount=number,
            )
            amount.plan_id = b.plan.id  # type: ignore[union-attr]
            amount.id = BudgetAmount.key_id(line.id, int(year), stage_id, type_id)
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
                _w, year, scenario = key.split(":")
                group = figures[(int(year), Scenario(scenario))]
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


_REF_MODELS: dict[str, type] = {
    "lead_unit_id": OrgUnit,
    "objective_id": Objective,
    "strategic_link_id": Objective,
    "carried_from_id": Objective,
    "strategic_plan_id": Plan,
    "previous_plan_id": Plan,
    "unit_id": OrgUnit,
}


def _init_owners() -> dict[tuple[str, str], type]:
    from planner_app.domain import (
        DiversityIndicator,
        DiversityObjective,
        DiversityPlan,
        PlanSection,
        PolicyField,
    )

    return {
        ("objectives", "parent_id"): Objective,
        ("objectives", "policy_field_id"): PolicyField,
        ("units", "parent_id"): OrgUnit,
        ("budget", "parent_id"): BudgetLine,
        ("chapter_parts", "section_id"): PlanSection,
        ("communication", "section_id"): PlanSection,
        ("diversity_actions", "objective_id"): DiversityObjective,
        ("diversity_values", "indicator_id"): DiversityIndicator,
        **{
            (key, "diversity_plan_id"): DiversityPlan
            for key in (
                "diversity_pillars",
                "diversity_bottlenecks",
                "diversity_priorities",
                "diversity_objectives",
                "diversity_indicators",
            )
        },
    }


_OWNERS = _init_owners()


def _ref_model(sheet_key: str, key: str) -> type:
    if (sheet_key, key) in _OWNERS:
        return _OWNERS[(sheet_key, key)]
    return _REF_MODELS[key]
