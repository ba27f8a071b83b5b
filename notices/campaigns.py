"""What units and the Department are told about campaigns: the opening notice, reminders as
the deadline nears, and the revocation list for the Provincial People's Committee."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from notices.queueing import QueueReport
from notices.recipients import UnitDirectory, department_recipients
from notices.rendering import letter
from notices.spreadsheets import attachment, workbook_bytes
from notifiers.message import Attachment
from states.clock import format_date
from states.db.models import Campaign
from states.programme.campaign_commands import OpenedCampaign
from states.programme.campaigns import (
    ProposalRow,
    certified_products,
    group_by_unit,
    open_campaigns,
    proposals,
    renewal_outcome,
    renewal_products,
    units_with_pending_renewals,
)
from states.runtime import Runtime
from states.vocabulary import CampaignKind, RevocationReason, label

SUBJECTS = {CampaignKind.RENEWAL: "Đánh giá lại sản phẩm OCOP",
            CampaignKind.REVOCATION: "Rà soát đề nghị thu hồi OCOP"}


def _queue_unit_notices(rt: Runtime, session: Session, opened: OpenedCampaign,
                        key: str, subject: str, report: QueueReport, **context: Any) -> None:
    """One notice per unit of `opened` that has something to do (a product to renew, or a
    recognised product to review); `key` and `subject` are formatted per unit."""
    campaign = opened.campaign
    kind = CampaignKind(campaign.kind)
    directory = UnitDirectory.load(session, rt.clock.today())
    for unit_id, items in sorted(opened.by_unit.items()):
        if not items:
            continue  # nothing recognised there: nothing to review, no letter
        if not directory.is_current(unit_id):
            continue  # a gone unit's dossiers are on the Department's "chưa xác định xã" list
        unit, name = directory.unit(unit_id), directory.name(unit_id)
        report.add(session, letter(
            key.format(campaign=campaign.id, unit=unit.code),
            directory.recipients(unit_id), subject.format(unit=name, count=len(items)),
            "campaign_notice", kind=kind, unit_name=name, deadline=campaign.deadline,
            items=items, campaign_id=campaign.id, department=directory.department,
            reasons=REVOCATION_REASONS, **({"reminder": None} | context)),
            f"{kind}_campaign", rt.clock.now())


# The reason codes `propose-revocation --reason` takes, with what each means.
REVOCATION_REASONS = tuple((reason.value, label(reason)) for reason in RevocationReason)


def queue_opening_notices(rt: Runtime, session: Session, opened: OpenedCampaign) -> QueueReport:
    report = QueueReport()
    kind = CampaignKind(opened.campaign.kind)
    subject = (f"[OCOP] {SUBJECTS[kind]} - {{unit}}: hạn nộp {opened.campaign.deadline:%d/%m/%Y}"
               + (" ({count} sản phẩm)" if kind == CampaignKind.RENEWAL else ""))
    _queue_unit_notices(rt, session, opened, "campaign:{campaign}:{unit}", subject, report)
    return report


def _still_owing(session: Session, campaign: Campaign) -> OpenedCampaign:
    """What each unit still owes: renewal, the products not yet sent back; revocation, the
    recognised products it has not proposed (a unit may propose none: it is told once more)."""
    if campaign.kind == CampaignKind.RENEWAL:
        owing = units_with_pending_renewals(session, campaign)
        return OpenedCampaign(campaign, {unit_id: renewal_products(session, ids)
                                         for unit_id, ids in owing.items()})
    proposed = {p.dossier_id for p in proposals(session, campaign.id)}
    return OpenedCampaign(campaign, group_by_unit(
        [item for item in certified_products(session) if item.dossier_id not in proposed]))


def queue_campaign_reminders(rt: Runtime, session: Session,
                             kinds: tuple[CampaignKind, ...] = tuple(CampaignKind)) -> QueueReport:
    """As a deadline nears (by default 10, 5 and 1 working days before), remind the units
    still owing."""
    today = rt.clock.today()
    calendar = rt.rules.calendar
    report = QueueReport()
    if not calendar.is_working_day(today):
        return report
    remind_at = set(rt.rules.notices.campaign_reminder_working_days)
    for kind in kinds:
        for campaign in open_campaigns(session, kind):
            left = calendar.working_days_between(today, campaign.deadline)
            if left not in remind_at:
                continue
            subject = (f"[OCOP] Nhắc: {SUBJECTS[kind]} - còn {left} ngày làm việc, hạn "
                       f"{campaign.deadline:%d/%m/%Y} ({{unit}})")
            # One reminder per unit per threshold, however often the flow reruns.
            _queue_unit_notices(rt, session, _still_owing(session, campaign),
                                f"campaign-reminder:{{campaign}}:{{unit}}:{left}", subject, report,
                                reminder=left)
    return report


REVOCATION_HEADERS = ("STT", "Hồ sơ", "Đơn vị", "Sản phẩm", "Chủ thể", "Số GCN", "Sao",
                      "Lý do thu hồi", "Ghi chú", "Người đề nghị")


@dataclass(frozen=True)
class ClosingReport:
    """What a closing campaign sent the Department: the list as .xlsx, and how long it is."""

    filename: str
    content: bytes
    rows: int  # revocation: proposals; renewal: products not sent back
    listed: int | None = None  # renewal: products the campaign asked for


def revocation_filename(campaign_id: int) -> str:
    return f"danh-sach-thu-hoi-OCOP-{campaign_id}.xlsx"


def revocation_workbook(campaign: Campaign, listed: list[ProposalRow]) -> bytes:
    rows = [(n, p.dossier_id, p.unit, p.product, p.producer, p.certificate, p.stars,
             p.reason_label, p.note or "", p.proposer_name or p.proposed_by)
            for n, p in enumerate(listed, start=1)]
    heading = (f"Danh sách sản phẩm OCOP đề nghị UBND tỉnh thu hồi quyết định công nhận "
               f"(chiến dịch số {campaign.id}, hạn {format_date(campaign.deadline)})")
    return workbook_bytes("Đề nghị thu hồi", REVOCATION_HEADERS, rows, heading)


def queue_revocation_list(rt: Runtime, session: Session, campaign: Campaign,
                          listed: list[ProposalRow]) -> ClosingReport:
    """The list for the Provincial People's Committee, mailed to the Department."""
    data = revocation_workbook(campaign, listed)
    filename = revocation_filename(campaign.id)
    subject = (f"[OCOP] Danh sách đề nghị thu hồi ({len(listed)} sản phẩm), chiến dịch "
               f"số {campaign.id}")
    _queue_department_letter(rt, session, f"revocation-list:{campaign.id}", subject,
                             "revocation_list", attachment(filename, data), items=listed,
                             campaign_id=campaign.id, deadline=campaign.deadline)
    return ClosingReport(filename, data, len(listed))


