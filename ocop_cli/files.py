"""Files an officer names on the command line: read or written, with a sentence when not."""

from pathlib import Path

from states.errors import InvalidInput


def _problem(path: Path, error: OSError, doing: str) -> InvalidInput:
    if isinstance(error, FileNotFoundError):
        return InvalidInput(f"Không có tệp hoặc thư mục {path}.")
    if isinstance(error, PermissionError):
        return InvalidInput(f"Không có quyền {doing} tệp {path}.")
    return InvalidInput(f"Không {doing} được tệp {path} ({error.strerror}).")


def read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise _problem(path, error, "đọc") from None


def write_output(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise _problem(path, error, "ghi") from None
