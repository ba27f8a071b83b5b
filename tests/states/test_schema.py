"""The migrations build exactly the schema the models declare, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from states.db.models import Base
from states.runtime import Runtime


def test_migrated_schema_matches_the_models(any_rt: Runtime) -> None:
    with any_rt.db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
