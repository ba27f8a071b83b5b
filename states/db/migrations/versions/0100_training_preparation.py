"""Training courses (invited units, attendance), consultants, and who prepared each dossier
(issue 14, the seed letter's task 2).

Revision ID: 0100_training_preparation
Revises: 0100_yearly_plan (relinked when main took issue 15)
"""

from alembic import op
import sqlalchemy as sa
import states.db.types


revision = '0100_training_preparation'
down_revision = '0100_yearly_plan'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('consultants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('created_at', states.db.types.UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultants')),
    sa.UniqueConstraint('name_key', name=op.f('uq_consultants_name_key'))
    )
    op.create_table('training_courses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('organiser', sa.String(length=300), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('opened_by', sa.String(length=100), nullable=False),
    sa.Column('opened_at', states.db.types.UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_courses'))
    )
    op.create_table('training_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['training_courses.id'], name=op.f('fk_training_invitations_course_id_training_courses')),
    sa.ForeignKeyConstraint(['unit_id'], ['administrative_units.id'], name=op.f('fk_training_invitations_unit_id_administrative_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_invitations')),
    sa.UniqueConstraint('course_id', 'unit_id', name=op.f('uq_training_invitations_course_id'))
    )
    op.create_table('training_attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', states.db.types.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['training_courses.id'], name=op.f('fk_training_attendance_course_id_training_courses')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_training_attendance_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_attendance')),
    sa.UniqueConstraint('course_id', 'user_id', name=op.f('uq_training_attendance_course_id'))
    )
    with op.batch_alter_table('training_attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_attendance_user_id'), ['user_id'], unique=False)

    op.create_table('dossier_preparations',
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('cycle', sa.Integer(), nullable=False),
    sa.Column('prepared_by', sa.String(length=16), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('consultant_id', sa.Integer(), nullable=True),
    sa.Column('contracted', sa.JSON(), nullable=False),
    sa.Column('opened_event_id', sa.Integer(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', states.db.types.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['consultant_id'], ['consultants.id'], name=op.f('fk_dossier_preparations_consultant_id_consultants')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_preparations_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['officer_id'], ['users.id'], name=op.f('fk_dossier_preparations_officer_id_users')),
    sa.ForeignKeyConstraint(['opened_event_id'], ['dossier_events.id'], name=op.f('fk_dossier_preparations_opened_event_id_dossier_events')),
    sa.PrimaryKeyConstraint('dossier_id', 'cycle', name=op.f('pk_dossier_preparations'))
    )
    with op.batch_alter_table('dossier_preparations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_preparations_consultant_id'), ['consultant_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('dossier_preparations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_preparations_consultant_id'))

    op.drop_table('dossier_preparations')
    with op.batch_alter_table('training_attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_attendance_user_id'))

    op.drop_table('training_attendance')
    op.drop_table('training_invitations')
    op.drop_table('training_courses')
    op.drop_table('consultants')
