"""fingerprint rules: each fingerprint records its canonical-content rules and date

A final or signed plan's fingerprint is recomputed under the rules it was made under
(``planner_app.services.fingerprint_rules``), so later migrations that add columns and
tables never break it. Fingerprints made before this revision keep ``NULL`` here: that
means rules version 1, exactly what they were computed under. No data is written (the
change log stays the replay of every synced row).

Revision ID: 0004_fingerprint_rules
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_fingerprint_rules"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fingerprint_rules", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("fingerprint_at", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_column("fingerprint_at")
        batch_op.drop_column("fingerprint_rules")
