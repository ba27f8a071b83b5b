"""Files a person names for a command to write: checked before anything changes, written beside
the target and renamed into place, and, if the write fails after a commit, one sentence saying
where the file could not go and which command makes it again."""

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from states.errors import InvalidInput


class OutputNotWritten(InvalidInput):
    """The file could not be written (the database change, if any, is kept and said so)."""


@dataclass(frozen=True)
class OutputFile:
    """A target that passed the checks: where it goes, whether an existing file may be replaced,
    and the command that makes the file again if writing it fails after a commit."""

    path: Path
    replaces: bool
    regenerate: str


def _refusal(path: Path, replaces: bool) -> str | None:
    """Why `path` cannot be created (a sentence without the file's name first), or None."""
    parent = path.parent
    try:
        parent_mode = parent.stat().st_mode
    except FileNotFoundError:
        return f"thư mục {parent} không có"
    except NotADirectoryError:
        return f"{_first_file(parent)} là một tệp, không phải thư mục"
    except OSError as error:
        return f"không xem được thư mục {parent} (lỗi hệ điều hành, mã {error.errno})"
    if not stat.S_ISDIR(parent_mode):
        return f"{parent} không phải thư mục"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"không có quyền ghi vào thư mục {parent}"
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"lỗi hệ điều hành, mã {error.errno}"
    if stat.S_ISDIR(mode):
        return "đây là một thư mục"
    if not stat.S_ISREG(mode):
        return "đây không phải tệp thường"
    if not replaces:
        return "tệp đã có, lệnh này không ghi đè; hãy chọn tên hoặc thư mục khác"
    return None


def _first_file(path: Path) -> Path:
    """The ancestor of `path` that is a file, for `/dev/null/x`'s sentence."""
    for ancestor in [path, *path.parents]:
        if ancestor.exists() and not ancestor.is_dir():
            return ancestor
    return path


def checked_output(path: Path, *, replaces: bool, regenerate: str) -> OutputFile:
    """The target, if it can be created; InvalidInput (exit 2) before anything is changed if not."""
    why = _refusal(path, replaces)
    if why is not None:
        raise InvalidInput(f"Không ghi được tệp {path}: {why}; không có gì thay đổi.")
    return OutputFile(path, replaces, regenerate)


def checked_directory(directory: Path) -> Path:
    """A directory files will be written into (their names are known only later)."""
    try:
        mode = directory.stat().st_mode
    except FileNotFoundError:
        why = "thư mục này không có"
    except NotADirectoryError:
        why = f"{_first_file(directory)} là một tệp, không phải thư mục"
    except OSError as error:
        why = f"lỗi hệ điều hành, mã {error.errno}"
    else:
        if not stat.S_ISDIR(mode):
            why = "đây là một tệp, không phải thư mục"
        elif not os.access(directory, os.W_OK | os.X_OK):
            why = "không có quyền ghi vào thư mục này"
        else:
            return directory
    raise InvalidInput(f"Không ghi được vào thư mục {directory}: {why}; không có gì thay đổi.")


def write_checked(target: OutputFile, content: bytes, *, committed: bool = False) -> None:
    """Write to a temporary name in the target's directory, then rename it into place; a
    failure is one sentence (after a commit: the change stays, and which command to run)."""
    write_streamed(target, lambda stream: stream.write(content), committed=committed)


def write_streamed(target: OutputFile, write: Callable[[BinaryIO], object], *,
                   committed: bool = False) -> None:
    """write_checked for content too large to hold in memory (a backup): `write(stream)` fills
    the temporary file, which is renamed into place only when it returns."""
    path = target.path
    temporary: str | None = None
    try:
        why = _refusal(path, target.replaces)
        if why is None:
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                                 suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                write(stream)
            os.replace(temporary, path)
            temporary = None
            return
    except OSError as error:
        why = f"lỗi hệ điều hành, mã {error.errno}"
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    if committed:
        raise OutputNotWritten(f"Thay đổi đã được ghi vào cơ sở dữ liệu nhưng không ghi được tệp "
                               f"{path} ({why}); chạy `{target.regenerate}` để tạo lại tệp.")
    raise OutputNotWritten(f"Không ghi được tệp {path} ({why}); chạy lại `{target.regenerate}` "
                           "với một đường dẫn khác.")
