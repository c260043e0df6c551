"""The staffing editor: seed 003 §5.3 typed in through the model gives the same totals
as the demo (and the same known differences from the printed ones); edits and pastes
reach the file and undo/redo restores them exactly; the unit-kind filter."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from planner_app.domain.enums import PlanKind, Scenario, Statute, UnitKind
from planner_app.resources import database_path
from planner_app.services import demo, plans, staffing, units
from planner_app.services.paste import split_block
from planner_app.services.staffing import StaffingKey
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.staffing.staffing_table import AS_IS, DIFFERENCE, PLANNED, StaffingTableModel

D = Decimal
SEED = database_path() / "demo" / "ibz-2025-2029.resources.toml"
M, S, C = Statute.MANDATE, Statute.STATUTORY, Statute.CONTRACTUAL


def belgian(text: str) -> str:
    return text.replace(".", ",")


@pytest.fixture
def ibz(qapp, store):
    """An empty ibz-2025-2029 plan with the seed's units (no figures)."""
    plan_id = plans.create_plan(
        store,
        code="ibz-2025-2029",
        kind=PlanKind.STRATEGIC,
        title="Strategisch plan",
        first_year=2025,
        last_year=2029,
    ).id
    source = tomllib.loads(SEED.read_text(encoding="utf-8"))
    ids = {}
    for unit in source["units"]:
        ids[unit["key"]] = units.add_unit(
            store,
            plan_id,
            name=unit["name"],
            code=unit["code"],
            kind=unit["kind"],
            parent_id=ids.get(unit.get("parent")),
        ).id
    document = PlanDocument(store, plan_id)
    model = StaffingTableModel()
    model.set_document(document)
    return {"plan_id": plan_id, "ids": ids, "source": source, "document": document, "model": model}


def type_rows(model: StaffingTableModel, ids, rows) -> None:
    for row in rows:
        block = AS_IS if row["scenario"] == "as_is" else PLANNED
        assert model.key(block).year == row["year"]
        for measure in ("fte", "headcount"):
            if measure not in row:
                continue
            model.set_choice(measure=measure)
            for statute, value in row[measure].items():
                index = model.index_of(ids[row["unit"]], model.column(block, Statute(statute)))
                text = belgian(value) if measure == "fte" else str(value)
                assert model.setData(index, text), (row, statute)


def test_typing_the_seed_gives_the_demo_totals(ibz, store, demo_store, qtmodeltester):
    model, ids = ibz["model"], ibz["ids"]
    type_rows(model, ids, ibz["source"]["staffing"]["rows"])
    # the model shows what the file sums
    model.set_choice(measure="fte")
    totals = staffing.staffing_totals(store, ibz["plan_id"])
    as_is = StaffingKey(Scenario.AS_IS, 2024)
    env1 = model.index_of(ids["env1"], model.column(AS_IS, S))
    assert model.data(env1) == "2.073,6"  # the sum of its rows; the seed prints 2.073,7
    assert totals.unit(ids["env1"], as_is, S).fte == D("2073.6")
    assert totals.per_key[as_is].fte == D("5882.0")
    assert model.data(model.total_index(model.column(AS_IS, None))) == "5.882,0"
    assert model.data(model.index_of(ids["dvz"], model.column(DIFFERENCE, S))) == "-35,2"
    # every printed total compares with the typed plan as it does with the demo (the
    # comparison also reads the budget: it is added here through the services)
    from planner_app.services import (
        budget_amounts,
        budget_dimensions,
        budget_lines,
    )

    for entry in ibz["source"]["budget"]["stages"]:
        budget_dimensions.add_stage(store, ibz["plan_id"], code=entry["code"])
    for entry in ibz["source"]["budget"]["credit_types"]:
        budget_dimensions.add_credit_type(store, ibz["plan_id"], code=entry["code"])
    lines: dict = {}
    for line in ibz["source"]["budget"]["lines"]:
        parent = lines.get(line.get("parent"))
        lines[line["key"]] = budget_lines.add_line(
            store, ibz["plan_id"], title=line["title"], parent_id=parent
        ).id
        for label, value in line.get("amounts", {}).items():
            stage, year, credit = label.split()
            budget_amounts.set_amount(
                store,
                lines[line["key"]],
                year=int(year),
                stage=stage,
                credit_type=credit,
                amount=value,
            )
    # the seed's printed totals, recorded in the typed plan as the demo records them
    from planner_app.services import printed

    source = demo.source_totals(ibz["source"], lambda line: lines[line["key"]], ids.__getitem__)
    printed.set_printed_totals(store, ibz["plan_id"], [(t.spot, t.value) for t in source])
    typed, _n = demo.printed_differences(store, "ibz-2025-2029")
    printed, _n = demo.printed_differences(demo_store, "ibz-2025-2029")
    staff = [str(d) for d in printed if d.table == "staffing"]
    assert [str(d) for d in typed if d.table == "staffing"] == staff
    assert staff  # the seed's §5.3 has totals that are not the sums of its rows
    # computed cells are read-only and look different
    group = model.index_of(ids["env1"], model.column(PLANNED, M))
    assert not model.flags(group) & Qt.ItemFlag.ItemIsEditable
    assert model.data(group, Qt.ItemDataRole.FontRole).bold()
    leaf_total = model.index_of(ids["dvz"], model.column(PLANNED, None))
    assert not model.flags(leaf_total) & Qt.ItemFlag.ItemIsEditable
    qtmodeltester.check(model)
    model.set_choice(measure="headcount", kind=UnitKind.DIRECTORATE)
    qtmodeltester.check(model)


