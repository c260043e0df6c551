"""Every write lands in the change log, in the same transaction, field by field."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from planner_app.domain import ChangeLogEntry, Milestone, Objective
from planner_app.services import details, objectives
from planner_app.services.integrity import change_log_problems, check_file


def entries(store, row_id):
    with store.read() as s:
        return s.scalars(
            select(ChangeLogEntry)
            .where(ChangeLogEntry.row_id == row_id)
            .order_by(ChangeLogEntry.seq)
        ).all()


def test_insert_update_and_tombstone_are_logged(store, plan_id, tree):
    objectives.update_objective(store, tree["i1"], title={"fr": "Init un"}, status="delayed")
    objectives.delete_objective(store, tree["i1"])
    log = entries(store, tree["i1"])
    assert [(e.op, e.field) for e in log] == [
        ("insert", "*"),
        ("update", "title"),
        ("update", "status"),
        ("delete", "deleted"),
    ]
    insert = json.loads(log[0].new)
    assert insert["title"] == {"nl": "Init 1"} and insert["level"] == "initiative"
    title = log[1]
    assert json.loads(title.old) == {"nl": "Init 1"}
    assert json.loads(title.new) == {"fr": "Init un", "nl": "Init 1"}
    assert all(e.site_id == store.context.site_id and e.user for e in log)
    assert [e.hlc for e in log] == sorted(e.hlc for e in log)


def test_rows_carry_replication_columns(store, plan_id, tree):
    with store.read() as s:
        row = s.get(Objective, tree["i1"])
        assert row.row_version == 1 and row.site_id == store.context.site_id and row.hlc > 0
    objectives.update_objective(store, tree["i1"], status="done")
    with store.read() as s:
        assert s.get(Objective, tree["i1"]).row_version == 2


def test_a_failed_transaction_leaves_no_log(store, plan_id, tree):
    before = len(entries(store, tree["i1"]))
    with pytest.raises(RuntimeError), store.transaction() as s:
        s.get(Objective, tree["i1"]).status = "done"
        s.flush()
        raise RuntimeError("abort")
    assert len(entries(store, tree["i1"])) == before


def test_hard_deletes_are_refused(store, plan_id, tree):
    milestone = details.add_milestone(store, tree["i1"], text="m").id
    with pytest.raises(RuntimeError, match="tombstone"), store.transaction() as s:
        s.delete(s.get(Milestone, milestone))


def test_log_matches_data_after_many_edits(store, plan_id, tree):
    for i in range(5):
        objectives.update_objective(store, tree["i1"], description=f"versie {i}")
        objectives.move_objective(store, tree["i1"], parent_id=tree["od11"], position=i % 2)
    assert check_file(store) == []
    with store.read() as s:
        assert change_log_problems(s) == []


def test_a_write_behind_the_log_is_detected(store, plan_id, tree):
    from sqlalchemy import text

    with store.transaction() as s:
        s.execute(text("UPDATE objectives SET status = 'done'"))  # raw SQL skips the hook
    with store.read() as s:
        problems = change_log_problems(s)
    assert problems and "status" in problems[0]


def test_setting_a_field_to_its_own_value_logs_nothing(store, plan_id, tree):
    before = len(entries(store, tree["i1"]))
    with store.transaction() as s:
        row = s.get(Objective, tree["i1"])
        row.title = dict(row.title)
        row.status = row.status
    assert len(entries(store, tree["i1"])) == before


def test_a_field_set_after_expiry_logs_its_stored_old_value(store, plan_id, tree):
    with store.transaction() as s:
        row = s.get(Objective, tree["i1"])
        s.expire(row)
        row.status = "done"
    last = entries(store, tree["i1"])[-1]
    assert (last.field, json.loads(last.new)) == ("status", "done")
    assert last.old is not None and json.loads(last.old) != "done"


def test_one_flush_logs_many_rows_in_the_order_they_were_changed(store, plan_id, tree):
    ids = [tree["i2"], tree["sd1"], tree["i1"], tree["od11"]]
    with store.transaction() as s:
        for n, row_id in enumerate(ids):
            s.get(Objective, row_id).code_override = f"X{n}"
    with store.read() as s:
        log = s.scalars(
            select(ChangeLogEntry)
            .where(ChangeLogEntry.field == "code_override")
            .order_by(ChangeLogEntry.seq)
        ).all()
    assert [e.row_id for e in log] == ids
    assert [e.hlc for e in log] == sorted(e.hlc for e in log)
