"""milestones to re-plan: a milestone carried undone into next year's plan is moved a
year on and marked for re-planning (``milestones.replan``), cleared when it is planned
again. Every existing milestone is planned (the column default fills it;
``check`` reads a column no logged write named as its default).

Revision ID: 0014_milestones_to_replan
Revises: 0013_strategic_references
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_milestones_to_replan"
down_revision: str | None = "0013_strategic_references"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("milestones", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("replan", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("milestones", schema=None) as batch_op:
        batch_op.drop_column("replan")
