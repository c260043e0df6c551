"""The budget editor: seed 003 §5.2 typed in through the model gives the printed
totals; edits and pastes reach the file and undo/redo restores every cell exactly."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt

from planner_app.resources import database_path
from planner_app.services import (
    budget_read,
    tree_read,
)
from planner_app.services.budget_read import BudgetColumn
from planner_app.services.fingerprint import current_fingerprint
from planner_app.services.paste import NumberStyle, split_block
from planner_app.ui.budget.budget_tree import BudgetTreeModel
from planner_app.ui.budget.commands import AddDimensionCommand, AddLineCommand
from planner_app.ui.core.document import PlanDocument

D = Decimal
VL = BudgetColumn(2025, "INI", "VL")
VE = BudgetColumn(2025, "INI", "VE")
SEED = database_path() / "demo" / "ibz-2025-2029.resources.toml"

# Printed group totals of §5.2 that are not the sums of their printed rows (kept as
# printed in the seed; the app shows the sums): none for the budget.
KNOWN_DIFFERENCES: dict[str, dict[str, str]] = {}


@pytest.fixture
def model(document):
    model = BudgetTreeModel()
    model.set_document(document)
    return model


def belgian(text: str) -> str:
    """``323381`` -> ``323.381``: how a user reads and types the seed's figures."""
    return f"{int(text):,}".replace(",", ".")


def type_seed(document: PlanDocument, model: BudgetTreeModel) -> dict[str, dict]:
    """Build §5.2's tree with undo commands and type every amount through setData."""
    seed = tomllib.loads(SEED.read_text(encoding="utf-8"))["budget"]
    for kind, key in (("stage", "stages"), ("credit_type", "credit_types")):
        for entry in seed[key]:
            assert document.run(AddDimensionCommand(document, kind, entry["code"]))
    ids: dict[str, object] = {}
    lines = {line["key"]: line for line in seed["lines"]}
    for line in seed["lines"]:
        command = AddLineCommand(
            document, title=line["title"], parent_id=ids.get(line.get("parent"))
        )
        assert document.run(command)
        ids[line["key"]] = command.line_id
    model.reload(choose_defaults=True)
    model.set_shown(years=[2025])
    for key, line in lines.items():
        for label, text in line.get("amounts", {}).items():
            column = BudgetColumn(2025, "INI", label.split()[-1])
            index = model.index_of(ids[key], model.column_of(column))
            assert model.setData(index, belgian(text)), (key, label)
    return {"ids": ids, "lines": lines, "printed_totals": seed["printed_totals"]}


def test_typing_the_seed_gives_the_printed_totals(document, model, store, plan_id, qtmodeltester):
    seed = type_seed(document, model)
    ids = seed["ids"]
    personeel = model.index_of(ids["personeel"])
    assert model.data(personeel.siblingAtColumn(model.column_of(VL))) == "323.381"
    assert model.data(personeel.siblingAtColumn(model.column_of(VE))) == "327.421"
    differences = {}
    totals = budget_read.budget_totals(store, plan_id)
    for key, line in seed["lines"].items():
        for label, printed in line.get("printed", {}).items():
            column = BudgetColumn(2025, "INI", label.split()[-1])
            shown = model.data(model.index_of(ids[key], model.column_of(column)))
            assert shown == belgian(str(totals.of(ids[key], column)))  # model = file
            if shown != belgian(printed):
                differences.setdefault(key, {})[label] = shown
    assert differences == KNOWN_DIFFERENCES
    grand = {c.label: v for c, v in totals.grand_total.items()}
    printed = seed["printed_totals"]["ALGEMEEN TOTAAL (§5.2.1)"]
    assert grand == {label: D(value) for label, value in printed.items()}
    total_row = model.total_index(model.column_of(VL))
    assert model.data(total_row) == "2.514.220"
    # computed cells are read-only and look different
    assert not model.flags(personeel.siblingAtColumn(1)) & Qt.ItemFlag.ItemIsEditable
    assert model.data(personeel, Qt.ItemDataRole.FontRole).bold()
    assert model.data(total_row, Qt.ItemDataRole.BackgroundRole) is not None
    leaf = model.index_of(ids["detach"], 1)
    assert model.flags(leaf) & Qt.ItemFlag.ItemIsEditable
    assert model.data(leaf, Qt.ItemDataRole.BackgroundRole) is None
    qtmodeltester.check(model)


