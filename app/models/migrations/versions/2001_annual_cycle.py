"""Planering och uppföljning through the year: uppdrag, internkontroll, finances, report texts and
Agenda 2030 tags on goals.

Revision ID: 2001
Revises: 0401
Create Date: 2026-11-29 19:50:39.078037
"""
from alembic import op
import sqlalchemy as sa


revision = '2001'
down_revision = '0401'
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table('balance_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('item', sa.Enum('result', 'realised_gains', 'gains_exception', 'losses_exception', 'unrealised_losses', 'unrealised_reversal', 'to_reserve', 'from_reserve', name='balanceitem', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('amount', sa.Double(), nullable=False),
    *([sa.CheckConstraint("typeof(amount) IN ('real', 'integer')", name=op.f('ck_balance_entry_amount_is_number'))]
      if sqlite else []),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_balance_entry')),
    sa.UniqueConstraint('year', 'item', name='uq_balance_entry_year')
    )
    op.create_table('assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('source', sa.Enum('budget', 'decision', name='assignmentsource', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('given_by_id', sa.Integer(), nullable=True),
    sa.Column('assignee_id', sa.Integer(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('decision_reference', sa.String(length=120), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('due_on IS NULL OR due_on >= decided_on', name=op.f('ck_assignment_due_after_decision')),
    sa.ForeignKeyConstraint(['assignee_id'], ['org_unit.id'], name=op.f('fk_assignment_assignee_id_org_unit'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['given_by_id'], ['org_unit.id'], name=op.f('fk_assignment_given_by_id_org_unit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment')),
    sa.UniqueConstraint('code', name=op.f('uq_assignment_code'))
    )
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_assignee_id'), ['assignee_id'], unique=False)

    op.create_table('financial_figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('activity', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.Enum('operating', 'investment', name='financekind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('measure', sa.Enum('budget', 'outcome', 'forecast', name='financemeasure', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('amount', sa.Double(), nullable=False),
    *([sa.CheckConstraint("typeof(amount) IN ('real', 'integer')", name=op.f('ck_financial_figure_amount_is_number'))]
      if sqlite else []),
    sa.ForeignKeyConstraint(['period_id'], ['period.id'], name=op.f('fk_financial_figure_period_id_period'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_financial_figure_unit_id_org_unit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_financial_figure')),
    sa.UniqueConstraint('unit_id', 'period_id', 'activity', 'kind', 'measure', name='uq_financial_figure_key')
    )
    with op.batch_alter_table('financial_figure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_financial_figure_unit_id'), ['unit_id'], unique=False)

    op.create_table('report_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.Enum('summary', 'events', 'economy', 'personnel', 'future', name='reportsection', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['period.id'], name=op.f('fk_report_text_period_id_period'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_report_text_unit_id_org_unit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_text'))
    )
    op.create_index('uq_report_text_key', 'report_text', [sa.text('coalesce(unit_id, 0)'), 'period_id', 'section'],
                    unique=True)
    op.create_table('assignment_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('not_started', 'in_progress', 'done', 'closed_not_done', name='assignmentstate', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'], name=op.f('fk_assignment_report_assignment_id_assignment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['period_id'], ['period.id'], name=op.f('fk_assignment_report_period_id_period'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment_report')),
    sa.UniqueConstraint('assignment_id', 'period_id', name='uq_assignment_report_key')
    )
    op.create_table('goal_sdg',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('sdg', sa.Integer(), nullable=False),
    sa.CheckConstraint('sdg BETWEEN 1 AND 17', name=op.f('ck_goal_sdg_sdg_range')),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_goal_sdg_goal_id_goal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_sdg')),
    sa.UniqueConstraint('goal_id', 'sdg', name='uq_goal_sdg_key')
    )
    op.create_table('internal_control_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('directive_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['directive_id'], ['directive.id'], name=op.f('fk_internal_control_plan_directive_id_directive'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_internal_control_plan_unit_id_org_unit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_internal_control_plan')),
    sa.UniqueConstraint('unit_id', 'year', name='uq_internal_control_plan_unit_year')
    )
    op.create_table('control_risk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('likelihood', sa.Integer(), nullable=False),
    sa.Column('consequence', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('consequence BETWEEN 1 AND 4', name=op.f('ck_control_risk_consequence_range')),
    sa.CheckConstraint('likelihood BETWEEN 1 AND 4', name=op.f('ck_control_risk_likelihood_range')),
    sa.ForeignKeyConstraint(['plan_id'], ['internal_control_plan.id'], name=op.f('fk_control_risk_plan_id_internal_control_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_control_risk'))
    )
    with op.batch_alter_table('control_risk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_control_risk_plan_id'), ['plan_id'], unique=False)

    op.create_table('control_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('risk_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('frequency', sa.String(length=60), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['risk_id'], ['control_risk.id'], name=op.f('fk_control_point_risk_id_control_risk'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_control_point'))
    )
    with op.batch_alter_table('control_point', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_control_point_risk_id'), ['risk_id'], unique=False)

    op.create_table('control_result',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('control_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('deviation', sa.Boolean(), nullable=False),
    sa.Column('finding', sa.Text(), nullable=False),
    sa.Column('actions', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['control_id'], ['control_point.id'], name=op.f('fk_control_result_control_id_control_point'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['period_id'], ['period.id'], name=op.f('fk_control_result_period_id_period'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_control_result')),
    sa.UniqueConstraint('control_id', 'period_id', name='uq_control_result_key')
    )


def downgrade() -> None:
    op.drop_index('uq_report_text_key', table_name='report_text')
    op.drop_table('control_result')
    with op.batch_alter_table('control_point', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_control_point_risk_id'))

    op.drop_table('control_point')
    with op.batch_alter_table('control_risk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_control_risk_plan_id'))

    op.drop_table('control_risk')
    op.drop_table('internal_control_plan')
    op.drop_table('goal_sdg')
    op.drop_table('assignment_report')
    op.drop_table('report_text')
    with op.batch_alter_table('financial_figure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_financial_figure_unit_id'))

    op.drop_table('financial_figure')
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_assignee_id'))

    op.drop_table('assignment')
    op.drop_table('balance_entry')
