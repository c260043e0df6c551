"""chapter tree: chapters nest (parent), may be unnumbered, may hold further kinds, and
may hold a simple table

Existing chapters become top-level, numbered chapters in their order (as the document
numbers them today) holding their one kind. The made parts (objectives, budget, staffing,
signatures) are not written as rows: a part the tree does not place prints after the
chapters, where it printed before (``services.chapter_tree``), so no data is written
and the change log stays the replay of every synced row.

Revision ID: 0009_chapter_tree
Revises: 0008_printed_totals
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_chapter_tree"
down_revision: str | None = "0008_printed_totals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("plan_sections", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column("numbered", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column("also", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_plan_sections_parent_id"), ["parent_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_plan_sections_parent_id_plan_sections"),
            "plan_sections",
            ["parent_id"],
            ["id"],
        )
    op.create_table(
        "chapter_table_rows",
        sa.Column("section_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("header", sa.Boolean(), nullable=False),
        sa.Column("cells", sa.Text(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("site_id", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_chapter_table_rows_plan_id_plans")
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["plan_sections.id"],
            name=op.f("fk_chapter_table_rows_section_id_plan_sections"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chapter_table_rows")),
    )
    with op.batch_alter_table("chapter_table_rows", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_chapter_table_rows_plan_id"), ["plan_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_chapter_table_rows_section_id"), ["section_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("chapter_table_rows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chapter_table_rows_section_id"))
        batch_op.drop_index(batch_op.f("ix_chapter_table_rows_plan_id"))
    op.drop_table("chapter_table_rows")
    with op.batch_alter_table("plan_sections", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_plan_sections_parent_id_plan_sections"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_plan_sections_parent_id"))
        batch_op.drop_column("also")
        batch_op.drop_column("numbered")
        batch_op.drop_column("parent_id")
