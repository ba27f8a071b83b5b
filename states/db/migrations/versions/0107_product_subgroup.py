"""A product's sub-group (phân nhóm): a code of its rulebook's list for the product's group,
or none (every product registered before this revision).

Revision ID: 0107_product_subgroup
Revises: 0102_councils
"""

import sqlalchemy as sa
from alembic import op

revision = "0107_product_subgroup"
down_revision = "0106_complaint_window"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("subgroup_code", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("products") as batch:
        batch.drop_column("subgroup_code")
