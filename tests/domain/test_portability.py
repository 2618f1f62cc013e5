"""The same models must run on PostgreSQL: every table's DDL compiles for it, and the
expression indexes use only functions both databases have."""

import re

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from app.models import Base


def test_every_table_compiles_for_postgresql():
    dialect = postgresql.dialect()
    statements = []
    for table in Base.metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)))
        statements += [str(CreateIndex(index).compile(dialect=dialect)) for index in table.indexes]
    ddl = "\n".join(statements)
    assert "CREATE TABLE goal" in ddl and "CREATE UNIQUE INDEX uq_target_key" in ddl
    for sqlite_only in ("AUTOINCREMENT", "typeof(", "PRAGMA", "WITHOUT ROWID"):
        assert sqlite_only not in ddl


def test_booleans_in_checks_are_portable():
    """PostgreSQL refuses `boolean = 0`; SQLite stores booleans as integers. Checks use NOT col."""
    for table in Base.metadata.tables.values():
        booleans = [c.name for c in table.columns if isinstance(c.type, sa.Boolean)]
        for constraint in table.constraints:
            if isinstance(constraint, sa.CheckConstraint):
                text = str(constraint.sqltext)
                assert not [b for b in booleans if re.search(rf"\b{b}\s*=\s*[01]\b", text)], text
