"""Every audit row (a dossier's history, an account's) keeps the real time it was written
beside its business time (`at`, which a replayed `--today` sets): a backdated step can always
be told from one done on the day.

Revision ID: 0101_audit_recorded_at
Revises: 0101_corrections
"""

import sqlalchemy as sa
from alembic import op

from states.db.types import UtcDateTime

revision = "0101_audit_recorded_at"
down_revision = "0101_corrections"
branch_labels = None
depends_on = None


# The two audits: the dossiers' history and the accounts' (logins, locks, role changes).
AUDITS = ("dossier_events", "auth_events")


def upgrade() -> None:
    for table in AUDITS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("recorded_at", UtcDateTime(), nullable=True))
        # Rows written before this revision: their business time is the best record there is.
        op.execute(f"UPDATE {table} SET recorded_at = at")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("recorded_at", existing_type=UtcDateTime(), nullable=False)


def downgrade() -> None:
    for table in AUDITS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("recorded_at")
