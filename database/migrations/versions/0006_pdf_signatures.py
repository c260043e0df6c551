"""the electronically signed final PDF and its signatures (PAdES)

Revision ID: 0006_pdf_signatures
Revises: 0005_plan_document
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0006_pdf_signatures"
down_revision: str | None = "0005_plan_document"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _synced() -> list[sa.Column]:
    return [
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("site_id", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "pdf_signatures",
        sa.Column("field_name", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=400), nullable=False),
        sa.Column("signer", sa.String(length=400), nullable=False),
        sa.Column("signed_at", sa.String(length=32), nullable=False),
        sa.Column("certificate_sha256", sa.String(length=64), nullable=False),
        sa.Column("revision_end", sa.Integer(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_pdf_signatures_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pdf_signatures")),
    )
    with op.batch_alter_table("pdf_signatures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pdf_signatures_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "signed_pdfs",
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("fields", sa.Integer(), nullable=False),
        sa.Column("unsigned", sa.Text(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_signed_pdfs_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signed_pdfs")),
    )
    with op.batch_alter_table("signed_pdfs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signed_pdfs_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("signed_pdfs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signed_pdfs_plan_id"))
    op.drop_table("signed_pdfs")
    with op.batch_alter_table("pdf_signatures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pdf_signatures_plan_id"))
    op.drop_table("pdf_signatures")
