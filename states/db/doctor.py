"""`ocop doctor`: whether the database can be read whole, in Vietnamese sentences."""

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from states.db.connection_problems import connection_problem
from states.db.database import Database, damaged_file, sqlite_file
from states.db.models import Base
from states.errors import ConfigurationError

# PRAGMA quick_check stops after this many problems: enough to know the file must be restored.
SHOWN = 10


def check(db: Database) -> list[str]:
    """The problems found (empty: healthy). SQLite: PRAGMA quick_check reads every page; other
    databases: the migration table and one row of every table the schema declares."""
    engine = db.engine
    try:
        with engine.connect() as connection:
            if sqlite_file(engine) is not None or engine.dialect.name == "sqlite":
                found = [str(r[0]) for r in connection.execute(text(f"PRAGMA quick_check({SHOWN})"))]
                problems = [] if found == ["ok"] else [f"Trang hỏng: {line}" for line in found]
            else:
                problems = []
            present = set(inspect(connection).get_table_names())
            if "alembic_version" not in present:
                problems.append("Chưa có bảng phiên bản lược đồ (alembic_version): hãy chạy "
                                "'ocop init'.")
            for table in Base.metadata.sorted_tables:
                if table.name not in present:
                    problems.append(f"Thiếu bảng {table.name}: hãy chạy 'ocop init'.")
                    continue
                connection.execute(text(f'SELECT 1 FROM "{table.name}" LIMIT 1')).all()
    except DBAPIError as error:
        problem = damaged_file(engine, str(error.orig))
        if problem is not None:
            raise problem from None
        raise ConfigurationError(connection_problem(str(error.orig), engine.url)
                                 or f"Không đọc được cơ sở dữ liệu: {error.orig}") from None
    return problems
