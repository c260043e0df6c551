"""An empty workbook for typing a new plan in: ``planner-app export --xlsx-template``.

The template is the export of a new, empty plan of the chosen kind and language (so
the importer reads it as it reads any export: same sheets, same columns, the plan's
levels, budget stages and year columns), with what a person typing needs on top:

* an Instructions sheet first, in the chosen language, saying what goes where and how
  rows refer to each other (printed codes and unit names, never ids);
* drop-down lists (data validation) on every column that takes one of a fixed set of
  values (level, kind, status, statute, role, …) and on the columns naming a unit or an
  objective of the workbook (the lists follow the Units and Objectives sheets, so a unit
  added there is offered at once);
* the Parent columns of objectives and units shown, for typing the parent's code, and
  the strategic plan's and strategic objective's, for their codes;
* the plan row without code, title or id: the user gives the first two, the import
  makes the id; no total rows (an empty plan's would sit where the first rows go).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from enum import Enum
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.packaging.custom import CustomPropertyList
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from planner_app.domain.enums import CONTENT_LANGUAGES, PlanKind
from planner_app.domain.labels import LABELS
from planner_app.errors import ValidationError
from planner_app.exporting.excel import export_xlsx
from planner_app.exporting.excel_layout import (
    FIRST_ROW,
    META_SHEET,
    ROW_KIND,
    SHEET_ORDER,
    TOTAL,
    Kind,
    sheet_columns,
)
from planner_app.exporting.report import Progress
from planner_app.i18n import N_, _, translator

TEMPLATE_ROWS = 2000  # rows the drop-downs cover
SEVERAL_YEARS = 6  # a new plan of several years, as the New plan dialog proposes
_WIDTH = 100  # characters of the instructions' column
# Visible columns that name a row of another sheet: (sheet, column) -> (sheet, column)
# whose values the drop-down offers.
NAMED_LISTS = {
    ("objectives", "~lead"): ("units", "name@"),
    ("milestones", "~objective"): ("objectives", "code"),
    ("indicators", "~objective"): ("objectives", "code"),
    ("objective_units", "~objective"): ("objectives", "code"),
    ("objective_units", "~unit"): ("units", "name@"),
    ("objective_units", "~role"): ("plan_roles", "code"),
    ("staffing", "~unit"): ("units", "name@"),
    ("objectives", "parent_id"): ("objectives", "code"),
}
# Reference columns a person types a code in: parents, the strategic plan (by plan
# code) and the strategic objective (by its code in that plan).
SHOWN = {
    ("objectives", "parent_id"),
    ("units", "parent_id"),
    ("objectives", "strategic_link_id"),
    ("plan", "strategic_plan_id"),
}
# Shown by an export for reading, not read back: the units of an objective are typed on
# the Units of objectives sheet, one row each with its role.
HIDDEN = {("objectives", "~partners")}

INSTRUCTIONS = (
    N_("How to type a plan into this workbook"),
    "",
    N_(
        "1. Sheet Plan, row 3: give the plan a code (lower-case letters, digits, '-', "
        "for example ibz-2027-2031), its title, first and last year and languages "
        "(the first is the plan's main language; its texts are required)."
    ),
    N_(
        "2. Sheet Units: one row per organisation unit, with its name (and code). A "
        "unit under another names it in the Parent column, by code or name."
    ),
    N_(
        "3. Sheet Objectives: one row per objective, in document order. Choose its level "
        "from the list. A new row names its parent in the Parent column by the code as "
        "printed (“SD 1”, “OS 2.1”) and its lead unit in the Lead unit column by name; "
        "leave the code empty to have the next free one, as in the window (an objective "
        "that other rows name needs its code typed)."
    ),
    N_(
        "4. Milestones, indicators and the units of an objective name the objective by "
        "its code in the Objective column; a staffing row names its unit by name."
    ),
    N_(
        "5. Never type an id: the hidden columns are for the app. Columns with a "
        "drop-down list take one of its values."
    ),
    N_(
        "6. Texts in another language: add that language under Languages on the Plan "
        "sheet, and a column headed like the text's own with the language's letters, "
        "for example “Titre (FR)” beside “Titel (NL)”."
    ),
    N_(
        "7. Another year: add a column headed like the year columns beside it, with that "
        "year (for example “INI 2032 VL” on the Budget sheet, once the stage and the "
        "credit type are on their sheets)."
    ),
    N_(
        "8. Read the workbook in with: planner-app import FILE.plan --xlsx THIS.xlsx "
        "(or File → Import in the window). It is checked with the same rules as the "
        "window, all or nothing: a refusal names the sheet, row and column of each "
        "problem (the first 20), and the plan file is left as it was."
    ),
)


def write_template(
    out: Path,
    *,
    language: str = "nl",
    kind: PlanKind | str = PlanKind.STRATEGIC,
    years: tuple[int, int] | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the template for a new plan of ``kind`` in ``language`` to ``out``, for
    the period ``years`` (first, last): its year columns and the Plan sheet's years.
    Without it: next year, and for a plan of several years the five after it."""
    from planner_app.services import plans
    from planner_app.storage import PlanFile

    if language not in CONTENT_LANGUAGES:
        raise ValidationError(
            "--lang",
            _("{lang} is not a supported language ({langs}).").format(
                lang=language, langs=", ".join(CONTENT_LANGUAGES)
            ),
        )
    try:
        kind = PlanKind(kind)
    except ValueError:
        raise ValidationError(
            "--kind",
            _("must be one of: {kinds}.").format(kinds=", ".join(k.value for k in PlanKind)),
        ) from None
    first, last = years or default_years(kind, today)
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="planner-template-") as folder:
        store = PlanFile.create(Path(folder) / "template.plan")
        try:
            plan_id = plans.create_plan(
                store,
                code="template",
                kind=kind,
                title={language: "-"},
                first_year=first,
                last_year=last,
                languages=[language],
            ).id
            export_xlsx(store, plan_id, out, language=language, progress=progress)
        finally:
            store.close()
    _finish(out, language)
    return out


