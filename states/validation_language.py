"""Pydantic's validation errors in Vietnamese: why a value was refused, said to the person who
typed it (an option, a setting, a key of a plan file, a cell of a workbook).

Our own validators raise Vietnamese sentences; pydantic's built-in checks speak English, so each
error type it reports is said again here from its code and context, never from its English text.
"""

from collections.abc import Mapping
from typing import Any

# The error types pydantic reports for the fields this project declares.
REASONS: dict[str, str] = {
    "missing": "thiếu giá trị",
    "int_parsing": "cần một số nguyên",
    "int_type": "cần một số nguyên",
    "int_from_float": "cần một số nguyên, không có phần thập phân",
    "float_parsing": "cần một số",
    "float_type": "cần một số",
    "decimal_parsing": "cần một số",
    "bool_parsing": "cần có hoặc không (true/false, 1/0)",
    "bool_type": "cần có hoặc không (true/false, 1/0)",
    "date_parsing": "cần một ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "cần một ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "cần một ngày, không kèm giờ",
    "date_type": "cần một ngày dạng YYYY-MM-DD",
    "datetime_parsing": "cần ngày giờ dạng YYYY-MM-DDTHH:MM",
    "datetime_from_date_parsing": "cần ngày giờ dạng YYYY-MM-DDTHH:MM",
    "datetime_type": "cần ngày giờ dạng YYYY-MM-DDTHH:MM",
    "time_parsing": "cần giờ dạng HH:MM",
    "string_type": "cần một chuỗi chữ",
    "list_type": "cần một danh sách",
    "dict_type": "cần một bảng khoá = giá trị",
    "model_type": "cần một bảng khoá = giá trị",
    "model_attributes_type": "cần một bảng khoá = giá trị",
    "extra_forbidden": "khoá này không được dùng",
    "url_parsing": "cần một địa chỉ URL",
    "url_scheme": "địa chỉ URL không đúng loại",
    "path_type": "cần một đường dẫn tệp",
    "path_not_file": "cần một tệp",
    "path_not_directory": "cần một thư mục",
    "uuid_parsing": "cần một mã UUID",
    "json_invalid": "không phải JSON hợp lệ",
    "finite_number": "cần một số hữu hạn",
}
# Error types whose reason needs a number or a list from the error's context.
BOUNDED: dict[str, str] = {
    "string_too_short": "cần ít nhất {min_length} ký tự",
    "string_too_long": "dài tối đa {max_length} ký tự",
    "too_short": "cần ít nhất {min_length} mục",
    "too_long": "tối đa {max_length} mục",
    "greater_than": "phải lớn hơn {gt}",
    "greater_than_equal": "phải từ {ge} trở lên",
    "less_than": "phải nhỏ hơn {lt}",
    "less_than_equal": "tối đa là {le}",
    "multiple_of": "phải là bội số của {multiple_of}",
    "literal_error": "chỉ nhận {expected}",
    "enum": "chỉ nhận {expected}",
    "string_pattern_mismatch": "không đúng dạng",
}


def reason_of(error: Mapping[str, Any]) -> str:
    """Why one pydantic error refused a value, in Vietnamese (lower case, no full stop)."""
    kind = str(error.get("type", ""))
    context = {k: str(v).replace(" or ", " hoặc ") for k, v in (error.get("ctx") or {}).items()}
    if kind in ("value_error", "assertion_error"):
        # Raised by our own validators, in Vietnamese already.
        text = str(error.get("msg", "")).removeprefix("Value error, ").removeprefix(
            "Assertion failed, ")
        return text.rstrip(".") if is_vietnamese(text) else "giá trị không hợp lệ"
    if kind in BOUNDED:
        try:
            return BOUNDED[kind].format(**context)
        except KeyError:
            return "giá trị không hợp lệ"
    return REASONS.get(kind, "giá trị không hợp lệ")


def is_vietnamese(text: str) -> bool:
    """Whether a sentence was written for our users (it carries Vietnamese letters)."""
    return any(ord(c) > 127 for c in text)


def described(error: Mapping[str, Any], with_input: bool = True) -> str:
    """The reason, with the value that was typed when it is short enough to quote."""
    value = error.get("input")
    quoted = with_input and isinstance(value, (str, int, float)) and len(str(value)) <= 60 \
        and error.get("type") != "missing"
    return (f"'{value}' không hợp lệ: " if quoted else "giá trị không hợp lệ: ") + reason_of(error)
