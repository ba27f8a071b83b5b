"""What a council's secretary hears: when the meeting is set, the day by which the dossiers
and samples must reach the members (2 working days before, the national rule)."""

from sqlalchemy.orm import Session

from notices.queueing import QueueReport
from notices.rendering import letter
from states.clock import format_date
from states.evaluation.council_reads import load_council, members_of, package_due_on, who
from states.runtime import Runtime
from states.territory.departments import department_on
from states.vocabulary import CouncilRole, MailKind


def queue_package_reminder(rt: Runtime, session: Session, council_id: int) -> QueueReport:
    """Once per council and meeting day; nothing when the secretary has no e-mail address or
    the package was already recorded as sent."""
    report = QueueReport()
    council = load_council(session, council_id)
    secretary = next((m for m in members_of(session, council.id)
                      if m.role == CouncilRole.SECRETARY), None)
    if (council.meeting_on is None or council.package_sent_on is not None or secretary is None
            or not secretary.user.email):
        return report
    policy = rt.rules.province.councils
    due = package_due_on(rt.rules.calendar, council.meeting_on, policy.package_working_days)
    subject = (f"[OCOP] {council.name} họp ngày {format_date(council.meeting_on)}: gửi tài liệu "
               f"cho thành viên chậm nhất ngày {format_date(due)}")
    report.add(session, letter(
        f"council-package:{council.id}:{council.meeting_on.isoformat()}", (secretary.user.email,),
        subject, "council_package", council=council, secretary=who(secretary), due=due,
        working_days=policy.package_working_days,
        department=department_on(session, rt.clock.today())), MailKind.COUNCIL_PACKAGE,
        rt.clock.now())
    return report
