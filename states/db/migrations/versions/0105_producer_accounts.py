"""Producers' accounts (issue 25): a user may belong to a producer; invitations; online forms.

Revision ID: 0105_producer_accounts
Revises: 0101_outbox_retry_window
"""

import sqlalchemy as sa
from alembic import op

from states.db.types import UtcDateTime

revision = "0105_producer_accounts"
down_revision = "0103_one_open_dossier"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("producer_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_users_producer_id_producers", "producers", ["producer_id"],
                                 ["id"])
        batch.create_index("ix_users_producer_id", ["producer_id"])
    op.create_table(
        "producer_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("invited_by", sa.String(100), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("used_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_producer_invitations"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name="fk_producer_invitations_user_id_users"),
        sa.UniqueConstraint("token_hash", name="uq_producer_invitations_token_hash"),
    )
    op.create_index("ix_producer_invitations_user_id", "producer_invitations", ["user_id"])
    op.create_table(
        "registration_forms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("producer_id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("form", sa.String(2), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("submitted_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_registration_forms"),
        sa.ForeignKeyConstraint(["producer_id"], ["producers.id"],
                                name="fk_registration_forms_producer_id_producers"),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"],
                                name="fk_registration_forms_dossier_id_dossiers"),
    )
    op.create_index("ix_registration_forms_producer_id", "registration_forms", ["producer_id"])
    op.create_index("ix_registration_forms_dossier_id", "registration_forms", ["dossier_id"])


def downgrade() -> None:
    op.drop_table("registration_forms")
    op.drop_table("producer_invitations")
    with op.batch_alter_table("users") as batch:
        batch.drop_index("ix_users_producer_id")
        batch.drop_constraint("fk_users_producer_id_producers", type_="foreignkey")
        batch.drop_column("producer_id")
