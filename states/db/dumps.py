"""The whole database as one file for a backup, and that file back into an empty database:
SQLite through its online backup API (a consistent copy while others write), PostgreSQL through
pg_dump / pg_restore in their custom format."""

import contextlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from glob import glob
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DBAPIError

from states.db.database import database_error
from states.db.sqlite_problems import sqlite_file
from states.errors import ConfigurationError, InvalidInput

# Where Debian puts PostgreSQL's client programs: /usr/bin (a wrapper that picks the version
# matching the server), else each installed version's own folder, newest first.
TOOL_DIRS = ("/usr/bin", *sorted(glob("/usr/lib/postgresql/*/bin"), reverse=True))
DUMP_SUFFIX = {"sqlite": "sqlite", "postgresql": "pgdump"}


def pg_tool(name: str) -> str:
    """The path of pg_dump or pg_restore, or one sentence saying where it was looked for."""
    for folder in TOOL_DIRS:
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise ConfigurationError(f"Không tìm thấy chương trình {name} (đã tìm trong /usr/bin và "
                             "/usr/lib/postgresql/*/bin): hãy cài gói postgresql-client cùng "
                             "phiên bản với máy chủ PostgreSQL.")


def _libpq(engine: Engine) -> tuple[list[str], dict[str, str]]:
    """Connection options for the client programs; the password goes by the environment, never
    on a command line that `ps` shows."""
    url = engine.url
    # A libpq connection string, so that the URL's settings (?sslmode=require) go along.
    settings = {"dbname": str(url.database), **{k: v for k, v in url.query.items()
                                                if isinstance(v, str)}}
    conninfo = " ".join(f"{key}='{value}'" for key, value in settings.items())
    options = [f"--dbname={conninfo}"]
    if url.host:
        options.append(f"--host={url.host}")
    if url.port:
        options.append(f"--port={url.port}")
    if url.username:
        options.append(f"--username={url.username}")
    # Their own small environment: nothing below the entry points reads the process's (the
    # database URL says where; a libpq setting such as PGSSLMODE goes in its query string).
    env = {"PATH": "/usr/bin:/bin", "PGCONNECT_TIMEOUT": "10", "LC_ALL": "C.UTF-8"}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return options, env


def _run(tool: str, arguments: list[str], engine: Engine, what: str) -> None:
    options, env = _libpq(engine)
    done = subprocess.run([pg_tool(tool), *arguments, *options], env=env, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or [f"mã thoát {done.returncode}"])[-1]
        raise ConfigurationError(f"{tool} không {what} được cơ sở dữ liệu {engine.url.database}: "
                                 f"{said}")


def dump_database(engine: Engine, target: Path) -> str:
    """Write the whole database to `target`; returns its kind ("sqlite" or "pgdump")."""
    dialect = engine.dialect.name
    if dialect == "sqlite":
        # The engine's own connection: a missing or damaged file is refused as everywhere else.
        source = engine.raw_connection()
        try:
            copy = sqlite3.connect(target)
            with contextlib.closing(copy):
                source.driver_connection.backup(copy)  # type: ignore[union-attr]
        except sqlite3.DatabaseError as error:
            raise ConfigurationError(f"Không sao lưu được tệp cơ sở dữ liệu {sqlite_file(engine)}: "
                                     f"{error}") from None
        finally:
            source.close()
    elif dialect == "postgresql":
        _run("pg_dump", ["--format=custom", "--no-owner", f"--file={target}"], engine, "sao lưu")
    else:
        raise ConfigurationError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {dialect}.")
    return DUMP_SUFFIX[dialect]


def occupied_tables(engine: Engine) -> int:
    """How many tables the target database already holds (0: empty, a restore may go there).
    A SQLite file that does not exist yet, or is empty, holds none."""
    path = sqlite_file(engine)
    if path is not None and (not path.exists() or (path.is_file() and not path.stat().st_size)):
        return 0
    if path is not None and not path.is_file():
        raise InvalidInput(f"{path} không phải tệp cơ sở dữ liệu: không khôi phục vào đó.")
    try:
        with engine.connect() as connection:
            return len(inspect(connection).get_table_names())
    except DBAPIError as error:
        raise database_error(error, engine.dialect.name, engine.url) from None


def restore_database(engine: Engine, kind: str, source: Path) -> None:
    """Load a dump written by `dump_database` into the empty database of `engine`."""
    dialect = engine.dialect.name
    if DUMP_SUFFIX.get(dialect) != kind:
        raise InvalidInput(f"Bản sao lưu chứa cơ sở dữ liệu loại {kind}, không khôi phục được vào "
                           f"{dialect}; không có gì thay đổi.")
    if dialect == "postgresql":
        # One transaction: a restore that fails half-way leaves the database as empty as it was.
        _run("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction",
                            "--exit-on-error", str(source)], engine, "khôi phục")
        return
    target = sqlite_file(engine)
    if target is None:
        raise ConfigurationError("Chỉ khôi phục được vào một tệp SQLite (không phải :memory:).")
    handle, staged = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        with contextlib.closing(sqlite3.connect(source)) as dump, \
                contextlib.closing(sqlite3.connect(staged)) as copy:
            dump.backup(copy)
        os.replace(staged, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(staged)


def tool_present(name: str) -> bool:
    """Whether pg_dump / pg_restore can be found (for tests and `ocop doctor`)."""
    return any(shutil.which(name, path=folder) for folder in TOOL_DIRS)
