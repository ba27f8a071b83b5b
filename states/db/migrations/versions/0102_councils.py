"""Councils that score criterion by criterion (issue 21): councils, their members, dossiers,
conflicts of interest, members' sheets with one row per criterion, reopenings; and where a
recorded score came from (a council in the system, or paper sheets and their reference).

Revision ID: 0102_councils
Revises: 0101_outbox_retry_window
"""

import sqlalchemy as sa
from alembic import op

from states.db.types import UtcDateTime

revision = "0102_councils"
down_revision = "0105_producer_accounts"  # re-chained after main (lead re-chains at merge)
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _fk(name: str, table: str, index: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), sa.ForeignKey(f"{table}.id"), nullable=False,
                     index=index)


def upgrade() -> None:
    op.create_table(
        "councils", _id(), sa.Column("name", sa.String(200), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        _fk("unit_id", "administrative_units"), _fk("round_id", "evaluation_rounds", True),
        sa.Column("level_name", sa.String(60), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("meeting_on", sa.Date(), nullable=True),
        sa.Column("package_sent_on", sa.Date(), nullable=True),
        sa.Column("opened_at", UtcDateTime(), nullable=True),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False))
    op.create_table(
        "council_members", _id(), _fk("council_id", "councils"), _fk("user_id", "users"),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("council_id", "user_id"))
    op.create_table(
        "council_dossiers", _id(), _fk("council_id", "councils"), _fk("dossier_id", "dossiers", True),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.Column("sheet_code", sa.String(60), nullable=False),
        sa.Column("sheet_provisional", sa.Boolean(), nullable=False),
        sa.Column("discrepancy_acknowledged_by", sa.String(100), nullable=True),
        sa.Column("average", sa.Double(), nullable=True),
        sa.Column("stars", sa.Integer(), nullable=True),
        sa.Column("failed_mandatory", sa.Text(), nullable=True),
        sa.Column("member_totals", sa.JSON(), nullable=True),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
        sa.UniqueConstraint("council_id", "dossier_id"))
    op.create_table(
        "council_conflicts", _id(), _fk("member_id", "council_members"),
        _fk("dossier_id", "dossiers"), sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("declared_by", sa.String(100), nullable=False),
        sa.Column("declared_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("member_id", "dossier_id"))
    op.create_table(
        "member_sheets", _id(), _fk("member_id", "council_members"),
        _fk("dossier_id", "dossiers", True), sa.Column("status", sa.String(16), nullable=False),
        sa.Column("submitted_at", UtcDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint("member_id", "dossier_id"))
    op.create_table(
        "sheet_choices", _id(), _fk("sheet_id", "member_sheets"),
        sa.Column("criterion", sa.String(20), nullable=False),
        sa.Column("part", sa.String(1), nullable=False),
        sa.Column("option", sa.String(20), nullable=False),
        sa.Column("points", sa.Double(), nullable=False),
        sa.Column("fails_mandatory", sa.Boolean(), nullable=False),
        sa.Column("saved_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("sheet_id", "criterion"))
    op.create_table(
        "sheet_reopenings", _id(), _fk("sheet_id", "member_sheets"),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reopened_by", sa.String(100), nullable=False),
        sa.Column("reopened_at", UtcDateTime(), nullable=False))
    op.create_index("ix_sheet_reopenings_sheet_id", "sheet_reopenings", ["sheet_id"])
    with op.batch_alter_table("score_sheets") as batch:
        batch.add_column(sa.Column("source", sa.String(16), nullable=True))
        batch.add_column(sa.Column("sheets_ref", sa.String(100), nullable=True))
        batch.add_column(sa.Column("council_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_score_sheets_council_id_councils", "councils",
                                 ["council_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("score_sheets") as batch:
        batch.drop_constraint("fk_score_sheets_council_id_councils", type_="foreignkey")
        batch.drop_column("council_id")
        batch.drop_column("sheets_ref")
        batch.drop_column("source")
    op.drop_index("ix_sheet_reopenings_sheet_id", "sheet_reopenings")
    for table in ("sheet_reopenings", "sheet_choices", "member_sheets", "council_conflicts",
                  "council_dossiers", "council_members", "councils"):
        op.drop_table(table)
