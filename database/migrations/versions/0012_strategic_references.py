"""objectives that stand for the strategic plan's objectives in a yearly plan

An operational plan made from its strategic plan holds the strategic plan's SDs and ODs
as read-only references (``objectives.is_reference``, with ``strategic_link_id`` naming
the objective referred to); the year's own objectives hang under them. No plan has
references yet: every existing objective is its plan's own (the column default fills
it; ``services.integrity.MIGRATION_FILLED`` tells ``check``).

Revision ID: 0012_strategic_references
Revises: 0011_levels_and_codes
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_strategic_references"
down_revision: str | None = "0011_levels_and_codes"
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
