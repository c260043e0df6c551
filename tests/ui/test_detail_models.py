"""The milestone and indicator tables: edits reach the file through undo commands,
undo/redo round-trips them exactly, bad numbers change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from planner_app.domain.enums import ValueKind
from planner_app.services import details, plans
from planner_app.services.common import Changed
from planner_app.services.fingerprint import current_fingerprint
from planner_app.ui.objectives.indicators import (
    IndicatorTableModel,
    NumberError,
    format_value,
    parse_number,
)
from planner_app.ui.objectives.milestones import MilestoneTableModel
from planner_app.ui.objectives.objective_editor import ObjectiveEditor

pytestmark = pytest.mark.usefixtures("tree")  # ``document`` shows the tree plan

M = MilestoneTableModel
I = IndicatorTableModel  # noqa: E741


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """The window judges at today: a day early in 2025, so nothing is overdue yet."""
    import datetime as dt

    for module in ("indicators", "milestones", "rollup_label", "indicator_detail"):
        monkeypatch.setattr(
            f"planner_app.ui.objectives.{module}.today", lambda: dt.date(2025, 1, 15)
        )


@pytest.fixture
def objective(tree):
    return tree["i1"]


def years_of(editor, row):
    """The years' table of the indicator in ``row`` (selected, as a person does)."""
    editor.indicator_table.view.setCurrentIndex(editor.indicators.index(row, 0))
    return editor.indicator_detail.years


@pytest.fixture
def editor(qtbot, document):
    """The objective editor: it gives its (passive) tables their rows and runs their edits."""
    widget = ObjectiveEditor()
    qtbot.addWidget(widget)
    widget.set_document(document)
    return widget


@pytest.fixture
def milestones(editor, store, objective):
    details.add_milestone(store, objective, text="Eerste", period="Q1 2025")
    details.add_milestone(store, objective, text={"nl": "Tweede", "fr": "Deuxième"}, done=True)
    editor.show_objective(objective)
    return editor.milestones


@pytest.fixture
def indicators(editor, store, objective):
    first = details.add_indicator(store, objective, name="Bezoeken", unit_of_measure="aantal").id
    details.set_indicator_value(store, first, year=2025, kind="target", value=Decimal("1234.5"))
    details.add_indicator(store, objective, name="Tevredenheid", unit_of_measure="%")
    editor.show_objective(objective)
    return editor.indicators


def snapshot(store, objective):
    detail = details.objective_detail(store, objective)
    return detail.milestones, detail.indicators, current_fingerprint(store, detail.plan_id)


def round_trip(document, store, objective, action):
    """Run ``action`` (an edit through the model) and check undo/redo restore exactly."""
    before = snapshot(store, objective)
    count = document.undo_stack.count()
    assert action()
    after = snapshot(store, objective)
    assert after != before
    assert document.undo_stack.count() == count + 1
    document.undo_stack.undo()
    assert snapshot(store, objective) == before
    document.undo_stack.redo()
    assert snapshot(store, objective) == after
    return details.objective_detail(store, objective)


# --- model checks --------------------------------------------------------------------


