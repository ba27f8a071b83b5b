"""The yearly plan as data: rounds with their deadlines decide a dossier's round and due dates;
plan files and .xlsx load idempotently and say clearly what is wrong, naming file and key."""

import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from states.errors import ConfigurationError, InvalidInput, RuleRefused
from states.programme.plans import RoundSpec
from states.runtime import Runtime
from tests.builders import advance, register
from tests.conftest import at
from use_cases import plans
from use_cases.queries import show_dossier

ROUND = """
[[rounds]]
code = "{code}"
name = "Đợt {number} năm 2022"
{rulebook}registration_opens = {dates[0]}
registration_closes = {dates[1]}
local_deadline = {dates[2]}
provincial_deadline = {dates[3]}
"""
ROUNDS = ROUND.format(code="2022-1", number=1, rulebook="", dates=(
    "2022-02-07", "2022-03-31", "2022-05-31", "2022-08-31")) + ROUND.format(
    code="2022-2", number=2, rulebook='rulebook = "qd1048-2019"\n', dates=(
        "2022-04-15", "2022-09-15", "2022-10-15", "2022-12-15"))
CAMPAIGN = """
[[campaigns]]
kind = "renewal"
opens_on = {opens}
deadline = 2022-10-15
"""


def write_plan(folder: Path, text: str, name: str = "plan-2022.toml") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load(rt: Runtime, folder: Path, text: str) -> list[plans.PlanSaved]:
    rt.rules_dir = folder
    write_plan(folder, text)
    return plans.load_plan_files(rt, "admin")


def test_registration_joins_the_open_round_or_the_next(any_rt: Runtime, tmp_path: Path) -> None:
    at(any_rt, date(2021, 11, 2))
    assert show_dossier(any_rt, "admin", register(any_rt)).round == "2021-2"  # no plan for 2021
    load(any_rt, tmp_path / "rules", ROUNDS)
    joined = {}
    for day in (date(2022, 1, 4), date(2022, 3, 31), date(2022, 4, 5), date(2022, 9, 15),
                date(2022, 9, 16)):
        at(any_rt, day)
        view = show_dossier(any_rt, "admin", register(any_rt, name=f"Sản phẩm {day:%d/%m}"))
        joined[day] = (view.round, view.round_name)
    assert joined == {
        date(2022, 1, 4): ("2022-1", "Đợt 1 năm 2022"),  # before registration opens: waits for it
        date(2022, 3, 31): ("2022-1", "Đợt 1 năm 2022"),
        date(2022, 4, 5): ("2022-2", "Đợt 2 năm 2022"),  # round 1 closed: the next round
        date(2022, 9, 15): ("2022-2", "Đợt 2 năm 2022"),
        date(2022, 9, 16): ("2023-1", None),  # the year's last round closed, no 2023 plan yet
    }


def test_the_round_deadline_comes_before_the_working_day_limit(any_rt: Runtime,
                                                               tmp_path: Path) -> None:
    load(any_rt, tmp_path / "rules", ROUNDS.replace("2022-03-31", "2022-03-02")
         .replace("2022-05-31", "2022-03-04").replace("2022-08-31", "2022-03-10"))
    at(any_rt, date(2022, 3, 1))
    registered, inspected, forwarded = (register(any_rt, name=n) for n in ("Vải", "Na", "Mật ong"))
    advance(any_rt, inspected, "district_inspected")
    advance(any_rt, forwarded, "provincial_review")
    due = [show_dossier(any_rt, "admin", i).due_on for i in (registered, inspected, forwarded)]
    # By working days: 22/03 (15), 15/03 (10) and 12/04 (30); the plan wants local steps done by
    # 04/03 and the provincial council by 10/03.
    assert due == [date(2022, 3, 4), date(2022, 3, 4), date(2022, 3, 10)]
    at(any_rt, date(2022, 4, 19))
    roomy = register(any_rt, name="Gà đồi")  # round 2: its local deadline (15/10) is far away
    assert show_dossier(any_rt, "admin", roomy).due_on == date(2022, 5, 12)  # the 15-day limit


