"""New rows name what they hang on as a person reads it, not by an invented id.

A row typed into the workbook may name its parent objective, lead unit, the objective
a milestone or indicator belongs to, the unit of a staffing row, … by the printed code
("SD 1", "OS 2.1", "PRJ 1.1.3") or the unit's code or name ("DG Personeel"), in the
reference column itself or, when that column is empty, in the visible column beside it
that the export fills for people (the "Lead unit" name, the milestone's "Objective"
code). Ids stay accepted. This pass runs on the sheets as read, before any row is
built: it gives every objective and unit row without an id a new one, and replaces
each name by the id it stands for, so the builder sees ids only. A name that stands
for nothing, or for two rows, is a problem naming its cell.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict

from sqlalchemy import select

from planner_app.domain import Plan
from planner_app.exporting.excel_read import CellError, Problems, RawSheet, as_text
from planner_app.i18n import _
from planner_app.services.tree_read import objective_codes
from planner_app.storage import PlanFile

# (sheet, reference column) -> (what it names, the visible column shown beside it,
# whether it holds several names)
_REFS: dict[tuple[str, str], tuple[str, str | None, bool]] = {
    ("objectives", "parent_id"): ("objectives", None, False),
    ("objectives", "lead_unit_id"): ("units", "~lead", False),
    ("objectives", "serves"): ("objectives", "~serves", True),
    ("milestones", "objective_id"): ("objectives", "~objective", False),
    ("indicators", "objective_id"): ("objectives", "~objective", False),
    ("objective_units", "objective_id"): ("objectives", "~objective", False),
    ("objective_units", "unit_id"): ("units", "~unit", False),
    ("objective_units", "role_id"): ("plan_roles", "~role", False),
    ("units", "parent_id"): ("units", None, False),
    ("staffing", "unit_id"): ("units", "~unit", False),
    ("budget", "objectives"): ("objectives", "~objectives", True),
    ("printed_totals", "unit_id"): ("units", None, False),
}
_NAMED_BY = {
    "objectives": ("code",),
    "units": ("code", "name@"),
    "plan_roles": ("code",),
}
_SPLIT = re.compile(r"\s*[,;\n]\s*")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_id(text: str) -> bool:
    try:
        uuid.UUID(text.strip())
    except ValueError:
        return False
    return True


class _Index:
    """What each name stands for in one sheet: its row ids by code or name."""

    def __init__(self, sheet: RawSheet, named_by: tuple[str, ...]) -> None:
        self.ids: dict[str, set[str]] = defaultdict(set)
        self.rows: dict[str, list[int]] = defaultdict(list)
        for row in sheet.rows:
            own = str(row.values.get("id") or "").strip()
            if not own:
                own = row.values["id"] = str(uuid.uuid4())  # a row typed in by hand
            for column, value in row.values.items():
                if not any(
                    column == n or (n.endswith("@") and column.startswith(n)) for n in named_by
                ):
                    continue
                try:
                    key = _key(as_text(value))
                except CellError:  # a bad cell: the builder names it
                    continue
                if key and own not in self.ids[key]:
                    self.ids[key].add(own)
                    self.rows[key].append(row.number)

    def find(self, text: str) -> tuple[str | None, list[int]]:
        """(the id, []) or (None, the rows it names: none or several)."""
        found = self.ids.get(_key(text), set())
        if len(found) == 1:
            return next(iter(found)), []
        return None, self.rows.get(_key(text), [])


def resolve_references(
    sheets: dict[str, RawSheet], problems: Problems, store: PlanFile | None = None
) -> None:
    """Replace every name in a reference column by the id of the row it names; the
    plan's strategic plan (by plan code) and an objective's strategic objective (by
    its printed code in that plan) are looked up in ``store``, the target file."""
    _outside_references(sheets, problems, store)
    indexes = {
        key: _Index(sheets[key], named_by) for key, named_by in _NAMED_BY.items() if key in sheets
    }
    for (sheet_key, column), (target, shown, several) in _REFS.items():
        sheet = sheets.get(sheet_key)
        index = indexes.get(target)
        if sheet is None or index is None:
            continue
        for row in sheet.rows:
            value, where = row.values.get(column), column
            if value in (None, "") and shown is not None:
                value, where = row.values.get(shown), shown
            if value in (None, "") or column in row.formulas or where in row.formulas:
                continue
            ids = []
            for part in _parts(str(value), several):
                if _is_id(part):
                    ids.append(part.strip())
                    continue
                found, rows = index.find(part)
                if found is not None:
                    ids.append(found)
                    continue
                problems.add(sheet, row.number, where, _unknown(sheets[target], part, rows))
                problems.covered(sheet, row.number, column)
                ids = []
                break
            else:
                row.values[column] = " ".join(ids)


def _outside_references(
    sheets: dict[str, RawSheet], problems: Problems, store: PlanFile | None
) -> None:
    plan_sheet = sheets.get("plan")
    if plan_sheet is None or len(plan_sheet.rows) != 1:
        return
    plan_row = plan_sheet.rows[0]
    strategic = plan_row.values.get("strategic_plan_id")
    if strategic not in (None, "") and not _is_id(str(strategic)):
        found = _plan_by_code(store, str(strategic))
        if found is None:
            problems.add(
                plan_sheet,
                plan_row.number,
                "strategic_plan_id",
                _("the file has no plan with code {code}.").format(code=str(strategic).strip()),
            )
            return
        plan_row.values["strategic_plan_id"] = strategic = found
    sheet = sheets.get("objectives")
    if sheet is None:
        return
    codes: dict[str, set[str]] | None = None
    for row in sheet.rows:
        value = row.values.get("strategic_link_id")
        if value in (None, "") or _is_id(str(value)):
            continue
        if codes is None:
            codes = _codes_of(store, str(strategic)) if strategic else {}
        found = codes.get(_key(str(value)), set())
        if len(found) == 1:
            row.values["strategic_link_id"] = next(iter(found))
            continue
        problems.add(
            sheet,
            row.number,
            "strategic_link_id",
            _(
                "“{code}” is not the code of one objective of the strategic plan named on "
                "sheet '{sheet}'."
            ).format(code=str(value).strip(), sheet=plan_sheet.name),
        )


def _plan_by_code(store: PlanFile | None, code: str) -> str | None:
    if store is None:
        return None
    with store.read() as s:
        found = s.scalar(select(Plan.id).where(Plan.code == code.strip(), Plan.deleted.is_(False)))
    return str(found) if found is not None else None


def _codes_of(store: PlanFile | None, plan_id: str) -> dict[str, set[str]]:
    """Every printed code (in each of the plan's languages) of a plan in the file."""
    codes: dict[str, set[str]] = defaultdict(set)
    if store is None:
        return codes
    with store.read() as s:
        plan = s.get(Plan, uuid.UUID(plan_id))
        if plan is None or plan.deleted:
            return codes
        for language in plan.language_list:
            for oid, code in objective_codes(s, plan.id, language).items():
                codes[_key(code)].add(str(oid))
    return codes


def _parts(text: str, several: bool) -> list[str]:
    """The names in a cell: one, or several separated by commas, semicolons or lines
    (ids, as the export writes them, by spaces)."""
    if not several:
        return [text]
    tokens = text.split()
    if tokens and all(_is_id(t) for t in tokens):
        return tokens
    return [p for p in _SPLIT.split(text.strip()) if p]


def _unknown(target: RawSheet, text: str, rows: list[int]) -> str:
    if rows:
        return _("“{name}” names more than one row of sheet '{sheet}' (rows {rows}).").format(
            name=text.strip(), sheet=target.name, rows=", ".join(str(r) for r in rows)
        )
    return _("“{name}” is neither a code or name on sheet '{sheet}' nor an id.").format(
        name=text.strip()[:60], sheet=target.name
    )
