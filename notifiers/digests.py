"""Deciding who is told what today, and queueing it in the outbox in the same transaction.

Keys make each decision idempotent: one digest per unit per day, one expiry notice per
certificate, one campaign notice per unit per campaign.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from notifiers.message import Attachment, OutgoingMessage
from notifiers.outbox import enqueue
from notifiers.recipients import UnitDirectory, department_recipients
from notifiers.rendering import render
from states.models import AdministrativeUnit, Certificate, Dossier, Producer, Product
from states.runtime import Runtime
from states.sweeps import DueItem, due_items


@dataclass
class QueueReport:
    queued: int = 0
    already_queued: int = 0

    def count(self, added: bool) -> None:
        if added:
            self.queued += 1
        else:
            self.already_queued += 1


def message(key: str, recipients: tuple[str, ...], subject: str, template: str,
            attachments: tuple[Attachment, ...] = (), **context: Any) -> OutgoingMessage:
    html, text = render(template, title=subject, **context)
    return OutgoingMessage(key=key, recipients=recipients, subject=subject, html=html, text=text,
                           attachments=attachments)


def queue_deadline_reminders(rt: Runtime, session: Session, *, soon_days: int = 3,
                             escalate_days: int = 5) -> QueueReport:
    """One digest per unit with what is due soon or late; the Department's digest escalates."""
    today = rt.clock.today()
    now = rt.clock.now()
    items = due_items(session, rt.rules.calendar, today, soon_days)
    report = QueueReport()
    directory = UnitDirectory.load(session)
    by_unit: dict[int, list[DueItem]] = defaultdict(list)
    for item in items:
        if item.is_local:
            by_unit[item.unit_id].append(item)
    sender = directory.sender_name()
    stamp = today.isoformat()
    for unit_id, unit_items in by_unit.items():
        unit = directory.unit(unit_id)
        overdue = [i for i in unit_items if i.is_overdue]
        soon = [i for i in unit_items if not i.is_overdue]
        subject = (f"[OCOP] {unit.name}: {len(overdue)} hồ sơ quá hạn, {len(soon)} sắp đến hạn "
                   f"({today:%d/%m/%Y})")
        report.count(enqueue(session, message(
            f"digest:{unit.code}:{stamp}", directory.recipients(unit_id), subject,
            "unit_digest", unit_name=unit.name, today=today, overdue=overdue, soon=soon,
            soon_days=soon_days, sender_name=sender), "unit_digest", now))
    escalated = [i for i in items if i.is_local and i.overdue_working_days > escalate_days]
    provincial = [i for i in items if not i.is_local]
    if escalated or provincial or by_unit:
        counts: dict[str, dict[str, Any]] = {}
        for item in items:
            row = counts.setdefault(item.unit_name, {"unit_name": item.unit_name, "overdue": 0,
                                                     "soon": 0})
            row["overdue" if item.is_overdue else "soon"] += 1
        subject = (f"[OCOP] Tổng hợp hồ sơ quá hạn ngày {today:%d/%m/%Y}: "
                   f"{sum(1 for i in items if i.is_overdue)} quá hạn, {len(escalated)} cần đôn đốc")
        report.count(enqueue(session, message(
            f"department-digest:{stamp}", department_recipients(session, directory), subject,
            "department_digest", today=today, by_unit=sorted(counts.values(),
                                                              key=lambda r: -r["overdue"]),
            escalated=escalated, provincial=provincial, escalate_days=escalate_days,
            sender_name=sender), "department_digest", now))
    return report


def queue_expiry_notices(rt: Runtime, session: Session, notice_days: int = 30) -> QueueReport:
    """The producer hears at least `notice_days` before the certificate lapses, campaign or not."""
    today = rt.clock.today()
    now = rt.clock.now()
    rows = session.execute(
        select(Certificate, Product.name, Producer.name, Producer.email, AdministrativeUnit)
        .join(Dossier, Certificate.dossier_id == Dossier.id)
        .join(Product, Dossier.product_id == Product.id)
        .join(Producer, Product.producer_id == Producer.id)
        .join(AdministrativeUnit, Dossier.unit_id == AdministrativeUnit.id)
        .where(Certificate.status == "valid", Certificate.expires_on >= today,
               Certificate.expires_on <= today + timedelta(days=notice_days))
        .order_by(Certificate.expires_on, Certificate.id)).all()
    report = QueueReport()
    directory = UnitDirectory.load(session)
    sender = directory.sender_name()
    for certificate, product, producer, email, unit in rows:
        # Without the producer's address, the unit's officers pass the notice on.
        recipients = (email,) if email else directory.recipients(unit.id)
        subject = (f"[OCOP] Giấy chứng nhận {certificate.number} ({product}) hết hạn ngày "
                   f"{certificate.expires_on:%d/%m/%Y}")
        report.count(enqueue(session, message(
            f"expiry-notice:{certificate.id}", recipients, subject, "expiry_notice",
            producer=producer, product=product, number=certificate.number,
            stars=certificate.stars, expires_on=certificate.expires_on, unit_name=unit.name,
            sender_name=sender), "expiry_notice", now))
    return report

