"""units with roles and transversal objectives: a partner unit's role (co-lead,
involved, or one of the plan's own roles), the plan's own roles, and the strategic
objectives an objective also serves

Existing partner units become "involved" (what they were: betrokkenen); no plan has
roles or transversal links yet. No data is written as rows (the column default fills
the role), so the change log stays the replay of every synced row.

Revision ID: 0010_unit_roles
Revises: 0009_chapter_tree
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_unit_roles"
down_revision: str | None = "0009_chapter_tree"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SYNC = (
    ("id", sa.Uuid()),
    ("row_version", sa.Integer()),
    ("hlc", sa.BigInteger()),
    ("site_id", sa.String(length=32)),
    ("deleted", sa.Boolean()),
)


def _synced() -> list[sa.Column]:
    return [sa.Column(name, kind, nullable=False) for name, kind in _SYNC]


def upgrade() -> None:
    op.create_table(
        "plan_roles",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name=op.f("fk_plan_roles_plan_id_plans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_roles")),
    )
    with op.batch_alter_table("plan_roles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_roles_plan_id"), ["plan_id"], unique=False)
    with op.batch_alter_table("objective_partners", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "role",
                sa.Enum(
                    "co_lead", "involved", "own", name="unitrole", native_enum=False, length=32
                ),
                nullable=False,
                server_default="involved",
            )
        )
        batch_op.add_column(sa.Column("role_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_objective_partners_role_id_plan_roles"),
            "plan_roles",
            ["role_id"],
            ["id"],
        )
    op.create_table(
        "objective_contributions",
        sa.Column("objective_id", sa.Uuid(), nullable=False),
        sa.Column("strategic_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objectives.id"],
            name=op.f("fk_objective_contributions_objective_id_objectives"),
        ),
        sa.ForeignKeyConstraint(
            ["strategic_id"],
            ["objectives.id"],
            name=op.f("fk_objective_contributions_strategic_id_objectives"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_objective_contributions_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objective_contributions")),
    )
    with op.batch_alter_table("objective_contributions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_objective_contributions_objective_id"), ["objective_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_objective_contributions_plan_id"), ["plan_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("objective_contributions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objective_contributions_plan_id"))
        batch_op.drop_index(batch_op.f("ix_objective_contributions_objective_id"))
    op.drop_table("objective_contributions")
    with op.batch_alter_table("objective_partners", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_objective_partners_role_id_plan_roles"), type_="foreignkey"
        )
        batch_op.drop_column("role_id")
        batch_op.drop_column("role")
    with op.batch_alter_table("plan_roles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_roles_plan_id"))
    op.drop_table("plan_roles")
