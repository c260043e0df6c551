"""Excel round trip: demo plan -> xlsx -> new plan -> xlsx keeps every field and number."""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from planner_app.domain import DiversityIndicator, Plan
from planner_app.domain.enums import PlanState
from planner_app.errors import ValidationError
from planner_app.exporting.excel import export_xlsx
from planner_app.exporting.excel_import import ImportCancelledError, import_xlsx
from planner_app.exporting.excel_layout import FIRST_ROW, META_SHEET
from planner_app.exporting.report import ExportCancelledError
from planner_app.services import (
    budget_read,
    plans,
    staffing,
)
from planner_app.services.fingerprint import canonical_content
from planner_app.services.plans import find_plan
from planner_app.storage import PlanFile
from tests.conftest import log_size

DEMO = ("ibz-2025-2029", "dkbuza-2025")


def content(path: Path, plan_id: uuid.UUID) -> dict:
    with PlanFile.open(path, readonly=True) as store, store.read() as s:
        return json.loads(canonical_content(s, plan_id))


def cell_values(path: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


@pytest.fixture(scope="module")
def exported(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("xlsx")
    out = {}
    with PlanFile.open(demo_source, readonly=True) as store:
        for code in DEMO:
            out[code] = folder / f"{code}.xlsx"
            export_xlsx(store, find_plan(store, code).id, out[code], language="fr")
    return out


@pytest.mark.parametrize("code", DEMO)
def test_demo_round_trip_keeps_every_field(
    code: str, demo_source: Path, exported: dict[str, Path], tmp_path: Path
):
    with PlanFile.open(demo_source, readonly=True) as store:
        plan_id = find_plan(store, code).id
    target = tmp_path / "new.plan"
    result = import_xlsx(target, exported[code])
    assert result.plan_id == plan_id and result.code == code
    assert content(target, plan_id) == content(demo_source, plan_id)
    # ... and the new plan exports to the same cells.
    again = tmp_path / "again.xlsx"
    with PlanFile.open(target, readonly=True) as store:
        export_xlsx(store, plan_id, again, language="fr")
    assert cell_values(again) == cell_values(exported[code])


def test_import_into_a_file_that_holds_the_plan_makes_a_copy(
    demo_path: Path, exported: dict[str, Path]
):
    result = import_xlsx(demo_path, exported["ibz-2025-2029"], plan_code="ibz-copy")
    with PlanFile.open(demo_path) as store:
        original = find_plan(store, "ibz-2025-2029").id
        assert result.plan_id != original
        a, b = (
            budget_read.budget_totals(store, original),
            budget_read.budget_totals(store, result.plan_id),
        )
        assert a.grand_total == b.grand_total and len(a.lines) == len(b.lines)
        assert sum(a.grand_total.values()) > 0
        sa = staffing.staffing_totals(store, original)
        sb = staffing.staffing_totals(store, result.plan_id)
        assert sa.per_key == sb.per_key


def test_imported_plan_is_a_draft(demo_path: Path, tmp_path: Path):
    with PlanFile.open(demo_path) as store:
        plan_id = find_plan(store, "dkbuza-2025").id
        plans.make_final(store, plan_id)
        export_xlsx(store, plan_id, tmp_path / "final.xlsx", language="nl")
    result = import_xlsx(tmp_path / "new.plan", tmp_path / "final.xlsx")
    with PlanFile.open(tmp_path / "new.plan", readonly=True) as store:
        assert plans.plan_info(store, result.plan_id).state is PlanState.DRAFT


def test_workbook_shape(exported: dict[str, Path]):
    wb = load_workbook(exported["ibz-2025-2029"])
    assert wb[META_SHEET].sheet_state == "hidden"
    objectives = wb["Objectifs"] if "Objectifs" in wb.sheetnames else wb.worksheets[1]
    assert objectives.freeze_panes == f"C{FIRST_ROW}"
    assert objectives.auto_filter.ref.startswith("A2:")
    assert objectives.row_dimensions[1].hidden
    assert objectives.page_setup.orientation == "landscape"
    levels = {objectives.row_dimensions[r].outlineLevel for r in range(FIRST_ROW, 40)}
    assert levels >= {0, 1}
    assert wb.properties.title and wb.properties.keywords == "ibz-2025-2029"


def test_french_export_of_a_dutch_plan_marks_fallbacks(demo_source: Path, tmp_path: Path):
    with PlanFile.open(demo_source, readonly=True) as store:
        report = export_xlsx(
            store, find_plan(store, "ibz-2025-2029").id, tmp_path / "x.xlsx", language="fr"
        )
    assert report.fallbacks and {f.used for f in report.fallbacks} == {"nl"}


def test_cancelled_export_leaves_no_file(demo_source: Path, tmp_path: Path):
    out = tmp_path / "x.xlsx"
    with PlanFile.open(demo_source, readonly=True) as store:
        plan_id = find_plan(store, "dkbuza-2025").id
        with pytest.raises(ExportCancelledError):
            export_xlsx(store, plan_id, out, language="nl", progress=lambda d, t: d < t)
    assert list(tmp_path.iterdir()) == []


def test_cancelled_import_changes_nothing(demo_path: Path, exported: dict[str, Path]):
    with PlanFile.open(demo_path, readonly=True) as store:
        log_before = log_size(store)
    with pytest.raises(ImportCancelledError):
        import_xlsx(demo_path, exported["dkbuza-2025"], plan_code="x", progress=lambda d, t: d < t)
    with PlanFile.open(demo_path, readonly=True) as store:
        assert sorted(p.code for p in plans.list_plans(store)) == sorted(DEMO)
        assert log_size(store) == log_before


def test_dry_run_writes_nothing(exported: dict[str, Path], tmp_path: Path):
    target = tmp_path / "new.plan"
    result = import_xlsx(target, exported["dkbuza-2025"], dry_run=True)
    assert not target.exists()
    assert result.lines()[0].startswith("Would import plan dkbuza-2025")


def test_numbers_are_number_cells(exported: dict[str, Path]):
    with zipfile.ZipFile(exported["ibz-2025-2029"]) as zf:
        names = [n for n in zf.namelist() if n.startswith("xl/worksheets/")]
        xml = "".join(zf.read(n).decode() for n in names)
    assert "<v>826239</v>" in xml  # Fedasil, a leaf amount, as a number


def test_cli_export_and_import(demo_path: Path, tmp_path: Path, capsys):
    from planner_app.cli import main

    out = tmp_path / "ibz.xlsx"
    assert (
        main(
            [
                "export",
                str(demo_path),
                "--plan",
                "ibz-2025-2029",
                "--xlsx",
                str(out),
                "--lang",
                "nl",
            ]
        )
        == 0
    )
    assert out.exists()
    target = tmp_path / "new.plan"
    assert main(["import", str(target), "--xlsx", str(out), "--dry-run"]) == 0
    assert "Would import plan ibz-2025-2029" in capsys.readouterr().out
    assert not target.exists()
    assert main(["import", str(target), "--xlsx", str(out)]) == 0
    assert "Imported plan ibz-2025-2029" in capsys.readouterr().out
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    assert main(["import", str(target), "--xlsx", str(bad)]) != 0
    assert "bad.xlsx: is not an Excel workbook" in capsys.readouterr().err


def test_an_operational_objective_moved_to_the_top_is_refused(
    exported: dict[str, Path], tmp_path: Path
):
    wb = load_workbook(exported["dkbuza-2025"])
    names = {row[0].value: row[1].value for row in wb[META_SHEET].iter_rows()}
    ws = wb[names["sheet:objectives"]]
    keys = [c.value for c in ws[1]]
    level, parent = keys.index("level") + 1, keys.index("parent_id") + 1
    row = next(
        r
        for r in range(FIRST_ROW, ws.max_row + 1)
        if ws.cell(r, level).value not in ("strategisch", "stratégique", "strategic")
        and ws.cell(r, parent).value
    )
    ws.cell(row, parent).value = None
    wb.save(tmp_path / "moved.xlsx")
    with pytest.raises(ValidationError, match=rf"row {row}, column .*cannot be placed at the top"):
        import_xlsx(tmp_path / "new.plan", tmp_path / "moved.xlsx")


def test_export_of_a_part(demo_source: Path, tmp_path: Path):
    out = tmp_path / "budget.xlsx"
    with PlanFile.open(demo_source, readonly=True) as store:
        plan_id = find_plan(store, "ibz-2025-2029").id
        export_xlsx(store, plan_id, out, language="nl", parts={"budget"})
        with pytest.raises(ValidationError, match="unknown part"):
            export_xlsx(store, plan_id, tmp_path / "x.xlsx", language="nl", parts={"nope"})
    wb = load_workbook(out, read_only=True)
    assert len(wb.sheetnames) == 6  # plan, budget, stages, credit types, printed, _planner
    wb.close()
    with pytest.raises(ValidationError, match="holds only part of a plan"):
        import_xlsx(tmp_path / "new.plan", out)


@pytest.mark.parametrize("prefix", ["amt:", "fte:", "~dfte:"])
def test_a_number_typed_over_a_computed_cell_is_refused_not_dropped(
    exported: dict[str, Path], tmp_path: Path, prefix: str
):
    """Totals and planned − as-is are formulas the app computes itself: a figure typed
    over one would vanish on import, so the whole import is refused, naming the cell."""
    wb = load_workbook(exported["ibz-2025-2029"])
    ws = next(ws for ws in wb.worksheets if any(str(c.value).startswith(prefix) for c in ws[1]))
    keys = [str(c.value) for c in ws[1]]
    column = next(i for i, k in enumerate(keys, start=1) if k.startswith(prefix))
    kind = keys.index("_kind") + 1
    if prefix.startswith("~"):  # a difference cell on the first unit's row
        row = FIRST_ROW
    else:  # the total row at the bottom
        row = next(r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, kind).value == "total")
    assert ws.cell(row=row, column=column).data_type == "f"
    ws.cell(row=row, column=column).value = 123
    wb.save(tmp_path / "typed.xlsx")
    letter = get_column_letter(column)
    with pytest.raises(ValidationError, match=rf"row {row}, column {letter}: .*computed"):
        import_xlsx(tmp_path / "new.plan", tmp_path / "typed.xlsx")
    assert not (tmp_path / "new.plan").exists()


def test_diversity_figures_name_their_indicator(
    exported: dict[str, Path], demo_source: Path, tmp_path: Path
):
    """Each figure row names its indicator in the export language (else the plan's
    first language), so 4,2 and 46 can be told apart; the name is for the reader:
    the import follows the hidden indicator id, whatever is typed over the name."""
    with PlanFile.open(demo_source, readonly=True) as store, store.read() as s:
        plan_id = find_plan(store, "dkbuza-2025").id
        wanted = ("fr", *s.get(Plan, plan_id).language_list)
        query = select(DiversityIndicator).where(DiversityIndicator.plan_id == plan_id)
        names = {
            str(i.id): next(i.name[lang] for lang in wanted if i.name.get(lang))
            for i in s.scalars(query)
        }
    wb = load_workbook(exported["dkbuza-2025"])
    sheets = {row[0].value: row[1].value for row in wb[META_SHEET].iter_rows()}
    ws = wb[sheets["sheet:diversity_values"]]
    keys = [c.value for c in ws[1]]
    rows = [
        dict(zip(keys, r, strict=False)) for r in ws.iter_rows(min_row=FIRST_ROW, values_only=True)
    ]
    assert len(rows) > 3 and len(set(names.values())) > 1
    assert all(row["~indicator"] == names[row["indicator_id"]] for row in rows)
    ws.cell(row=FIRST_ROW, column=keys.index("~indicator") + 1).value = "another name"
    wb.save(tmp_path / "renamed.xlsx")
    result = import_xlsx(tmp_path / "new.plan", tmp_path / "renamed.xlsx")
    assert content(tmp_path / "new.plan", result.plan_id) == content(demo_source, result.plan_id)
