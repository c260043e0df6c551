"""Undo commands reach the plan file and undo/redo round-trips it exactly."""

from __future__ import annotations

import pytest

from planner_app.domain.enums import ObjectiveLevel, Status
from planner_app.services import details
from planner_app.services.fingerprint import current_fingerprint
from planner_app.ui.objectives.commands import (
    AddObjectiveCommand,
    DeleteObjectiveCommand,
    MoveObjectiveCommand,
    SetObjectiveFieldCommand,
)
from tests.conftest import tree_shape

pytestmark = pytest.mark.usefixtures("tree")  # ``document`` shows the tree plan


def shape(store, plan_id) -> list[tuple]:
    return tree_shape(store, plan_id, ("code", "title", "status"))


def round_trip(document, store, plan_id, command):
    before = (shape(store, plan_id), current_fingerprint(store, plan_id))
    assert document.run(command)
    after = (shape(store, plan_id), current_fingerprint(store, plan_id))
    assert after != before
    document.undo_stack.undo()
    assert (shape(store, plan_id), current_fingerprint(store, plan_id)) == before
    document.undo_stack.redo()
    assert (shape(store, plan_id), current_fingerprint(store, plan_id)) == after
    return after


def test_add_round_trips(document, store, plan_id, tree):
    cmd = AddObjectiveCommand(
        document, level=ObjectiveLevel.INITIATIVE, title="Nieuw", parent_id=tree["od11"], position=0
    )
    round_trip(document, store, plan_id, cmd)
    assert shape(store, plan_id)[2] == ("1.1.3", "Nieuw", "not_started")  # the next free code


def test_delete_round_trips_with_milestones(document, store, plan_id, tree):
    details.add_milestone(store, tree["i1"], text="m", period="Q1 2025")
    round_trip(document, store, plan_id, DeleteObjectiveCommand(document, tree["od11"]))
    assert "Init 1" not in [t for _c, t, _s in shape(store, plan_id)]
    document.undo_stack.undo()
    assert [m.text["nl"] for m in details.objective_detail(store, tree["i1"]).milestones] == ["m"]


def test_move_round_trips(document, store, plan_id, tree):
    cmd = MoveObjectiveCommand(document, tree["i2"], parent_id=tree["od11"], position=0)
    round_trip(document, store, plan_id, cmd)


def test_field_edits_merge_into_one_step(document, store, plan_id, tree):
    for text in ("I", "In", "Ini"):
        document.run(
            SetObjectiveFieldCommand(
                document, tree["i1"], "title", {"nl": text}, merge_key=("typing", "title", 1)
            )
        )
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert details.objective_detail(store, tree["i1"]).title == {"nl": "Init 1"}
    document.undo_stack.redo()
    assert details.objective_detail(store, tree["i1"]).title == {"nl": "Ini"}


def test_adding_a_language_is_undone_completely(document, store, plan_id, tree):
    document.run(
        SetObjectiveFieldCommand(
            document, tree["i1"], "title", {"nl": "Init 1", "fr": "Un"}, merge_key=None
        )
    )
    document.undo_stack.undo()
    assert details.objective_detail(store, tree["i1"]).title == {"nl": "Init 1"}


def test_status_round_trips(document, store, plan_id, tree):
    round_trip(
        document,
        store,
        plan_id,
        SetObjectiveFieldCommand(document, tree["i1"], "status", Status.DONE, merge_key=None),
    )


def test_a_refused_edit_is_reported_and_not_stacked(document, tree):
    messages = []
    document.failed.connect(messages.append)
    cmd = MoveObjectiveCommand(document, tree["i1"], parent_id=None, position=0)
    assert not document.run(cmd)
    assert document.undo_stack.count() == 0
    assert messages and "cannot be placed at the top" in messages[0]
