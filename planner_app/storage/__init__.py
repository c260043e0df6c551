"""Plan files on disk: create/open, migrations, lock, backups. No Qt."""

from planner_app.storage.plan_file import PLAN_SUFFIX, PlanFile

__all__ = ["PLAN_SUFFIX", "PlanFile"]
