"""The producer hears before the certificate lapses, campaign or not (30 days under every
national text; a province may say more in `[notices] expiry_notice_days`)."""

from datetime import timedelta

from sqlalchemy.orm import Session

from notices.queueing import QueueReport
from notices.recipients import UnitDirectory
from notices.rendering import letter
from states.registry.certificates import expiring_certificates
from states.runtime import Runtime


def queue_expiry_notices(rt: Runtime, session: Session) -> QueueReport:
    today, now = rt.clock.today(), rt.clock.now()
    horizon = today + timedelta(days=rt.rules.longest_expiry_notice_days())
    report = QueueReport()
    directory = UnitDirectory.load(session, today)
    for item in expiring_certificates(session, today, horizon):
        notice_days = rt.rules.expiry_notice_days(rt.rules.get(item.rulebook))
        if (item.expires_on - today).days > notice_days:
            continue
        recipients, _ = directory.producer_or_unit(item.producer_email, item.unit_id)
        subject = (f"[OCOP] Giấy chứng nhận {item.number} ({item.product}) hết hạn ngày "
                   f"{item.expires_on:%d/%m/%Y}")
        report.add(session, letter(
            f"expiry-notice:{item.certificate_id}", recipients, subject, "expiry_notice",
            producer=item.producer, product=item.product, number=item.number, stars=item.stars,
            expires_on=item.expires_on, unit_name=directory.name(item.unit_id),
            department=directory.department),
            "expiry_notice", now)
    return report
