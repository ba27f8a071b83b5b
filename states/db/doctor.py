"""`ocop doctor`: whether the database can be read whole, in Vietnamese sentences."""

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DBAPIError

from states.db.connection_problems import connection_problem, shown_url
from states.db.database import Database
from states.db.models import Base
from states.db.sqlite_problems import damaged_file, sqlite_file, writable
from states.errors import ConfigurationError

# PRAGMA quick_check stops after this many problems: enough to know the file must be restored.
SHOWN = 10


def check(db: Database) -> list[str]:
    """The problems found (empty: healthy). SQLite: PRAGMA quick_check reads every page, and the
    file must accept writes; other databases: the migration table and one row of every table
    the schema declares."""
    engine = db.engine
    try:
        with engine.connect() as connection:
            problems = _pages(connection) if engine.dialect.name == "sqlite" else []
            problems += _tables(connection, db.url)
    except DBAPIError as error:
        problem = damaged_file(engine, error.orig)
        if problem is not None:
            raise problem from None
        raise ConfigurationError(connection_problem(str(error.orig), engine.url)
                                 or f"Không đọc được cơ sở dữ liệu: {error.orig}") from None
    path = sqlite_file(engine)
    if path is not None and not writable(path):
        problems.append(f"Tệp {path} chỉ đọc: đọc được nhưng mọi lệnh ghi sẽ bị từ chối; cho phép "
                        "ghi tệp (quyền, chattr -i, ổ gắn chỉ đọc).")
    return problems


def _pages(connection: Connection) -> list[str]:
    found = [str(r[0]) for r in connection.execute(text(f"PRAGMA quick_check({SHOWN})"))]
    return [] if found == ["ok"] else [f"Trang hỏng: {line}" for line in found]


def _tables(connection: Connection, url: str) -> list[str]:
    present = set(inspect(connection).get_table_names())
    declared = Base.metadata.sorted_tables
    if not present & {"alembic_version", *(table.name for table in declared)}:
        # Nothing of ours at all (a new database, or an address naming another schema): one
        # line, not one per table.
        return [f"Cơ sở dữ liệu {shown_url(url)} chưa được khởi tạo (chưa có bảng nào của hệ "
                "thống): hãy chạy 'ocop init'."]
    problems = []
    if "alembic_version" not in present:
        problems.append("Chưa có bảng phiên bản lược đồ (alembic_version): hãy chạy 'ocop init'.")
    for table in declared:
        if table.name not in present:
            problems.append(f"Thiếu bảng {table.name}: hãy chạy 'ocop init'.")
            continue
        connection.execute(text(f'SELECT 1 FROM "{table.name}" LIMIT 1')).all()
    return problems
