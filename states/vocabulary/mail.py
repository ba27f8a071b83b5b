"""The kinds of letter the outbox holds (issue 12: the outbox list and the demo show their labels).

A module of the one vocabulary: `states.vocabulary` re-exports these codes and merges their
labels into its table; import them from there.
"""

from enum import StrEnum

LABELS: dict[type[StrEnum], dict[str, str]] = {}


class MailKind(StrEnum):
    UNIT_DIGEST = "unit_digest"
    DEPARTMENT_DIGEST = "department_digest"
    STUCK_REPORT = "stuck_report"
    EXPIRY_NOTICE = "expiry_notice"
    MISSING_DOCUMENTS = "missing_documents"
    RENEWAL_CAMPAIGN = "renewal_campaign"
    REVOCATION_CAMPAIGN = "revocation_campaign"
    REVOCATION_LIST = "revocation_list"
    RENEWAL_REPORT = "renewal_report"
    TRAINING_INVITATION = "training_invitation"
    TRAINING_REMINDER = "training_reminder"
    FILE_REJECTED = "file_rejected"
    COUNCIL_PACKAGE = "council_package"  # issue 21: the secretary, before the meeting


LABELS[MailKind] = {
    MailKind.UNIT_DIGEST: "Nhắc việc gửi đơn vị",
    MailKind.DEPARTMENT_DIGEST: "Tổng hợp gửi Sở",
    MailKind.STUCK_REPORT: "Báo cáo hồ sơ tồn đọng",
    MailKind.EXPIRY_NOTICE: "Báo sắp hết hạn giấy chứng nhận",
    MailKind.MISSING_DOCUMENTS: "Nhắc bổ sung tài liệu",
    MailKind.RENEWAL_CAMPAIGN: "Chiến dịch đánh giá lại",
    MailKind.REVOCATION_CAMPAIGN: "Chiến dịch thu hồi",
    MailKind.REVOCATION_LIST: "Danh sách đề nghị thu hồi",
    MailKind.RENEWAL_REPORT: "Sản phẩm chưa đánh giá lại",
    MailKind.TRAINING_INVITATION: "Mời tập huấn",
    MailKind.TRAINING_REMINDER: "Nhắc tập huấn",
    MailKind.FILE_REJECTED: "Tài liệu bị từ chối",
    MailKind.COUNCIL_PACKAGE: "Nhắc gửi tài liệu cho thành viên hội đồng",
}


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


LABELS[OutboxStatus] = {
    OutboxStatus.PENDING: "chờ gửi",
    OutboxStatus.SENDING: "đang gửi",
    OutboxStatus.SENT: "đã gửi",
    OutboxStatus.FAILED: "thất bại",
}
