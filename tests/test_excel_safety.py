"""Formula injection and hostile workbooks: text stays text, bad files change nothing."""

from __future__ import annotations

import re
import uuid
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import openpyxl.xml
import openpyxl.xml.functions
import pytest
from openpyxl import load_workbook

from planner_app.domain.enums import ObjectiveLevel
from planner_app.errors import ValidationError
from planner_app.exporting import excel_limits, excel_read
from planner_app.exporting.excel import export_xlsx
from planner_app.exporting.excel_import import import_xlsx
from planner_app.exporting.excel_limits import WorkbookError
from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_lines,
    budget_read,
    details,
    objectives,
    tree_read,
)
from planner_app.storage import PlanFile
from tests.conftest import log_size
from tests.hostile_workbooks import BAD_FILES, rows_over_the_limit

INJECTIONS = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1+1"]


@pytest.fixture
def hostile(store: PlanFile, plan_id: uuid.UUID, tmp_path: Path) -> Path:
    """A plan whose texts look like formulas, exported."""
    parent = None
    for text in INJECTIONS:
        oid = objectives.add_objective(
            store, plan_id, level=ObjectiveLevel.STRATEGIC, title={"nl": text, "fr": text}
        ).id
        parent = parent or oid
    details.add_milestone(store, parent, text="=1+1", period="-Q1")
    budget_dimensions.add_stage(store, plan_id, code="INI")
    budget_dimensions.add_credit_type(store, plan_id, code="VL")
    group = budget_lines.add_line(store, plan_id, title="=SUM(1)").id
    leaf = budget_lines.add_line(store, plan_id, title="@leaf", parent_id=group).id
    budget_amounts.set_amount(
        store, leaf, year=2025, stage="INI", credit_type="VL", amount="12.345"
    )
    out = tmp_path / "hostile.xlsx"
    export_xlsx(store, plan_id, out, language="nl")
    return out


def _sheet_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {
            n: zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/sheet")
        }


def test_formula_like_text_is_a_quoted_text_cell(hostile: Path):
    wb = load_workbook(hostile)
    seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in INJECTIONS:
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
                    seen += 1
    assert seen >= len(INJECTIONS)
    formulas = re.compile(r"<f>(.*?)</f>")
    for name, xml in _sheet_xml(hostile).items():
        for formula in formulas.findall(xml):
            # only the template's own sums and differences
            assert re.fullmatch(
                r"SUM\([A-Z]+\d+(:[A-Z]+\d+)?(,[A-Z]+\d+(:[A-Z]+\d+)?)*\)|"
                r"[A-Z]+\d+-[A-Z]+\d+|0",
                formula,
            ), (name, formula)


def test_formula_like_text_comes_back_unchanged(hostile: Path, tmp_path: Path):
    result = import_xlsx(tmp_path / "back.plan", hostile)
    with PlanFile.open(tmp_path / "back.plan", readonly=True) as store:
        titles = [n.title for n in tree_read.load_tree(store, result.plan_id)]
        lines = budget_read.budget_totals(store, result.plan_id)
    assert titles[: len(INJECTIONS)] == [{"nl": t, "fr": t} for t in INJECTIONS]
    assert [line.title["nl"] for line in lines.lines] == ["=SUM(1)", "@leaf"]
    assert list(lines.grand_total.values()) == [Decimal("12.345")]


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML
    assert openpyxl.xml.functions.fromstring.__module__.startswith("defusedxml")
    assert openpyxl.xml.functions.iterparse.__module__.startswith("defusedxml")


# --- bad files --------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_is_refused_and_changes_nothing(
    case: str, hostile: Path, store: PlanFile, tmp_path: Path
):
    make, message = BAD_FILES[case]
    bad = make(hostile, tmp_path / "bad.xlsx")
    store.close()
    before = log_size(PlanFile.open(store.path, readonly=True))
    with pytest.raises(WorkbookError, match=message):
        import_xlsx(store.path, bad, plan_code="other")
    with PlanFile.open(store.path, readonly=True) as again:
        assert log_size(again) == before


