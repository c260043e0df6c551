"""Totals as the source prints them (issue 28): kept as data beside the rows, never in
a sum, compared in the PDF's footnotes (optional, on by default); and the place and
date printed above the signatures, fixed with the plan."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from planner_app.domain.enums import Measure, Scenario, Statute
from planner_app.errors import PlanFrozenError, ValidationError
from planner_app.exporting.pdf import export_pdf
from planner_app.exporting.pdf_stamp import page_texts, read_stamp
from planner_app.exporting.pdf_verify import verify_pdf
from planner_app.services import (
    budget_amounts,
    budget_lines,
    copying,
    fingerprint,
    fingerprint_rules,
    plan_document,
    plans,
    printed,
    staffing,
    units,
)
from planner_app.services.budget_read import BudgetColumn, budget_totals
from planner_app.services.printed import BudgetSpot, StaffingSpot
from planner_app.storage import PlanFile

D = Decimal
AS_IS_2024 = staffing.StaffingKey(Scenario.AS_IS, 2024)


@pytest.fixture
def demo_store(demo_path: Path):
    with PlanFile.open(demo_path, readonly=True) as store:
        yield store


def test_the_demo_keeps_the_seeds_printed_totals_and_sums_its_rows(demo_store):
    plan_id = plans.find_plan(demo_store, "ibz-2025-2029").id
    kept = printed.printed_totals(demo_store, plan_id)
    assert len(kept.values) == 50
    assert kept.get(StaffingSpot(None, AS_IS_2024, None, Measure.FTE)) == D("5883.0")
    # never used in a sum: the table's total stays the sum of its rows
    totals = staffing.staffing_totals(demo_store, plan_id)
    assert totals.per_key[AS_IS_2024].fte == D("5882")
    found = printed.printed_differences(demo_store, plan_id)
    assert len(found) == 11
    assert all(isinstance(d.spot, StaffingSpot) for d in found)  # §5.2's all add up
    assert {d.delta for d in found} == {D("1.0"), D("0.1"), D("-0.1"), D("-0.2")}


@pytest.fixture
def budget(store: PlanFile, plan_id, tree):
    group = tree["line"]
    leaves = [
        budget_lines.add_line(store, plan_id, title=title, parent_id=group).id
        for title in ("Personeel", "Werking")
    ]
    for leaf, amount in zip(leaves, ("100", "50.5"), strict=True):
        budget_amounts.set_amount(
            store, leaf, year=2025, stage="INI", credit_type="VL", amount=D(amount)
        )
    return SimpleNamespace(group=group, column=BudgetColumn(2025, "INI", "VL"))


def test_a_printed_total_is_recorded_changed_and_forgotten(store, plan_id, budget):
    spot = BudgetSpot(budget.group, budget.column)
    printed.set_printed_total(store, plan_id, spot, D("151"))
    assert printed.printed_totals(store, plan_id).get(spot) == D("151")
    (difference,) = printed.printed_differences(store, plan_id)
    assert (difference.printed, difference.computed, difference.delta) == (
        D("151"),
        D("150.5"),
        D("0.5"),
    )
    assert budget_totals(store, plan_id).of(budget.group, budget.column) == D("150.5")
    printed.set_printed_total(store, plan_id, spot, "150.5")  # the same: no difference
    assert printed.printed_differences(store, plan_id) == []
    printed.set_printed_total(store, plan_id, spot, None)
    assert printed.printed_totals(store, plan_id).values == {}
    grand = BudgetSpot(None, budget.column)
    printed.set_printed_total(store, plan_id, grand, D("-1"))  # budgets may be negative
    assert printed.printed_differences(store, plan_id)[0].computed == D("150.5")


def test_bad_printed_totals_are_refused_naming_the_field(store, plan_id, budget, tree):
    unit = tree["unit"]
    with pytest.raises(ValidationError, match="decimals"):
        printed.set_printed_total(
            store, plan_id, StaffingSpot(unit, AS_IS_2024, None, Measure.FTE), D("1.234")
        )
    with pytest.raises(ValidationError, match="negative"):
        printed.set_printed_total(
            store, plan_id, StaffingSpot(unit, AS_IS_2024, None, Measure.HEADCOUNT), -3
        )
    with pytest.raises(ValidationError, match="FTE or headcount"):
        printed.set_printed_total(
            store, plan_id, StaffingSpot(unit, AS_IS_2024, None, Measure.AMOUNT), 3
        )
    with pytest.raises(ValidationError, match="XX"):
        printed.set_printed_total(
            store, plan_id, BudgetSpot(budget.group, BudgetColumn(2025, "XX", "VL")), 3
        )
    assert printed.printed_totals(store, plan_id).values == {}


def test_a_final_plan_refuses_printed_totals(store, plan_id, budget):
    plans.make_final(store, plan_id)
    with pytest.raises(PlanFrozenError):
        printed.set_printed_total(store, plan_id, BudgetSpot(None, budget.column), 1)


def test_the_fingerprint_covers_printed_totals(store, plan_id, budget):
    printed.set_printed_total(store, plan_id, BudgetSpot(None, budget.column), D("151"))
    plans.make_final(store, plan_id)
    fixed = fingerprint.check_fixed(store, plan_id)
    assert fixed.holds and fixed.rules == fingerprint_rules.CURRENT.version >= 3
    path = store.path
    for statement in ("UPDATE printed_totals SET value = 152000",):
        conn = sqlite3.connect(path)
        with conn:  # behind the app's back, as an attacker would
            conn.execute(statement)
        conn.close()
        assert not fingerprint.check_fixed(store, plan_id).holds


def test_a_new_version_keeps_the_printed_totals(store, plan_id, budget):
    spot = BudgetSpot(budget.group, budget.column)
    printed.set_printed_total(store, plan_id, spot, D("151"))
    plans.make_final(store, plan_id)
    new_id = copying.new_draft_version(store, plan_id).id
    (difference,) = printed.printed_differences(store, new_id)
    assert difference.printed == D("151") and difference.spot.line_id != budget.group


@pytest.fixture(scope="module")
def demo_pdfs(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    root = tmp_path_factory.mktemp("notes")
    path = root / "demo.plan"
    shutil.copy2(demo_source, path)
    with PlanFile.open(path) as store:
        plan_id = plans.find_plan(store, "ibz-2025-2029").id
        plan_document.update_document(store, plan_id, signing_date=dt.date(2022, 5, 17))
        plans.make_final(store, plan_id)
        for lang in ("nl", "fr"):
            export_pdf(store, plan_id, root / f"{lang}.pdf", language=lang)
        export_pdf(store, plan_id, root / "bare.pdf", language="nl", total_notes=False)
    return SimpleNamespace(path=path, plan_id=plan_id, root=root)


def test_the_pdf_footnotes_each_total_that_differs_from_the_printed_one(demo_pdfs):
    nl = " ".join(page_texts(demo_pdfs.root / "nl.pdf"))
    assert "5.882,0ʰ" in nl  # the sum of the rows, with its note's letter
    assert (
        "ʰ Totaal, Huidige toestand 2024, VTE: de bron vermeldt 5.883,0; "
        "de rijen tellen op tot 5.882,0."
    ) in nl
    assert "ᵃ Enveloppe 1" in nl and "ᵏ Totaal, Gepland 2025, VTE:" in nl
    assert "ˡ" not in nl  # eleven differences, eleven notes
    fr = " ".join(page_texts(demo_pdfs.root / "fr.pdf"))
    assert "ʰ Total, Situation actuelle 2024, ETP : la source indique 5 883,0" in fr


def test_the_notes_can_be_left_out_and_verify_makes_the_same_document(demo_pdfs):
    bare = demo_pdfs.root / "bare.pdf"
    text = " ".join(page_texts(bare))
    assert "5.882,0 " in text and "de bron vermeldt" not in text
    assert read_stamp(bare).notes == "off"
    assert read_stamp(demo_pdfs.root / "nl.pdf").notes is None
    with PlanFile.open(demo_pdfs.path, readonly=True) as store:
        for pdf in (bare, demo_pdfs.root / "nl.pdf"):
            verdict = verify_pdf(store, demo_pdfs.plan_id, pdf)
            assert verdict.matches and verdict.pages_compared, verdict.message


def test_the_cover_prints_the_plans_date(demo_pdfs):
    assert "17 mei 2022" in page_texts(demo_pdfs.root / "nl.pdf")[0]
    assert "17 mai 2022" in page_texts(demo_pdfs.root / "fr.pdf")[0]


def test_staffing_headcount_per_statute_is_noted_without_a_cell(store, plan_id, tree):
    """The PDF's staffing table has no column for headcount per statute; a difference
    there is noted under the table all the same."""
    unit = units.add_unit(store, plan_id, name="Dienst B", parent_id=tree["unit"]).id
    staffing.set_staffing(
        store, unit, statute=Statute.STATUTORY, year=2025, scenario="as_is", headcount=10
    )
    key = staffing.StaffingKey(Scenario.AS_IS, 2025)
    spot = StaffingSpot(tree["unit"], key, Statute.STATUTORY, Measure.HEADCOUNT)
    printed.set_printed_total(store, plan_id, spot, 11)
    return_path = store.path.with_name("h.pdf")
    export_pdf(store, plan_id, return_path, language="nl")
    text = " ".join(page_texts(return_path))
    assert "ᵃ Dienst, Huidige toestand 2025, effectieven S: de bron vermeldt 11;" in text


def test_the_workbook_carries_printed_totals_and_refuses_a_bad_one(demo_path, tmp_path):
    """Exported with the plan, imported back all or nothing: a printed FTE with three
    decimals is refused naming its sheet, row and column."""
    from openpyxl import load_workbook

    from planner_app.exporting.excel import export_xlsx
    from planner_app.exporting.excel_import import import_xlsx
    from planner_app.exporting.excel_layout import FIRST_ROW, KEY_ROW

    out = tmp_path / "ibz.xlsx"
    with PlanFile.open(demo_path, readonly=True) as store:
        export_xlsx(store, plans.find_plan(store, "ibz-2025-2029").id, out, language="nl")
    import_xlsx(tmp_path / "back.plan", out)
    with PlanFile.open(tmp_path / "back.plan", readonly=True) as back:
        plan_id = plans.find_plan(back, "ibz-2025-2029").id
        assert len(printed.printed_totals(back, plan_id).values) == 50
        assert plan_document.document_info(back, plan_id).signing_place == {"nl": "Brussel"}
    wb = load_workbook(out)
    ws = wb["Afgedrukte totalen"]
    keys = {ws.cell(KEY_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    row = next(
        r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, keys["measure"]).value == "VTE"
    )
    ws.cell(row, keys["value"]).value = 1.234
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(ValidationError, match=rf"Afgedrukte totalen.*row {row}.*decimals"):
        import_xlsx(tmp_path / "bad.plan", tmp_path / "bad.xlsx")
    assert not (tmp_path / "bad.plan").exists()
