"""What SQLite's complaints about its file mean, said in Vietnamese with the file's name: damaged,
a folder, read-only, or locked by another program past the wait."""

import os
from pathlib import Path

from sqlalchemy import Engine

from states.errors import ConfigurationError, DatabaseBusy

# How long a command waits for another writer before giving up (PRAGMA busy_timeout).
BUSY_TIMEOUT_MS = 10_000
# sqlite3's primary code for "busy": reached only once the busy timeout has passed. Its extended
# SQLITE_BUSY_SNAPSHOT (517) is a race lost at once, without waiting: a conflict, not a lock.
SQLITE_BUSY = 5
SETTING = "--db / OCOP_DATABASE_URL"
RESTORE = "khôi phục từ bản sao lưu gần nhất (kiểm tra bằng 'ocop doctor')"
# SQLite's words for a file that is damaged or not a database, and what each means.
DAMAGE = (("not a database", "không phải cơ sở dữ liệu SQLite (hỏng, hoặc tệp khác)"),
          ("malformed", "bị hỏng (bị cắt ngắn hoặc ghi đè)"),
          ("disk I/O error", "không đọc được (lỗi đọc ghi đĩa)"))
READ_ONLY = ("readonly database", "attempt to write a readonly")


def sqlite_file(engine: Engine) -> Path | None:
    """The file of a SQLite database (None: another database, or in memory)."""
    name = engine.url.database
    if engine.dialect.name != "sqlite" or not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def not_a_database(engine: Engine, text: str = "not a database") -> ConfigurationError:
    path = sqlite_file(engine) or engine.url.database
    why = next((said for words, said in DAMAGE if words in text), DAMAGE[0][1])
    return ConfigurationError(f"Tệp cơ sở dữ liệu {path} {why}: kiểm tra {SETTING}, hoặc "
                              f"{RESTORE}.")


def read_only(path: Path) -> ConfigurationError:
    # Nothing is damaged: the file or its folder refuses writes (chmod, chattr +i, a read-only
    # mount). A backup would not help; letting the file be written does.
    return ConfigurationError(
        f"Tệp cơ sở dữ liệu {path} chỉ đọc, không ghi được (quyền của tệp hoặc thư mục "
        f"{path.parent}, hoặc ổ đĩa gắn chỉ đọc): cho phép ghi rồi thử lại; không có gì thay đổi.")


def locked(path: Path) -> DatabaseBusy:
    return DatabaseBusy(
        f"Tệp cơ sở dữ liệu {path} bị một chương trình khác giữ khoá quá "
        f"{BUSY_TIMEOUT_MS // 1000} giây (một lệnh ghi dài, một bản sao lưu đang chạy, hoặc một "
        "chương trình bị treo): không có gì được ghi; đợi nó xong rồi thử lại.")


def damaged_file(engine: Engine, error: BaseException | None) -> ConfigurationError | None:
    """The sentence for a SQLite file that is damaged, a folder, read-only or locked past the
    wait; None if the driver's error says something else."""
    path = sqlite_file(engine)
    if path is None:
        return None
    text = str(error)
    if any(words in text for words, _ in DAMAGE):
        return not_a_database(engine, text)
    if any(words in text for words in READ_ONLY):
        return read_only(path)
    if getattr(error, "sqlite_errorcode", None) == SQLITE_BUSY:
        return locked(path)
    if path.is_dir():
        return ConfigurationError(f"{path} là một thư mục, không phải tệp cơ sở dữ liệu: kiểm tra "
                                  f"{SETTING}.")
    if "unable to open database file" in text and path.is_file():
        # The file is there, yet cannot be opened: SQLite could not create its -wal and -shm
        # beside it, so the folder refuses writes.
        return read_only(path)
    return None


def writable(path: Path) -> bool:
    """Whether the file accepts writes. os.access says yes to root even on a file made
    immutable (chattr +i) or on a read-only mount: opening it for writing tells the truth,
    and writes nothing."""
    try:
        os.close(os.open(path, os.O_RDWR))
    except OSError:
        return False
    return True
