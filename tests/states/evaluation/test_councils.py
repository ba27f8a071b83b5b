"""A council scores criterion by criterion, on SQLite and PostgreSQL: the result follows from
the members' sheets, a mandatory failure stops a 95-point product, a reopened sheet is audited,
and each refusal writes nothing."""

from datetime import date

import pytest
from sqlalchemy import select

from states.db.models import Council, OutboxMessage, User
from states.errors import OcopError, PermissionDenied, RuleRefused
from states.runtime import Runtime
from tests.conftest import at
from tests.states.evaluation.councils_setup import (
    EIGHTY,
    EIGHTY_FIVE,
    HUNDRED,
    MEETING,
    NINETY_FIVE_FAILED,
    SEVENTY,
    in_session,
    provincial_council,
    score_all,
)
from use_cases import councils as uc
from use_cases import dossiers as c
from use_cases.queries import dossier_history, show_dossier

# The complaint window's default is 5 working days: published on the meeting day (Monday
# 07/03/2022), it ends on Monday 14/03 (not counting the weekend), and recognition may come
# from 15/03.
AFTER_WINDOW = date(2022, 3, 15)


def test_a_provincial_four_star_result_follows_from_the_sheets(any_rt: Runtime) -> None:
    council, [dossier] = provincial_council(any_rt)
    in_session(any_rt, council)
    score_all(any_rt, council, dossier, {"chu-tich": EIGHTY, "thu-ky-hd": EIGHTY_FIVE,
                                         "uy-vien-1": SEVENTY, "uy-vien-2": EIGHTY})
    result = uc.result(any_rt, "chu-tich", council, dossier)
    assert [m.total for m in result.members] == [80, 85, 70, 80]
    assert (result.average, result.stars, result.failed_mandatory) == (78.75, 4, [])
    closed = uc.close(any_rt, "chu-tich", council)
    assert closed.council.status == "closed" and closed.council.dossiers[0].stars == 4
    uc.publish(any_rt, "admin", council)  # 07/03: complaints heard until 14/03
    # Recognition reads the closed result: nothing typed.
    view = c.certify(at(any_rt, AFTER_WINDOW), "admin", dossier, totals=None,
                     decision="12/QĐ-UBND", on=AFTER_WINDOW)
    assert view.state == "certified" and view.certificate is not None
    assert (view.certificate.stars, view.provincial_points) == (4, 78.75)


def test_a_failed_mandatory_criterion_stops_a_95_point_product(any_rt: Runtime) -> None:
    council, [dossier] = provincial_council(any_rt)
    in_session(any_rt, council)
    score_all(any_rt, council, dossier, {"chu-tich": NINETY_FIVE_FAILED, "thu-ky-hd": NINETY_FIVE_FAILED,
                                         "uy-vien-1": NINETY_FIVE_FAILED, "uy-vien-2": HUNDRED})
    closed = uc.close(any_rt, "chu-tich", council)
    assert closed.results[0].average == 96.25
    assert closed.results[0].failed_mandatory == ["A0 (3/4 thành viên)"]
    with pytest.raises(RuleRefused, match="không đạt tiêu chí bắt buộc: A0"):
        c.certify(any_rt, "admin", dossier, totals=None, decision="12/QĐ-UBND", on=MEETING)
    assert show_dossier(any_rt, "admin", dossier).state == "provincial_review"


def test_a_reopened_sheet_is_audited_and_scored_again(any_rt: Runtime) -> None:
    council, [dossier] = provincial_council(any_rt)
    in_session(any_rt, council)
    score_all(any_rt, council, dossier, {"chu-tich": SEVENTY, "thu-ky-hd": SEVENTY,
                                         "uy-vien-1": SEVENTY, "uy-vien-2": HUNDRED})
    with pytest.raises(RuleRefused, match=r"xác nhận đã thảo luận điểm lệch.*100 \(\+22.5\)"):
        uc.close(any_rt, "chu-tich", council)  # 100 is 22.5 from the mean of 77.5
    reopened = uc.reopen(any_rt, "chu-tich", council, dossier, "uy-vien-2", "Chấm lại tiêu chí B1")
    assert reopened.status == "draft"
    events = [e for e in dossier_history(any_rt, "admin", dossier) if e.trigger == "reopen_sheet"]
    assert len(events) == 1 and events[0].note == "Chấm lại tiêu chí B1"
    assert events[0].actor == "chu-tich"
    score_all(any_rt, council, dossier, {"uy-vien-2": EIGHTY_FIVE})
    assert uc.close(any_rt, "chu-tich", council).results[0].average == 73.75


def test_the_chair_acknowledges_a_discrepancy_before_closing(rt: Runtime) -> None:
    council, [dossier] = provincial_council(rt)
    in_session(rt, council)
    score_all(rt, council, dossier, {"chu-tich": SEVENTY, "thu-ky-hd": SEVENTY,
                                     "uy-vien-1": SEVENTY, "uy-vien-2": HUNDRED})
    with pytest.raises(PermissionDenied):
        uc.acknowledge(rt, "uy-vien-1", council, dossier)
    assert uc.acknowledge(rt, "chu-tich", council, dossier).discrepancy_acknowledged_by == "chu-tich"
    assert uc.close(rt, "chu-tich", council).results[0].average == 77.5


