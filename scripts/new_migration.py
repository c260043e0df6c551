"""Autogenerate an Alembic revision against a fresh file at the current head.

Usage: .venv/bin/python scripts/new_migration.py "what changed"
Review the result: use plain SQLAlchemy types (Text, Integer, String) in migrations, so
an old revision never breaks when an app type changes.
"""

import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from planner_app.storage.migrate import alembic_config, upgrade


def main() -> None:
    message = sys.argv[1] if len(sys.argv) > 1 else "schema change"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "head.plan"
        engine = create_engine(f"sqlite:///{path}")
        with engine.begin() as conn:
            upgrade(conn)
        engine.dispose()
        cfg = alembic_config()
        cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
        command.revision(cfg, message=message, autogenerate=True)


if __name__ == "__main__":
    main()
