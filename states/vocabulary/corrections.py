"""Codes of corrections (issue 12): what was corrected, and each corrected field, as the audit
event of a correction records them ("before → after", with the reason).

A section of the one vocabulary: `states.vocabulary` merges these labels into its table and
re-exports `Correction` (it is near its size limit: import `CorrectedField` from here).
"""

from enum import StrEnum

LABELS: dict[type[StrEnum], dict[str, str]] = {}


class Correction(StrEnum):
    """What a correction event changed (its `details["what"]`; the trigger is `correct`)."""

    INSPECTION = "inspection"
    SCORE = "score"
    PRODUCT = "product"
    PRODUCER = "producer"
    PROPOSAL = "proposal"  # a revocation proposal withdrawn from its campaign
    USER = "user"


class CorrectedField(StrEnum):
    INSPECTED_ON = "inspected_on"
    INSPECTORS = "inspectors"
    MINUTES_REF = "minutes_ref"
    MEMBERS = "members"
    AVERAGE = "average"
    NAME = "name"
    GROUP = "group"
    KIND = "kind"
    EMAIL = "email"
    PHONE = "phone"
    COMMUNE = "commune"
    REASON = "reason"
    ROLE = "role"
    UNIT = "unit"
    ACTIVE = "active"
    FULL_NAME = "full_name"


LABELS[Correction] = {
    Correction.INSPECTION: "biên bản kiểm tra thực tế",
    Correction.SCORE: "điểm hội đồng cấp huyện / xã",
    Correction.PRODUCT: "thông tin sản phẩm",
    Correction.PRODUCER: "thông tin chủ thể",
    Correction.PROPOSAL: "rút đề nghị thu hồi",
    Correction.USER: "người dùng",
}
LABELS[CorrectedField] = {
    CorrectedField.INSPECTED_ON: "ngày kiểm tra",
    CorrectedField.INSPECTORS: "người kiểm tra",
    CorrectedField.MINUTES_REF: "số biên bản",
    CorrectedField.MEMBERS: "điểm thành viên",
    CorrectedField.AVERAGE: "điểm trung bình",
    CorrectedField.NAME: "tên",
    CorrectedField.GROUP: "nhóm sản phẩm",
    CorrectedField.KIND: "loại chủ thể",
    CorrectedField.EMAIL: "email",
    CorrectedField.PHONE: "điện thoại",
    CorrectedField.COMMUNE: "xã / phường nơi chủ thể ở",
    CorrectedField.REASON: "lý do đề nghị",
    CorrectedField.ROLE: "vai trò",
    CorrectedField.UNIT: "đơn vị",
    CorrectedField.ACTIVE: "đang hoạt động",
    CorrectedField.FULL_NAME: "họ tên",
}
