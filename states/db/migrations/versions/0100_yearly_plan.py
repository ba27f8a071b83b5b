"""The province's yearly plan: rounds get their name and dates, campaigns can be planned.

Revision ID: 0100_yearly_plan
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0100_yearly_plan"
down_revision = "0003"
branch_labels = None
depends_on = None

ROUND_DATES = ("registration_opens", "registration_closes", "local_deadline", "provincial_deadline")


def upgrade() -> None:
    with op.batch_alter_table("evaluation_rounds") as batch:
        batch.add_column(sa.Column("name", sa.String(200), nullable=True))
        for column in ROUND_DATES:
            batch.add_column(sa.Column(column, sa.Date(), nullable=True))
        batch.add_column(sa.Column("plan_source", sa.String(200), nullable=True))
    with op.batch_alter_table("campaigns") as batch:
        batch.add_column(sa.Column("origin", sa.String(16), server_default="manual",
                                   nullable=False))
        batch.add_column(sa.Column("plan_key", sa.String(100), nullable=True))
        batch.add_column(sa.Column("plan_source", sa.String(200), nullable=True))
        batch.add_column(sa.Column("scope_months", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("closed_on", sa.Date(), nullable=True))
        batch.create_unique_constraint("uq_campaigns_plan_key", ["plan_key"])


def downgrade() -> None:
    with op.batch_alter_table("campaigns") as batch:
        batch.drop_constraint("uq_campaigns_plan_key", type_="unique")
        for column in ("closed_on", "scope_months", "plan_source", "plan_key", "origin"):
            batch.drop_column(column)
    with op.batch_alter_table("evaluation_rounds") as batch:
        for column in ("plan_source", *reversed(ROUND_DATES), "name"):
            batch.drop_column(column)
