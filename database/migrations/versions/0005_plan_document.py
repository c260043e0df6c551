"""plan document: document type, version label, signing place and date, body
signatories, images kept in the plan file (logo, chapters' images)

Existing plans get empty texts and no signing date (they print as before); existing
signatories are persons (``body`` false). No data is rewritten, so the change log stays
the replay of every synced row and fixed fingerprints keep verifying under their rules.

Revision ID: 0005_plan_document
Revises: 0004_fingerprint_rules
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_plan_document"
down_revision: str | None = "0004_fingerprint_rules"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document_type", sa.Text(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("version_label", sa.Text(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("signing_place", sa.Text(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("signing_date", sa.Date(), nullable=True))
    with op.batch_alter_table("signatories", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("body", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "plan_images",
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("section_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("mime", sa.String(length=32), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("site_id", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_images_plan_id_plans")
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["plan_sections.id"],
            name=op.f("fk_plan_images_section_id_plan_sections"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_images")),
    )
    with op.batch_alter_table("plan_images", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_images_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_plan_images_section_id"), ["section_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("plan_images", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_images_section_id"))
        batch_op.drop_index(batch_op.f("ix_plan_images_plan_id"))
    op.drop_table("plan_images")
    with op.batch_alter_table("signatories", schema=None) as batch_op:
        batch_op.drop_column("body")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_column("signing_date")
        batch_op.drop_column("signing_place")
        batch_op.drop_column("version_label")
        batch_op.drop_column("document_type")
