"""The defects of issue 23 as a planning officer met them on the demo: codes that moved
when objectives were inserted, moved, indented or outdented; a move that left its policy
field; two "SD 1"s accepted; codes that followed the UI language, not the plan's."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from planner_app.errors import ValidationError
from planner_app.i18n import set_language
from planner_app.services import objectives, tree_read
from planner_app.services.plans import find_plan
from planner_app.ui.main_window import MainWindow
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel as Model


def _codes(win: MainWindow) -> dict:
    assert win.store is not None and win.plan_id is not None
    return {n.id: n.code for n in tree_read.load_tree(win.store, win.plan_id)}


def _shown_codes(win: MainWindow) -> dict:
    """What the tree's code column shows, per objective id."""
    model = win.tree.tree_model
    model.fetch_all()
    out = {}
    for node in tree_read.load_tree(win.store, win.plan_id):
        out[node.id] = model.index_of(node.id, Model.CODE).data()
    return out


def _by_shown(win: MainWindow, code: str):
    found = [oid for oid, shown in _shown_codes(win).items() if shown == code]
    assert len(found) == 1, (code, found)
    return found[0]


def _field_ids(win: MainWindow) -> list:
    from planner_app.services.plan_parts import load_policy_fields

    return [f.id for f in load_policy_fields(win.store, win.plan_id)]


@pytest.fixture
def dkbuza(demo_window: MainWindow) -> MainWindow:
    store = demo_window.store
    assert store is not None
    demo_window.show_plan(find_plan(store, "dkbuza-2025").id)
    demo_window.tree.tree_model.fetch_all()
    return demo_window


def test_insert_after_sd5_makes_sd6(dkbuza: MainWindow):
    dkbuza.select_objective(_by_shown(dkbuza, "SD 5"))
    new_id = dkbuza.tree_actions.add_sibling()
    dkbuza.tree.closePersistentEditor(dkbuza.tree.currentIndex())
    assert new_id is not None
    assert _shown_codes(dkbuza)[new_id] == "SD 6"


def test_move_up_keeps_every_code_and_no_duplicates(dkbuza: MainWindow):
    dkbuza.select_objective(_by_shown(dkbuza, "SD 5"))
    new_id = dkbuza.tree_actions.add_sibling()
    dkbuza.tree.closePersistentEditor(dkbuza.tree.currentIndex())
    before = _shown_codes(dkbuza)
    for _step in range(4):
        dkbuza.select_objective(new_id)
        dkbuza.tree_actions.move_up()
    after = _shown_codes(dkbuza)
    assert after == before
    assert len(set(after.values())) == len(after)


def test_outdent_keeps_every_code(dkbuza: MainWindow):
    before = _shown_codes(dkbuza)
    dkbuza.select_objective(_by_shown(dkbuza, "1.2.1"))
    assert dkbuza.tree_actions.outdent()
    assert _shown_codes(dkbuza) == before
    shown = list(_shown_codes(dkbuza).values())
    assert len(set(shown)) == len(shown)


def test_move_up_keeps_the_policy_field_and_headings_do_not_repeat(dkbuza: MainWindow):
    store, plan_id = dkbuza.store, dkbuza.plan_id
    sd5 = _by_shown(dkbuza, "SD 5")
    field_before = {n.id: n.policy_field_id for n in tree_read.load_tree(store, plan_id)}
    sd4 = _by_shown(dkbuza, "SD 4")
    for moved in (sd5, sd4, sd5):  # each the only SD of its field: nowhere to go in it
        dkbuza.select_objective(moved)
        assert not dkbuza.tree_actions.move_up_action.isEnabled()
        dkbuza.tree_actions.move_up()
    field_after = {n.id: n.policy_field_id for n in tree_read.load_tree(store, plan_id)}
    assert field_after == field_before
    model = dkbuza.tree.tree_model
    headings = [i.data() for i in model.heading_indexes()]
    assert (
        headings
        == [
            "1. Buitenlands beleid",
            "2. Ontwikkelingssamenwerking",
            "3. Ondersteuning Vlaamse Regering",
            "4. Rampenschade",
            "5. Interne werking departement",
        ][: len(headings)]
    )
    assert len(headings) == 5
    # every SD row sits under the heading of its own field
    fields = {f: h for f, h in zip(_field_ids(dkbuza), headings, strict=True)}
    current = None
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if model.data(index, Model.HeadingRole):
            current = index.data()
            continue
        oid = model.data(index, Model.IdRole)
        assert fields[field_after[oid]] == current


def test_two_objectives_coded_sd1_are_refused(dkbuza: MainWindow):
    sd2 = _by_shown(dkbuza, "SD 2")
    with pytest.raises(ValidationError, match="SD 1"):
        objectives.update_objective(dkbuza.store, sd2, code="SD 1")
    with pytest.raises(ValidationError, match="SD 1"):
        objectives.update_objective(dkbuza.store, sd2, code="1")


@pytest.mark.parametrize("ui", ["en", "fr"])
def test_a_dutch_plan_shows_dutch_codes_under_any_ui_language(qtbot, demo_path, ui, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    from planner_app.storage import PlanFile

    set_language(ui)
    try:
        win = MainWindow()
        qtbot.addWidget(win)
        store = PlanFile.open(demo_path)
        win.set_plan_file(store, find_plan(store, "dkbuza-2025").id)
        shown = set(_shown_codes(win).values())
        assert {"SD 1", "OD 1.1", "1.1.1"} <= shown
        assert not any(code.startswith(("OS ", "OO ")) for code in shown)
        win.close()
    finally:
        set_language("en")


def test_a_drop_under_another_fields_heading_moves_it_there_and_undo_back(dkbuza: MainWindow):
    """The explicit way into another policy field: drag the SD under that field's
    heading. Its code stays; undo puts it back in its own field."""
    from PySide6.QtCore import QModelIndex, Qt

    store, plan_id = dkbuza.store, dkbuza.plan_id
    model = dkbuza.tree.tree_model
    sd5 = _by_shown(dkbuza, "SD 5")
    fields = _field_ids(dkbuza)
    heading_rows = [i.row() for i in model.heading_indexes()]
    data = model.mimeData([model.index_of(sd5)])
    move = Qt.DropAction.MoveAction
    # just below heading "1. Buitenlands beleid": the first SD of field 1
    assert model.canDropMimeData(data, move, heading_rows[0] + 1, 0, QModelIndex())
    assert model.dropMimeData(data, move, heading_rows[0] + 1, 0, QModelIndex())
    nodes = tree_read.load_tree(store, plan_id)
    assert next(n for n in nodes if n.id == sd5).policy_field_id == fields[0]
    assert [n.code for n in nodes if n.parent_id is None][:2] == ["SD 5", "SD 1"]
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert shown[:3] == ["1. Buitenlands beleid", "SD 5", "SD 1"]  # the tree shows it
    assert shown[-1] == "SD 4"  # and field 5's heading is gone with its only SD
    dkbuza.tree_actions.undo_action.trigger()
    nodes = tree_read.load_tree(store, plan_id)
    assert next(n for n in nodes if n.id == sd5).policy_field_id == fields[4]
    assert [n.code for n in nodes if n.parent_id is None][-1] == "SD 5"
