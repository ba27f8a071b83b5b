"""Engines, sessions and the schema (Alembic), for SQLite and PostgreSQL alike."""

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakSet

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    DataError,
    DBAPIError,
    IntegrityError,
    OperationalError,
    ProgrammingError,
)
from sqlalchemy.orm import Session, sessionmaker

from states.db.connection_problems import connection_problem, unusable_address
from states.db.stored_text import check_stored_text
from states.errors import ConfigurationError, Conflict, InvalidInput, OcopError, RuleRefused

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# PostgreSQL SQLSTATEs that mean "someone else was writing at the same moment".
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})  # serialization, deadlock, lock
MISSING_TABLE_SQLSTATE = "42P01"
# A unique or foreign key that another transaction took or removed between our read and our
# write: PostgreSQL's SQLSTATEs, SQLite's messages.
RACE_SQLSTATES = frozenset({"23505", "23503"})
RACE_MESSAGES = ("UNIQUE constraint failed", "FOREIGN KEY constraint failed")
RACE_MESSAGE = ("Không ghi được vì trùng với dữ liệu vừa có (cùng số giấy chứng nhận, cùng tên...), "
                "có lẽ do một thao tác khác cùng lúc. Không có gì được ghi; hãy xem lại rồi thử lại.")
# Issue 25: the partial unique index that keeps one open dossier per product, as each database
# names it in its refusal (PostgreSQL by name, SQLite by its column).
ONE_OPEN_REFUSALS = ("uq_dossiers_one_open_per_product", "UNIQUE constraint failed: dossiers.product_id")
ONE_OPEN_MESSAGE = ("Không ghi được: sản phẩm này đã có một hồ sơ đang mở, vừa được ghi cùng lúc bởi "
                    "một thao tác khác (mỗi sản phẩm chỉ một hồ sơ đang mở). Không có gì được ghi; "
                    "hãy xem danh sách hồ sơ của sản phẩm.")
# A value the column cannot hold: too long, or a number out of range. Input is checked before
# the database (typed_text.py, ids.py, the column lengths); this is the net behind those checks.
VALUE_SQLSTATES = frozenset({"22001", "22003"})


def normalise_url(url: str) -> str:
    # Users write postgresql://...; we ship psycopg 3, not psycopg2.
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str) -> Engine:
    try:
        engine = create_engine(normalise_url(url))
    except (ArgumentError, ImportError, ValueError) as error:
        raise ConfigurationError(unusable_address(url, error)) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def alembic_config(engine: Engine) -> "Config":
    # Alembic costs ~0.1 s to import: only `ocop init` and tests need it.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def sqlite_file(engine: Engine) -> Path | None:
    """The file of a SQLite database (None: another database, or in memory)."""
    name = engine.url.database
    if engine.dialect.name != "sqlite" or not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


# Engines allowed to create their SQLite file: only while `ocop init` upgrades the schema.
_creating: "WeakSet[Engine]" = WeakSet()


def _refuse_missing_file(engine: Engine) -> None:
    """SQLite creates any file it is asked to open: a mistyped --db would leave an empty one."""
    path = sqlite_file(engine)
    # A missing folder: SQLite cannot create the file anyway, and says so (connection_problems).
    if (path is not None and engine not in _creating and not path.exists()
            and path.parent.is_dir()):
        raise ConfigurationError(f"Không có tệp cơ sở dữ liệu {path}: hãy chạy 'ocop init' để "
                                 "tạo mới, hoặc kiểm tra --db / OCOP_DATABASE_URL.")
    # An empty file (cut to nothing): opening it would silently make it a new, empty database.
    if path is not None and engine not in _creating and path.is_file() and not path.stat().st_size:
        raise ConfigurationError(f"Tệp cơ sở dữ liệu {path} rỗng (0 byte): khôi phục từ bản sao "
                                 "lưu gần nhất, hoặc xoá nó rồi chạy 'ocop init' để tạo mới.")


# SQLite's words for a file that is damaged or not a database, and what each means.
DAMAGE = (("not a database", "không phải cơ sở dữ liệu SQLite (hỏng, hoặc tệp khác)"),
          ("malformed", "bị hỏng (bị cắt ngắn hoặc ghi đè)"),
          ("disk I/O error", "không đọc được (lỗi đọc ghi đĩa)"),
          ("readonly database", "chỉ đọc, không ghi được"))


def not_a_database(engine: Engine, text: str = "not a database") -> ConfigurationError:
    path = sqlite_file(engine) or engine.url.database
    why = next((said for words, said in DAMAGE if words in text), DAMAGE[0][1])
    return ConfigurationError(f"Tệp cơ sở dữ liệu {path} {why}: kiểm tra --db / "
                              "OCOP_DATABASE_URL, hoặc khôi phục từ bản sao lưu gần nhất "
                              "(kiểm tra bằng 'ocop doctor').")


