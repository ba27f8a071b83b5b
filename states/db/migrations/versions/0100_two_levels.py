"""Two-level government: units with a life span, successions, former names, departments, the
producer's commune, and snapshots of the unit on events and certificates.

Revision ID: 0100_two_levels
Revises: 0100_training_preparation (relinked when this branch took main with issues 14 and 15)
"""

import sqlalchemy as sa
from alembic import op

revision = "0100_two_levels"
down_revision = "0100_training_preparation"
branch_labels = None
depends_on = None

UNITS = "administrative_units"


def upgrade() -> None:
    # On SQLite this rebuilds the units table, which other tables refer to: env.py turns the
    # foreign keys off for the run and checks them at the end.
    with op.batch_alter_table(UNITS) as batch:
        batch.drop_constraint("uq_administrative_units_name", type_="unique")
        batch.add_column(sa.Column("valid_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("valid_until", sa.Date(), nullable=True))
        batch.add_column(sa.Column("salutation", sa.String(220), nullable=True))
    _new_tables()
    with op.batch_alter_table("producers") as batch:
        batch.add_column(sa.Column("commune_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_producers_commune_id_administrative_units", UNITS,
                                 ["commune_id"], ["id"])
    with op.batch_alter_table("dossier_events") as batch:
        batch.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("unit_name", sa.String(200), nullable=True))
        batch.create_foreign_key("fk_dossier_events_unit_id_administrative_units", UNITS,
                                 ["unit_id"], ["id"])
    with op.batch_alter_table("certificates") as batch:
        batch.add_column(sa.Column("issuer", sa.String(220), nullable=True))
        batch.add_column(sa.Column("unit_name", sa.String(200), nullable=True))
    _snapshot_history()


def _new_tables() -> None:
    op.create_table(
        "unit_successions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("predecessor_id", sa.Integer(), nullable=False),
        sa.Column("successor_id", sa.Integer(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("split", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("basis", sa.String(200), nullable=False),
        sa.Column("plan", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["predecessor_id"], [f"{UNITS}.id"],
                                name="fk_unit_successions_predecessor_id_administrative_units"),
        sa.ForeignKeyConstraint(["successor_id"], [f"{UNITS}.id"],
                                name="fk_unit_successions_successor_id_administrative_units"),
        sa.PrimaryKeyConstraint("id", name="pk_unit_successions"),
        sa.UniqueConstraint("predecessor_id", "successor_id",
                            name="uq_unit_successions_predecessor_id"),
    )
    op.create_index("ix_unit_successions_predecessor_id", "unit_successions", ["predecessor_id"])
    op.create_index("ix_unit_successions_successor_id", "unit_successions", ["successor_id"])
    op.create_table(
        "unit_former_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("salutation", sa.String(220), nullable=True),
        sa.Column("used_until", sa.Date(), nullable=False),
        sa.Column("basis", sa.String(200), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], [f"{UNITS}.id"],
                                name="fk_unit_former_names_unit_id_administrative_units"),
        sa.PrimaryKeyConstraint("id", name="pk_unit_former_names"),
    )
    op.create_index("ix_unit_former_names_unit_id", "unit_former_names", ["unit_id"])
    op.create_table(
        "departments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("province_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("short_name", sa.String(120), nullable=False),
        sa.Column("letterhead", sa.JSON(), nullable=False),
        sa.Column("signature", sa.JSON(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["province_id"], [f"{UNITS}.id"],
                                name="fk_departments_province_id_administrative_units"),
        sa.PrimaryKeyConstraint("id", name="pk_departments"),
    )


def _snapshot_history() -> None:
    """Everything recorded so far happened in the dossier's present unit (no unit has changed
    before this migration): copy it into the new snapshot columns."""
    op.execute(f"""
        UPDATE dossier_events SET
          unit_id = (SELECT d.unit_id FROM dossiers d WHERE d.id = dossier_events.dossier_id),
          unit_name = (SELECT u.name FROM dossiers d JOIN {UNITS} u ON u.id = d.unit_id
                       WHERE d.id = dossier_events.dossier_id)""")
    op.execute(f"""
        UPDATE certificates SET
          unit_name = (SELECT u.name FROM dossiers d JOIN {UNITS} u ON u.id = d.unit_id
                       WHERE d.id = certificates.dossier_id),
          issuer = (SELECT 'UBND ' || lower(substr(p.name, 1, 1)) || substr(p.name, 2)
                    FROM {UNITS} p WHERE p.level = 'province' ORDER BY p.id LIMIT 1)""")


def downgrade() -> None:
    with op.batch_alter_table("certificates") as batch:
        batch.drop_column("unit_name")
        batch.drop_column("issuer")
    with op.batch_alter_table("dossier_events") as batch:
        batch.drop_constraint("fk_dossier_events_unit_id_administrative_units", type_="foreignkey")
        batch.drop_column("unit_name")
        batch.drop_column("unit_id")
    with op.batch_alter_table("producers") as batch:
        batch.drop_constraint("fk_producers_commune_id_administrative_units", type_="foreignkey")
        batch.drop_column("commune_id")
    op.drop_table("departments")
    op.drop_table("unit_former_names")
    op.drop_table("unit_successions")
    with op.batch_alter_table(UNITS) as batch:
        batch.drop_column("salutation")
        batch.drop_column("valid_until")
        batch.drop_column("valid_from")
        batch.create_unique_constraint("uq_administrative_units_name", ["name"])