def _queue_department_letter(rt: Runtime, session: Session, key: str, subject: str,
                             template: str, sheet: Attachment, **context: Any) -> None:
    directory = UnitDirectory.load(session, rt.clock.today())
    QueueReport().add(session, letter(
        key, department_recipients(session, directory), subject, template, attachments=(sheet,),
        department=directory.department, **context), template, rt.clock.now())


UNRETURNED_HEADERS = ("STT", "Hồ sơ", "Đơn vị", "Sản phẩm", "Chủ thể", "Số GCN", "Sao",
                      "Hết hạn", "Tình trạng")


def queue_renewal_report(rt: Runtime, session: Session, campaign: Campaign) -> ClosingReport:
    """The renewal campaign is over: which products the units did not send back."""
    outcome = renewal_outcome(session, campaign.id)
    missing = outcome.unreturned
    rows = [(n, r.dossier_id, r.unit, r.product, r.producer, r.certificate or "", r.stars or "",
             r.expires_on, r.state_label) for n, r in enumerate(missing, start=1)]
    data = workbook_bytes("Chưa gửi lại", UNRETURNED_HEADERS, rows, (
        f"Sản phẩm OCOP chưa được gửi hồ sơ đánh giá lại (chiến dịch số {campaign.id}, "
        f"hạn {format_date(campaign.deadline)})"))
    filename = f"chua-danh-gia-lai-OCOP-{campaign.id}.xlsx"
    subject = (f"[OCOP] Đánh giá lại: {len(missing)}/{outcome.listed} sản phẩm chưa được gửi lại "
               f"(chiến dịch số {campaign.id}, hạn {format_date(campaign.deadline)})")
    _queue_department_letter(rt, session, f"renewal-report:{campaign.id}", subject,
                             "renewal_report", attachment(filename, data), items=missing,
                             listed=outcome.listed, campaign_id=campaign.id,
                             deadline=campaign.deadline)
    return ClosingReport(filename, data, len(missing), outcome.listed)


def queue_closing_report(rt: Runtime, session: Session, campaign: Campaign) -> ClosingReport:
    if campaign.kind == CampaignKind.REVOCATION:
        return queue_revocation_list(rt, session, campaign, proposals(session, campaign.id))
    return queue_renewal_report(rt, session, campaign)