@pytest.fixture
def small(document, model, store, plan_id):
    """Group > two leaves, one leaf beside; two columns."""
    for kind, code in (("stage", "INI"), ("credit_type", "VL"), ("credit_type", "VE")):
        document.run(AddDimensionCommand(document, kind, code))
    group = AddLineCommand(document, title="Groep")
    document.run(group)
    ids = {"group": group.line_id}
    for key, parent in (("a", group.line_id), ("b", group.line_id), ("c", None)):
        command = AddLineCommand(document, title=key.upper(), parent_id=parent)
        document.run(command)
        ids[key] = command.line_id
    model.reload(choose_defaults=True)
    return ids


def cells(store, plan_id):
    totals = budget_read.budget_totals(store, plan_id)
    return {(line.id, c): totals.of(line.id, c) for line in totals.lines for c in (VL, VE)}


def test_edit_undo_redo_round_trip_through_the_file(document, model, small, store, plan_id):
    before = cells(store, plan_id), current_fingerprint(store, plan_id)
    a_vl = model.index_of(small["a"], model.column_of(VL))
    assert model.setData(a_vl, "1.234,5")
    assert model.setData(model.index_of(small["b"], model.column_of(VL)), "10")
    after = cells(store, plan_id)
    assert after[(small["a"], VL)] == D("1234.5")
    assert after[(small["group"], VL)] == D("1244.5")
    assert model.data(model.index_of(small["group"], model.column_of(VL))) == "1.244,5"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert (cells(store, plan_id), current_fingerprint(store, plan_id)) == before
    assert model.data(model.index_of(small["group"], model.column_of(VL))) == ""
    document.undo_stack.redo()
    document.undo_stack.redo()
    assert cells(store, plan_id) == after
    assert model.data(model.index_of(small["group"], model.column_of(VL))) == "1.244,5"


def test_paste_is_one_undo_step_and_undo_restores_every_cell(
    document, model, small, store, plan_id
):
    model.setData(model.index_of(small["a"], model.column_of(VE)), "7")
    before = cells(store, plan_id)
    steps = document.undo_stack.count()
    start = model.index_of(small["a"], model.column_of(VL))
    assert model.paste(split_block("1.234\t0,5\n2\t\n"), start, model.all_rows())
    assert document.undo_stack.count() == steps + 1
    pasted = cells(store, plan_id)
    assert pasted[(small["a"], VL)] == D("1234")  # 0,5 makes the block Belgian
    assert pasted[(small["a"], VE)] == D("0.5")
    assert pasted[(small["b"], VL)] == D("2")
    assert pasted[(small["b"], VE)] is None
    assert pasted[(small["group"], VL)] == D("1236")
    document.undo_stack.undo()
    assert cells(store, plan_id) == before
    document.undo_stack.redo()
    assert cells(store, plan_id) == pasted


@pytest.mark.parametrize(
    ("block", "start", "words"),
    [
        ("1\tx", "a", "Row 1, column 2: 'x' is not a number"),
        ("1.234", "a", "ambiguous"),
        ("1\n2\n3\n4", "a", "Row 4, column 1: this cell lands on a total"),  # a, b, c, total
        ("1\t2", "group", "Row 1, column 1: this cell lands on a total"),
        ("1\t2\t3", "a", "more columns"),
        ("-4", "a", "must not be negative"),
        ("0,0001", "a", "more than 3 decimals"),
        ("1000000000000", "a", "too large"),
    ],
)
def test_bad_paste_changes_nothing_and_names_the_cell(
    document, model, small, store, plan_id, block, start, words
):
    before = cells(store, plan_id)
    steps = document.undo_stack.count()
    messages: list[str] = []
    model.refused.connect(messages.append)
    index = model.index_of(small[start], model.column_of(VL))
    assert not model.paste(split_block(block), index, model.all_rows())
    assert cells(store, plan_id) == before
    assert document.undo_stack.count() == steps
    assert len(messages) == 1 and words in messages[0], messages


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("abc", "Amount (kEUR): 'abc' is not a number"),
        ("1,2345", "more than 3 decimals"),
        ("-1", "must not be negative"),
        ("1e13", "not a number"),
        ("10.000.000.000.000", "too large"),
    ],
)
def test_typed_value_refused_keeps_the_old_one(
    document, model, small, store, plan_id, typed, words
):
    index = model.index_of(small["a"], model.column_of(VL))
    model.setData(index, "5")
    messages: list[str] = []
    model.refused.connect(messages.append)
    assert not model.setData(index, typed)
    assert model.data(index) == "5"
    assert cells(store, plan_id)[(small["a"], VL)] == D("5")
    assert messages and words in messages[0]


