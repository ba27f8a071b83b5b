"""Why a file could not be read, in Vietnamese: the operating system, the TOML reader and the
spreadsheet reader explain in English, so each kind of failure is said again here."""

import re
import tomllib


def why_unreadable(error: Exception) -> str:
    """The reason (lower case, no full stop) a file could not be opened or parsed."""
    if isinstance(error, FileNotFoundError):
        return "không có tệp này"
    if isinstance(error, PermissionError):
        return "không có quyền đọc tệp"
    if isinstance(error, IsADirectoryError):
        return "đây là một thư mục, không phải tệp"
    if isinstance(error, tomllib.TOMLDecodeError):
        where = re.search(r"line (\d+), column (\d+)", str(error))
        return ("sai cú pháp TOML" + (f" ở dòng {where.group(1)}, cột {where.group(2)}"
                                      if where else ""))
    if isinstance(error, UnicodeDecodeError):
        return "không phải văn bản UTF-8"
    if isinstance(error, OSError):
        return f"lỗi hệ điều hành khi đọc tệp (mã {error.errno})"
    # zip and openpyxl errors: the file is not the workbook it claims to be.
    return "không phải tệp Excel (.xlsx) hợp lệ"