def figures(store, plan_id):
    totals = staffing.staffing_totals(store, plan_id)
    return {k: v for k, v in totals.per_unit.items() if k[2] is not None}


def test_edit_paste_undo_redo_round_trip(ibz, store):
    model, ids, document = ibz["model"], ibz["ids"], ibz["document"]
    plan_id = ibz["plan_id"]
    ios = model.index_of(ids["ios"], model.column(AS_IS, M))
    assert model.setData(ios, "1,5")
    before = figures(store, plan_id)
    steps = document.undo_stack.count()
    # IOD and P&O rows, as-is M S C: one undo step
    assert model.paste(split_block("1\t44,7\t6,8\n1\t160,6\t43,3\n"), ios, model.all_rows())
    assert document.undo_stack.count() == steps + 1
    pasted = figures(store, plan_id)
    key = StaffingKey(Scenario.AS_IS, 2024)
    assert pasted[(ids["po"], key, S)].fte == D("160.6")
    assert pasted[(ids["env1"], key, S)].fte == D("205.3")
    document.undo_stack.undo()
    assert figures(store, plan_id) == before
    assert model.data(ios) == "1,5"
    document.undo_stack.redo()
    assert figures(store, plan_id) == pasted
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert figures(store, plan_id) == {}


@pytest.mark.parametrize(
    ("measure", "block", "words"),
    [
        ("fte", "abc", "'abc' is not a number"),
        ("fte", "0,125", "more than 2 decimals"),
        ("fte", "-1", "must not be negative"),
        ("fte", "10000000", "too large"),
        ("headcount", "2,5", "whole number"),
        ("headcount", "1\t2\t3\t4", "Row 1, column 4: this cell lands on a total"),
    ],
)
def test_bad_input_changes_nothing_and_says_why(ibz, store, measure, block, words):
    model, ids = ibz["model"], ibz["ids"]
    model.set_choice(measure=measure)
    messages: list[str] = []
    model.refused.connect(messages.append)
    index = model.index_of(ids["ios"], model.column(AS_IS, M))
    assert not model.paste(split_block(block), index, model.all_rows())
    assert figures(store, ibz["plan_id"]) == {}
    assert messages and words in messages[0], messages


def test_kind_filter_shows_the_units_of_that_kind_and_their_total(ibz):
    model, ids = ibz["model"], ibz["ids"]
    type_rows(model, ids, ibz["source"]["staffing"]["rows"][:4])  # IOD and P&O
    model.set_choice(measure="fte", kind=UnitKind.SERVICE)
    names = [model.data(i) for i in model.all_rows()]
    assert names == [
        "Interne ondersteuningsdienst",
        "Dienst elektronische identiteitskaart en Rijksregister (ADBA)",
        "Centrale Dienst voor de Duitse Vertaling (ADBA)",
        "Total",
    ]
    assert model.data(model.total_index(model.column(AS_IS, S))) == "44,7"
    model.set_choice(kind=UnitKind.POST)
    assert [model.data(i) for i in model.all_rows()] == ["Total"]
    model.set_choice(kind=None)
    assert model.data(model.total_index(model.column(AS_IS, S))) == "205,3"