def test_loading_again_changes_nothing_and_an_edit_replaces_what_has_not_started(
        any_rt: Runtime, tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    at(any_rt, date(2022, 1, 4))
    [first] = load(any_rt, folder, ROUNDS + CAMPAIGN.format(opens="2022-09-05"))
    assert (first.rounds_added, first.campaigns_added) == (2, 1)
    [again] = load(any_rt, folder, ROUNDS + CAMPAIGN.format(opens="2022-09-05"))
    assert not again.changed
    [moved] = load(any_rt, folder, ROUNDS.replace("2022-12-15", "2022-12-20")
                   + CAMPAIGN.format(opens="2022-09-12"))
    assert (moved.rounds_updated, moved.campaigns_added, moved.campaigns_removed) == (1, 1, 1)
    calendar = plans.calendar(any_rt, 2022)
    opening = [e.on for e in calendar.events if e.event == "campaign_opens"]
    assert opening == [date(2022, 9, 12)]


def test_a_started_campaign_is_kept_as_it_ran(any_rt: Runtime, tmp_path: Path) -> None:
    from use_cases import schedules

    folder = tmp_path / "rules"
    load(any_rt, folder, CAMPAIGN.format(opens="2022-09-05"))
    at(any_rt, date(2022, 9, 5))
    schedules.open_planned_campaigns(any_rt, "renewal")  # type: ignore[arg-type]
    [edited] = load(any_rt, folder, CAMPAIGN.format(opens="2022-09-05").replace(
        "2022-10-15", "2022-10-31"))
    assert (edited.campaigns_started, edited.campaigns_updated) == (1, 0)


@pytest.mark.parametrize(("text", "name", "expected"), [
    (ROUNDS.replace("registration_closes = 2022-03-31", "registration_closes = 2022-06-30"),
     "plan-2022.toml", "[[rounds]] thứ 1: |theo thứ tự"),
    (ROUNDS.replace("local_deadline = 2022-10-15", "local_deadlin = 2022-10-15"),
     "plan-2022.toml", "[[rounds]] thứ 2, khoá 'local_deadlin'"),
    (CAMPAIGN.format(opens="2022-09-05").replace('"renewal"', '"renew"'),
     "plan-2022.toml", "[[campaigns]] thứ 1, khoá 'kind'"),
    (CAMPAIGN.format(opens="2022-09-05") + 'expiring_before = "31/02/2023"\n',
     "plan-2022.toml", "khoá 'expiring_before'"),
    (ROUNDS, "plan-2023.toml", "không thuộc kế hoạch năm 2023"),
    (ROUNDS, "plan-2022-b.toml", "plan-YYYY.toml"),
])
def test_a_wrong_plan_file_names_the_file_and_the_key(rt: Runtime, tmp_path: Path, text: str,
                                                       name: str, expected: str) -> None:
    path = write_plan(tmp_path, text, name)
    with pytest.raises(ConfigurationError) as error:
        plans.load_plan_files(rt, "admin", [path])
    assert name in error.value.message
    assert all(part in error.value.message for part in expected.split("|"))


def test_rulebooks_of_a_round_are_checked_and_pinned(rt: Runtime, tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    with pytest.raises(InvalidInput, match=re.escape("plan-2022.toml: đợt 2022-2, khoá 'rulebook'")):
        load(rt, folder, ROUNDS.replace('"qd1048-2019"', '"qd9999"'))
    load(rt, folder, ROUNDS)
    at(rt, date(2022, 4, 19))
    register(rt)
    with pytest.raises(RuleRefused, match="đã có hồ sơ theo qd1048-2019"):
        load(rt, folder, ROUNDS.replace('"qd1048-2019"', '"qd148-2023"'))


def test_overlapping_registration_is_refused(rt: Runtime, tmp_path: Path) -> None:
    load(rt, tmp_path / "rules", ROUNDS)
    overlapping = RoundSpec(code="2022-bs", name="Đợt bổ sung", registration_opens=date(2022, 9, 1),
                            registration_closes=date(2022, 9, 30), local_deadline=date(2022, 10, 31),
                            provincial_deadline=date(2022, 12, 31))
    with pytest.raises(InvalidInput, match="chồng lên nhau"):
        plans.add_round(rt, "admin", overlapping)


def workbook(path: Path, campaign_deadline: object) -> Path:
    book = Workbook()
    rounds = book.active
    assert rounds is not None
    rounds.title = "Đợt đánh giá"
    rounds.append(["Mã đợt", "Tên đợt", "Bộ quy định", "Mở đăng ký", "Hết hạn đăng ký",
                   "Hạn cấp huyện/xã", "Hạn cấp tỉnh"])
    rounds.append(["2022-2", "Đợt 2 năm 2022", None, date(2022, 4, 1), "15/09/2022",
                   date(2022, 10, 15), date(2022, 12, 15)])
    rounds.append([None] * 7)
    campaigns = book.create_sheet("Chiến dịch")
    campaigns.append(["Loại", "Ngày mở", "Hạn nộp", "Hết hạn trước", "Hết hạn trong (tháng)"])
    campaigns.append(["Đánh giá lại", date(2022, 9, 5), campaign_deadline, None, 6])
    campaigns.append(["thu hồi", "05/09/2022", "15/10/2022", None, None])
    book.save(path)
    return path


def test_import_from_excel(any_rt: Runtime, tmp_path: Path) -> None:
    at(any_rt, date(2022, 3, 1))
    saved = plans.import_workbook(any_rt, "admin", workbook(tmp_path / "ke-hoach.xlsx",
                                                             date(2022, 10, 15)))
    assert (saved.source, saved.rounds_added, saved.campaigns_added) == ("ke-hoach.xlsx", 1, 2)
    again = plans.import_workbook(any_rt, "admin", tmp_path / "ke-hoach.xlsx")
    assert not again.changed
    events = {(e.on, e.event) for e in plans.calendar(any_rt, 2022).events}
    assert {(date(2022, 9, 15), "registration_closes"), (date(2022, 9, 5), "campaign_opens"),
            (date(2022, 10, 15), "campaign_deadline")} <= events


def test_excel_errors_name_the_sheet_row_and_column(rt: Runtime, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="trang 'Chiến dịch', dòng 2: cột 'Hạn nộp'"):
        plans.import_workbook(rt, "admin", workbook(tmp_path / "sai.xlsx", "31/09/2022"))
    (tmp_path / "rong.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(InvalidInput, match="không đọc được tệp Excel"):
        plans.import_workbook(rt, "admin", tmp_path / "rong.xlsx")
