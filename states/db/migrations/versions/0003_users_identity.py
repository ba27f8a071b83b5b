"""Users get a full name, an active flag and a password (hash) for the web application.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("full_name", sa.String(200), nullable=True))
        batch.add_column(sa.Column("active", sa.Boolean(), server_default=sa.true(),
                                   nullable=False))
        batch.add_column(sa.Column("password_hash", sa.String(255), nullable=True))
        batch.add_column(sa.Column("must_change_password", sa.Boolean(), server_default=sa.false(),
                                   nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        for column in ("must_change_password", "password_hash", "active", "full_name"):
            batch.drop_column(column)