def damaged_file(engine: Engine, text: str) -> ConfigurationError | None:
    """The sentence for a SQLite file that is damaged, empty, a folder or read-only; None if the
    error says something else."""
    path = sqlite_file(engine)
    if path is None:
        return None
    if any(words in text for words, _ in DAMAGE):
        return not_a_database(engine, text)
    if path.is_dir():
        return ConfigurationError(f"{path} là một thư mục, không phải tệp cơ sở dữ liệu: kiểm tra "
                                  "--db / OCOP_DATABASE_URL.")
    return None


def upgrade_schema(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration; safe to run again."""
    from alembic import command

    _creating.add(engine)
    try:
        command.upgrade(alembic_config(engine), "head")
    except OperationalError as error:
        raise ConfigurationError(connection_problem(str(error.orig), engine.url)
                                 or f"Không kết nối được cơ sở dữ liệu: {error.orig}") from None
    except DatabaseError as error:
        problem = damaged_file(engine, str(error.orig))
        if problem is None:
            raise
        raise problem from None
    finally:
        _creating.discard(engine)
    # A migration may switch SQLite's foreign keys off on its connection: start afresh, so
    # every later connection gets the pragmas again.
    engine.dispose()


def database_error(error: DBAPIError, dialect: str, url: "URL | None" = None) -> OcopError:
    """What a driver error means for the person who typed the command."""
    sqlstate = getattr(error.orig, "sqlstate", None)
    text = str(error.orig)
    if isinstance(error, IntegrityError) and any(words in text for words in ONE_OPEN_REFUSALS):
        return RuleRefused(ONE_OPEN_MESSAGE)
    if isinstance(error, IntegrityError) and (
            sqlstate in RACE_SQLSTATES or any(m in text for m in RACE_MESSAGES)):
        return Conflict(RACE_MESSAGE)
    if sqlstate in RETRYABLE_SQLSTATES or "database is locked" in text:
        return Conflict("Cơ sở dữ liệu đang bận vì một thao tác khác cùng lúc. "
                        "Không có gì được ghi; hãy thử lại.")
    if sqlstate in VALUE_SQLSTATES:
        return InvalidInput("Một giá trị nhập vào quá dài hoặc quá lớn để lưu; không có gì được ghi.")
    if sqlstate == MISSING_TABLE_SQLSTATE or "no such table" in text:
        return ConfigurationError(
            f"Cơ sở dữ liệu ({dialect}) chưa được khởi tạo: hãy chạy 'ocop init'.")
    problem = connection_problem(text, url) if url is not None else None
    # Anything else is for whoever runs the server: their driver's own words, after ours.
    return ConfigurationError(problem or f"Lỗi cơ sở dữ liệu ({dialect}), thông báo gốc: {text}")


COUNTS = "ocop.counts"


def count(session: Session, what: str, n: int = 1) -> None:
    """Note that this transaction did `what`; it reaches `Database.committed` on commit."""
    session.info.setdefault(COUNTS, Counter())[what] += n


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # What committed transactions counted (`count(session, "queued_mail")`): a command can
        # say afterwards what it did, and a rolled-back transaction counts nothing.
        self.committed: Counter[str] = Counter()
        event.listen(self._sessions, "before_flush", check_stored_text)
        if sqlite_file(self.engine) is not None:
            event.listen(self.engine, "do_connect",
                         lambda *_: _refuse_missing_file(self.engine))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: everything inside commits together, or nothing does."""
        with self._sessions() as session:
            try:
                with session.begin():
                    yield session
            except (OperationalError, ProgrammingError, IntegrityError, DataError) as error:
                raise (damaged_file(self.engine, str(error.orig))
                       or database_error(error, self.engine.dialect.name, self.engine.url)) from None
            except DatabaseError as error:
                problem = damaged_file(self.engine, str(error.orig))
                if problem is None:
                    raise
                raise problem from None
            except OverflowError:  # SQLite's driver: an integer beyond 64 bits
                raise InvalidInput("Một số nhập vào quá lớn để lưu; không có gì được ghi.") from None
            self.committed.update(session.info.get(COUNTS, {}))

    def file_missing(self) -> bool:
        """A SQLite database whose file is not there yet (only `ocop init` creates it)."""
        path = sqlite_file(self.engine)
        return path is not None and not path.exists()

    def dispose(self) -> None:
        self.engine.dispose()
