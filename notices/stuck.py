"""The Department's weekly list of dossiers past their time limit, with an .xlsx; the training
coverage and the consultant report ride along, each with its own .xlsx."""

from datetime import date

from sqlalchemy.orm import Session

from notices.consultants import consultant_filename, consultant_workbook
from notices.queueing import QueueReport
from notices.recipients import UnitDirectory, department_recipients
from notices.rendering import letter
from notices.spreadsheets import attachment, workbook_bytes
from notices.training import coverage_filename, coverage_workbook, current_coverage
from states.clock import format_date
from states.oversight.stuck import StuckGroup, stuck_dossiers
from states.runtime import Runtime
from states.training.consultant_report import consultant_report

STUCK_HEADERS = ("Trạng thái", "Việc cần làm", "Đơn vị", "Hồ sơ", "Sản phẩm", "Chủ thể",
                 "Vào trạng thái", "Hạn", "Số ngày ở trạng thái", "Quá hạn (ngày làm việc)")


def stuck_filename(today: date) -> str:
    return f"ho-so-ton-dong-{today:%Y%m%d}.xlsx"


def stuck_workbook(groups: list[StuckGroup], today: date) -> bytes:
    rows = [(g.state_label, g.action, g.unit_name, d.dossier_id, d.product, d.producer,
             d.entered_on, d.due_on, d.days_in_state, d.working_days_late)
            for g in groups for d in g.dossiers]
    return workbook_bytes("Hồ sơ tồn đọng", STUCK_HEADERS, rows,
                          f"Hồ sơ OCOP quá thời hạn xử lý, tính đến ngày {format_date(today)}")


def queue_stuck_report(rt: Runtime, session: Session) -> QueueReport:
    today = rt.clock.today()
    groups = stuck_dossiers(session, rt.rules.calendar, rt.clock.now())
    report = QueueReport()
    total = sum(g.count for g in groups)
    subject = f"[OCOP] Báo cáo hồ sơ tồn đọng ngày {today:%d/%m/%Y}: {total} hồ sơ"
    data = stuck_workbook(groups, today)
    coverage = current_coverage(rt, session)
    consultants = consultant_report(session, rt.rules.calendar, today.year)
    attachments = (attachment(stuck_filename(today), data),
                   attachment(coverage_filename(today), coverage_workbook(coverage)),
                   attachment(consultant_filename(consultants), consultant_workbook(consultants)))
    directory = UnitDirectory.load(session, today)
    report.add(session, letter(
        f"stuck-report:{today.isoformat()}", department_recipients(session, directory), subject,
        "stuck_report", attachments=attachments, groups=groups, today=today, total=total,
        coverage=coverage, consultants=consultants, department=directory.department),
        "stuck_report", rt.clock.now())
    return report
