"""Schema revisions: a new file is at head, an old one is upgraded after a backup with
its data intact, and the models agree with the migrations."""

from __future__ import annotations

import uuid

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from planner_app.domain import Base
from planner_app.services import plans, tree_read
from planner_app.storage import PlanFile, migrate
from planner_app.storage.backups import list_backups


def test_new_file_is_at_head(tmp_path):
    with PlanFile.create(tmp_path / "new.plan") as store:
        assert store.schema_revision == migrate.head_revision()
        assert store.site_id and len(store.site_id) == 32
    assert migrate.known_revisions()[0] == "0001"


def test_models_match_migrations(store):
    engine = create_engine(f"sqlite:///{store.path}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def _first_revision_file(path):
    """A file at the first revision with a plan and objectives in it (raw SQL, as an
    old app version would have written it)."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        migrate.upgrade(conn, migrate.known_revisions()[0])
        plan_id = uuid.uuid4().hex
        conn.execute(
            text("INSERT INTO local_state (key, value) VALUES ('site_id', 'abc'), ('hlc', '0')")
        )
        conn.execute(
            text(
                "INSERT INTO plans (id, code, kind, organisation, title, first_year, last_year,"
                " languages, state, version_no, row_version, hlc, site_id, deleted)"
                " VALUES (:id, 'old-2024', 'business', '{}', '{\"nl\": \"Oud plan\"}', 2024,"
                " 2024, 'nl', 'draft', 1, 1, 1, 'abc', 0)"
            ),
            {"id": plan_id},
        )
        conn.execute(
            text(
                "INSERT INTO objectives (id, plan_id, level, position, code_override, title,"
                " description, intended_results, status, row_version, hlc, site_id, deleted)"
                " VALUES (:id, :plan, 'strategic', 0, '', '{\"nl\": \"Doel\"}', '{}', '{}',"
                " 'on_schedule', 1, 1, 'abc', 0)"
            ),
            {"id": uuid.uuid4().hex, "plan": plan_id},
        )
    engine.dispose()


def test_upgrade_from_first_revision_keeps_data_and_backs_up_first(tmp_path):
    path = tmp_path / "old.plan"
    _first_revision_file(path)
    with PlanFile.open(path) as store:
        assert store.schema_revision == migrate.head_revision()
        (info,) = plans.list_plans(store)
        assert info.code == "old-2024" and info.title == {"nl": "Oud plan"}
        (node,) = tree_read.load_tree(store, info.id)
        assert node.title == {"nl": "Doel"} and node.status.value == "on_schedule"
        # the upgraded file takes new edits, including the new tables
        from planner_app.services import diversity

        diversity.create_diversity_plan(store, info.id, year=2024)
    backups = list_backups(path)
    assert [b.reason for b in backups if b.reason == "before-upgrade"] == ["before-upgrade"]
    old = next(b for b in backups if b.reason == "before-upgrade")
    engine = create_engine(f"sqlite:///{old.path}")
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.known_revisions()[0]
    engine.dispose()


def test_read_only_open_of_an_old_file_is_refused_untouched(tmp_path):
    import hashlib

    import pytest

    from planner_app.errors import ReadOnlyFileError

    path = tmp_path / "old.plan"
    _first_revision_file(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(ReadOnlyFileError, match="older version"):
        PlanFile.open(path, readonly=True)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_0005_stores_the_codes_a_file_printed_and_stops_status_where_none_was_given(tmp_path):
    """A file of the release before stored codes: its derived codes become stored codes
    (a typed number numbers on its children, a typed word prints as typed), a draft
    strategic plan whose objectives all say "not started" stops tracking status, and
    ``check`` accepts the values the migration wrote without a change log entry."""
    from planner_app.services.integrity import check_file

    path = tmp_path / "old.plan"
    engine = create_engine(f"sqlite:///{path}")
    rows = []
    with engine.begin() as conn:
        migrate.upgrade(conn, "0004_fingerprint_rules")
        conn.execute(
            text("INSERT INTO local_state (key, value) VALUES ('site_id', 'abc'), ('hlc', '0')")
        )
        plans_ = {"strat": uuid.uuid4().hex, "biz": uuid.uuid4().hex}
        for code, plan_hex in plans_.items():
            kind = "strategic" if code == "strat" else "business"
            conn.execute(
                text(
                    "INSERT INTO plans (id, code, kind, organisation, title, first_year,"
                    " last_year, languages, state, version_no, row_version, hlc, site_id,"
                    " deleted) VALUES (:id, :code, :kind, '{}', :title, 2025,"
                    " 2025, 'nl', 'draft', 1, 1, 1, 'abc', 0)"
                ),
                {"id": plan_hex, "code": code, "kind": kind, "title": '{"nl": "P"}'},
            )

        def objective(plan, level, position, override="", parent=None, deleted=0):
            row_id = uuid.uuid4().hex
            conn.execute(
                text(
                    "INSERT INTO objectives (id, plan_id, parent_id, level, position,"
                    " code_override, title, description, intended_results, status,"
                    " row_version, hlc, site_id, deleted) VALUES (:id, :plan, :parent,"
                    " :level, :position, :override, :title, '{}', '{}',"
                    " 'not_started', 1, 1, 'abc', :deleted)"
                ),
                {
                    "id": row_id,
                    "plan": plans_[plan],
                    "parent": parent,
                    "level": level,
                    "position": position,
                    "override": override,
                    "deleted": deleted,
                    "title": '{"nl": "T"}',
                },
            )
            rows.append(row_id)
            return row_id

        sd1 = objective("biz", "strategic", 0)
        objective("biz", "operational", 0, parent=sd1)
        sd31 = objective("biz", "strategic", 1, "SD 3.1")
        objective("biz", "operational", 0, parent=sd31)
        objective("biz", "operational", 1, "OD 3.1.4", parent=sd31)
        objective("biz", "strategic", 2, deleted=1)
        objective("biz", "strategic", 2, "SD Globale strategie 3")
        objective("strat", "strategic", 0)
        _log_as_inserted(conn)
    engine.dispose()
    with PlanFile.open(path) as store:
        got = {p.code: p for p in plans.list_plans(store)}
        assert not got["strat"].track_status and got["biz"].track_status
        codes = [(n.code, n.code_literal) for n in tree_read.load_tree(store, got["biz"].id)]
        assert codes == [
            ("SD 1", False),
            ("OD 1.1", False),
            ("SD 3.1", False),
            ("OD 3.1.1", False),
            ("OD 3.1.4", False),
            ("Globale strategie 3", True),
        ]
        assert check_file(store) == []


_REFS = {"plan_id", "parent_id", "policy_field_id", "lead_unit_id", "strategic_link_id"}
_REFS |= {"carried_from_id", "strategic_plan_id", "previous_plan_id"}
_TEXTS = {"title", "description", "intended_results", "organisation"}


def _log_as_inserted(conn) -> None:
    """The change log the release before wrote for the plans and objectives inserted
    by hand above: one insert per row, and the tombstone of a deleted one."""
    import json

    seq = 0
    for table in ("plans", "objectives"):
        for row in conn.execute(text(f"SELECT * FROM {table}")).mappings():
            content = {}
            for name, value in row.items():
                if name in ("id", "row_version", "hlc", "site_id", "deleted"):
                    continue
                if name in _REFS and value is not None:
                    value = str(uuid.UUID(hex=value))
                elif name in _TEXTS:
                    value = json.loads(value)
                content[name] = value
            entries = [("insert", "*", json.dumps(content, sort_keys=True))]
            if row["deleted"]:
                entries.append(("delete", "deleted", "true"))
            for op, field, new in entries:
                seq += 1
                conn.execute(
                    text(
                        "INSERT INTO change_log (change_id, at, user, site_id, hlc, plan_id,"
                        " table_name, row_id, op, field, old, new) VALUES (:change, 'now',"
                        " 'me', 'abc', :seq, :plan, :table, :row, :op, :field, NULL, :new)"
                    ),
                    {
                        "change": uuid.uuid4().hex,
                        "seq": seq,
                        "plan": row["id"] if table == "plans" else row["plan_id"],
                        "table": table,
                        "row": row["id"],
                        "op": op,
                        "field": field,
                        "new": new,
                    },
                )
