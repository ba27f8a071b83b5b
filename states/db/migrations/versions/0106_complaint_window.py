"""Publishing a council's results (issue 21): when and by whom, and the last day of the
complaint window that recognition from that council waits for.

Revision ID: 0106_complaint_window
Revises: 0102_councils
"""

import sqlalchemy as sa
from alembic import op

from states.db.types import UtcDateTime

revision = "0106_complaint_window"
down_revision = "0102_councils"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("councils") as batch:
        batch.add_column(sa.Column("published_at", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("published_by", sa.String(100), nullable=True))
        batch.add_column(sa.Column("complaint_ends_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("councils") as batch:
        batch.drop_column("complaint_ends_on")
        batch.drop_column("published_by")
        batch.drop_column("published_at")
