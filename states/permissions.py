"""Who may do what: district officers act on their own unit's district steps only."""

from typing import TYPE_CHECKING

from states.errors import PermissionDenied

if TYPE_CHECKING:
    from states.models import User

ROLES: dict[str, str] = {
    "department": "Sở Nông nghiệp (cấp tỉnh)",
    "district": "Cán bộ OCOP cấp huyện / xã",
    "council-secretary": "Thư ký hội đồng",
}

# Actions a non-department role may take. Everything else is the Department's.
LOCAL_ACTIONS: dict[str, frozenset[str]] = {
    "district": frozenset({"register", "inspect", "score", "documents", "forward", "return",
                           "withdraw", "propose_revocation", "certify_locally"}),
    "council-secretary": frozenset({"score", "documents"}),
}

ACTION_LABELS: dict[str, str] = {
    "register": "đăng ký sản phẩm",
    "inspect": "ghi biên bản kiểm tra thực tế",
    "score": "ghi điểm hội đồng",
    "documents": "cập nhật danh mục hồ sơ",
    "forward": "chuyển hồ sơ lên tỉnh",
    "return": "trả lại hồ sơ",
    "certify": "công nhận sản phẩm",
    "certify_locally": "công nhận sản phẩm 3 sao cấp huyện (QĐ 148)",
    "not_recognise": "quyết định không công nhận",
    "withdraw": "ghi nhận rút hồ sơ",
    "open_renewal": "mở đánh giá lại",
    "expire": "cho hết hiệu lực",
    "revoke": "thu hồi công nhận",
    "manage_users": "quản lý người dùng và đơn vị",
    "campaign": "mở / đóng chiến dịch",
    "propose_revocation": "đề nghị thu hồi",
    "outbox": "quản lý hộp thư đi",
}


def authorize(user: "User", action: str, unit_id: int | None = None) -> None:
    if user.role == "department":
        return
    label = ACTION_LABELS.get(action, action)
    if action not in LOCAL_ACTIONS.get(user.role, frozenset()):
        raise PermissionDenied(
            f"Người dùng '{user.name}' ({ROLES.get(user.role, user.role)}) không có quyền {label}; "
            "việc này do Sở Nông nghiệp thực hiện."
        )
    if unit_id is not None and user.unit_id is not None and user.unit_id != unit_id:
        raise PermissionDenied(
            f"Người dùng '{user.name}' chỉ được {label} cho hồ sơ của đơn vị mình."
        )
    if unit_id is not None and user.unit_id is None and user.role == "district":
        raise PermissionDenied(f"Người dùng '{user.name}' chưa được gán đơn vị nên không thể {label}.")
