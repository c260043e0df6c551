"""final notes: a plan made final after its legal minimum content was checked

Revision ID: 0007_final_notes
Revises: 0006_pdf_signatures
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0007_final_notes"
down_revision: str | None = "0006_pdf_signatures"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "final_notes",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("rules_version", sa.Integer(), nullable=False),
        sa.Column("missing", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_final_notes")),
    )
    with op.batch_alter_table("final_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_final_notes_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("final_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_final_notes_plan_id"))
    op.drop_table("final_notes")
