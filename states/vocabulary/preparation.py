"""Codes of the seed letter's task 2 (issue 14): who prepared a dossier, what a consultant was
contracted for, how a course's attendance was recorded.

A module of the one vocabulary: `states.vocabulary` re-exports these codes and merges their
labels into its table; import them from there.
"""

from enum import StrEnum


class PreparedBy(StrEnum):
    PRODUCER = "producer"
    OFFICER = "officer"
    CONSULTANT = "consultant"


class ContractedPart(StrEnum):
    BUSINESS_PLAN = "business-plan"
    PRODUCT_STORY = "product-story"
    LABEL_PACKAGING = "label-packaging"
    TESTING = "testing"
    WHOLE_DOSSIER = "whole-dossier"


class AttendanceSource(StrEnum):
    HAND = "hand"
    SHEET = "sheet"


LABELS: dict[type[StrEnum], dict[str, str]] = {
    PreparedBy: {
        PreparedBy.PRODUCER: "Chủ thể tự làm",
        PreparedBy.OFFICER: "Cán bộ hỗ trợ",
        PreparedBy.CONSULTANT: "Thuê tư vấn",
    },
    ContractedPart: {
        ContractedPart.BUSINESS_PLAN: "Phương án kinh doanh",
        ContractedPart.PRODUCT_STORY: "Câu chuyện sản phẩm",
        ContractedPart.LABEL_PACKAGING: "Nhãn và bao bì",
        ContractedPart.TESTING: "Kiểm nghiệm",
        ContractedPart.WHOLE_DOSSIER: "Toàn bộ hồ sơ",
    },
    AttendanceSource: {
        AttendanceSource.HAND: "nhập tay",
        AttendanceSource.SHEET: "từ danh sách điểm danh",
    },
}
