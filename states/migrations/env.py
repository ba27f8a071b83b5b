"""Alembic environment: runs on the engine the caller hands over (see states.database)."""

from alembic import context
from sqlalchemy import Engine

from states.models import Base

engine: Engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
