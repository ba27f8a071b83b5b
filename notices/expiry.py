"""The producer hears before the certificate lapses, campaign or not (30 days under every
national text; a province may say more in `[notices] expiry_notice_days`)."""

from datetime import timedelta

from sqlalchemy.orm import Session

from notices.queueing import QueueReport
from notices.recipients import UnitDirectory, department_recipients
from notices.rendering import letter
from states.runtime import Runtime
from states.views.certificates import expiring_certificates


def queue_expiry_notices(rt: Runtime, session: Session) -> QueueReport:
    today, now = rt.clock.today(), rt.clock.now()
    horizon = today + timedelta(days=rt.rules.longest_expiry_notice_days())
    report = QueueReport()
    directory = UnitDirectory.load(session, today)
    for item in expiring_certificates(session, today, horizon):
        notice_days = rt.rules.expiry_notice_days(rt.rules.get(item.rulebook))
        if (item.expires_on - today).days > notice_days:
            continue
        # Without the producer's address, the unit's officers pass the notice on (the
        # Department's, while the unit is gone and the dossier not yet placed).
        recipients = ((item.producer_email,) if item.producer_email
                      else directory.recipients(item.unit_id) if directory.is_current(item.unit_id)
                      else department_recipients(session, directory))
        subject = (f"[OCOP] Giấy chứng nhận {item.number} ({item.product}) hết hạn ngày "
                   f"{item.expires_on:%d/%m/%Y}")
        report.add(session, letter(
            f"expiry-notice:{item.certificate_id}", recipients, subject, "expiry_notice",
            producer=item.producer, product=item.product, number=item.number, stars=item.stars,
            expires_on=item.expires_on, unit_name=directory.name(item.unit_id),
            department=directory.department),
            "expiry_notice", now)
    return report
