"""The roll-up of an objective from what hangs under it (issue 26, item 4): its sums
(property tests over random trees), its verdict branch by branch, and read from a plan."""

from __future__ import annotations

import datetime as dt
import random
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner_app.domain.enums import ObjectiveLevel, Status, ValueKind
from planner_app.services import details, objectives, plans
from planner_app.services.progress_rule import IndicatorStatus
from planner_app.services.rollup import MilestoneState, Node, RollUp, plan_rollups, roll_up

I = IndicatorStatus  # noqa: E741
NA = getattr(Status, "NOT_APPLICABLE", None)  # issue 23's status, once it has landed
LEVELS = (ObjectiveLevel.STRATEGIC, ObjectiveLevel.OPERATIONAL, ObjectiveLevel.INITIATIVE)


@st.composite
def trees(draw):
    """A random forest of objectives with indicators and milestones on any of them."""
    count = draw(st.integers(min_value=1, max_value=40))
    nodes: list[Node] = []
    depth: dict[uuid.UUID, int] = {}
    rng = random.Random(draw(st.integers(0, 2**32)))
    for _ in range(count):
        parent = rng.choice([None, *[n.id for n in nodes]]) if nodes else None
        level_at = 0 if parent is None else min(depth[parent] + 1, 2)
        level = LEVELS[level_at] if rng.random() < 0.8 else LEVELS[2]
        node = Node(uuid.uuid4(), parent, level, rng.choice(list(Status)))
        depth[node.id] = level_at
        nodes.append(node)
    indicators = {n.id: [rng.choice(list(I)) for _ in range(rng.randint(0, 3))] for n in nodes}
    milestones = {
        n.id: [
            MilestoneState(rng.random() < 0.5, rng.random() < 0.3) for _ in range(rng.randint(0, 3))
        ]
        for n in nodes
    }
    return nodes, indicators, milestones


def _descendants(nodes, node_id):
    children = {}
    for n in nodes:
        children.setdefault(n.parent_id, []).append(n)
    out, stack = [], list(children.get(node_id, ()))
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(children.get(n.id, ()))
    return out


@settings(max_examples=150, deadline=None)
@given(trees())
def test_counts_add_up_to_what_hangs_under_each_objective(tree):
    nodes, indicators, milestones = tree
    result = roll_up(nodes, indicators, milestones)
    assert set(result) == {n.id for n in nodes}
    for node in nodes:
        below = _descendants(nodes, node.id)
        mine = [node, *below]
        up = result[node.id]
        initiatives = [n for n in below if n.level is ObjectiveLevel.INITIATIVE]
        assert up.initiative_total == len(initiatives)
        for status in Status:
            assert up.initiatives.get(status, 0) == sum(n.status is status for n in initiatives)
        assert up.indicator_total == sum(len(indicators[n.id]) for n in mine)
        assert up.milestones_total == sum(len(milestones[n.id]) for n in mine)
        assert up.milestones_done == sum(m.done for n in mine for m in milestones[n.id])
        assert up.milestones_overdue == sum(m.overdue for n in mine for m in milestones[n.id])
        assert up.milestones_done <= up.milestones_total


@settings(max_examples=100, deadline=None)
@given(trees(), st.randoms(use_true_random=False))
def test_the_order_of_objectives_changes_nothing(tree, rng):
    nodes, indicators, milestones = tree
    shuffled = list(nodes)
    rng.shuffle(shuffled)
    reordered = {k: list(reversed(v)) for k, v in indicators.items()}
    assert roll_up(shuffled, reordered, milestones) == roll_up(nodes, indicators, milestones)


@settings(max_examples=100, deadline=None)
@given(trees())
def test_a_roll_up_is_its_own_plus_its_childrens(tree):
    nodes, indicators, milestones = tree
    result = roll_up(nodes, indicators, milestones)
    for node in nodes:
        own = roll_up([node._replace(parent_id=None)], indicators, milestones)[node.id]
        total = own
        for child in (n for n in nodes if n.parent_id == node.id):
            total = total + result[child.id]
            if child.level is ObjectiveLevel.INITIATIVE:
                total = total + RollUp({child.status: 1})
        assert total == result[node.id]


