"""The Department's dashboard beside its counts: the year's plan as a calendar (rounds,
campaigns, past / today / next), each schedule's next action, and the training gaps."""

import re
from datetime import date
from pathlib import Path

from states.training.training_commands import CourseInput
from states.vocabulary import CampaignKind
from tests.conftest import at
from tests.web.conftest import Site
from use_cases import plans, schedules
from use_cases.identity import add_user_with_password
from use_cases.training import attend, open_course

PLAN_2022 = Path(__file__).parents[2] / "demo" / "rules" / "plan-2022.toml"


def test_the_plan_shows_as_a_calendar_with_rounds_campaigns_and_the_next_actions(
        any_site: Site) -> None:
    rt = at(any_site.rt, date(2022, 9, 6))
    plans.load_plan_files(rt, "admin", [PLAN_2022])
    schedules.open_planned_campaigns(rt, CampaignKind.RENEWAL)  # opens as the daily flow does
    page = any_site.login("admin").get("/dashboard").text
    assert "Kế hoạch năm 2022" in page and "Hôm nay 06/09/2022" in page
    # Twelve months, September's events in its own box.
    assert len(re.findall(r'<li class="month', page)) == 12
    september = re.search(r'<li class="month current">\s*<h3>Tháng 9/2022</h3>(.*?)</ul>', page,
                          re.S)
    assert september and "Mở chiến dịch: Đánh giá lại số" in september.group(1)
    assert "Hết hạn đăng ký: Đợt 2 năm 2022 (2022-2) <span class=\"badge\">tiếp theo</span>" in (
        september.group(1))
    rounds = re.search(r"<h3>Đợt đánh giá</h3>(.*?)</table>", page, re.S)
    assert rounds
    first, second = re.findall(r"<tr[^>]*><th scope=\"row\">(.*?)</tr>", rounds.group(1), re.S)
    assert "Đợt 1 năm 2022 (2022-1)" in first and "đang diễn ra" not in first
    assert "31/08/2022 <small>(đã qua)</small>" in first
    assert "Đợt 2 năm 2022 (2022-2) <span class=\"badge\">đang diễn ra</span>" in second
    assert "15/09/2022 <small>(tiếp theo)</small>" in second
    campaigns = re.search(r"<h3>Chiến dịch</h3>(.*?)</table>", page, re.S)
    assert campaigns
    assert re.search(r'<a href="/campaigns/\d+">Đánh giá lại số \d+</a>.*?Đang mở \(theo kế hoạch\)',
                     campaigns.group(1), re.S)
    assert re.search(r"Thu hồi \(dự kiến\).*?Theo kế hoạch, chưa mở \(theo kế hoạch\)",
                     campaigns.group(1), re.S)
    assert re.search(r"Chiến dịch thu hồi <small><code>revocation-campaign</code></small></th>"
                     r"<td>06/09/2022</td><td>Mở chiến dịch thu hồi \(dự kiến\), hạn 15/10/2022", page)
    assert "Báo cáo hồ sơ tồn đọng gửi Sở" in page and "12/09/2022" in page
    other = any_site.login("admin").get("/dashboard?year=2023").text
    assert "Chưa có kế hoạch năm 2023" in other


def test_the_dashboard_names_the_units_without_a_trained_officer(site: Site) -> None:
    rt = site.rt
    add_user_with_password(rt, "admin", "can-bo-son-dong", "district", "son-dong", None,
                           "mat-khau-thu-nghiem")
    course = open_course(rt, "admin", CourseInput("Tập huấn", "Sở", date(2022, 2, 21),
                                                  date(2022, 2, 21), "Sở", [], []))
    attend(rt, "admin", course.course_id, ["can-bo-yen-the", "can-bo-son-dong"])
    page = site.login("admin").get("/dashboard").text
    line = re.search(r"Tập huấn: (.*?)</p>", page, re.S)
    assert line and "8/10 đơn vị</a> không có cán bộ OCOP được tập huấn từ ngày 01/03/2021" in (
        line.group(1))
    assert "Huyện Lục Ngạn" in line.group(1) and "Huyện Yên Thế" not in line.group(1)
    assert "Huyện Sơn Động" not in line.group(1)
