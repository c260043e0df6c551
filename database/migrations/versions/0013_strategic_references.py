"""objectives that stand for the strategic plan's objectives in a yearly plan

An operational plan made from its strategic plan holds the strategic plan's SDs and ODs
as read-only references (``objectives.is_reference``, with ``strategic_link_id`` naming
the objective referred to); the year's own objectives hang under them. No plan has
references yet: every existing objective is its plan's own (the column default fills
it; ``check`` reads a column no logged write named as its default).

Revision ID: 0013_strategic_references
Revises: 0012_causal_exchange
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_strategic_references"
down_revision: str | None = "0012_causal_exchange"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_reference", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.drop_column("is_reference")
