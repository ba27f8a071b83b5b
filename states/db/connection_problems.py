"""What a database driver's English complaint about connecting means, said in Vietnamese with the
address (password hidden) and the setting to fix: --db or OCOP_DATABASE_URL."""

import re

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

SETTING = "--db / OCOP_DATABASE_URL"
FORMS = "sqlite:///tệp.db hoặc postgresql://người-dùng@máy:cổng/tên-csdl"


def shown_url(url: URL | str) -> str:
    """The address as it may be printed or logged: its password masked (the one place that
    does)."""
    try:
        return make_url(url).render_as_string(hide_password=True).replace("+psycopg", "")
    except (ArgumentError, ValueError):
        # Not parseable as a URL (a port that is no number...): whatever sits between a
        # colon and an "@" may be a password.
        return re.sub(r":[^:@/]*@", ":***@", str(url))


def connection_problem(text: str, url: URL | str) -> str | None:
    """One sentence for the driver messages people meet when connecting; None for others."""
    address = shown_url(url)
    parsed = make_url(url) if isinstance(url, URL) else None
    host = f"{parsed.host}:{parsed.port or 5432}" if parsed and parsed.host else address
    missing = re.search(r'database "(.*?)" does not exist', text)
    if missing:
        return (f"Cơ sở dữ liệu '{missing.group(1)}' không có trên máy chủ {host}: hãy tạo nó, "
                f"hoặc sửa {SETTING} ({address}).")
    if "password authentication failed" in text or "no password supplied" in text:
        return (f"Máy chủ cơ sở dữ liệu {host} từ chối đăng nhập: sai người dùng hoặc mật khẩu "
                f"trong {SETTING} ({address}).")
    if "translate host name" in text or "Name or service not known" in text:
        return f"Không tìm thấy máy chủ cơ sở dữ liệu trong {SETTING} ({address})."
    if re.search(r"Connection refused|Is the server running|timeout expired|could not connect|"
                 r"connection failed", text):
        return (f"Không kết nối được máy chủ cơ sở dữ liệu {host}: máy chủ chưa chạy hoặc không "
                f"nhận kết nối; kiểm tra {SETTING} ({address}).")
    if "unable to open database file" in text:
        return (f"Không mở được tệp cơ sở dữ liệu SQLite của {SETTING} ({address}): thư mục "
                "không có hoặc không có quyền ghi.")
    return None


def unusable_address(url: str, error: Exception) -> str:
    """The sentence for an address SQLAlchemy cannot use at all (bad form, unknown driver)."""
    if isinstance(error, ImportError):
        return (f"Địa chỉ cơ sở dữ liệu '{shown_url(url)}' ({SETTING}) không dùng được: chỉ hỗ trợ "
                f"{FORMS}.")
    return f"Địa chỉ cơ sở dữ liệu '{shown_url(url)}' ({SETTING}) không đúng dạng: cần {FORMS}."
