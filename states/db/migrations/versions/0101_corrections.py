"""Corrections (issue 12): who changed a user and what before/after, and a decision's date.

Revision ID: 0101_corrections
Revises: 0100_web
"""

import sqlalchemy as sa
from alembic import op

revision = "0101_corrections"
down_revision = "0100_web"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("auth_events") as batch:
        batch.add_column(sa.Column("actor", sa.String(100), nullable=True))
        batch.add_column(sa.Column("changes", sa.JSON(), nullable=True))
    with op.batch_alter_table("campaigns") as batch:
        batch.add_column(sa.Column("decided_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("campaigns") as batch:
        batch.drop_column("decided_on")
    with op.batch_alter_table("auth_events") as batch:
        batch.drop_column("changes")
        batch.drop_column("actor")