def test_group_amounts_are_not_editable_and_copy_gives_tab_separated_text(model, small):
    group_cell = model.index_of(small["group"], 1)
    assert not model.setData(group_cell, "3")
    model.setData(model.index_of(small["a"], 1), "1234,5")
    model.setData(model.index_of(small["a"], 2), "2")
    from planner_app.ui.core.figure_grid import OWN_CELLS_MIME, copy_mime, paste_source

    rows = model.all_rows()
    selection = [rows[0].siblingAtColumn(c) for c in range(3)] + [
        rows[1].siblingAtColumn(c) for c in range(3)
    ]
    mime = copy_mime(model, selection, rows)
    # No thousands separator: "1.234,5" would paste as 1.2345 into an English sheet.
    assert mime.text() == "Groep\t1234,5\t2\nA\t1234,5\t2\n"
    assert mime.hasFormat(OWN_CELLS_MIME)
    block, style = paste_source(mime)
    assert block[1] == ["A", "1234.5", "2"]
    assert style is NumberStyle.ENGLISH
    foreign = QMimeData()
    foreign.setText("1.234")
    assert paste_source(foreign) == ([["1.234"]], None)


def test_shown_columns_follow_the_choice(model, small):
    assert [c.label for c in model.columns] == ["INI 2025 VL", "INI 2025 VE"]
    model.set_shown(years=[2025, 2026], credit_types=["VE"])
    assert [c.label for c in model.columns] == ["INI 2025 VE", "INI 2026 VE"]
    assert model.columnCount() == 3


def test_title_edit_and_structure_commands_undo(document, model, small, store, plan_id):
    from planner_app.ui.budget.commands import DeleteLineCommand, MoveLineCommand

    assert model.setData(model.index_of(small["c"], 0), "Nieuw")
    assert model.data(model.index_of(small["c"], 0)) == "Nieuw"
    document.undo_stack.undo()
    assert model.data(model.index_of(small["c"], 0)) == "C"
    model.setData(model.index_of(small["c"], 1), "3")
    document.run(
        MoveLineCommand(
            document, small["c"], parent_id=small["group"], position=2, origin=(None, 1)
        )
    )
    assert model.data(model.index_of(small["group"], 1)) == "3"
    document.run(DeleteLineCommand(document, small["group"]))
    assert budget_read.budget_totals(store, plan_id).grand_total == {}
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert model.line_info(model.index_of(small["c"])).parent_id is None
    assert cells(store, plan_id)[(small["c"], VL)] == D("3")


def test_qtmodeltester_on_an_empty_and_a_closed_model(qtmodeltester, model, small):
    qtmodeltester.check(model)
    model.set_document(None)
    qtmodeltester.check(model)


@pytest.fixture
def demo_editor(qtbot, demo_path: Path):
    from planner_app.services.plans import list_plans
    from planner_app.storage import PlanFile
    from planner_app.ui.budget.budget_editor import BudgetEditor

    store = PlanFile.open(demo_path)
    plan = next(p for p in list_plans(store) if p.code == "ibz-2025-2029")
    document = PlanDocument(store, plan.id)
    editor = BudgetEditor()
    qtbot.addWidget(editor)
    editor.set_document(document)
    editor.resize(1400, 900)
    editor.show()
    yield editor
    editor.set_document(None)
    store.close()


def charts_drawn(qtbot, editor) -> None:
    """Charts redraw shortly after the last change (one redraw per burst of edits)."""
    qtbot.waitUntil(lambda: not editor.chart_timer.isActive())


def test_demo_budget_editor_screenshot_and_live_chart(
    qtbot, demo_editor, tmp_path: Path, qtmodeltester
):
    editor = demo_editor
    model = editor.model
    charts_drawn(qtbot, editor)
    assert model.data(model.total_index(model.column_of(VL))) == "2.514.220"
    assert editor.chart.categories[0] == "Basis"
    assert editor.chart.series_names == ["2025"]
    editor.grab().save(str(tmp_path / "budget-editor.png"))
    assert (tmp_path / "budget-editor.png").stat().st_size > 10_000
    qtmodeltester.check(model)
    # an edit reaches the chart's source at once
    toppen = next(i for i in model.totals.lines if i.title["nl"].startswith("Fonds ter fin"))

    def basis_bar() -> float:  # the first category is drawn at the top: the last bar
        bars = editor.chart.chart().series()[0].barSets()[0]
        return bars.at(bars.count() - 1)

    basis_before = basis_bar()
    assert basis_before == 990370
    assert model.setData(model.index_of(toppen.id, model.column_of(VL)), "56.000")
    charts_drawn(qtbot, editor)
    assert basis_bar() == basis_before + 1000