def test_members_see_only_their_own_sheet_until_all_submitted(any_rt: Runtime) -> None:
    council, [dossier] = provincial_council(any_rt)
    in_session(any_rt, council)
    score_all(any_rt, council, dossier, {"chu-tich": EIGHTY})
    with pytest.raises(PermissionDenied, match="mọi thành viên đã nộp"):
        uc.sheet(any_rt, "uy-vien-1", council, dossier, "chu-tich")
    with pytest.raises(RuleRefused, match="chưa nộp"):
        uc.result(any_rt, "chu-tich", council, dossier)
    assert uc.sheet(any_rt, "chu-tich", council, dossier).total == 80


def test_a_member_with_a_conflict_abstains(any_rt: Runtime) -> None:
    council, [dossier] = provincial_council(any_rt)
    uc.declare_conflict(any_rt, "uy-vien-1", council, dossier, "Là thành viên HTX")
    in_session(any_rt, council)
    score_all(any_rt, council, dossier, {"chu-tich": EIGHTY, "thu-ky-hd": EIGHTY,
                                         "uy-vien-2": SEVENTY})
    assert [m.member for m in uc.close(any_rt, "chu-tich", council).results[0].members] == [
        "chu-tich", "thu-ky-hd", "uy-vien-2"]


def test_the_session_waits_for_the_package_and_the_quorum(any_rt: Runtime) -> None:
    council, _ = provincial_council(any_rt)
    late = date(2022, 3, 4)  # a Friday: one working day before the meeting
    uc.record_package(at(any_rt, late), "admin", council, late)
    with pytest.raises(RuleRefused, match=r"quá muộn.*chậm nhất ngày 03/03/2022"):
        in_session(any_rt, council)
    uc.record_package(at(any_rt, date(2022, 3, 1)), "admin", council, date(2022, 3, 1))
    with pytest.raises(RuleRefused, match="Chưa đến ngày họp"):
        uc.open_session(at(any_rt, date(2022, 3, 4)), "chu-tich", council)
    with pytest.raises(RuleRefused, match=r"Không đủ số lượng: 2/4.*tạm thời"):
        in_session(any_rt, council, ["chu-tich", "thu-ky-hd"])
    in_session(any_rt, council, ["chu-tich", "thu-ky-hd", "uy-vien-1"])
    with pytest.raises(RuleRefused, match="vắng mặt"):
        uc.choose(any_rt, "uy-vien-2", council, 1, [("A0", "1")])


@pytest.mark.parametrize(("actor", "choices", "opened", "error", "message"), [
    ("uy-vien-1", [("A1", "9")], True, "InvalidInput", "không có lựa chọn '9'"),
    ("uy-vien-1", [("Z9", "1")], True, "InvalidInput", "không có tiêu chí 'Z9'"),
    ("admin", [("A1", "1")], True, "PermissionDenied", "không phải thành viên"),
    ("uy-vien-1", [("A1", "1")], False, "RuleRefused", "chưa mở"),
])
def test_bad_scores_write_nothing(rt: Runtime, actor: str, choices: list[tuple[str, str]],
                                  opened: bool, error: str, message: str) -> None:
    council, [dossier] = provincial_council(rt)
    if opened:
        in_session(rt, council)
    uc.choose(at(rt, MEETING), "uy-vien-2", council, dossier, [("A0", "1")]) if opened else None
    with pytest.raises(OcopError, match=message) as raised:
        uc.choose(rt, actor, council, dossier, [("A0", "0"), *choices])
    assert type(raised.value).__name__ == error
    if opened:  # the good choice before the bad one was not kept either
        assert uc.sheet(rt, "uy-vien-1", council, dossier).lines[0].option is None


def test_submitting_twice_or_incomplete_and_closing_early_are_refused(rt: Runtime) -> None:
    council, [dossier] = provincial_council(rt)
    in_session(rt, council)
    uc.choose(rt, "uy-vien-1", council, dossier, [("A0", "1")])
    with pytest.raises(RuleRefused, match="Còn 4 tiêu chí chưa chấm"):
        uc.submit(rt, "uy-vien-1", council, dossier)
    score_all(rt, council, dossier, {"uy-vien-1": EIGHTY})
    with pytest.raises(RuleRefused, match="đã nộp"):
        uc.submit(rt, "uy-vien-1", council, dossier)
    with pytest.raises(RuleRefused, match="còn 3 thành viên chưa nộp"):
        uc.close(rt, "chu-tich", council)
    with pytest.raises(PermissionDenied, match="Chỉ chủ tịch"):
        uc.close(rt, "thu-ky-hd", council)
    uc.declare_conflict(rt, "chu-tich", council, dossier, "Người thân", member="uy-vien-2")
    with pytest.raises(RuleRefused, match="xung đột lợi ích"):
        uc.choose(rt, "uy-vien-2", council, dossier, [("A0", "1")])



def test_the_secretary_hears_by_when_the_package_is_due(rt: Runtime) -> None:
    council, _ = provincial_council(rt)
    with rt.transaction() as session:
        session.scalars(select(User).where(User.name == "thu-ky-hd")).one().email = "tk@example.vn"
        session.scalars(select(Council).where(Council.id == council)).one().package_sent_on = None
    uc.set_meeting(rt, "admin", council, date(2022, 3, 14))
    uc.set_meeting(rt, "admin", council, date(2022, 3, 14))  # once per meeting day
    with rt.transaction() as session:
        letters = list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "council_package")))
    assert [m.recipients for m in letters] == [["tk@example.vn"]]
    assert "chậm nhất ngày 10/03/2022" in letters[0].subject
