"""What a flow run did, in one Vietnamese line per flow: `ocop run` prints it for each flow, and
`ocop serve` logs it for each scheduled run. Built from the result each flow returns (the same
data `--json` prints as is)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from states.clock import format_date
from states.vocabulary import CampaignKind, label


def _day(text: str) -> str:
    return format_date(date.fromisoformat(text))


def _kind(code: str) -> str:
    return label(CampaignKind(code))


def queued(result: dict[str, Any]) -> str:
    earlier = result.get("already_queued")
    return (f"{result['queued']} thư mới vào hộp thư đi"
            + (f", {earlier} thư đã có từ trước" if earlier else "")
            + (f" (ngày {_day(result['as_of'])})" if result.get("as_of") else ""))


def campaigns(result: dict[str, Any]) -> str:
    opening = result.get("opened") or {}
    parts = [f"lập kế hoạch chiến dịch số {number}" for number in opening.get("planned", [])]
    parts += [f"mở chiến dịch {_kind(o['kind'])} số {o['campaign_id']} ({o['products']} sản phẩm, "
              f"{o['units_notified']} đơn vị được báo, hạn {_day(o['deadline'])})"
              for o in opening.get("opened", [])]
    reminders = result.get("reminders") or {}
    if reminders.get("queued"):
        parts.append(f"nhắc các đơn vị: {queued(reminders)}")
    for closed in result.get("closed") or []:
        if closed.get("proposals") is not None:
            outcome = f"{closed['proposals']} đề nghị thu hồi"
        else:
            outcome = f"{closed.get('unreturned')}/{closed.get('listed')} sản phẩm chưa gửi lại"
        parts.append(f"đóng chiến dịch {_kind(closed['kind'])} số {closed['campaign']} ({outcome}, "
                     "danh sách đã gửi Sở)")
    return "; ".join(parts) or "hôm nay không có chiến dịch nào đến ngày mở, nhắc hay đóng"


def expiry(result: dict[str, Any]) -> str:
    return (f"{result['certificates_expired']} giấy chứng nhận hết hiệu lực, "
            f"{result['dossiers_expired']} hồ sơ chuyển sang hết hiệu lực, "
            f"{result['notices_queued']} thư báo sắp hết hạn")


def backup(result: dict[str, Any]) -> str:
    return (f"đã sao lưu cơ sở dữ liệu và {result['files']} tệp hồ sơ vào {result['archive']} "
            f"(giữ {result['kept']} bản mới nhất)")


def dispatch(result: dict[str, Any]) -> str:
    return (f"đã gửi {result['sent']} thư, {result['retrying']} thư sẽ thử lại, "
            f"{result['failed']} thư thất bại")


# Which sentence fits a result, told by a key only that kind of result has.
SENTENCES: tuple[tuple[str, Callable[[dict[str, Any]], str]], ...] = (
    ("sent", dispatch), ("certificates_expired", expiry), ("closed", campaigns),
    ("queued", queued), ("archive", backup))


def flow_sentence(name: str, result: Any) -> str:
    if isinstance(result, dict):
        for key, sentence in SENTENCES:
            if key in result:
                return f"{name}: {sentence(result)}." + "".join(
                    f"\n  - {error}" for error in result.get("errors") or [])
    return f"{name}: xong (chi tiết: ocop --json run {name})."
