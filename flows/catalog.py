"""Every flow with its schedule, as data: `ocop flows`, `ocop serve` and deployments/prefect.yaml
agree with this table (a test checks the YAML). No Prefect import here."""

from dataclasses import dataclass

TIMEZONE = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True)
class FlowSpec:
    name: str  # the deployment and `ocop run` name
    entrypoint: str  # module:function
    cron: str
    description: str


FLOWS: tuple[FlowSpec, ...] = (
    FlowSpec("deadline-reminders", "flows/deadlines.py:deadline_reminders", "30 7 * * 1-5",
             "Mỗi ngày làm việc 07:30: thư tổng hợp hồ sơ sắp đến hạn / quá hạn cho từng đơn vị "
             "và cho Sở."),
    FlowSpec("stuck-dossiers", "flows/deadlines.py:stuck_dossiers", "0 8 * * 1",
             "Thứ Hai 08:00: báo cáo hồ sơ tồn đọng theo bước và đơn vị (kèm Excel) gửi Sở."),
    FlowSpec("renewal-campaign", "flows/campaigns.py:renewal_campaign", "0 7 * * 1-5",
             "Mỗi ngày làm việc 07:00: mở chiến dịch đánh giá lại theo kế hoạch, nhắc các đơn vị "
             "trước hạn, đóng và báo cáo Sở sau hạn."),
    FlowSpec("revocation-campaign", "flows/campaigns.py:revocation_campaign", "5 7 * * 1-5",
             "Mỗi ngày làm việc 07:05: mở chiến dịch thu hồi theo kế hoạch, nhắc các đơn vị, đóng "
             "và gửi Sở danh sách đề nghị thu hồi."),
    FlowSpec("expire-certificates", "flows/certificates.py:expire_certificates", "15 0 * * *",
             "Mỗi ngày 00:15: giấy chứng nhận quá hạn hết hiệu lực; báo chủ thể trước 30 ngày."),
    FlowSpec("training-reminders", "flows/training.py:training_reminders", "10 7 * * *",
             "Mỗi ngày 07:10: nhắc đơn vị chưa có cán bộ được tập huấn cử người dự lớp sắp mở."),
    FlowSpec("nightly-backup", "flows/backup.py:nightly_backup", "30 1 * * *",
             "Mỗi đêm 01:30: sao lưu cơ sở dữ liệu và tệp hồ sơ vào một tệp tar có mã SHA-256 "
             "(OCOP_BACKUP_DIR, giữ OCOP_BACKUP_KEEP bản mới nhất)."),
    FlowSpec("dispatch-notifications", "flows/dispatch.py:dispatch_notifications", "*/5 * * * *",
             "5 phút một lần: gửi thư trong hộp thư đi (thử lại, không gửi trùng)."),
)


def spec(name: str) -> FlowSpec:
    for item in FLOWS:
        if item.name == name:
            return item
    raise KeyError(name)
