"""The objective tree makes its nodes when first reached: everything still behaves as if
the whole tree were there (lookups, codes, the filter, refreshes, the model tester)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex

from planner_app.domain.enums import Status
from planner_app.services import objectives, tree_read
from planner_app.services.plans import find_plan
from planner_app.storage import PlanFile
from planner_app.ui.core.labels import one_line, pick_text
from planner_app.ui.main_window import MainWindow
from planner_app.ui.objectives import objective_tree_view
from planner_app.ui.objectives.objective_filter import ObjectiveFilterModel
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel as Model

DKBUZA = "dkbuza-2025"


def nodes(model: Model) -> Iterator:
    """Every node made so far, depth first (making none)."""
    stack = list(reversed(model.node(QModelIndex())._children))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node._children))


def deepest(demo_store: PlanFile, plan_id):
    """An initiative under an OD: two levels of sibling lists above it."""
    tree = tree_read.load_tree(demo_store, plan_id)
    parents = {n.id: n for n in tree}
    return next(n for n in tree if n.parent_id in parents and parents[n.parent_id].parent_id)


def test_a_new_model_makes_only_the_top_rows(demo_store, plan_ids):
    model = Model(demo_store, plan_ids[DKBUZA])
    total = len(tree_read.load_tree(demo_store, plan_ids[DKBUZA]))
    made = list(nodes(model))
    assert all(n.heading or n.parent is model.node(QModelIndex()) for n in made)
    assert model.objective_count() == total  # answered without making the rest
    shown = [model.column_has_data(c) for c in (Model.LEAD_UNIT, Model.MILESTONES)]
    assert list(nodes(model)) == made
    sd = model.first_objective_index()
    assert model.node(sd).pending and model.rowCount(sd) > 0
    assert model.node(sd).pending  # counting rows made none
    assert model.index(0, 0, sd).isValid() and not model.node(sd).pending
    model.fetch_all()
    objectives_made = [n for n in nodes(model) if not n.heading]
    assert shown == [
        any(n.lead_unit for n in objectives_made),
        any(n.milestones_total for n in objectives_made),
    ]


def test_codes_and_titles_match_the_whole_tree(demo_store, plan_ids):
    for code, plan_id in plan_ids.items():
        model = Model(demo_store, plan_id)
        for item in tree_read.load_tree(demo_store, plan_id):
            index = model.index_of(item.id)
            assert index.isValid(), code
            assert index.data() == item.code
            title = one_line(pick_text(item.title, model.languages))
            assert index.siblingAtColumn(Model.TITLE).data() == title


def test_a_deep_objective_is_found_before_its_branch_is_made(demo_store, plan_ids):
    plan_id = plan_ids[DKBUZA]
    model = Model(demo_store, plan_id)
    item = deepest(demo_store, plan_id)
    assert item.id not in {n.id for n in nodes(model)}
    index = model.index_of(item.id)
    assert index.isValid() and index.data(Model.IdRole) == item.id
    parent = model.parent(index)
    assert parent.data(Model.IdRole) == item.parent_id
    assert model.index(index.row(), 0, parent) == index


def test_the_filter_shows_a_deep_match_with_its_ancestors(demo_store, plan_ids):
    plan_id = plan_ids[DKBUZA]
    model = Model(demo_store, plan_id)
    proxy = ObjectiveFilterModel()
    proxy.setSourceModel(model)
    item = deepest(demo_store, plan_id)
    word = max(item.title["nl"].split(), key=len)
    assert proxy.set_criteria(word)
    view_index = proxy.mapFromSource(model.index_of(item.id))
    assert view_index.isValid()
    ancestors = []
    parent = view_index.parent()
    while parent.isValid():
        ancestors.append(parent.data(Model.IdRole))
        parent = parent.parent()
    assert item.parent_id in ancestors
    assert proxy.first_match_id() is not None


def test_model_tester_on_a_fresh_model(qtmodeltester, demo_store, plan_ids):
    qtmodeltester.check(Model(demo_store, plan_ids[DKBUZA]))


def test_fetch_all_makes_the_rest_in_slices_without_row_signals(demo_store, plan_ids, qtbot):
    model = Model(demo_store, plan_ids[DKBUZA])
    inserted = []
    model.rowsInserted.connect(lambda *args: inserted.append(args))
    turns = 1
    while model.fetch_all(limit=20):
        turns += 1
    assert turns > 2
    assert not any(n.pending for n in nodes(model))
    assert len([n for n in nodes(model) if not n.heading]) == model.objective_count()
    assert inserted == []
    assert model.fetch_all() is False


@pytest.fixture
def window(qtbot, demo_path, monkeypatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(objective_tree_view, "EXPAND_ALL_LIMIT", 0)  # as a large plan
    win = MainWindow()
    qtbot.addWidget(win)
    store = PlanFile.open(demo_path)
    win.set_plan_file(store, find_plan(store, DKBUZA).id)
    yield win
    win.close()


def test_an_edit_of_a_row_not_made_yet_shows_when_reached(window: MainWindow, demo_path):
    model = window.tree.tree_model
    store, plan_id = window.store, window.plan_id
    assert store is not None and plan_id is not None
    item = deepest(store, plan_id)
    new = Status.DELAYED if item.status is not Status.DELAYED else Status.DONE
    assert item.id not in {n.id for n in nodes(model)}
    window.document.notify(objectives.update_objective(store, item.id, status=new))
    assert model.index_of(item.id).data(Model.StatusRole) == new.value


def test_the_window_makes_the_rest_after_its_first_paint(window: MainWindow, qtbot):
    model = window.tree.tree_model
    assert any(n.pending for n in nodes(model))
    window.show()
    qtbot.waitUntil(lambda: not any(n.pending for n in nodes(model)), timeout=10000)
    window.tree.expandAll()
    window.filter_bar.text_box.setText("SD")
    window.filter_bar.apply()
    assert window.tree.current_objective_id() is not None


def test_a_node_of_a_replaced_tree_makes_nothing(demo_store, plan_ids):
    model = Model(demo_store, plan_ids[DKBUZA])
    old = model.node(model.first_objective_index())
    assert old.pending
    model.reload()
    assert old.children == []  # the tree it belonged to is gone
    new = model.node(model.first_objective_index())
    assert new is not old and new.pending
    child = new.children[0]
    assert model.node(model.index_of(child.id)) is child
