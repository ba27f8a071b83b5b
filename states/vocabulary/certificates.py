"""A certificate's status and the reasons a recognition is revoked."""

from enum import StrEnum


class CertificateStatus(StrEnum):
    VALID = "valid"
    SUPERSEDED = "superseded"  # replaced by the certificate of a renewal
    EXPIRED = "expired"
    REVOKED = "revoked"



class RevocationReason(StrEnum):
    CEASED = "ceased"
    DISSOLVED = "dissolved"
    VIOLATION = "violation"
    FAILED_MANDATORY = "failed-mandatory"
    NOT_REEVALUATED = "not-reevaluated"
    OTHER = "other"



LABELS: dict[type[StrEnum], dict[str, str]] = {
    CertificateStatus: {
        CertificateStatus.VALID: "còn hiệu lực",
        CertificateStatus.SUPERSEDED: "đã thay bằng giấy mới",
        CertificateStatus.EXPIRED: "hết hiệu lực",
        CertificateStatus.REVOKED: "đã thu hồi",
    },
    RevocationReason: {
        RevocationReason.CEASED: "Ngừng hoạt động sản xuất, kinh doanh",
        RevocationReason.DISSOLVED: "Giải thể",
        RevocationReason.VIOLATION: "Vi phạm điều kiện sản xuất / an toàn thực phẩm",
        RevocationReason.FAILED_MANDATORY: "Không đạt tiêu chí bắt buộc khi đánh giá lại",
        RevocationReason.NOT_REEVALUATED: "Không đánh giá lại trong 36 tháng",
        RevocationReason.OTHER: "Lý do khác",
    },
}