def default_years(kind: PlanKind, today: dt.date | None = None) -> tuple[int, int]:
    """Next year; a plan of several years runs six, as in the New plan dialog."""
    first = (today or dt.date.today()).year + 1
    return first, first if kind.is_yearly else first + SEVERAL_YEARS - 1


def parse_years(text: str) -> tuple[int, int]:
    """``2027-2031`` (or ``2027`` alone) as (first, last); checked as the window checks
    a new plan's period."""
    from planner_app.services.plans import _check_period

    parts = [p.strip() for p in text.replace("–", "-").split("-")]
    if len(parts) not in (1, 2) or not all(p.isascii() and p.isdigit() for p in parts):
        raise ValidationError("--years", _("give the first and last year, for example 2027-2031."))
    first, last = int(parts[0]), int(parts[-1])
    _check_period(first, last)
    return first, last


def _finish(out: Path, language: str) -> None:
    t = translator(language)
    wb = load_workbook(out)
    names = {
        str(row[0].value): str(row[1].value)
        for row in wb[META_SHEET].iter_rows()
        if row[0].value is not None and row[1].value is not None
    }
    sheets = {
        key[len("sheet:") :]: wb[name]
        for key, name in names.items()
        if key.startswith("sheet:") and name in wb.sheetnames
    }
    columns = {
        key: {str(c.value): c.column for c in ws[1] if c.value} for key, ws in sheets.items()
    }
    for key, ws in sheets.items():  # an empty plan's total rows would sit where rows go
        kind_at = columns[key].get(ROW_KIND)
        if kind_at is None:
            continue
        for number in range(ws.max_row, FIRST_ROW - 1, -1):
            if ws.cell(number, kind_at).value == TOTAL:
                ws.delete_rows(number)
    plan = sheets["plan"]
    for key in ("code", "id", f"title@{language}"):
        if key in columns["plan"]:
            plan.cell(FIRST_ROW, columns["plan"][key]).value = None
    for key in SHEET_ORDER:
        ws = sheets.get(key)
        if ws is None:
            continue
        for col in sheet_columns(key):
            if col.kind is Kind.ENUM and col.enum is not None and col.key in columns[key]:
                _choices(ws, columns[key][col.key], _labels(t, col.enum))
            elif col.kind is Kind.BOOL and col.key in columns[key]:
                _choices(ws, columns[key][col.key], ["TRUE", "FALSE"])
    if "staffing" in sheets and "statute" in columns["staffing"]:
        from planner_app.domain.enums import Statute

        _choices(sheets["staffing"], columns["staffing"]["statute"], _labels(t, Statute))
    for (key, column), (source, source_column) in NAMED_LISTS.items():
        ws, src = sheets.get(key), sheets.get(source)
        if ws is None or src is None or column not in columns[key]:
            continue
        wanted = f"{source_column}{language}" if source_column.endswith("@") else source_column
        if wanted not in columns[source]:
            continue
        letter = get_column_letter(columns[source][wanted])
        area = f"{quote_sheetname(src.title)}!${letter}${FIRST_ROW}:${letter}${TEMPLATE_ROWS}"
        _choices(ws, columns[key][column], area, strict=False)
    for (key, column), hidden in [*((k, False) for k in SHOWN), *((k, True) for k in HIDDEN)]:
        if key in sheets and column in columns[key]:
            letter = get_column_letter(columns[key][column])
            sheets[key].column_dimensions[letter].hidden = hidden
            sheets[key].column_dimensions[letter].width = 14
    for ws in wb.worksheets:  # the page header named the placeholder plan
        ws.oddHeader.left.text = None
        ws.oddHeader.center.text = None
    wb.properties.title = wb.properties.keywords = wb.properties.subject = None
    wb.custom_doc_props = CustomPropertyList()
    _instructions(wb, t)
    wb.save(out)


def _labels(t, enum: type[Enum]) -> list[str]:
    return [t(LABELS.get(member.value, member.value)) for member in enum]


def _choices(ws, column: int, values: list[str] | str, *, strict: bool = True) -> None:
    """A drop-down on the column's data rows: a list of values, or a range of cells."""
    if isinstance(values, list):
        formula = '"' + ",".join(v.replace('"', "") for v in values) + '"'
        if len(formula) > 255:  # Excel's limit on a literal list
            return
    else:
        formula = values
    check = DataValidation(type="list", formula1=formula, allow_blank=True)
    check.showErrorMessage = strict  # a name list also takes an id or a new name
    letter = get_column_letter(column)
    check.add(f"{letter}{FIRST_ROW}:{letter}{TEMPLATE_ROWS}")
    ws.add_data_validation(check)


def _instructions(wb, t) -> None:
    ws = wb.create_sheet(t(N_("Instructions")), 0)
    ws.column_dimensions["A"].width = _WIDTH
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # printed: as wide as the page
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    for number, line in enumerate(INSTRUCTIONS, start=1):
        text = t(line) if line else ""
        cell = ws.cell(number, 1, text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if number == 1:
            cell.font = Font(bold=True, size=14)
            ws.row_dimensions[number].height = 24
        else:  # wrapped lines: spreadsheets do not grow a row written by a library
            ws.row_dimensions[number].height = 15 * (1 + len(text) // (_WIDTH - 10))
    wb.active = 0
    with contextlib.suppress(AttributeError):
        for sheet in wb.worksheets[1:]:
            sheet.sheet_view.tabSelected = False
