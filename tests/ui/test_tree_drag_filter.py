"""Drag and drop through the model's MIME methods, and the tree's filter."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, Qt

from planner_app.domain.enums import Status
from planner_app.services import objectives, tree_read
from planner_app.storage import PlanFile
from planner_app.ui.main_window import MainWindow
from planner_app.ui.objectives.objective_tree import MIME_TYPE
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel as Model

from .test_tree_editing import check_round_trip, codes, state

MOVE = Qt.DropAction.MoveAction


def drag(model: Model, objective_id) -> QMimeData:
    return model.mimeData([model.index_of(objective_id), model.index_of(objective_id, 1)])


# --- drag and drop ---------------------------------------------------------------------


def test_mime_data_carries_the_dragged_id(window: MainWindow, tree):
    model = window.tree.tree_model
    data = drag(model, tree["i1"])
    assert model.mimeTypes() == [MIME_TYPE]
    assert bytes(data.data(MIME_TYPE).data()).decode() == str(tree["i1"])
    assert model.supportedDropActions() == MOVE
    assert window.tree.dragDropMode() == window.tree.DragDropMode.InternalMove


def test_drop_reorders_and_round_trips(window: MainWindow, tree):
    model = window.tree.tree_model
    before = state(window)
    od = model.index_of(tree["od11"])
    assert model.dropMimeData(drag(model, tree["i2"]), MOVE, 0, 0, od)
    after = state(window)
    assert [t for _c, _l, t, _p in after[0]][2:4] == ["Init 2", "Init 1"]
    check_round_trip(window, before, after)


def test_drop_onto_an_sd_reparents_and_keeps_every_code(window: MainWindow, tree):
    model = window.tree.tree_model
    before = state(window)
    sd2 = model.index_of(tree["sd2"])
    assert model.canDropMimeData(drag(model, tree["i1"]), MOVE, -1, 0, sd2)
    assert model.dropMimeData(drag(model, tree["i1"]), MOVE, -1, 0, sd2)
    after = state(window)
    assert ("1.1.1", "initiative", "Init 1", tree["sd2"]) in after[0]
    assert ("1.1.2", "initiative", "Init 2", tree["od11"]) in after[0]
    check_round_trip(window, before, after)


def test_drop_between_top_level_rows_moves_an_sd(window: MainWindow, tree):
    model = window.tree.tree_model
    assert model.dropMimeData(drag(model, tree["sd2"]), MOVE, 0, 0, QModelIndex())
    assert codes(window)[:2] == ["SD 2", "SD 1"]
    assert state(window)[0][0][2] == "Tweede SD"


def test_drops_that_break_the_rules_are_refused(window: MainWindow, tree):
    model = window.tree.tree_model
    before = state(window)
    od = drag(model, tree["od11"])
    top = QModelIndex()
    # an OD at the top level
    for row in (-1, 0, 1):
        assert not model.canDropMimeData(od, MOVE, row, 0, top)
        assert not model.dropMimeData(od, MOVE, row, 0, top)
    # a node onto itself or its own descendant
    sd1 = drag(model, tree["sd1"])
    assert not model.canDropMimeData(sd1, MOVE, -1, 0, model.index_of(tree["i1"]))
    assert not model.canDropMimeData(sd1, MOVE, -1, 0, model.index_of(tree["od11"]))
    assert not model.canDropMimeData(od, MOVE, -1, 0, model.index_of(tree["od11"]))
    # an OD under an OD, foreign data, a copy
    assert not model.canDropMimeData(od, MOVE, -1, 0, model.index_of(tree["od11"]))
    foreign = QMimeData()
    foreign.setText("hello")
    assert not model.canDropMimeData(foreign, MOVE, -1, 0, model.index_of(tree["sd2"]))
    assert not model.canDropMimeData(
        od, Qt.DropAction.CopyAction, -1, 0, model.index_of(tree["sd2"])
    )
    assert state(window) == before
    assert window.document is not None and window.document.undo_stack.count() == 0


def test_drop_onto_a_heading_is_refused(qtbot, demo_path):
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(PlanFile.open(demo_path))
    model = win.tree.tree_model
    heading = model.heading_indexes()[0]
    sd = model.first_objective_index()
    data = model.mimeData([sd])
    assert not model.canDropMimeData(data, MOVE, -1, 0, heading)
    assert model.canDropMimeData(data, MOVE, model.rowCount(), 0, QModelIndex())
    win.close()


# --- filter ------------------------------------------------------------------------


def visible_titles(win: MainWindow) -> list[str]:
    proxy = win.tree.filter_model
    out: list[str] = []
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            out.append(index.siblingAtColumn(Model.TITLE).data() or index.data())
            stack.append(index)
    return sorted(out)


def test_filter_keeps_ancestors_and_ignores_case_and_accents(window: MainWindow, tree):
    assert window.store is not None
    objectives.update_objective(window.store, tree["i2"], title={"nl": "Élève en Café"})
    window.tree.tree_model.reload()
    window.filter_bar.text_box.setText("eleve CAFE")
    window.filter_bar.apply()
    assert visible_titles(window) == ["Eerste SD", "OD", "Élève en Café"]
    assert window.tree.isExpanded(window.tree.view_index(tree["od11"]))
    window.filter_bar.text_box.setText("1.1.1")  # codes match too
    window.filter_bar.apply()
    assert visible_titles(window) == ["Eerste SD", "Init 1", "OD"]


def test_status_and_unit_filters(window: MainWindow, tree, qtmodeltester):
    assert window.store is not None
    objectives.update_objective(window.store, tree["i1"], status=Status.DELAYED)
    objectives.update_objective(window.store, tree["sd2"], lead_unit_id=tree["unit"])
    window.tree.tree_model.reload()
    window.show_plan(window.plan_id)  # the unit list is read with the plan
    bar = window.filter_bar
    bar.status_box.setCurrentIndex(bar.status_box.findData(Status.DELAYED.value))
    assert visible_titles(window) == ["Eerste SD", "Init 1", "OD"]
    qtmodeltester.check(window.tree.filter_model)
    bar.status_box.setCurrentIndex(0)
    bar.unit_box.setCurrentIndex(bar.unit_box.findData(str(tree["unit"])))
    assert visible_titles(window) == ["Tweede SD"]
    bar.clear()
    assert len(visible_titles(window)) == 5


def test_typing_is_debounced_and_ctrl_f_focuses_the_box(window: MainWindow, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.find_action.trigger()
    assert (
        window.filter_bar.text_box.hasFocus() or window.focusWidget() is window.filter_bar.text_box
    )
    qtbot.keyClicks(window.filter_bar.text_box, "Init")
    assert not window.tree.filter_model.active  # not yet: the user may type on
    qtbot.waitUntil(lambda: window.tree.filter_model.active, timeout=2000)
    assert visible_titles(window) == ["Eerste SD", "Init 1", "Init 2", "OD"]


def test_filter_on_the_demo_keeps_headings_of_matches(qtbot, demo_path, qtmodeltester):
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(PlanFile.open(demo_path))
    assert win.store is not None and win.plan_id is not None
    node = next(n for n in tree_read.load_tree(win.store, win.plan_id) if n.code.count(".") == 2)
    word = max(node.title["nl"].split(), key=len)
    win.filter_bar.text_box.setText(word)
    win.filter_bar.apply()
    proxy = win.tree.filter_model
    top = [proxy.index(r, 0) for r in range(proxy.rowCount())]
    headings = [i for i in top if i.data(Model.HeadingRole)]
    assert headings and len(top) < win.tree.tree_model.rowCount()
    assert all(win.tree.isFirstColumnSpanned(i.row(), QModelIndex()) for i in headings)
    assert win.tree.view_index(node.id).isValid()
    qtmodeltester.check(proxy)
    win.close()
