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
