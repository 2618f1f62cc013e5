"""Alembic environment. The store passes its own connection (with foreign keys switched off for
the duration of table rebuilds); the command line `alembic` uses sqlalchemy.url from alembic.ini."""

from alembic import context
from sqlalchemy import create_engine

from app.models import Base

config = context.config


def run_with(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: batch mode rebuilds the table.
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        run_with(conn)
