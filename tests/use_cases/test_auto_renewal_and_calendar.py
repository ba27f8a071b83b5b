"""Renewal without a plan (`auto_renewal`), the year's calendar and each schedule's next step."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from states.runtime import Runtime
from states.vocabulary import CampaignKind
from tests.conftest import at, make_runtime
from tests.use_cases.test_campaigns import certified_on
from tests.use_cases.test_campaigns_run_themselves import PLAN_2022, daily_flows
from use_cases import plans, schedules
from use_cases.queries import list_campaigns, show_dossier

AUTO = "[campaigns]\nauto_renewal = { open_months_before_expiry = 6, deadline_days = 45 }\n"


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    return folder


@pytest.fixture
def auto(db_url: str, rules: Path) -> Iterator[Runtime]:
    (rules / "province.toml").write_text(AUTO, encoding="utf-8")
    rt = make_runtime(db_url, rules_dir=rules)
    yield rt
    rt.db.dispose()


def test_auto_renewal_plans_a_campaign_each_quarter_for_what_is_in_range(auto: Runtime) -> None:
    autumn = certified_on(auto, date(2019, 10, 10), "Lục Ngạn", "Vải thiều sấy")  # exp 10/10/2022
    spring = certified_on(auto, date(2020, 4, 28), "Yên Thế", "Gà đồi")  # exp 28/04/2023
    # Q1 2022: campaigns opening before 01/04 cover certificates expiring before 01/10/2022.
    assert daily_flows(auto, date(2022, 1, 4))[0].planned == []
    # Q2: before 01/01/2023: the October certificate, not the April one.
    opened = daily_flows(auto, date(2022, 4, 1))[0]
    assert len(opened.planned) == 1 and [o.products for o in opened.opened] == [1]
    [campaign] = list_campaigns(auto)
    assert (campaign.origin, campaign.opened_on, campaign.deadline, campaign.window_end) == (
        "auto", date(2022, 4, 1), date(2022, 5, 16), date(2023, 1, 1))
    assert show_dossier(auto, "admin", autumn).state == "renewal"
    # The quarter has its campaign.
    assert daily_flows(auto, date(2022, 4, 4))[0] == schedules.PlannedOpening([], [])
    closed = daily_flows(auto, date(2022, 5, 17))[2]
    assert [(c.campaign, c.unreturned) for c in closed] == [(campaign.id, 1)]
    # Q3 (from 01/07): before 01/04/2023, nothing; Q4 (its first working day, Mon 03/10):
    # before 01/07/2023, the April 2023 certificate.
    assert daily_flows(auto, date(2022, 7, 1))[0].planned == []
    assert [o.products for o in daily_flows(auto, date(2022, 10, 3))[0].opened] == [1]
    assert show_dossier(auto, "admin", spring).state == "renewal"


def test_the_plans_own_campaign_comes_first(auto: Runtime, rules: Path) -> None:
    (rules / "plan-2022.toml").write_text(PLAN_2022, encoding="utf-8")
    certified_on(auto, date(2020, 3, 2), "Yên Thế", "Gà đồi")  # exp 02/03/2023
    assert daily_flows(auto, date(2022, 7, 1))[0].planned == []  # 05/09 is in this quarter
    opened = daily_flows(auto, date(2022, 9, 5))[0]
    assert opened.planned == [] and [o.products for o in opened.opened] == [1]
    assert [c.origin for c in list_campaigns(auto) if c.kind == CampaignKind.RENEWAL] == ["plan"]


def test_without_the_setting_nothing_is_planned(rt: Runtime) -> None:
    certified_on(rt, date(2019, 10, 10), "Lục Ngạn", "Vải thiều sấy")
    assert daily_flows(rt, date(2022, 7, 1))[0].planned == []
    assert list_campaigns(rt) == []


def test_calendar_marks_past_today_and_next(any_rt: Runtime, rules: Path) -> None:
    (rules / "plan-2022.toml").write_text(PLAN_2022, encoding="utf-8")
    any_rt.rules_dir = rules
    plans.load_plan_files(any_rt, "admin")
    at(any_rt, date(2022, 9, 5))
    daily_flows(any_rt, date(2022, 9, 5))
    calendar = plans.calendar(any_rt)
    assert calendar.year == 2022
    marks = [(e.on, e.event, e.subject, e.timing) for e in calendar.events]
    assert marks[:2] == [(date(2022, 9, 5), "campaign_opens", "Thu hồi (dự kiến)", "today"),
                         (date(2022, 9, 5), "campaign_opens", "Đánh giá lại số 1", "today")]
    assert {(m[1], m[3]) for m in marks[2:]} == {("campaign_deadline", "next"),
                                                  ("campaign_closes", "later")}
    assert calendar.under_way == ["chiến dịch đánh giá lại số 1 (hạn 15/10/2022)"]
    assert plans.calendar(any_rt, 2023).events == []


def test_each_schedule_says_what_it_does_next(rt: Runtime, rules: Path) -> None:
    (rules / "plan-2022.toml").write_text(PLAN_2022, encoding="utf-8")
    rt.rules_dir = rules
    certified_on(rt, date(2019, 10, 10), "Lục Ngạn", "Vải thiều sấy")
    plans.load_plan_files(rt, "admin")
    at(rt, date(2022, 9, 1))
    upcoming = plans.upcoming(rt)
    assert upcoming.renewal is not None and upcoming.revocation is not None
    assert (upcoming.renewal.on, upcoming.renewal.what) == (
        date(2022, 9, 5), "mở chiến dịch đánh giá lại (dự kiến), hạn 15/10/2022")
    assert upcoming.expiry is not None and upcoming.expiry.on == date(2022, 10, 11)
    assert upcoming.stuck_report is not None and upcoming.stuck_report.on == date(2022, 9, 5)
    daily_flows(rt, date(2022, 9, 5))
    at(rt, date(2022, 9, 6))
    after = plans.upcoming(rt).renewal
    assert after is not None and after.on == date(2022, 9, 30) and "còn 10 ngày" in after.what
    at(rt, date(2022, 10, 14))
    closing = plans.upcoming(rt).renewal
    assert closing is not None and (closing.on, closing.what) == (
        date(2022, 10, 17), "đóng chiến dịch đánh giá lại số 1, báo cáo Sở")
