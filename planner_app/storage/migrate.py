"""Schema revisions of plan files, run through Alembic on a connection we own.

Opening a file only needs to know which revisions exist and which one the file is at;
that is read from the migration scripts' headers and the ``alembic_version`` table,
so Alembic itself (about a fifth of a second to import) loads only when a file is
created or upgraded.
"""

from __future__ import annotations

import ast
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from planner_app.resources import database_path

if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(database_path("migrations")))
    return cfg


def _header(path) -> tuple[str, str | None]:
    """``revision`` and ``down_revision`` assigned at the top of a migration script."""
    values: dict[str, str | None] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target = getattr(node, "target", None) or (getattr(node, "targets", None) or [None])[0]
        name = getattr(target, "id", None)
        if name in ("revision", "down_revision") and isinstance(node.value, ast.Constant):
            values[name] = node.value.value
    return values["revision"], values.get("down_revision")  # type: ignore[return-value]


@cache
def known_revisions() -> list[str]:
    """All revisions this app knows, oldest first (a single linear history)."""
    parents = dict(_header(p) for p in database_path("migrations", "versions").glob("*.py"))
    children = {down: rev for rev, down in parents.items()}
    chain, current = [], children.get(None)
    while current is not None:
        chain.append(current)
        current = children.get(current)
    if len(chain) != len(parents):
        raise RuntimeError("the migration scripts do not form one linear history")
    return chain


def head_revision() -> str:
    return known_revisions()[-1]


def current_revision(connection: Connection) -> str | None:
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(connection: Connection, target: str = "head") -> None:
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, target)
