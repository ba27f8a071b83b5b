"""Files an officer names on the command line: read or written, with a sentence when not."""

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, BinaryIO

import typer

from ocop_cli.output import emit_json, say
from states.errors import InvalidInput
from use_cases.output_files import OutputFile, checked_output, write_checked

OutOption = Annotated[Path | None, typer.Option(
    "--out", help="Ghi thêm ra tệp Excel (.xlsx); tệp đã có được ghi đè.")]


def _problem(path: Path, error: OSError, doing: str) -> InvalidInput:
    if isinstance(error, FileNotFoundError):
        return InvalidInput(f"Không có tệp hoặc thư mục {path}.")
    if isinstance(error, PermissionError):
        return InvalidInput(f"Không có quyền {doing} tệp {path}.")
    return InvalidInput(f"Không {doing} được tệp {path} (lỗi hệ điều hành, mã {error.errno}).")


def read_problem(path: Path, error: OSError) -> InvalidInput:
    return _problem(path, error, "đọc")


def read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise _problem(path, error, "đọc") from None


def output_to(path: Path | None, command: str, replaces: bool = True) -> OutputFile | None:
    """The file `--out` names, checked before the command reads or changes anything."""
    return None if path is None else checked_output(path, replaces=replaces, regenerate=command)


def write_output(target: OutputFile, data: bytes, committed: bool = False) -> None:
    write_checked(target, data, committed=committed)


def report_with_file(as_json: bool, result: Any, out: OutputFile | None, content: bytes,
                     show: Callable[[], None]) -> None:
    """A report for people (`show`) or for scripts (JSON), and as a file when `--out` asks."""
    if out is not None:
        write_output(out, content)
    if as_json:
        emit_json(result)
        return
    show()
    if out is not None:
        say(f"Đã ghi {out.path}.")


def open_input(path: Path) -> BinaryIO:
    """The file to read as it goes (an import of 100,000 rows is never held whole)."""
    try:
        return path.open("rb")
    except OSError as error:
        raise _problem(path, error, "đọc") from None
