"""A fixed plan keeps its fingerprint: every fingerprint records the version of the
canonical-content rules it was made under, is recomputed under that version, and a
later release that adds a column to the model does not change what an old version
covers (``services.fingerprint_rules``)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import inspect

from planner_app.domain import Plan
from planner_app.domain.changes import content_columns_of
from planner_app.domain.enums import PlanState
from planner_app.services import fingerprint, objectives, plans
from planner_app.services import fingerprint_rules as fr
from planner_app.storage import PlanFile, migrate

DATA = Path(__file__).with_name("data")
ROOT = Path(__file__).resolve().parents[1]


def _load_dump(path: Path) -> Path:
    """The two plans fixed by the release at schema 0003 (``data/make_frozen_plans.py``)."""
    conn = sqlite3.connect(path)
    conn.executescript((DATA / "frozen_plans_0003.sql").read_text(encoding="utf-8"))
    conn.close()
    return path


def test_every_content_column_is_in_the_newest_rules_or_said_not_to_be():
    """Adding a column to a content model fails here until the release declares a new
    rules version with it (or names it in NOT_CONTENT, with the reason)."""
    missing = []
    models = [Plan, *fingerprint.content_models()]
    for model in models:
        name = model.__tablename__
        attrs = inspect(model).column_attrs
        declared = dict(fr.CURRENT.plan if model is Plan else fr.CURRENT.tables.get(name, ()))
        excluded = fr.NOT_CONTENT.get(name, {})
        if "*" in excluded:
            continue
        for key in content_columns_of(model):
            if key in excluded:
                continue
            kind = fr.kind_of(attrs[key].columns[0].type)
            if declared.get(key) != kind:
                missing.append(f"{name}.{key} ({kind})")
    assert not missing, (
        "content columns no fingerprint rules version covers: "
        + ", ".join(missing)
        + ". Declare the next version in services/fingerprint_rules.py as "
        "CURRENT.extended(N + 1, tables={...}) with them, and add it to RULES."
    )


def test_every_released_version_reads_columns_the_schema_still_has(store):
    with store.read() as s:
        conn = s.connection()
        for rules in fr.RULES.values():
            for table, columns in {"plans": rules.plan, **rules.tables}.items():
                have = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
                wanted = {c for c, _kind in columns}
                assert wanted <= have, (rules.version, table, wanted - have)


def test_making_final_records_rules_and_date_and_a_draft_clears_them(store, plan_id, tree):
    plans.make_final(store, plan_id)
    with store.read() as s:
        plan = s.get(Plan, plan_id)
        assert plan.fingerprint_rules == fr.CURRENT.version
        assert plan.fingerprint_at and plan.fingerprint_at.endswith("+00:00")
    fixed = fingerprint.check_fixed(store, plan_id)
    assert fixed.holds and fixed.fixed_at is not None and fixed.problem() == ""
    plans.back_to_draft(store, plan_id)
    with store.read() as s:
        plan = s.get(Plan, plan_id)
        assert (plan.fingerprint, plan.fingerprint_rules, plan.fingerprint_at) == (None,) * 3
    assert fingerprint.check_fixed(store, plan_id) is None


def test_plans_fixed_by_the_release_before_rules_versions_still_verify(tmp_path):
    path = _load_dump(tmp_path / "old.plan")
    with PlanFile.open(path) as store:  # upgrades from 0003
        assert store.schema_revision == migrate.head_revision()
        checks = fingerprint.check_all_fixed(store)
    assert [(c.code, c.state, c.rules, c.holds) for c in checks] == [
        ("final-2025", PlanState.FINAL, 1, True),
        ("signed-2025", PlanState.SIGNED, 1, True),
    ]


def test_a_changed_fixed_plan_is_found_with_the_date_it_was_fixed(store, plan_id, tree):
    plans.make_final(store, plan_id)
    conn = sqlite3.connect(store.path)
    with conn:  # two statements around the app's guard, as an attacker would
        conn.execute("UPDATE plans SET state = 'draft'")
    conn.close()
    objectives.update_objective(store, tree["i1"], title={"nl": "Anders"})
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute("UPDATE plans SET state = 'final'")
    conn.close()
    (fixed,) = fingerprint.check_all_fixed(store)
    assert not fixed.holds and fixed.recorded != fixed.now
    assert "content differs from what was fixed on" in fixed.problem("en")


def test_a_later_release_adding_a_column_keeps_old_fingerprints(tmp_path, store, plan_id, tree):
    """The plan is made final today; the next release (another process: its model has a
    new column, its migrations one more, its rules the next version) upgrades the file."""
    plans.make_final(store, plan_id)
    plans.create_plan(store, code="next", kind="business", title="Next", first_year=2026)
    (draft_id,) = [p.id for p in plans.list_plans(store) if p.code == "next"]
    objectives.add_objective(store, draft_id, level="strategic", title="SD")
    path = store.path
    store.close()
    out = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "future_release.py"), str(path), str(tmp_path / "m")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.splitlines()[-1])
    today, later = fr.CURRENT.version, fr.CURRENT.version + 1
    assert result["old"] == ["test-2025", True, today]  # still verifies after the migration
    assert result["following_the_model_differs"]  # had its rules followed the model: not
    assert result["after_final"] == [["next", True, later], ["test-2025", True, today]]
    # The new field is fixed in plans made final under the later version, and only there.
    assert result["after_edit"] == [["next", False, later], ["test-2025", True, today]]
