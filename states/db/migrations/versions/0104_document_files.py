"""A dossier's document files (issue 25), and whether its paper originals are kept: every
dossier recorded before files existed keeps its typed ticks (paper originals).

Revision ID: 0104_document_files
Revises: 0101_outbox_retry_window
"""

import sqlalchemy as sa
from alembic import op

from states.db.types import UtcDateTime

revision = "0104_document_files"
down_revision = "0103_one_open_dossier"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.Column("document_code", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(32), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("uploaded_by", sa.String(100), nullable=False),
        sa.Column("uploaded_at", UtcDateTime(), nullable=False),
        sa.Column("checked_by", sa.String(100), nullable=True),
        sa.Column("checked_at", UtcDateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_document_files"),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"],
                                name="fk_document_files_dossier_id_dossiers"),
        sa.UniqueConstraint("dossier_id", "cycle", "document_code", "version",
                            name="uq_document_files_dossier_id"),
    )
    op.create_index("ix_document_files_dossier_cycle", "document_files", ["dossier_id", "cycle"])
    op.create_index("ix_document_files_sha256", "document_files", ["sha256"])
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("paper_originals", sa.Boolean(), nullable=False,
                                   server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("paper_originals")
    op.drop_index("ix_document_files_sha256", "document_files")
    op.drop_index("ix_document_files_dossier_cycle", "document_files")
    op.drop_table("document_files")
