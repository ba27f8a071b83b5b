"""The daily digests: each unit hears what is due soon or late; the Department hears what is
escalated. Keys make each decision idempotent: one digest per unit per day."""

from collections import defaultdict
from typing import Any

from sqlalchemy.orm import Session

from notices.queueing import QueueReport
from notices.recipients import UnitDirectory, department_recipients
from notices.rendering import letter
from states.oversight.sweeps import DueItem, due_items
from states.runtime import Runtime


def queue_deadline_reminders(rt: Runtime, session: Session) -> QueueReport:
    """One digest per unit with what is due soon or late; the Department's digest escalates."""
    policy = rt.rules.notices
    soon_days, escalate_days = policy.due_soon_working_days, policy.escalate_after_working_days
    today, now = rt.clock.today(), rt.clock.now()
    items = due_items(session, rt.rules.calendar, today, soon_days)
    report = QueueReport()
    directory = UnitDirectory.load(session, today)
    by_unit: dict[int, list[DueItem]] = defaultdict(list)
    unplaced: list[DueItem] = []  # in a unit that is gone: the Department must place them
    for item in items:
        if item.is_local:
            (by_unit[item.unit_id] if directory.is_current(item.unit_id) else unplaced).append(item)
    stamp = today.isoformat()
    for unit_id, unit_items in by_unit.items():
        unit, name = directory.unit(unit_id), directory.name(unit_id)
        overdue = [i for i in unit_items if i.is_overdue]
        soon = [i for i in unit_items if not i.is_overdue]
        subject = (f"[OCOP] {name}: {len(overdue)} hồ sơ quá hạn, {len(soon)} sắp đến hạn "
                   f"({today:%d/%m/%Y})")
        report.add(session, letter(
            f"digest:{unit.code}:{stamp}", directory.recipients(unit_id), subject,
            "unit_digest", unit_name=name, today=today, overdue=overdue, soon=soon,
            soon_days=soon_days, department=directory.department), "unit_digest", now)
    escalated = [i for i in items if i.is_local and i.overdue_working_days > escalate_days
                 and directory.is_current(i.unit_id)]
    provincial = [i for i in items if not i.is_local]
    if escalated or provincial or by_unit or unplaced:
        subject = (f"[OCOP] Tổng hợp hồ sơ quá hạn ngày {today:%d/%m/%Y}: "
                   f"{sum(1 for i in items if i.is_overdue)} quá hạn, {len(escalated)} cần đôn đốc")
        report.add(session, letter(
            f"department-digest:{stamp}", department_recipients(session, directory), subject,
            "department_digest", today=today, by_unit=_counts_by_unit(items),
            escalated=escalated, provincial=provincial, escalate_days=escalate_days,
            unplaced=unplaced, department=directory.department), "department_digest", now)
    return report


def _counts_by_unit(items: list[DueItem]) -> list[dict[str, Any]]:
    counts: dict[str, dict[str, Any]] = {}
    for item in items:
        row = counts.setdefault(item.unit_name, {"unit_name": item.unit_name, "overdue": 0,
                                                 "soon": 0})
        row["overdue" if item.is_overdue else "soon"] += 1
    return sorted(counts.values(), key=lambda r: -r["overdue"])
