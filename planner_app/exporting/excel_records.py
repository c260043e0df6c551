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
    BudgetLine,
    Objective,
    OrgUnit,
    Plan,
    PlanRole,
)
from planner_app.domain.enums import CONTENT_LANGUAGES
from planner_app.errors import ValidationError
from planner_app.exporting import excel_read as cells
from planner_app.exporting.excel_layout import (
    FALLBACKS,
    RECORD_SHEETS,
    Col,
    Kind,
)
from planner_app.exporting.excel_read import CellError, Problems, RawRow, RawSheet
from planner_app.i18n import _
from planner_app.services.common import MAX_TEXT, check_text

# References that may point outside the imported plan: kept when the target file has
# the row, dropped otherwise.
OUTSIDE_REFS = {
    "strategic_plan_id": Plan,
    "previous_plan_id": Plan,
    "strategic_link_id": Objective,
    "carried_from_id": Objective,
}
_EXTRA_REFS = {"partners", "objectives", "pillars", "serves"}  # link rows, not columns


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
        self.made: set[uuid.UUID] = set()  # ids of rows keyed by their content

    # --- cells -------------------------------------------------------------------

    def cell(self, sheet: RawSheet, row: RawRow, key: str, convert: Callable[[Any], Any]) -> Any:
        value = row.values.get(key)
        if key in row.formulas:
            if convert is cells.as_bool and (flag := cells.boolean_formula(value)) is not None:
                return flag
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


SPECS = {spec.key: spec for spec in RECORD_SHEETS}


def make_row(
    b: Builder, model: type, sheet: RawSheet, row: RawRow, values: dict[str, Any], new: uuid.UUID
):
    columns = {c.key for c in model.__table__.columns}  # type: ignore[attr-defined]
    kept = {k: v for k, v in values.items() if k in columns and k not in _EXTRA_REFS}
    for key, value in list(kept.items()):
        if value is None and key == "position":
            kept[key] = row.number  # a row added by hand: after the others
        elif value is None and model.__table__.columns[key].default is not None:  # type: ignore[attr-defined]
            kept.pop(key)
    obj = model(**kept)
    obj.plan_id = b.plan.id  # type: ignore[union-attr]
    if model.natural_key:
        obj.id = model.key_id(*(getattr(obj, f) for f in model.natural_key))
        if obj.id in b.made:
            b.problems.add(sheet, row.number, None, _("the same entry is on another row."))
        b.made.add(obj.id)
    else:
        obj.id = new
    return obj


def resolve_refs(b: Builder, sheet: RawSheet, row: RawRow, cols: Iterable[Col], values: dict):
    for col in cols:
        if col.kind is Kind.REF:
            target = _ref_model(sheet.key, col.key)
            values[col.key] = b.ref(sheet, row, col.key, values.get(col.key), target)


def simple(b: Builder, key: str, links: dict) -> None:
    spec = SPECS[key]
    sheet = b.sheets[key]
    for row in sheet.rows:
        values = b.fields(sheet, row, spec.cols)
        old, new = b.own_id(sheet, row, spec.model)
        resolve_refs(b, sheet, row, spec.cols, values)
        _required(b, sheet, row, spec.cols, values)
        obj = make_row(b, spec.model, sheet, row, values, new)
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
    if sheet_key in SPECS:
        return SPECS[sheet_key].model
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
        resolve_refs(b, sheet, row, cols, values)
        _required(b, sheet, row, cols, values)
        obj = make_row(b, model, sheet, row, values, new)
        for extra in _EXTRA_REFS:
            if extra in values:
                bucket = f"{key}.{extra}" if extra == "serves" else key
                links[bucket].append((obj.id, values.get(extra) or [], sheet, row))
        b.add(obj, key)
        made.append((row, obj))
    return made


def link_rows(b: Builder, links: list, model: type, fields: tuple[str, str], target: type) -> None:
    for owner, olds, sheet, row in links:
        column = {
            "unit_id": "partners",
            "objective_id": "objectives",
            "pillar_id": "pillars",
            "strategic_id": "serves",
        }[fields[1]]
        for old in olds:
            new = b.ref(sheet, row, column, old, target)
            if new is None:
                continue
            obj = model(**{fields[0]: owner, fields[1]: new})
            obj.plan_id = b.plan.id  # type: ignore[union-attr]
            obj.id = model.key_id(owner, new)
            b.add(obj, model.__tablename__)


_REF_MODELS: dict[str, type] = {
    "lead_unit_id": OrgUnit,
    "objective_id": Objective,
    "strategic_link_id": Objective,
    "carried_from_id": Objective,
    "strategic_plan_id": Plan,
    "previous_plan_id": Plan,
    "unit_id": OrgUnit,
    "budget_line_id": BudgetLine,
    "role_id": PlanRole,
    "strategic_id": Objective,
}


def _init_owners() -> dict[tuple[str, str], type]:
    from planner_app.domain import (
        BudgetStage,
        CreditType,
        DiversityIndicator,
        DiversityObjective,
        DiversityPlan,
        Indicator,
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
        ("images", "section_id"): PlanSection,
        ("chapters", "parent_id"): PlanSection,
        ("diversity_actions", "objective_id"): DiversityObjective,
        ("diversity_values", "indicator_id"): DiversityIndicator,
        ("indicator_quarters", "indicator_id"): Indicator,
        ("indicator_units", "indicator_id"): Indicator,
        ("printed_totals", "stage_id"): BudgetStage,
        ("printed_totals", "credit_type_id"): CreditType,
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
