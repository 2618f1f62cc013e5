"""Aggregation and law: an indicator's aggregation rule and a result's nämnare (count); a
delegation item's act, SFS number and reporting mode (KL 6 kap. 40 §); new vocabulary members
(kommunalt bolag, fristående skola, cumulative periods) in the enum CHECK constraints.

Existing indicators get `weighted`: with no nämnare stored it falls back to the unweighted mean
the earlier versions used (and says so in "Varför denna status?"), so no figure changes on upgrade.

Revision ID: 1901
Revises: 1102
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "1901"
down_revision = "1102"
branch_labels = None
depends_on = None

# Frozen vocabularies at this revision: migrations never import app code.
UNIT_KINDS = ("council", "executive_board", "committee", "administration", "service_area", "unit", "company",
              "reference")
OLD_UNIT_KINDS = tuple(k for k in UNIT_KINDS if k != "company")
PROVIDER_TYPES = ("in_house", "external", "non_profit", "independent_school")
OLD_PROVIDER_TYPES = PROVIDER_TYPES[:3]
PERIOD_KINDS = ("year", "tertial", "quarter", "month", "cumulative")
OLD_PERIOD_KINDS = PERIOD_KINDS[:4]
AGGREGATIONS = ("weighted", "sum", "mean", "none")
REPORTING = ("individual", "list", "enforcement")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _replace_check(table: str, name: str, column: str, values: tuple[str, ...]) -> None:
    with op.batch_alter_table(table, recreate="always") as batch:
        batch.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
        batch.create_check_constraint(op.f(f"ck_{table}_{name}"), _in(column, values))


def upgrade() -> None:
    with op.batch_alter_table("indicator") as batch:
        batch.add_column(sa.Column("aggregation", sa.String(32), nullable=False, server_default="weighted"))
        batch.create_check_constraint(op.f("ck_indicator_aggregation"), _in("aggregation", AGGREGATIONS))
    with op.batch_alter_table("result") as batch:
        batch.add_column(sa.Column("count", sa.Float(), nullable=True))
    op.drop_index("ix_result_period_indicator", table_name="result")
    op.create_index("ix_result_period_indicator", "result",
                    ["period_id", "gender", "indicator_id", "unit_id", "value", "count"])
    with op.batch_alter_table("delegation_item") as batch:
        batch.add_column(sa.Column("legal_act", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("sfs_number", sa.String(32), nullable=False, server_default=""))
        batch.add_column(sa.Column("reporting", sa.String(32), nullable=False, server_default="individual"))
        batch.create_check_constraint(op.f("ck_delegation_item_reportingmode"), _in("reporting", REPORTING))
    # "anmälan: nej" meant verkställighet in earlier files.
    op.execute("UPDATE delegation_item SET reporting = 'enforcement' WHERE NOT report_required")
    if op.get_bind().dialect.name == "sqlite":
        _replace_check("org_unit", "unitkind", "kind", UNIT_KINDS)
        _replace_check("org_unit", "providertype", "provider_type", PROVIDER_TYPES)
        _replace_check("period", "periodkind", "kind", PERIOD_KINDS)
    else:
        for table, name, column, values in (("org_unit", "unitkind", "kind", UNIT_KINDS),
                                            ("org_unit", "providertype", "provider_type", PROVIDER_TYPES),
                                            ("period", "periodkind", "kind", PERIOD_KINDS)):
            op.drop_constraint(op.f(f"ck_{table}_{name}"), table, type_="check")
            op.create_check_constraint(op.f(f"ck_{table}_{name}"), table, _in(column, values))


def downgrade() -> None:
    # The older vocabularies have no word for these: the nearest older term, or (cumulative
    # periods, which older versions cannot read) the rows go.
    op.execute("UPDATE org_unit SET provider_type = 'external' WHERE provider_type = 'independent_school'")
    op.execute("UPDATE org_unit SET kind = 'unit' WHERE kind = 'company'")
    for table in ("result", "target", "assessment"):
        op.execute(f"DELETE FROM {table} WHERE period_id IN (SELECT id FROM period WHERE kind = 'cumulative')")
    op.execute("UPDATE dialogue_meeting SET period_id = NULL "
               "WHERE period_id IN (SELECT id FROM period WHERE kind = 'cumulative')")
    op.execute("DELETE FROM period WHERE kind = 'cumulative'")
    if op.get_bind().dialect.name == "sqlite":
        _replace_check("org_unit", "unitkind", "kind", OLD_UNIT_KINDS)
        _replace_check("org_unit", "providertype", "provider_type", OLD_PROVIDER_TYPES)
        _replace_check("period", "periodkind", "kind", OLD_PERIOD_KINDS)
    with op.batch_alter_table("delegation_item") as batch:
        batch.drop_constraint(op.f("ck_delegation_item_reportingmode"), type_="check")
        batch.drop_column("reporting")
        batch.drop_column("sfs_number")
        batch.drop_column("legal_act")
    op.drop_index("ix_result_period_indicator", table_name="result")
    op.create_index("ix_result_period_indicator", "result", ["period_id", "gender", "indicator_id", "unit_id", "value"])
    with op.batch_alter_table("result") as batch:
        batch.drop_column("count")
    with op.batch_alter_table("indicator") as batch:
        batch.drop_constraint(op.f("ck_indicator_aggregation"), type_="check")
        batch.drop_column("aggregation")
