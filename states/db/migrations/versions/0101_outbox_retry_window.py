"""The outbox keeps the real time of a message's first and latest attempts: retries are bounded
by a window of time from the first, and failed mail can be put back "since" a day.

Revision ID: 0101_outbox_retry_window
Revises: 0101_audit_recorded_at
"""

import sqlalchemy as sa
from alembic import op

from states.db.types import UtcDateTime

revision = "0101_outbox_retry_window"
down_revision = "0101_audit_recorded_at"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_messages") as batch:
        batch.add_column(sa.Column("first_attempt_at", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("last_attempt_at", UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_column("last_attempt_at")
        batch.drop_column("first_attempt_at")
