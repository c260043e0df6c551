"""printed totals beside the rows they total

The totals a source document prints (seed 003 §5.3 prints 5.883,0 FTE where its rows
add up to 5.882,0) are kept as data in ``printed_totals``, never used in a sum. Plans
already in the file have none, and keep their fingerprints (the table enters them under
rules version 3 only).

Revision ID: 0008_printed_totals
Revises: 0007_final_notes
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_printed_totals"
down_revision: str | None = "0007_final_notes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "printed_totals",
        sa.Column("measure", sa.String(length=32), nullable=False),
        sa.Column("budget_line_id", sa.Uuid(), nullable=True),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Uuid(), nullable=True),
        sa.Column("credit_type_id", sa.Uuid(), nullable=True),
        sa.Column("scenario", sa.String(length=32), nullable=True),
        sa.Column("statute", sa.String(length=32), nullable=True),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("site_id", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["budget_line_id"],
            ["budget_lines.id"],
            name=op.f("fk_printed_totals_budget_line_id_budget_lines"),
        ),
        sa.ForeignKeyConstraint(
            ["credit_type_id"],
            ["credit_types.id"],
            name=op.f("fk_printed_totals_credit_type_id_credit_types"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_printed_totals_plan_id_plans")
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"], ["budget_stages.id"], name=op.f("fk_printed_totals_stage_id_budget_stages")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_printed_totals_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_printed_totals")),
    )
    with op.batch_alter_table("printed_totals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_printed_totals_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("printed_totals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_printed_totals_plan_id"))
    op.drop_table("printed_totals")