@settings(max_examples=50, deadline=None)
@given(trees())
def test_without_status_tracking_only_what_is_measured_counts(tree):
    nodes, indicators, milestones = tree
    result = roll_up(nodes, indicators, milestones, tracks_status=False)
    assert all(not up.initiatives and not up.tracks_status for up in result.values())
    for node in nodes:
        up = result[node.id]
        assert up.verdict is None or up.verdict is not NA


def _up(initiatives=None, indicators=None, total=0, done=0, overdue=0):
    return RollUp(dict(initiatives or {}), dict(indicators or {}), total, done, overdue)


@pytest.mark.parametrize(
    ("rollup", "verdict"),
    [
        (_up(), None),
        (_up({Status.DONE: 6}), Status.DONE),
        *([(_up({Status.DONE: 5, NA: 1}), Status.DONE)] if NA else []),
        (_up({Status.DONE: 5, Status.ON_SCHEDULE: 1}), Status.ON_SCHEDULE),
        (_up({Status.DONE: 5, Status.ACTION_NEEDED: 1}), Status.ACTION_NEEDED),
        (_up({Status.DONE: 5}, {I.MISSED: 1}), Status.ACTION_NEEDED),
        (_up({Status.DONE: 5, Status.DELAYED: 1}), Status.DELAYED),
        (_up({Status.DONE: 5}, {I.BEHIND: 1}), Status.DELAYED),
        (_up({Status.DONE: 5}, total=2, done=1, overdue=1), Status.DELAYED),
        (_up({Status.NOT_STARTED: 3}), Status.NOT_STARTED),
        *([(_up({NA: 3}), Status.NOT_STARTED)] if NA else []),
        (_up(total=2, done=2), Status.DONE),
        (_up(indicators={I.REACHED: 1, I.DONE: 1}), Status.DONE),
        (_up(total=2, done=1), Status.ON_SCHEDULE),
        (_up(indicators={I.ON_TRACK: 1}), Status.ON_SCHEDULE),
        (_up(indicators={I.NO_DATA: 1}, total=1), Status.NOT_STARTED),
    ],
)
def test_verdict(rollup, verdict):
    assert rollup.verdict is verdict


def test_an_sd_whose_initiatives_are_all_done_says_so_and_keeps_its_own_status(store):
    plan_id = plans.create_plan(store, code="p", kind="business", title="P", first_year=2025).id
    sd = objectives.add_objective(store, plan_id, level="strategic", title="SD").id
    od = objectives.add_objective(store, plan_id, level="operational", title="OD", parent_id=sd).id
    for title in ("A", "B"):
        ini = objectives.add_objective(
            store, plan_id, level="initiative", title=title, parent_id=od
        ).id
        objectives.update_objective(store, ini, status=Status.DONE)
    details.add_milestone(store, od, text="Rapport", period="Q2 2025", done=True)
    indicator = details.add_indicator(store, sd, name="Share").id
    details.set_indicator_value(store, indicator, year=2025, kind=ValueKind.BASELINE, value="4.2")
    details.set_indicator_value(store, indicator, year=2025, kind=ValueKind.TARGET, value="5")
    details.set_indicator_value(store, indicator, year=2025, kind=ValueKind.ACTUAL, value="5.1")
    found = plan_rollups(store, plan_id, dt.date(2025, 12, 31))
    assert found[sd].initiatives == {Status.DONE: 2}
    assert (found[sd].milestones_done, found[sd].milestones_total) == (1, 1)
    assert found[sd].indicators == {I.REACHED: 1}
    assert found[sd].verdict is Status.DONE
    assert found[od].indicators == {}  # the SD's indicator does not hang under the OD
    # the SD's own status is the person's, untouched
    (sd_row,) = [n for n in objectives_of(store, plan_id) if n.id == sd]
    assert sd_row.status is Status.NOT_STARTED
    # a missed target in the same year's last quarter turns the verdict
    details.set_indicator_value(store, indicator, year=2025, kind=ValueKind.ACTUAL, value="4.5")
    assert plan_rollups(store, plan_id, dt.date(2025, 12, 31))[sd].verdict is Status.ACTION_NEEDED
    assert plan_rollups(store, plan_id, dt.date(2025, 9, 30))[sd].verdict is Status.DELAYED