def test_bad_file_into_a_new_plan_file_leaves_no_file(tmp_path: Path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(WorkbookError):
        import_xlsx(tmp_path / "new.plan", bad)
    assert not (tmp_path / "new.plan").exists()


def test_missing_sheet(hostile: Path, tmp_path: Path):
    wb = load_workbook(hostile)
    del wb[wb.sheetnames[2]]  # milestones
    wb.save(tmp_path / "missing.xlsx")
    with pytest.raises(WorkbookError, match="the sheet is missing"):
        import_xlsx(tmp_path / "new.plan", tmp_path / "missing.xlsx")


def test_number_cell_holding_text_names_sheet_row_column(hostile: Path, tmp_path: Path):
    wb = load_workbook(hostile)
    ws = wb[wb.sheetnames[4]]  # budget
    keys = [c.value for c in ws[1]]
    column = keys.index("amt:2025:INI:VL") + 1
    ws.cell(row=4, column=column).value = "twelve"
    wb.save(tmp_path / "text.xlsx")
    letter = openpyxl.utils.get_column_letter(column)
    with pytest.raises(ValidationError, match=rf"row 4, column {letter}: expected a number"):
        import_xlsx(tmp_path / "new.plan", tmp_path / "text.xlsx")
    assert not (tmp_path / "new.plan").exists()


def test_formula_in_a_data_cell_is_refused(hostile: Path, tmp_path: Path):
    wb = load_workbook(hostile)
    ws = wb[wb.sheetnames[4]]
    column = [c.value for c in ws[1]].index("amt:2025:INI:VL") + 1
    ws.cell(row=4, column=column).value = "=1+1"
    wb.save(tmp_path / "formula.xlsx")
    with pytest.raises(WorkbookError, match="a formula is not accepted"):
        import_xlsx(tmp_path / "new.plan", tmp_path / "formula.xlsx")


def test_row_count_over_the_limit(hostile: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(excel_read, "MAX_ROWS", 3)
    with pytest.raises(WorkbookError, match="more than 3 rows"):
        import_xlsx(tmp_path / "new.plan", hostile)


def _sheet_by_key(wb, key: str):
    names = {row[0].value: row[1].value for row in wb["_planner"].iter_rows()}
    return wb[names[f"sheet:{key}"]]


def test_a_row_typed_in_by_hand_becomes_a_new_record(hostile: Path, tmp_path: Path):
    wb = load_workbook(hostile)
    ws = _sheet_by_key(wb, "milestones")
    keys = [c.value for c in ws[1]]
    first = [c.value for c in ws[3]]
    new_row = [None] * len(keys)
    new_row[keys.index("objective_id")] = first[keys.index("objective_id")]
    new_row[keys.index("text@nl")] = "typed in Excel"
    ws.append(new_row)
    wb.save(tmp_path / "added.xlsx")
    result = import_xlsx(tmp_path / "new.plan", tmp_path / "added.xlsx")
    with PlanFile.open(tmp_path / "new.plan", readonly=True) as store:
        texts = [
            m.text
            for node in tree_read.load_tree(store, result.plan_id)
            for m in details.objective_detail(store, node.id).milestones
        ]
    assert {"nl": "typed in Excel"} in texts and len(texts) == 2


def test_a_repeated_budget_stage_is_refused(hostile: Path, tmp_path: Path):
    wb = load_workbook(hostile)
    ws = _sheet_by_key(wb, "budget_stages")
    ws.append([*[c.value for c in ws[3]][:-2], None, None])  # same code, no id
    wb.save(tmp_path / "twice.xlsx")
    with pytest.raises(WorkbookError, match="the same entry is on another row"):
        import_xlsx(tmp_path / "new.plan", tmp_path / "twice.xlsx")


def _sheet_zip(path: Path, rows: int, row_tag: str = "row") -> Path:
    """A minimal workbook-shaped zip whose one sheet has ``rows`` row elements."""
    body = "".join(
        f'<{row_tag} r="{n}"><c r="A{n}"><v>{n}</v></c></{row_tag}>' for n in range(rows)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr(
            "xl/worksheets/sheet1.xml", f"<worksheet><sheetData>{body}</sheetData></worksheet>"
        )
    return path


@pytest.mark.parametrize("row_tag", ["row", "x:row"])
def test_rows_are_counted_before_openpyxl_across_chunk_boundaries(
    row_tag: str, tmp_path: Path, monkeypatch
):
    monkeypatch.setattr(excel_limits, "_CHUNK", 7)  # row tags split across chunks
    monkeypatch.setattr(excel_limits, "MAX_ROWS", 20)
    excel_limits.check_workbook_file(_sheet_zip(tmp_path / "ok.xlsx", 22, row_tag))  # 2 heads
    with pytest.raises(WorkbookError, match=r"sheet1\.xml has more than 20 rows"):
        excel_limits.check_workbook_file(_sheet_zip(tmp_path / "big.xlsx", 23, row_tag))


def test_a_sheet_over_the_row_limit_is_refused_before_it_is_parsed(
    hostile: Path, tmp_path: Path, monkeypatch
):
    monkeypatch.setattr(excel_limits, "MAX_ROWS", 50)
    big = rows_over_the_limit(hostile, tmp_path / "rows.xlsx", rows=60)
    monkeypatch.setattr(excel_read, "load_workbook", None)  # openpyxl must not be reached
    with pytest.raises(WorkbookError, match="more than 50 rows"):
        import_xlsx(tmp_path / "new.plan", big)
    assert not (tmp_path / "new.plan").exists()


def test_a_number_typed_over_a_group_total_is_refused_not_dropped(hostile: Path, tmp_path: Path):
    wb = load_workbook(hostile)
    ws = wb[wb.sheetnames[4]]  # budget: row 3 the group "=SUM(1)", row 4 its line
    column = [c.value for c in ws[1]].index("amt:2025:INI:VL") + 1
    assert ws.cell(row=3, column=column).data_type == "f"
    ws.cell(row=3, column=column).value = 500
    wb.save(tmp_path / "group.xlsx")
    letter = openpyxl.utils.get_column_letter(column)
    with pytest.raises(
        ValidationError, match=rf"row 3, column {letter}: a group's amount is the sum"
    ):
        import_xlsx(tmp_path / "new.plan", tmp_path / "group.xlsx")


def _with_formula(source: Path, target: Path, key: str, formula: str) -> Path:
    """The export with ``formula`` typed in column ``key`` of the budget leaf (row 4)."""
    wb = load_workbook(source)
    ws = _sheet_by_key(wb, "budget")
    column = [c.value for c in ws[1]].index(key) + 1
    ws.cell(row=4, column=column).value = formula
    wb.save(target)
    return target


@pytest.mark.parametrize(
    ("formula", "flag"),
    [("=TRUE()", True), ("=true()", True), ("=FALSE()", False), ("=False()", False)],
)
def test_libreoffice_boolean_formula_is_the_boolean(
    hostile: Path, tmp_path: Path, formula: str, flag: bool
):
    """Calc saves a boolean cell as ``=TRUE()``/``=FALSE()``: read as the boolean."""
    source = _with_formula(hostile, tmp_path / "bool.xlsx", "allow_negative", formula)
    result = import_xlsx(tmp_path / "new.plan", source)
    with PlanFile.open(tmp_path / "new.plan", readonly=True) as store:
        lines = budget_read.budget_totals(store, result.plan_id).lines
    leaf = next(line for line in lines if line.title["nl"] == "@leaf")
    assert leaf.allow_negative is flag


@pytest.mark.parametrize(
    ("key", "formula"),
    [
        ("allow_negative", "=TRUE"),
        ("allow_negative", "=TRUE()+0"),
        ("allow_negative", "=NOT(FALSE())"),
        ("allow_negative", '=IF(A1="",TRUE(),FALSE())'),
        ("allow_negative", "=1=1"),
        ("amt:2025:INI:VL", "=TRUE()"),
        ("title@nl", "=FALSE()"),
        ("code", "=TRUE()"),
    ],
)
def test_any_other_formula_is_still_refused(hostile: Path, tmp_path: Path, key: str, formula: str):
    source = _with_formula(hostile, tmp_path / "formula.xlsx", key, formula)
    with pytest.raises(WorkbookError, match="a formula is not accepted"):
        import_xlsx(tmp_path / "new.plan", source)
    assert not (tmp_path / "new.plan").exists()
