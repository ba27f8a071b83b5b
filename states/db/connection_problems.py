"""What a database driver's English complaint about connecting means, said in Vietnamese with the
address (password hidden) and the setting to fix: --db or OCOP_DATABASE_URL."""

import re

from sqlalchemy.engine import URL, make_url

SETTING = "--db / OCOP_DATABASE_URL"
FORMS = "sqlite:///tệp.db hoặc postgresql://người-dùng@máy:cổng/tên-csdl"


def shown(url: URL | str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True).replace("+psycopg", "")
    except Exception:  # an address that does not even parse is shown as typed
        return str(url)


def connection_problem(text: str, url: URL | str) -> str | None:
    """One sentence for the driver messages people meet when connecting; None for others."""
    address = shown(url)
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
        return (f"Địa chỉ cơ sở dữ liệu '{shown(url)}' ({SETTING}) không dùng được: chỉ hỗ trợ "
                f"{FORMS}.")
    return f"Địa chỉ cơ sở dữ liệu '{shown(url)}' ({SETTING}) không đúng dạng: cần {FORMS}."
