"""Errors a user can cause, each with its own exit code (listed in `ocop --help` and the README).

An error about one input names it twice: in words in the message ("Cần ghi lý do trả lại."), and
by its code in `fields` ("reason": the step's field, the API body's key, the CLI option's name
with `_` for `-`). The faces say which control that is in their own terms: the CLI adds its
option ("--reason"), a web form marks its field, the API lists the codes."""

from collections.abc import Sequence


class OcopError(Exception):
    """An error whose message is meant for the officer at the keyboard (Vietnamese)."""

    exit_code = 1
    kind = "lỗi"

    def __init__(self, message: str, *, fields: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.fields = tuple(fields)  # the inputs at fault, by code: never a face's own name


class InvalidInput(OcopError):
    exit_code = 2
    kind = "dữ liệu không hợp lệ"


class RuleRefused(OcopError):
    exit_code = 3
    kind = "quy định không cho phép"


class PermissionDenied(OcopError):
    exit_code = 4
    kind = "không có quyền"


class NotFound(OcopError):
    exit_code = 5
    kind = "không tìm thấy"


class Conflict(OcopError):
    exit_code = 6
    kind = "xung đột"


class ConfigurationError(OcopError):
    exit_code = 7
    kind = "lỗi cấu hình"


class DatabaseBusy(ConfigurationError):
    """Another program held the database past the wait (SQLite's busy timeout): exit 7 like any
    database problem, but one a schedule may try again, as it would a conflict."""


class DeliveryFailed(OcopError):
    exit_code = 8
    kind = "gửi thư thất bại"


EXIT_CODES: list[tuple[int, str]] = [
    (0, "thành công"),
    (InvalidInput.exit_code, "dữ liệu nhập không hợp lệ (kể cả sai cú pháp lệnh)"),
    (RuleRefused.exit_code, "bước này quy định không cho phép (kèm lý do)"),
    (PermissionDenied.exit_code, "người dùng không có quyền"),
    (NotFound.exit_code, "không tìm thấy hồ sơ / đơn vị / người dùng"),
    (Conflict.exit_code, "hồ sơ hoặc dữ liệu vừa được người khác thay đổi cùng lúc, hãy thử lại"),
    (ConfigurationError.exit_code, "cấu hình hoặc cơ sở dữ liệu có vấn đề"),
    (DeliveryFailed.exit_code, "gửi thư thất bại"),
]
