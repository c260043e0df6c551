"""A later release, simulated for ``test_fingerprint_rules.py``; not a test.

    python tests/future_release.py PATH MIGRATIONS_DIR

PATH is a plan file written by today's release with a final plan in it. This process
plays the next release: its model has a new content column (``objectives.effort``,
default 3 for the rows already there), its migrations are today's plus one adding that
column, and its fingerprint rules gain version 2 (version 1 plus the column), as
``services.fingerprint_rules`` says a release must do. It opens the file (which
upgrades it), then prints one JSON line: the checks of the fixed plans, what today's
model would make of the old plan's canonical content if the rules followed the model,
and the rules a plan made final now is fixed under.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from pathlib import Path

MIGRATION = '''"""test: objectives get an effort column"""

import sqlalchemy as sa
from alembic import op

revision = "9999_test_effort"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("objectives") as batch_op:
        batch_op.add_column(
            sa.Column("effort", sa.Integer(), nullable=False, server_default="3")
        )
'''


def main(path: Path, migrations: Path) -> None:
    from sqlalchemy import Integer
    from sqlalchemy.orm import mapped_column

    from planner_app import resources
    from planner_app.domain import Objective
    from planner_app.services import fingerprint_rules as fr
    from planner_app.storage import migrate

    # The next release's migrations: today's plus one.
    shutil.copytree(resources.database_path("migrations"), migrations)
    head = migrate.head_revision()
    (migrations / "versions" / "9999_test_effort.py").write_text(MIGRATION.format(head=head))
    real = resources.database_path

    def database_path(*parts: str) -> Path:
        if parts and parts[0] == "migrations":
            return migrations.joinpath(*parts[1:])
        return real(*parts)

    migrate.database_path = database_path  # type: ignore[assignment]
    migrate.known_revisions.cache_clear()
    # Its model: a new content column on objectives.
    Objective.effort = mapped_column(Integer, nullable=False, default=3, server_default="3")
    # Its rules: the next version = today's + the new column (the rule for every new field).
    today = fr.CURRENT
    v2 = today.extended(today.version + 1, tables={"objectives": (("effort", "int"),)})
    fr.RULES = {**fr.RULES, v2.version: v2}  # type: ignore[misc]
    fr.CURRENT = v2
    from planner_app.services import fingerprint, plans

    fingerprint.CURRENT = v2  # type: ignore[attr-defined]
    from planner_app.storage import PlanFile

    with PlanFile.open(path) as store:
        assert store.schema_revision == "9999_test_effort"
        (old,) = fingerprint.check_all_fixed(store)
        # What the old plan's fingerprint would be if its version followed the model.
        v1 = fr.RULES[today.version]
        objectives = (*v1.tables["objectives"], ("effort", "int"))
        following = fr.Rules(v1.version, v1.plan, {**v1.tables, "objectives": objectives})
        with store.read() as s:
            following_the_model = fingerprint.compute_fingerprint(s, old.plan_id, following)
        (fresh,) = [p.id for p in plans.list_plans(store) if p.id != old.plan_id]
        plans.make_final(store, fresh)
        after_final = fingerprint.check_all_fixed(store)
    # Someone changes the new field behind the app's back, in both plans.
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE objectives SET effort = 5")
    conn.close()
    with PlanFile.open(path, readonly=True) as store:
        after_edit = fingerprint.check_all_fixed(store)
    result = {
        "old": [old.code, old.holds, old.rules],
        "following_the_model_differs": following_the_model != old.recorded,
        "after_final": [[c.code, c.holds, c.rules] for c in after_final],
        "after_edit": [[c.code, c.holds, c.rules] for c in after_edit],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
