"""Issue 26's "Done means", from the demo, in Dutch, French and English, as the HR
partner and the planning officer do it in the window (judged at a fixed today, 1
February 2026): the diversity plan's missed example (a 2025 target of 5,0 % against
the 4,2 % baseline, 4,5 % reached) reads "missed", and "behind" once a 2027 target is
typed; a target in words is marked done; a milestone is overdue in the tree and the
Review tab; an SD whose initiatives are all done says so in the tree's progress column
beside its own status."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from planner_app.domain.enums import ObjectiveLevel, Status, ValueKind
from planner_app.i18n import set_language
from planner_app.services import reference
from planner_app.services.diversity_read import load_diversity
from planner_app.services.plans import find_plan
from planner_app.services.progress_rule import IndicatorStatus
from planner_app.services.tree_read import load_tree
from planner_app.ui.diversity.diversity_models import IndicatorsModel
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel as Tree
from planner_app.ui.review.review_overdue import ReviewOverdueModel

TODAY = dt.date(2026, 2, 1)
WORDS = {
    "nl": ("gemist", "afgewerkt"),
    "fr": ("manqué", "terminé"),
    "en": ("missed", "done"),
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(reference, "today", lambda: TODAY)
    for module in (
        "planner_app.ui.diversity.diversity_models",
        "planner_app.ui.objectives.tree_progress",
        "planner_app.ui.review.review_pane",
    ):
        monkeypatch.setattr(f"{module}.today", lambda: TODAY)


@pytest.fixture(params=["nl", "fr", "en"])
def lang(request):
    set_language(request.param)
    yield request.param
    set_language("en")


def _type(model, row: int, column: int, text: str) -> None:
    assert model.setData(model.index(row, column), text, Qt.ItemDataRole.EditRole)


def test_the_issues_done_means_on_the_demo(qtbot, demo_window, lang):
    window = demo_window
    store = window.store
    window.show_plan(find_plan(store, "dkbuza-2025").id)
    missed, done = WORDS[lang]

    # the HR partner: the missed example, a 2027 target, a target in words done
    pane = window.diversity_pane
    window.views.setCurrentWidget(pane)  # a tab gets its document when shown
    pane.tabs.setCurrentIndex(pane.INDICATORS)
    indicators, values = pane.indicators, pane.values
    pane.indicator_editor.select_row(0)  # foreign origin, 4,2 % in 2025
    row = {values.index(r, 0).data(): r for r in range(values.rowCount())}
    _type(values, row["2025"], values.TARGET, "5,0")
    _type(values, row["2025"], values.ACTUAL, "4,5")
    status = indicators.index(0, IndicatorsModel.STATUS)
    assert status.data(IndicatorsModel.StatusRole) == IndicatorStatus.MISSED
    assert status.data() == missed
    # a 2027 target: 2025 is no longer the last target's year, and 4,5 % is behind the
    # line from 4,2 % towards 6 %
    _type(values, row["2027"], values.TARGET, "6")
    assert status.data(IndicatorsModel.StatusRole) == IndicatorStatus.BEHIND
    first = load_diversity(store, window.plan_id).indicators[0]
    assert first.of_kind(ValueKind.TARGET)[2027].value == Decimal("6")
    _type(indicators, 1, IndicatorsModel.TARGET_TEXT, "Redelijke aanpassingen op maat")
    done_box = indicators.index(1, IndicatorsModel.TARGET_DONE)
    assert indicators.setData(done_box, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert indicators.index(1, IndicatorsModel.STATUS).data() == done

    # the planning officer: every initiative of SD 4 done, in the tree's status column
    tree = window.tree.tree_model
    nodes = load_tree(store, window.plan_id)
    sd4 = next(n for n in nodes if n.code == "SD 4")
    under = [n for n in nodes if n.level is ObjectiveLevel.INITIATIVE and _under(nodes, n, sd4)]
    assert under
    for node in under:
        index = tree.index_of(node.id, Tree.STATUS)
        if index.data(Tree.StatusRole) != Status.DONE.value:
            assert tree.setData(index, Status.DONE.value)
    qtbot.waitUntil(lambda: not tree.progress.pending)
    cell = tree.index_of(sd4.id, Tree.PROGRESS)
    assert cell.data(Tree.RollUpRole) == Status.DONE
    assert cell.data() == f"{len(under)}/{len(under)}"
    assert tree.index_of(sd4.id, Tree.STATUS).data(Tree.StatusRole) == sd4.status.value

    # a milestone due in 2025 and not done is overdue on 1 February 2026: in the tree…
    late = next(n for n in nodes if n.milestones_total and "·" in (_milestones(tree, n.id) or ""))
    assert tree.index_of(late.id, Tree.MILESTONES).data(Qt.ItemDataRole.DecorationRole)
    # …and on the Review tab, with its objective
    window.views.setCurrentWidget(window.review_pane)
    overdue = window.review_pane.overdue_model
    assert overdue.rowCount() > 0
    codes = {
        overdue.index(r, ReviewOverdueModel.OBJECTIVE).data() for r in range(overdue.rowCount())
    }
    assert late.code in codes


def _milestones(tree, objective_id) -> str | None:
    return tree.index_of(objective_id, Tree.MILESTONES).data()


def _under(nodes, node, top) -> bool:
    parents = {n.id: n.parent_id for n in nodes}
    current = node.parent_id
    while current is not None:
        if current == top.id:
            return True
        current = parents.get(current)
    return False
