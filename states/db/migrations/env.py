"""Alembic environment: runs on the engine the caller hands over (see states.db.database)."""

from alembic import context
from sqlalchemy import Engine

from states.db.models import Base

engine: Engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
