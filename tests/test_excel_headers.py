"""A workbook is read by its readable headers: the hidden key row and the hidden
``_planner`` sheet are not needed (issue 25, item 1: "the column keys are readable
headers")."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from planner_app.domain import Milestone, Objective, OrgUnit, Plan
from planner_app.domain.enums import ObjectiveLevel, PlanKind
from planner_app.exporting.excel import export_xlsx
from planner_app.exporting.excel_import import import_xlsx
from planner_app.exporting.excel_layout import META_SHEET
from planner_app.exporting.excel_limits import WorkbookError
from planner_app.exporting.excel_template import write_template
from planner_app.services.fingerprint import canonical_content
from planner_app.services.plans import list_plans
from planner_app.storage import PlanFile

TODAY = dt.date(2026, 12, 7)


def strip_keys(source: Path, out: Path, *, drop_meta: bool, clear: bool = False) -> Path:
    """``source`` as a person may leave it: the hidden first row deleted (or emptied,
    ``clear``) on every sheet, and with ``drop_meta`` the hidden ``_planner`` sheet."""
    wb = load_workbook(source)
    for ws in wb.worksheets:
        if ws.title == META_SHEET:
            continue
        if clear:
            for cell in ws[1]:
                cell.value = None
        else:
            ws.delete_rows(1)
    if drop_meta:
        del wb[META_SHEET]
    wb.save(out)
    return out


@pytest.mark.parametrize(("language", "drop_meta"), [("nl", False), ("fr", True)])
def test_the_demo_round_trips_without_its_hidden_keys(
    demo_source: Path, tmp_path: Path, language: str, drop_meta: bool
):
    """Every plan of the demo, exported, its key rows deleted, imports exactly: the
    hidden id and reference columns are told apart by their order (visible first)."""
    with PlanFile.open(demo_source, readonly=True) as store:
        plans = [(p.id, p.code) for p in list_plans(store)]
        for plan_id, code in plans:
            export_xlsx(store, plan_id, tmp_path / f"{code}.xlsx", language=language)
            with store.read() as s:
                before = json.loads(canonical_content(s, plan_id))
            source = strip_keys(
                tmp_path / f"{code}.xlsx", tmp_path / f"{code}-bare.xlsx", drop_meta=drop_meta
            )
            target = tmp_path / f"{code}.plan"
            import_xlsx(target, source)
            with PlanFile.open(target, readonly=True) as back, back.read() as s:
                assert json.loads(canonical_content(s, plan_id)) == before, code
    assert len(plans) >= 2


class ByHeader:
    """A template filled in by a person who sees only the headers (row 2)."""

    def __init__(self, path: Path) -> None:
        self.wb = load_workbook(path)

    def type(self, sheet: str, row: int, **cells) -> None:
        ws = self.wb[sheet]
        headers = [c.value for c in ws[2]]
        for header, value in cells.items():
            ws.cell(3 + row, headers.index(header) + 1).value = value


def typed_in_french(template: Path, out: Path) -> Path:
    """A small plan typed into the French template by header: codes and names only."""
    book = ByHeader(template)
    book.type("Plan", 0, **{"Code": "saisi-2027", "Titre (FR)": "Plan saisi"})
    book.type("Entités", 0, **{"Code": "DGP", "Nom (FR)": "DG Personnel"})
    book.type("Entités", 1, **{"Élément parent": "DGP", "Nom (FR)": "Service Sélection"})
    book.type("Objectifs", 0, **{"Code": "1", "Niveau": "stratégique", "Titre (FR)": "Fort"})
    first = book.wb["Objectifs"]
    leads = [c.column for c in first[2] if c.value == "Pilote"]
    book.type(
        "Objectifs", 1, **{"Niveau": "opérationnel", "Élément parent": "1", "Titre (FR)": "Vite"}
    )
    first.cell(4, leads[0]).value = "Service Sélection"  # the visible "Pilote"
    book.type("Jalons", 0, **{"Objectif": "1", "Période": "T2", "Texte (FR)": "Revoir"})
    book.wb.save(out)
    return out


@pytest.mark.parametrize("how", ["deleted", "emptied", "kept"])
def test_a_plan_typed_by_its_headers_imports(tmp_path: Path, how: str):
    template = write_template(
        tmp_path / "t.xlsx", language="fr", kind=PlanKind.STRATEGIC, today=TODAY
    )
    typed = typed_in_french(template, tmp_path / "typed.xlsx")
    if how != "kept":
        typed = strip_keys(
            typed, tmp_path / "bare.xlsx", drop_meta=how == "deleted", clear=how == "emptied"
        )
    result = import_xlsx(tmp_path / "new.plan", typed)
    assert result.code == "saisi-2027"
    with PlanFile.open(tmp_path / "new.plan", readonly=True) as store, store.read() as s:
        plan = s.get(Plan, result.plan_id)
        assert plan.title == {"fr": "Plan saisi"} and plan.languages == "fr"
        units = {u.name["fr"]: u for u in s.scalars(select(OrgUnit))}
        assert units["Service Sélection"].parent_id == units["DG Personnel"].id
        objectives = {o.title["fr"]: o for o in s.scalars(select(Objective))}
        assert objectives["Vite"].level is ObjectiveLevel.OPERATIONAL
        assert objectives["Vite"].parent_id == objectives["Fort"].id
        assert objectives["Vite"].lead_unit_id == units["Service Sélection"].id
        (milestone,) = s.scalars(select(Milestone))
        assert (milestone.objective_id, milestone.period) == (objectives["Fort"].id, "T2")


def test_a_value_under_a_header_the_sheet_lacks_is_refused(tmp_path: Path, empty_plan_file: Path):
    """ "Description" without its language is no column of the sheet: its text would be
    lost, so the workbook is refused naming the cell, and the file is left as it was."""
    template = write_template(tmp_path / "t.xlsx", language="fr", today=TODAY)
    typed = typed_in_french(template, tmp_path / "typed.xlsx")
    wb = load_workbook(typed)
    ws = wb["Objectifs"]
    column = ws.max_column + 1
    ws.cell(2, column).value = "Description"
    ws.cell(4, column).value = "Un texte perdu"
    wb.save(typed)
    target = tmp_path / "target.plan"
    target.write_bytes(empty_plan_file.read_bytes())
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    with pytest.raises(
        WorkbookError, match=r"sheet 'Objectifs', row 4: column \w+ \(“Description”\)"
    ):
        import_xlsx(target, typed)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_a_workbook_of_another_kind_is_refused_in_one_sentence(tmp_path: Path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Budget 2027"
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(WorkbookError, match=r"no sheet named “Plan”"):
        import_xlsx(tmp_path / "new.plan", tmp_path / "other.xlsx")
    assert not (tmp_path / "new.plan").exists()


def test_every_problem_of_a_typed_workbook_is_named_at_once(tmp_path: Path):
    """A column of no sheet, a name of no objective and a period too long are named in
    one message, each on the cell the person typed (never a hidden id column)."""
    template = write_template(tmp_path / "t.xlsx", language="fr", today=TODAY)
    book = ByHeader(typed_in_french(template, tmp_path / "typed.xlsx"))
    book.type("Jalons", 1, **{"Objectif": "9", "Période": "T" * 72, "Texte (FR)": "Revoir"})
    ws = book.wb["Objectifs"]
    ws.cell(2, ws.max_column + 1).value = "Remarques"
    ws.cell(3, ws.max_column).value = "à moi"
    book.wb.save(tmp_path / "typed.xlsx")
    with pytest.raises(WorkbookError) as caught:
        import_xlsx(tmp_path / "new.plan", tmp_path / "typed.xlsx")
    lines = caught.value.problems
    assert len(lines) == 3, lines
    assert "“Remarques”" in lines[0]
    assert any(line.startswith("sheet 'Jalons', row 4, column A: “9”") for line in lines)
    assert any("row 4, column B: is too long (72 characters" in line for line in lines)
    assert not (tmp_path / "new.plan").exists()
