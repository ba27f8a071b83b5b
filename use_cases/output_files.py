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


def _folder_refusal(directory: Path, *, beside: bool) -> str | None:
    """Why no file can be created in `directory`, or None. `beside`: it is the folder of a file
    the person named, so the sentence names it; else it is the folder they named ("này")."""
    name = f"thư mục {directory}" if beside else "thư mục này"
    try:
        mode = directory.stat().st_mode
    except FileNotFoundError:
        return f"{name} không có"
    except NotADirectoryError:
        return f"{_first_file(directory)} là một tệp, không phải thư mục"
    except OSError as error:
        code = f"lỗi hệ điều hành, mã {error.errno}"
        return f"không xem được {name} ({code})" if beside else code
    if not stat.S_ISDIR(mode):
        return f"{directory} không phải thư mục" if beside else "đây là một tệp, không phải thư mục"
    if not os.access(directory, os.W_OK | os.X_OK):
        return f"không có quyền ghi vào {name}"
    return None


def _refusal(path: Path, replaces: bool) -> str | None:
    """Why `path` cannot be created (a sentence without the file's name first), or None."""
    why = _folder_refusal(path.parent, beside=True)
    if why is not None:
        return why
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
    why = _folder_refusal(directory, beside=False)
    if why is not None:
        raise InvalidInput(f"Không ghi được vào thư mục {directory}: {why}; không có gì thay đổi.")
    return directory


def checked_folder_to_make(folder: Path) -> Path:
    """A folder a command makes if it is missing (parents included) and then fills: it, or the
    nearest folder above it that exists, must take files."""
    existing = next(p for p in [folder, *folder.parents] if p.exists() or p == Path(p.anchor))
    if existing == folder or not existing.is_dir():
        return checked_directory(folder)
    why = _folder_refusal(existing, beside=True)
    if why is not None:
        raise InvalidInput(f"Không tạo được thư mục {folder}: {why}; không có gì thay đổi.")
    return folder


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