def test_demo_staffing_editor_screenshot(qtbot, demo_path: Path, tmp_path: Path, qtmodeltester):
    from planner_app.services.plans import list_plans
    from planner_app.storage import PlanFile
    from planner_app.ui.staffing.staffing_editor import StaffingEditor

    store = PlanFile.open(demo_path)
    try:
        plan = next(p for p in list_plans(store) if p.code == "ibz-2025-2029")
        editor = StaffingEditor()
        qtbot.addWidget(editor)
        editor.set_document(PlanDocument(store, plan.id))
        editor.resize(1500, 900)
        editor.show()
        qtbot.waitUntil(lambda: not editor.chart_timer.isActive())
        categories = editor.statute_chart.categories
        assert [c[:12] for c in categories[:2]] == ["Enveloppe 1 ", "Enveloppe 2 "]
        assert editor.scenario_chart.series_names == ["As-is 2024", "Planned 2025"]
        editor.grab().save(str(tmp_path / "staffing-editor.png"))
        assert (tmp_path / "staffing-editor.png").stat().st_size > 10_000
        # every figure column shows its whole two-line header ("Planned 2025" / "Total")
        header = editor.view.header()
        for column in range(1, editor.model.columnCount()):
            assert editor.view.columnWidth(column) >= header.sectionSizeHint(column), column
        qtmodeltester.check(editor.model)
        # live: an edit moves the as-is bar of Enveloppe 1
        bars = editor.scenario_chart.chart().series()[0].barSets()[0]
        before = bars.at(bars.count() - 1)
        model = editor.model
        ios = next(u for u, _r in model.unit_rows() if u.code == "Enveloppe 1")
        iod = units.load_units(store, plan.id)
        iod_id = next(u.id for u in iod if u.code == "IOD")
        assert model.setData(model.index_of(iod_id, model.column(AS_IS, S)), "54,7")
        qtbot.waitUntil(lambda: not editor.chart_timer.isActive())
        bars = editor.scenario_chart.chart().series()[0].barSets()[0]
        assert bars.at(bars.count() - 1) == pytest.approx(before + 10)
        assert ios.code == "Enveloppe 1"
        editor.set_document(None)
    finally:
        store.close()


def test_a_printed_total_is_recorded_with_undo_and_its_difference_shown(
    ibz, store, qtbot, monkeypatch
):
    """The window shows where the seed's printed total differs from the sum of the
    rows (icon and tooltip), and records a printed total as one undo step."""
    from PySide6.QtWidgets import QInputDialog

    from planner_app.services import printed
    from planner_app.ui.staffing.staffing_editor import StaffingEditor

    model, ids = ibz["model"], ibz["ids"]
    type_rows(model, ids, [r for r in ibz["source"]["staffing"]["rows"] if r["year"] == 2024])
    editor = StaffingEditor()
    qtbot.addWidget(editor)
    editor.set_document(ibz["document"])
    model = editor.model
    model.set_choice(measure="fte")
    cell = model.index_of(ids["env1"], model.column(AS_IS, M))
    assert model.data(cell) == "5,0" and model.data(cell, Qt.ItemDataRole.DecorationRole) is None
    typed = model.index_of(ids["ios"], model.column(AS_IS, M))
    assert model.printed_spot(typed) is None  # a typed figure is not a total
    assert model.printed_spot(model.index_of(ids["env1"], model.column(DIFFERENCE, M))) is None
    editor.view.setCurrentIndex(cell)
    assert editor.printed_action.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("6,0", True))
    editor.printed_action.trigger()
    spot = model.printed_spot(cell)
    assert printed.printed_totals(store, ibz["plan_id"]).get(spot) == D("6.0")
    assert model.data(cell, Qt.ItemDataRole.DecorationRole) is not None
    tip = model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert "6,0" in tip and "5,0" in tip and "+1,0" in tip
    assert model.data(cell) == "5,0"  # the cell still shows the sum
    ibz["document"].undo_stack.undo()
    assert printed.printed_totals(store, ibz["plan_id"]).values == {}
    assert model.data(cell, Qt.ItemDataRole.DecorationRole) is None
    ibz["document"].undo_stack.redo()
    assert model.data(cell, Qt.ItemDataRole.DecorationRole) is not None
    # a bad figure is refused with the reason, nothing recorded
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("6,123", True))
    editor.printed_action.trigger()
    assert "decimals" in editor.message.text()
    assert printed.printed_totals(store, ibz["plan_id"]).get(spot) == D("6.0")