def test_editor_tools_add_indent_outdent_remove_with_undo(demo_editor):
    editor = demo_editor
    model = editor.model
    document = editor.model.document
    beleid = next(i for i in model.totals.lines if i.title["nl"] == "Beleidsorganen")
    editor.select_line(beleid.id)
    new = editor.add_line(title="Nieuwe lijn")
    assert model.line_info(model.index_of(new)).parent_id is None
    # indent under Beleidsorganen: refused, it has amounts; the message says why
    assert not editor.indent()
    assert "amounts of its own" in editor.message.text()
    editor.select_line(new)
    sub = editor.add_line(sub=True, title="Onder")
    assert model.line_info(model.index_of(sub)).parent_id == new
    assert editor.outdent()
    assert model.line_info(model.index_of(sub)).parent_id is None
    assert editor.indent()
    assert model.line_info(model.index_of(sub)).parent_id == new
    editor.select_line(new)
    assert editor.remove_line()
    assert not model.index_of(sub).isValid()
    for _step in range(5):
        document.undo_stack.undo()
    assert not model.index_of(new).isValid()
    assert model.data(model.total_index(model.column_of(VL))) == "2.514.220"


def test_link_objectives_shows_on_the_objective(demo_editor):
    from planner_app.ui.objectives.objective_editor import ObjectiveEditor

    editor = demo_editor
    document = editor.model.document
    store, plan_id = document.store, document.plan_id
    nodes = tree_read.load_tree(store, plan_id)
    personeel = next(i for i in editor.model.totals.lines if i.title["nl"] == "Personeel")
    editor.apply_links(personeel.id, {nodes[0].id, nodes[1].id})
    assert budget_read.line_objectives(store, plan_id)[personeel.id] == {nodes[0].id, nodes[1].id}
    linked = budget_read.objective_budget(store, nodes[0].id)
    assert [(x.line.id, x.amounts[VL]) for x in linked] == [(personeel.id, D("323381"))]
    detail = ObjectiveEditor()
    detail.set_document(document)
    detail.show_objective(nodes[0].id)
    assert "Personeel" in detail.budget_label.text()
    assert "323.381" in detail.budget_label.text()
    document.undo_stack.undo()  # the whole link step
    assert budget_read.line_objectives(store, plan_id).get(personeel.id, set()) == set()
    assert detail.budget_label.text() == ""


@pytest.mark.parametrize("view", ["budget", "staffing"])
def test_view_option_opens_the_editor_on_the_shown_plan(qtbot, demo_path: Path, view):
    from planner_app.services.plans import find_plan
    from planner_app.storage import PlanFile
    from planner_app.ui.main_window import MainWindow

    win = MainWindow(view=view)
    qtbot.addWidget(win)
    store = PlanFile.open(demo_path)
    win.set_plan_file(store, find_plan(store, "ibz-2025-2029").id)
    editor = win.budget_editor if view == "budget" else win.staffing_editor
    assert win.views.currentWidget() is editor
    assert editor.model.document is win.document
    assert editor.model.rowCount() > 1
    # an edit on the tab is undone by the window's Undo
    if view == "budget":
        model = editor.model
        leaf = next(i for i in model.totals.lines if not i.is_group)
        assert model.setData(model.index_of(leaf.id, 1), "1")
        win.tree_actions.undo_action.trigger()
        assert model.data(model.index_of(leaf.id, 1)) != "1"
    win.close()


@pytest.fixture
def small_editor(qtbot, document, small):
    """A budget editor on the ``small`` plan."""
    from planner_app.ui.budget.budget_editor import BudgetEditor

    editor = BudgetEditor()
    qtbot.addWidget(editor)
    editor.set_document(document)
    editor.model.reload(choose_defaults=True)
    return editor


def test_rename_and_remove_stages_and_credit_types_with_undo(document, small, small_editor):
    editor, model = small_editor, small_editor.model
    a = small["a"]
    assert model.setData(model.index_of(a, model.column_of(VL)), "12")
    assert editor.rename_dimension("credit_type", "VL", "CL")
    renamed = BudgetColumn(2025, "INI", "CL")
    assert model.credit_types == ["CL", "VE"]
    assert model.data(model.index_of(a, model.column_of(renamed))) == "12"
    document.undo_stack.undo()
    assert model.credit_types == ["VL", "VE"]
    assert model.data(model.index_of(a, model.column_of(VL))) == "12"
    # a credit type that holds amounts is refused, with the reason shown
    assert not editor.remove_dimension("credit_type", "VL")
    assert "VL holds amounts; clear them first" in editor.message.text()
    assert editor.remove_dimension("credit_type", "VE")
    assert model.available[2] == ["VL"]
    document.undo_stack.undo()
    assert model.available[2] == ["VL", "VE"]


