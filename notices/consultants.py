"""The consultant report in Excel: for `ocop consultant report --out` and the weekly report."""

from notices.spreadsheets import workbook_bytes
from states.rules.points import points_number
from states.training.consultant_report import ConsultantReport
from states.vocabulary import label

CONSULTANT_HEADERS = (
    "Người chuẩn bị hồ sơ", "Hình thức", "Số hồ sơ", "Đã có kết quả", "Được công nhận",
    "Trả lại", "Trả lại: dưới ngưỡng điểm", "Trả lại: thiếu tài liệu bắt buộc",
    "Không công nhận", "Tỉ lệ không đạt (%)", "Điểm TB cấp huyện/xã", "Điểm TB cấp tỉnh",
    "Ngày làm việc TB từ đăng ký đến kết quả")


def report_scope(report: ConsultantReport) -> str:
    return f"năm {report.year}" if report.year is not None else "tất cả các năm"


def consultant_workbook(report: ConsultantReport) -> bytes:
    rows = [(r.who, label(r.prepared_by), r.prepared, r.decided, r.recognised, r.returned,
             r.returned_below_threshold, r.returned_missing_documents, r.not_recognised,
             "" if r.failed_share is None else round(100 * r.failed_share, 1),
             _points(r.avg_district_points), _points(r.avg_provincial_points),
             _blank(r.avg_working_days_to_decision)) for r in report.rows]
    heading = (f"Kết quả hồ sơ OCOP theo người chuẩn bị (chủ thể tự làm, cán bộ hỗ trợ, từng đơn vị "
               f"tư vấn), {report_scope(report)}")
    return workbook_bytes("Tư vấn", CONSULTANT_HEADERS, rows, heading)


def _points(value: float | None) -> float | str:
    return "" if value is None else points_number(value)


def _blank(value: float | None) -> float | str:
    return "" if value is None else value


def consultant_filename(report: ConsultantReport) -> str:
    return f"bao-cao-tu-van-{report.year if report.year is not None else 'tat-ca'}.xlsx"
