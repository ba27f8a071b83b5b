"""Campaigns of the yearly plan run themselves: the daily flows' use cases, replayed day by day,
open, remind and close them, once each, on both databases."""

import base64
from collections.abc import Iterator
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from states.db.models import Campaign, DossierEvent, OutboxMessage
from states.runtime import Runtime
from states.vocabulary import CampaignKind
from tests.builders import advance
from tests.conftest import at, make_runtime
from tests.use_cases.test_campaigns import certified_on
from use_cases import schedules
from use_cases.campaigns import close_campaign, open_campaign
from use_cases.queries import list_campaigns, show_dossier

RENEWAL = CampaignKind.RENEWAL
PLAN_2022 = """
[[campaigns]]
kind = "renewal"
opens_on = 2022-09-05
deadline = 2022-10-15
expiring_within_months = 6

[[campaigns]]
kind = "revocation"
opens_on = 2022-09-05
deadline = "15/10/2022"
"""


@pytest.fixture
def planned(db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    """A runtime whose OCOP_RULES_DIR holds plan-2022.toml."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "plan-2022.toml").write_text(PLAN_2022, encoding="utf-8")
    rt = make_runtime(db_url, rules_dir=rules)
    yield rt
    rt.db.dispose()


def daily_flows(rt: Runtime, day: date, kind: CampaignKind = RENEWAL) -> tuple[
        schedules.PlannedOpening, int, list[schedules.CampaignClosed]]:
    """What the daily flows call on `day`, in their order (flows/certificates.py, then
    flows/campaigns.py: remind, close, open)."""
    at(rt, day)
    schedules.expire_certificates(rt)
    reminded = schedules.campaign_reminders(rt, kind).queued
    closed = schedules.close_planned_campaigns(rt, kind)
    return schedules.open_planned_campaigns(rt, kind), reminded, closed


def snapshot(rt: Runtime) -> tuple[list[str], int, list[tuple[int, str]]]:
    with rt.transaction() as session:
        keys = sorted(session.scalars(select(OutboxMessage.dedupe_key)))
        events = session.scalar(select(func.count()).select_from(DossierEvent)) or 0
        campaigns = [(c.id, c.status) for c in session.scalars(select(Campaign).order_by(Campaign.id))]
    return keys, events, campaigns


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_a_planned_renewal_campaign_opens_reminds_and_closes_itself(planned: Runtime) -> None:
    rt = planned
    lapsing = certified_on(rt, date(2019, 10, 10), "Lục Ngạn", "Vải thiều sấy")  # exp 10/10/2022
    waiting = certified_on(rt, date(2019, 12, 2), "Sơn Động", "Mật ong rừng")  # exp 02/12/2022
    returned = certified_on(rt, date(2020, 3, 2), "Yên Thế", "Gà đồi")  # exp 02/03/2023
    outside = certified_on(rt, date(2021, 6, 1), "Yên Thế", "Mật ong")  # exp 01/06/2024
    opened_on, reminded_on, closed_on = [], [], []
    for day in days(date(2022, 9, 1), date(2022, 10, 20)):
        if day == date(2022, 9, 20):  # Yên Thế sends its product back: inspection starts
            advance(rt, returned, "district_inspected")
        opened, reminded, closed = daily_flows(rt, day)
        opened_on += [(day, o.products, o.units_notified) for o in opened.opened]
        reminded_on += [(day, reminded)] if reminded else []
        closed_on += [(day, c.unreturned, c.listed) for c in closed]
    # Mon 05/09: three certificates in scope (expiring before 15/04/2023), three units told.
    assert opened_on == [(date(2022, 9, 5), 3, 3)]
    assert show_dossier(rt, "admin", outside).state == "certified"
    # 15/10/2022 is a Saturday: 10, 5 and 1 working days before are 30/09, 07/10 and 13/10;
    # after 20/09 Yên Thế owes nothing, and Lục Ngạn's certificate lapsed on 11/10.
    assert reminded_on == [(date(2022, 9, 30), 2), (date(2022, 10, 7), 2), (date(2022, 10, 13), 1)]
    assert closed_on == [(date(2022, 10, 17), 2, 3)]  # the working day after the deadline
    [campaign] = [c for c in list_campaigns(rt) if c.kind == RENEWAL]
    assert (campaign.status, campaign.origin, campaign.closed_on) == (
        "closed", "plan", date(2022, 10, 17))
    with rt.transaction() as session:
        report = session.scalar(select(OutboxMessage).where(
            OutboxMessage.dedupe_key == f"renewal-report:{campaign.id}"))
        assert report is not None
        assert report.recipients == ["ocop.snn-bacgiang@example.invalid"]
        assert "2/3 sản phẩm chưa được gửi lại" in report.subject
        assert "Vải thiều sấy" in report.text_body and "Gà đồi" not in report.text_body
        sheet = load_workbook(BytesIO(base64.b64decode(
            report.attachments[0]["content_b64"]))).active
    assert sheet is not None
    rows = [(r[1], r[3], r[8]) for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert rows == [(lapsing, "Vải thiều sấy", "Hết hiệu lực"),
                    (waiting, "Mật ong rừng", "Đang đánh giá lại")]
    before = snapshot(rt)
    for day in days(date(2022, 9, 1), date(2022, 10, 20)):
        daily_flows(rt, day)
    assert snapshot(rt) == before  # a second replay of the same days adds nothing


def test_revocation_campaign_closes_with_the_proposals(planned: Runtime) -> None:
    from use_cases.campaigns import propose_revocation

    ceased = certified_on(planned, date(2020, 3, 2), "Yên Thế", "Gà đồi")
    opened, _, _ = daily_flows(planned, date(2022, 9, 5), CampaignKind.REVOCATION)
    [campaign] = opened.opened
    assert campaign.units_notified == 10
    propose_revocation(planned, "admin", campaign.campaign_id, ceased, "ceased")
    assert daily_flows(planned, date(2022, 10, 14), CampaignKind.REVOCATION)[2] == []
    _, _, closed = daily_flows(planned, date(2022, 10, 17), CampaignKind.REVOCATION)
    assert [(c.campaign, c.proposals) for c in closed] == [(campaign.campaign_id, 1)]
    assert f"revocation-list:{campaign.campaign_id}" in snapshot(planned)[0]


def test_nothing_runs_on_a_day_off_and_a_late_plan_still_opens(planned: Runtime) -> None:
    certified_on(planned, date(2019, 10, 10), "Lục Ngạn", "Vải thiều sấy")
    # Nothing happens on Saturday 03/09; the plan's day (05/09) was missed: it opens on 06/09.
    assert daily_flows(planned, date(2022, 9, 3))[0].opened == []
    assert [o.products for o in daily_flows(planned, date(2022, 9, 6))[0].opened] == [1]
    [campaign] = [c for c in list_campaigns(planned) if c.kind == RENEWAL]
    assert campaign.opened_on == date(2022, 9, 6)


def test_a_campaign_opened_by_hand_is_closed_by_hand(any_rt: Runtime, tmp_path: Path) -> None:
    certified_on(any_rt, date(2019, 10, 10), "Lục Ngạn", "Vải thiều sấy")
    at(any_rt, date(2022, 9, 5))
    opened = open_campaign(any_rt, "admin", RENEWAL, date(2022, 10, 15))
    assert daily_flows(any_rt, date(2022, 10, 17))[2] == []
    closed = close_campaign(any_rt, "admin", opened.campaign_id, tmp_path)
    assert (closed.unreturned, closed.listed) == (1, 1)  # it lapsed on 11/10 without coming back
    assert closed.file is not None and closed.file.name == f"chua-danh-gia-lai-OCOP-{opened.campaign_id}.xlsx"
    assert closed.file.exists()