def test_allow_negative_toggle_on_a_line_with_undo(document, small, small_editor):
    editor, model = small_editor, small_editor.model
    c = small["c"]
    editor.select_line(c)
    assert editor.negative_action.isEnabled() and not editor.negative_action.isChecked()
    assert not model.setData(model.index_of(c, model.column_of(VL)), "-5")
    editor.negative_action.trigger()  # the user ticks "Allow negative"
    assert model.line_info(model.index_of(c)).allow_negative
    assert editor.negative_action.isChecked()
    assert model.setData(model.index_of(c, model.column_of(VL)), "-5")
    # forbidding again is refused while the line holds a negative amount
    editor.select_line(c)
    editor.negative_action.trigger()
    assert "still has negative amounts" in editor.message.text()
    assert model.line_info(model.index_of(c)).allow_negative
    assert editor.negative_action.isChecked()
    document.undo_stack.undo()  # the amount
    document.undo_stack.undo()  # the flag
    assert not model.line_info(model.index_of(c)).allow_negative
    editor.select_line(small["group"])
    assert not editor.negative_action.isEnabled()  # a group has no amounts of its own


def test_copied_cells_paste_back_exactly_and_into_a_spreadsheet_unmistakably(
    model, small, store, plan_id
):
    from planner_app.ui.core.figure_grid import copy_mime, paste_source

    a, b = model.index_of(small["a"], 1), model.index_of(small["a"], 2)
    model.setData(a, "1,234")  # 1.234 kEUR, typed the Belgian way
    mime = copy_mime(model, [a], model.all_rows())
    assert mime.text() == "1,234\n"  # a Belgian spreadsheet reads 1,234 too
    block, style = paste_source(mime)
    assert model.paste(block, b, model.all_rows(), style)
    assert cells(store, plan_id)[(small["a"], VE)] == D("1.234")  # not 1234
    model.setData(a, "129648")
    assert copy_mime(model, [a], model.all_rows()).text() == "129648\n"  # no "129.648"


def test_a_refusal_quotes_what_was_typed_and_goes_with_the_next_good_edit(small_editor, small):
    model = small_editor.model
    index = model.index_of(small["a"], model.column_of(VL))
    assert small_editor.message.isHidden()  # no room taken while there is nothing to say
    assert not model.setData(index, "12,3456")
    assert small_editor.message.text().startswith("Amount (kEUR): 12,3456 has more than 3")
    assert not small_editor.message.isHidden()
    assert model.setData(index, "12,345")
    assert small_editor.message.text() == "" and small_editor.message.isHidden()


def test_a_groups_printed_total_is_recorded_and_its_difference_shown(
    document, small, small_editor, store, plan_id, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    from planner_app.services import printed

    editor, model = small_editor, small_editor.model
    assert model.setData(model.index_of(small["a"], model.column_of(VL)), "100")
    group = model.index_of(small["group"], model.column_of(VL))
    leaf = model.index_of(small["a"], model.column_of(VL))
    editor.view.setCurrentIndex(leaf)
    assert not editor.printed_action.isEnabled()  # a typed amount is not a total
    editor.view.setCurrentIndex(group)
    assert editor.printed_action.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("101", True))
    editor.printed_action.trigger()
    assert printed.printed_totals(store, plan_id).get(model.printed_spot(group)) == D("101")
    assert model.data(group, Qt.ItemDataRole.DecorationRole) is not None
    assert "101" in model.data(group, Qt.ItemDataRole.ToolTipRole)
    assert model.data(group) == "100"
    grand = model.total_index(model.column_of(VL))
    assert model.printed_spot(grand) is not None
    assert model.data(grand, Qt.ItemDataRole.DecorationRole) is None
    document.undo_stack.undo()
    assert model.data(group, Qt.ItemDataRole.DecorationRole) is None


def test_a_refusal_goes_when_the_user_moves_to_another_cell(qtbot, small_editor, small):
    """Issue 32, item 4: the message stayed after a click elsewhere until an undo."""
    model, view = small_editor.model, small_editor.view
    index = model.index_of(small["a"], model.column_of(VL))
    view.setCurrentIndex(index)
    assert not model.setData(index, "12,3456")
    assert not small_editor.message.isHidden()
    view.setCurrentIndex(model.index_of(small["a"], model.column_of(VE)))  # a click elsewhere
    assert small_editor.message.text() == "" and small_editor.message.isHidden()
