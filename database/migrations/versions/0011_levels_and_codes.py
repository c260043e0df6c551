"""plan levels, stored objective codes, status tracking

Each plan names and numbers its own levels (``plan_levels``; a plan without rows prints
as before: SD/OD in Dutch, OS/OO in French), every objective stores its code
(``objectives.code``, and ``code_literal`` for a code typed by hand that prints as
typed) instead of deriving it from its position, and a plan says whether its
objectives carry a status (``plans.track_status``).

The codes an objective showed before are the codes it stores now: derived from the
position among its live siblings, or the number typed in ``code_override`` (children
number on from it: OD 3.1.1 under SD 3.1), exactly as the releases before numbered
them (that rule is copied here: a migration is frozen). ``code_override`` is kept as
it was (fingerprints made under rules version 1 cover it). A typed code that is
not a number ("Globale strategie 3", printed "SD Globale strategie 3" before) becomes a
literal code of a draft plan, printed as typed; a final or signed plan keeps printing
what it printed. A draft strategic plan whose objectives all say "not started" stops
tracking status (it printed "Status: not started" under every objective); every other
plan keeps it.

The values written here are not in the change log (every replica computes them alike
from the same content; ``services.integrity.MIGRATION_FILLED`` tells ``check``).

Revision ID: 0011_levels_and_codes
Revises: 0010_unit_roles
Create Date: 2026-12-07
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_levels_and_codes"
down_revision: str | None = "0010_unit_roles"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The prefixes the releases before stripped from a typed code (its ``normalise_code``).
_PREFIX = re.compile(r"^\s*(SD|OD|OS|OO|SO|SZ|OZ)\s*", re.IGNORECASE)


def _normalise(code: str | None) -> str:
    return _PREFIX.sub("", code or "").strip().rstrip(".").strip()


def upgrade() -> None:
    op.create_table(
        "plan_levels",
        sa.Column("level", sa.String(length=32), nullable=False),
        sa.Column("used", sa.Boolean(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("pattern", sa.Text(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("site_id", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_levels_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_levels")),
    )
    with op.batch_alter_table("plan_levels", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_levels_plan_id"), ["plan_id"], unique=False)
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("code", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("code_literal", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("track_status", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    _fill(op.get_bind())


def _fill(conn: sa.Connection) -> None:
    plans = conn.exec_driver_sql("SELECT id, kind, state FROM plans").fetchall()
    for plan_id, kind, state in plans:
        rows = conn.exec_driver_sql(
            "SELECT id, parent_id, position, code_override, deleted, status FROM objectives"
            " WHERE plan_id = ?",
            (plan_id,),
        ).fetchall()
        live = [r for r in rows if not r[4]]
        codes = _derive(live)
        # a tombstone keeps the code it would have among every row, should it come back
        codes.update(
            (key, code) for key, code in _derive(rows).items() if key not in codes
        )
        draft = state == "draft"
        updates = []
        for row_id, _parent, _position, override, _deleted, _status in rows:
            typed = _normalise(override)
            literal = draft and bool(typed) and any(c.isspace() for c in typed)
            updates.append((codes.get(row_id, ""), literal, row_id))
        if updates:
            conn.exec_driver_sql(
                "UPDATE objectives SET code = ?, code_literal = ? WHERE id = ?", updates
            )
        statuses = {r[5] for r in live}
        if kind == "strategic" and draft and statuses <= {"not_started"}:
            conn.exec_driver_sql("UPDATE plans SET track_status = 0 WHERE id = ?", (plan_id,))


def _derive(rows: list) -> dict:
    """The numbering of the releases before: index among siblings by position, or the
    typed code."""
    children: dict = {}
    for row in rows:
        children.setdefault(row[1], []).append(row)
    for siblings in children.values():
        siblings.sort(key=lambda r: (r[2], r[0]))
    codes: dict = {}
    stack: list = [(None, "")]
    while stack:
        parent, prefix = stack.pop()
        for index, row in enumerate(children.get(parent, []), start=1):
            own = _normalise(row[3]) or (f"{prefix}.{index}" if prefix else str(index))
            codes[row[0]] = own[:64]
            stack.append((row[0], own))
    return codes


def downgrade() -> None:
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_column("track_status")
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.drop_column("code_literal")
        batch_op.drop_column("code")
    with op.batch_alter_table("plan_levels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_levels_plan_id"))
    op.drop_table("plan_levels")