def test_milestone_model_passes_qtmodeltester(qtmodeltester, milestones):
    qtmodeltester.check(milestones)
    assert milestones.rowCount() == 2
    assert milestones.data(milestones.index(0, M.PERIOD)) == "Q1 2025"
    assert milestones.data(milestones.index(1, M.TEXT)) == "Tweede"
    done = milestones.index(1, M.DONE)
    assert milestones.data(done, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_indicator_model_passes_qtmodeltester(qtmodeltester, editor, indicators):
    qtmodeltester.check(indicators)
    assert indicators.columnCount() == len(I.COLUMNS)
    assert indicators.data(indicators.index(0, I.TARGET)) == "1.234,5 (2025)"
    assert indicators.data(indicators.index(0, I.STATUS)) == "? no data"
    years = years_of(editor, 0)
    qtmodeltester.check(years)
    assert years.years == list(range(2022, 2036))  # three before the period, ten after
    target = years.cell(2025, ValueKind.TARGET)
    assert years.data(target) == "1.234,5"


def test_models_are_empty_without_objective(qtmodeltester, document):
    for model in (MilestoneTableModel(), IndicatorTableModel()):
        qtmodeltester.check(model)
        assert model.rowCount() == 0 and not model.editable()


# --- milestones ------------------------------------------------------------------------


def test_add_milestone_round_trips(document, store, objective, milestones):
    detail = round_trip(document, store, objective, lambda: milestones.add_milestone("Derde") >= 0)
    assert [m.text["nl"] for m in detail.milestones] == ["Eerste", "Tweede", "Derde"]
    assert milestones.rowCount() == 3
    document.undo_stack.undo()
    assert milestones.rowCount() == 2


def test_edit_milestone_cells_round_trip(document, store, objective, milestones):
    period = milestones.index(0, M.PERIOD)
    detail = round_trip(document, store, objective, lambda: milestones.setData(period, "Q2 2025"))
    assert detail.milestones[0].period == "Q2 2025"
    text = milestones.index(1, M.TEXT)
    detail = round_trip(document, store, objective, lambda: milestones.setData(text, "Nieuw"))
    assert detail.milestones[1].text == {"nl": "Nieuw", "fr": "Deuxième"}
    assert milestones.data(text) == "Nieuw"


def test_milestone_done_round_trips(document, store, objective, milestones):
    done = milestones.index(0, M.DONE)
    detail = round_trip(
        document,
        store,
        objective,
        lambda: milestones.setData(done, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole),
    )
    assert detail.milestones[0].done
    assert milestones.data(done, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # Qt hands check states over as ints too
    assert milestones.setData(done, 0, Qt.ItemDataRole.CheckStateRole)
    assert not details.objective_detail(store, objective).milestones[0].done


def test_an_unchanged_cell_is_no_undo_step(document, milestones):
    assert not milestones.setData(milestones.index(0, M.PERIOD), "Q1 2025")
    assert document.undo_stack.count() == 0


def test_remove_milestone_restores_the_same_row(document, store, objective, milestones):
    ids = [m.id for m in details.objective_detail(store, objective).milestones]
    detail = round_trip(document, store, objective, lambda: milestones.remove_rows([0]))
    assert [m.id for m in detail.milestones] == ids[1:]
    document.undo_stack.undo()
    assert [m.id for m in details.objective_detail(store, objective).milestones] == ids
    assert milestones.row_of(ids[0]) == 0


def test_removing_several_rows_is_one_step(document, store, objective, milestones):
    detail = round_trip(document, store, objective, lambda: milestones.remove_rows([0, 1]))
    assert detail.milestones == ()


def test_move_milestone_round_trips(document, store, objective, milestones):
    ids = [m.id for m in details.objective_detail(store, objective).milestones]
    detail = round_trip(document, store, objective, lambda: milestones.move_milestone(0, 1))
    assert [m.id for m in detail.milestones] == ids[::-1]
    assert milestones.row_id(0) == ids[1]


def test_an_empty_milestone_text_is_refused(qtbot, document, store, objective, milestones):
    before = snapshot(store, objective)
    with qtbot.waitSignal(document.failed) as failed:
        assert not milestones.setData(milestones.index(0, M.TEXT), "")
    assert "Milestone" in failed.args[0]
    assert snapshot(store, objective) == before
    assert document.undo_stack.count() == 0


# --- indicators ------------------------------------------------------------------------


def test_add_indicator_round_trips(document, store, objective, indicators):
    detail = round_trip(document, store, objective, lambda: indicators.add_indicator("Derde") >= 0)
    assert [i.name["nl"] for i in detail.indicators][-1] == "Derde"
    assert indicators.rowCount() == 3


def test_rename_and_unit_round_trip(document, store, objective, indicators):
    name = indicators.index(0, I.NAME)
    detail = round_trip(document, store, objective, lambda: indicators.setData(name, "Bezoekers"))
    assert detail.indicators[0].name == {"nl": "Bezoekers"}
    unit = indicators.index(1, I.UNIT_OF_MEASURE)
    detail = round_trip(document, store, objective, lambda: indicators.setData(unit, "procent"))
    assert detail.indicators[1].unit_of_measure == "procent"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2.500,0", Decimal(2500)), ("1.234,75", Decimal("1234.75")), ("99.5", Decimal("99.5"))],
)
def test_set_value_round_trips(document, store, objective, editor, indicators, typed, stored):
    years = years_of(editor, 1)
    cell = years.cell(2025, ValueKind.ACTUAL)
    detail = round_trip(document, store, objective, lambda: years.setData(cell, typed))
    assert detail.indicators[1].values == {(2025, ValueKind.ACTUAL): stored}


def test_clearing_a_value_round_trips(document, store, objective, editor, indicators):
    years = years_of(editor, 0)
    cell = years.cell(2025, ValueKind.TARGET)
    detail = round_trip(document, store, objective, lambda: years.setData(cell, ""))
    assert detail.indicators[0].values == {}
    document.undo_stack.undo()
    assert years.data(cell) == "1.234,5"


@pytest.mark.parametrize("typed", ["12.345", "abc", "1,234.5", "1,5,6"])
def test_a_bad_number_changes_nothing_and_names_the_cell(
    qtbot, document, store, objective, editor, indicators, typed
):
    before = snapshot(store, objective)
    years = years_of(editor, 0)
    cell = years.cell(2025, ValueKind.BASELINE)
    with qtbot.waitSignal(document.failed) as failed:
        assert not years.setData(cell, typed)
    assert failed.args[0].startswith("Bezoeken, baseline 2025: ")
    assert typed in failed.args[0]
    assert snapshot(store, objective) == before
    assert document.undo_stack.count() == 0


def test_a_refused_value_names_the_cell(qtbot, document, store, objective, editor, indicators):
    years = years_of(editor, 0)
    cell = years.cell(2025, ValueKind.ACTUAL)
    with qtbot.waitSignal(document.failed) as failed:
        assert not years.setData(cell, "1,1234567")  # more decimals than stored
    assert failed.args[0].startswith("Bezoeken, actual 2025: ")
    assert document.undo_stack.count() == 0


def test_remove_indicator_restores_it_with_its_values(document, store, objective, indicators):
    detail = round_trip(document, store, objective, lambda: indicators.remove_rows([0]))
    assert [i.name["nl"] for i in detail.indicators] == ["Tevredenheid"]
    document.undo_stack.undo()
    restored = details.objective_detail(store, objective).indicators[0]
    assert restored.values == {(2025, ValueKind.TARGET): Decimal("1234.5")}


def test_a_value_made_elsewhere_reaches_the_years(
    qtmodeltester, document, store, editor, indicators
):
    years = years_of(editor, 0)
    changed = details.set_indicator_value(
        store, indicators.row_id(0), year=2019, kind="baseline", value=Decimal(7)
    )
    document.notify(changed)  # as a change made elsewhere reaches the window
    assert years.years[0] == 2019  # a baseline earlier than three years before
    assert years.data(years.cell(2019, "baseline")) == "7"
    assert indicators.data(indicators.index(0, I.BASELINE)) == "7 (2019)"
    qtmodeltester.check(years)


# --- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,5", Decimal("1234.5")),
        ("1234.5", Decimal("1234.5")),
        ("1234,5", Decimal("1234.5")),
        ("4,2", Decimal("4.2")),
        ("0.125", Decimal("0.125")),
        ("1.234.567", Decimal(1234567)),
        ("1\u202f234,5", Decimal("1234.5")),
        ("-3", Decimal(-3)),
        ("  ", None),
    ],
)
def test_parse_number_accepts(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["12.345", "1,234.5", "1.23,4", "abc", "1,2,3", ",5", "12,"])
def test_parse_number_refuses(text):
    with pytest.raises(NumberError):
        parse_number(text)


def test_formatting_follows_the_language():
    assert format_value(Decimal("1234.50"), "nl") == "1.234,5"
    assert format_value(Decimal("2514220"), "fr").replace("\u202f", " ") == "2 514 220"
    assert parse_number(format_value(Decimal("2514220.25"), "fr")) == Decimal("2514220.25")


# --- read-only ---------------------------------------------------------------------------


def test_a_final_plan_makes_the_models_read_only(document, store, plan_id, milestones, indicators):
    plans.make_final(store, plan_id)
    document.notify(Changed("plan", (plan_id,), "updated"))
    for model, column in ((milestones, M.PERIOD), (indicators, I.NAME)):
        assert not model.editable()
        assert not model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable
        assert not model.setData(model.index(0, column), "x")
    assert not milestones.flags(milestones.index(0, M.DONE)) & Qt.ItemFlag.ItemIsUserCheckable
    assert milestones.add_milestone() == -1 and indicators.add_indicator() == -1
    assert document.undo_stack.count() == 0