def objectives_of(store, plan_id):
    from planner_app.services.tree_read import load_tree

    return load_tree(store, plan_id)


def test_an_overdue_milestone_counts_at_its_date(store):
    plan_id = plans.create_plan(store, code="p", kind="business", title="P", first_year=2025).id
    sd = objectives.add_objective(store, plan_id, level="strategic", title="SD").id
    details.add_milestone(store, sd, text="Nota", period="Q3 2025")
    details.add_milestone(store, sd, text="Later", period="Q3 2025-Q4 2025")  # no date
    assert plan_rollups(store, plan_id, dt.date(2025, 9, 30))[sd].milestones_overdue == 0
    assert plan_rollups(store, plan_id, dt.date(2025, 10, 1))[sd].milestones_overdue == 1


def test_the_trees_fast_read_finds_what_the_full_read_finds(store):
    """``progress_read`` (plain SQL, no texts) and ``read_measures`` (the ORM) give the
    same roll-ups and overdue milestones: every kind of figure the rule reads."""
    from planner_app.services.progress_read import plan_progress
    from planner_app.services.rollup import progress_of, read_measures

    plan_id = plans.create_plan(store, code="p", kind="business", title="P", first_year=2025).id
    sd = objectives.add_objective(store, plan_id, level="strategic", title="SD").id
    od = objectives.add_objective(store, plan_id, level="operational", title="OD", parent_id=sd).id
    ini = objectives.add_objective(store, plan_id, level="initiative", title="A", parent_id=od).id
    objectives.update_objective(store, ini, status=Status.DELAYED)
    late = details.add_milestone(store, ini, text="Nota", period="Q1 2025").ids[0]
    details.add_milestone(store, od, text="Rapport", period="15/05/2025")
    details.add_milestone(store, sd, text="Doorlopend", period="doorlopend")
    done = details.add_milestone(store, sd, text="Klaar", period="2025", done=True).ids[0]
    details.update_milestone(store, done, done_on=dt.date(2025, 6, 1))
    words = details.add_indicator(store, od, name="Procedure").id
    details.update_indicator(store, words, target_text={"nl": "Goedgekeurd"}, target_done=True)
    blank = details.add_indicator(store, od, name="Blank").id
    details.update_indicator(store, blank, target_text={"nl": "  "})
    share = details.add_indicator(store, sd, name="Share").id
    for kind, value in (("baseline", "4.2"), ("target", "5"), ("actual", "4.5")):
        details.set_indicator_value(store, share, year=2025, kind=kind, value=value)
    details.set_quarter_value(store, share, year=2025, quarter=1, value="4.4")
    assert late
    for at in (dt.date(2025, 3, 31), dt.date(2025, 4, 1), dt.date(2025, 7, 1), dt.date(2026, 1, 1)):
        fast = plan_progress(store, plan_id, at)
        with store.read() as s:
            full = progress_of(read_measures(s, plan_id), at)
        assert fast.rollups == full.rollups, at
        assert fast.overdue == full.overdue, at
    assert plan_progress(store, plan_id, dt.date(2025, 4, 1)).overdue == {
        ini: (dt.date(2025, 3, 31),)
    }
    found = plan_progress(store, plan_id, dt.date(2025, 7, 1)).rollups[sd]
    assert found.indicators == {I.DONE: 1, I.NO_TARGET: 1, I.BEHIND: 1}
