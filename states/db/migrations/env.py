"""Alembic environment: runs on the engine the caller hands over (see states.db.database)."""

from alembic import context
from sqlalchemy import Engine

from states.db.models import Base

engine: Engine = context.config.attributes["engine"]

with engine.begin() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch migrations rebuild tables that others refer to (the units, 0100_two_levels), and
        # SQLite refuses to drop the old copy while foreign keys are on. Off for the run (the
        # first statement, before any transaction: inside one the pragma is ignored), checked
        # at the end; `upgrade_schema` disposes the engine so later connections have them on.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=sqlite,
    )
    context.run_migrations()
    if sqlite:
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"the migration left rows without their parent: {broken[:5]}")
