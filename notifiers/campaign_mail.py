"""Campaign decisions and their notices, written in one transaction; the Department's reports."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from notifiers.digests import QueueReport, message
from notifiers.outbox import enqueue
from notifiers.recipients import UnitDirectory, department_recipients
from notifiers.spreadsheets import attachment, workbook_bytes
from states import campaigns
from states.clock import format_date
from states.models import Campaign
from states.runtime import Runtime
from states.stuck import StuckGroup, stuck_dossiers

REMIND_WORKING_DAYS_BEFORE = (10, 5, 1)


@dataclass
class CampaignResult:
    campaign_id: int
    kind: str
    deadline: date
    products: int
    units_notified: int


def _notify_units(rt: Runtime, session: Session, opened: campaigns.OpenedCampaign,
                  key_prefix: str, subject_prefix: str) -> QueueReport:
    report = QueueReport()
    campaign = opened.campaign
    directory = UnitDirectory.load(session)
    sender = directory.sender_name()
    for unit_id, items in sorted(opened.by_unit.items()):
        unit = directory.unit(unit_id)
        if campaign.kind == "renewal" and not items:
            continue
        subject = (f"[OCOP] {subject_prefix} - {unit.name}: hạn nộp {campaign.deadline:%d/%m/%Y}"
                   + (f" ({len(items)} sản phẩm)" if campaign.kind == "renewal" else ""))
        report.count(enqueue(session, message(
            f"{key_prefix}:{campaign.id}:{unit.code}", directory.recipients(unit_id),
            subject, "campaign_notice", kind=campaign.kind, unit_name=unit.name,
            deadline=campaign.deadline, items=items, campaign_id=campaign.id, sender_name=sender),
            f"{campaign.kind}_campaign", rt.clock.now()))
    return report


SUBJECTS = {"renewal": "Đánh giá lại sản phẩm OCOP", "revocation": "Rà soát đề nghị thu hồi OCOP"}


def open_campaign(rt: Runtime, actor: str, kind: str, deadline: date,
                  expiring_before: date | None = None) -> CampaignResult:
    with rt.transaction() as session:
        if kind == "renewal":
            opened = campaigns.open_renewal(rt, session, actor, deadline=deadline,
                                            expiring_before=expiring_before)
        else:
            opened = campaigns.open_revocation(rt, session, actor, deadline=deadline)
        report = _notify_units(rt, session, opened, "campaign", SUBJECTS[kind])
        return CampaignResult(opened.campaign.id, kind, deadline, opened.product_count,
                              report.queued)


def queue_campaign_reminders(rt: Runtime, session: Session,
                             kinds: tuple[str, ...] = campaigns.KINDS) -> QueueReport:
    """As a deadline nears (10, 5 and 1 working days before), remind the units still owing."""
    today = rt.clock.today()
    calendar = rt.rules.calendar
    report = QueueReport()
    if not calendar.is_working_day(today):
        return report
    directory = UnitDirectory.load(session)
    sender = directory.sender_name()
    for kind in kinds:
        for campaign in campaigns.open_campaigns(session, kind):
            left = calendar.working_days_between(today, campaign.deadline)
            if left not in REMIND_WORKING_DAYS_BEFORE:
                continue
            if kind == "renewal":
                owing = campaigns.units_with_pending_renewals(session, campaign)
                opened = campaigns.OpenedCampaign(campaign, {
                    unit_id: campaigns.renewal_products(session, ids)
                    for unit_id, ids in owing.items()})
            else:
                opened = campaigns.OpenedCampaign(campaign, {
                    unit_id: [] for unit_id in campaigns.local_unit_ids(session)})
            for unit_id, items in opened.by_unit.items():
                unit = directory.unit(unit_id)
                subject = (f"[OCOP] Nhắc: {SUBJECTS[kind]} - còn {left} ngày làm việc, hạn "
                           f"{campaign.deadline:%d/%m/%Y} ({unit.name})")
                report.count(enqueue(session, message(
                    # One reminder per unit per threshold, however often the flow reruns.
                    f"campaign-reminder:{campaign.id}:{unit.code}:{left}",
                    directory.recipients(unit_id), subject, "campaign_notice",
                    kind=kind, unit_name=unit.name, deadline=campaign.deadline, items=items,
                    campaign_id=campaign.id, sender_name=sender), f"{kind}_campaign",
                    rt.clock.now()))
    return report


REVOCATION_HEADERS = ("STT", "Hồ sơ", "Đơn vị", "Sản phẩm", "Chủ thể", "Số GCN", "Sao",
                      "Lý do thu hồi", "Ghi chú", "Người đề nghị")


def close_campaign(rt: Runtime, actor: str, campaign_id: int,
                   out_dir: Path) -> dict[str, Any]:
    """Close a campaign; for revocation, write the list for the Provincial People's Committee
    (.xlsx) and mail it to the Department."""
    with rt.transaction() as session:
        campaign = campaigns.close(rt, session, actor, campaign_id)
        result: dict[str, Any] = {"campaign": campaign.id, "kind": campaign.kind,
                                  "status": campaign.status}
        if campaign.kind != "revocation":
            return result
        listed = campaigns.proposals(session, campaign.id)
        directory = UnitDirectory.load(session)
        data = revocation_workbook(campaign, listed)
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"danh-sach-thu-hoi-OCOP-{campaign.id}.xlsx"
        path.write_bytes(data)
        subject = (f"[OCOP] Danh sách đề nghị thu hồi ({len(listed)} sản phẩm), chiến dịch "
                   f"số {campaign.id}")
        enqueue(session, message(
            f"revocation-list:{campaign.id}", department_recipients(session, directory), subject,
            "revocation_list", attachments=(attachment(path.name, data),), items=listed,
            campaign_id=campaign.id, deadline=campaign.deadline,
            sender_name=directory.sender_name()), "revocation_list", rt.clock.now())
        result.update({"proposals": len(listed), "file": str(path)})
        return result


def revocation_workbook(campaign: Campaign, listed: list[dict[str, Any]]) -> bytes:
    rows = [(n, p["dossier_id"], p["unit"], p["product"], p["producer"], p["certificate"],
             p["stars"], p["reason_label"], p["note"] or "", p["proposed_by"])
            for n, p in enumerate(listed, start=1)]
    heading = (f"Danh sách sản phẩm OCOP đề nghị UBND tỉnh thu hồi quyết định công nhận "
               f"(chiến dịch số {campaign.id}, hạn {format_date(campaign.deadline)})")
    return workbook_bytes("Đề nghị thu hồi", REVOCATION_HEADERS, rows, heading)


STUCK_HEADERS = ("Trạng thái", "Việc cần làm", "Đơn vị", "Hồ sơ", "Sản phẩm", "Chủ thể",
                 "Vào trạng thái", "Hạn", "Số ngày ở trạng thái", "Quá hạn (ngày làm việc)")


def stuck_report(rt: Runtime, session: Session) -> list[StuckGroup]:
    return stuck_dossiers(session, rt.rules.calendar, rt.clock.now())


def stuck_workbook(groups: list[StuckGroup], today: date) -> bytes:
    rows = [(g.state_label, g.action, g.unit_name, d.dossier_id, d.product, d.producer,
             format_date(d.entered_on), format_date(d.due_on), d.days_in_state, d.working_days_late)
            for g in groups for d in g.dossiers]
    return workbook_bytes("Hồ sơ tồn đọng", STUCK_HEADERS, rows,
                          f"Hồ sơ OCOP quá thời hạn xử lý, tính đến ngày {format_date(today)}")


def queue_stuck_report(rt: Runtime, session: Session) -> QueueReport:
    today = rt.clock.today()
    groups = stuck_report(rt, session)
    report = QueueReport()
    total = sum(g.count for g in groups)
    subject = f"[OCOP] Báo cáo hồ sơ tồn đọng ngày {today:%d/%m/%Y}: {total} hồ sơ"
    data = stuck_workbook(groups, today)
    directory = UnitDirectory.load(session)
    report.count(enqueue(session, message(
        f"stuck-report:{today.isoformat()}", department_recipients(session, directory), subject,
        "stuck_report", attachments=(attachment(f"ho-so-ton-dong-{today:%Y%m%d}.xlsx", data),),
        groups=groups, today=today, total=total, sender_name=directory.sender_name()),
        "stuck_report", rt.clock.now()))
    return report
