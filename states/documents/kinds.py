"""What a file is, read from its first bytes (never its name or the browser's word), and which
file names may be stored."""

from states.errors import InvalidInput
from states.typed_text import typed_name

# The only kinds a dossier takes: scans and documents. Each by its magic number.
MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
# Enough bytes to tell every kind above.
HEAD_BYTES = 8
FILE_NAME_LIMIT = 255
# A name is a name, not a path: no folder separators, no drive, no parent folder.
PATH_CHARACTERS = frozenset('/\\:')
ACCEPTED_KINDS = "PDF, JPEG hoặc PNG"


def content_type_of(head: bytes) -> str:
    """The content type of a file starting with `head`, or a sentence refusing it."""
    for magic, content_type, _ in MAGIC:
        if head.startswith(magic):
            return content_type
    raise InvalidInput(f"Tệp không phải {ACCEPTED_KINDS} (đã kiểm tra nội dung, không dựa vào "
                       "tên tệp): không có gì được lưu.")


def extension_of(content_type: str) -> str:
    return next(ext for _, kind, ext in MAGIC if kind == content_type)


def checked_file_name(name: str) -> str:
    """The file's own name, as stored and shown; a name holding a path is refused."""
    if not name.strip():
        raise InvalidInput("Hãy chọn ít nhất một tệp để nộp (tên tệp trống).")
    text = typed_name(name, "Tên tệp", FILE_NAME_LIMIT)
    if any(c in PATH_CHARACTERS for c in text) or text in (".", "..") or text.startswith("."):
        raise InvalidInput(f"Tên tệp '{text}' chứa ký tự đường dẫn (/, \\, :) hoặc bắt đầu bằng "
                           "dấu chấm: hãy đặt tên tệp khác.")
    return text
