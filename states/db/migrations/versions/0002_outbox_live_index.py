"""A partial index over the outbox rows a dispatcher may claim.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LIVE = sa.text("status IN ('pending', 'sending')")


def upgrade() -> None:
    op.create_index("ix_outbox_messages_live", "outbox_messages", ["id"],
                    postgresql_where=LIVE, sqlite_where=LIVE)


def downgrade() -> None:
    op.drop_index("ix_outbox_messages_live", table_name="outbox_messages")
