"""Publishing a council's results opens the complaint window, on SQLite and PostgreSQL: not
before the council closes, never twice, on the day said (not in the future, not before the
closing), counted in working days on the province's calendar, and recognising a dossier from
that council waits for the window (its last day named), with nothing written by a refusal."""

from datetime import date
from pathlib import Path

import pytest

from states.errors import InvalidInput, PermissionDenied, RuleRefused
from states.runtime import Runtime
from tests.conftest import at
from tests.states.evaluation.councils_setup import (
    FOUR_STARS,
    MEETING,
    closed_council,
    in_session,
    provincial_council,
    score_all,
)
from use_cases import admin
from use_cases import councils as uc
from use_cases import dossiers as c
from use_cases.queries import dossier_history, show_dossier


def certify(rt: Runtime, dossier: int, on: date) -> str:
    return c.certify(rt, "admin", dossier, totals=None, decision="12/QĐ-UBND", on=on).state


def test_recognition_waits_for_publication_and_the_window(any_rt: Runtime) -> None:
    council, [dossier, other] = closed_council(any_rt, dossiers=2)
    with pytest.raises(RuleRefused, match=r"chưa được công bố.*ocop council publish"):
        certify(any_rt, dossier, MEETING)
    # Tuesday 8/3: five working days are 9, 10, 11, 14 and 15/3 (not the weekend of 12–13).
    view = uc.publish(at(any_rt, date(2022, 3, 8)), "admin", council)
    assert (view.complaint_ends_on, view.published_at is not None) == (date(2022, 3, 15), True)
    assert view.complaint_window == ("Công bố kết quả ngày 08/03/2022; thời hạn khiếu nại 5 ngày "
                                     "làm việc, đến hết ngày 15/03/2022 (tạm thời: mặc định của "
                                     "phần mềm, chưa theo quy chế của tỉnh).")
    with pytest.raises(RuleRefused, match=r"5 ngày làm việc, đến hết ngày 15/03/2022.*từ ngày "
                                          r"16/03/2022") as refused:
        certify(at(any_rt, date(2022, 3, 15)), dossier, date(2022, 3, 15))
    assert "tạm thời" in refused.value.message and refused.value.message.count(".") == 1
    # The window is over on the clock, but the decision is dated inside it.
    with pytest.raises(RuleRefused, match="15/03/2022"):
        certify(at(any_rt, date(2022, 3, 20)), dossier, date(2022, 3, 14))
    assert show_dossier(any_rt, "admin", dossier).state == "provincial_review"
    assert certify(any_rt, dossier, date(2022, 3, 16)) == "certified"
    published = [e for d in (dossier, other) for e in dossier_history(any_rt, "admin", d)
                 if e.trigger == "publish_results"]
    assert [(e.actor, e.from_state) for e in published] == [("admin", "provincial_review")] * 2
    assert published[0].details == {"council_id": council, "published_on": "2022-03-08",
                                    "complaint_ends_on": "2022-03-15"}


def test_a_window_over_a_weekend_and_the_april_holidays(rt: Runtime) -> None:
    """Published, as said days later, on Friday 24/4/2026: Monday 27/4 (Hùng Kings, observed),
    30/4, 1/5 and both weekends are not counted; 5 calendar days would have ended on 29/4."""
    council, [dossier] = closed_council(rt)
    view = uc.publish(at(rt, date(2026, 4, 29)), "admin", council, date(2026, 4, 24))
    assert view.complaint_ends_on == date(2026, 5, 6)
    assert view.published_at is not None and view.published_at.date() == date(2026, 4, 24)
    assert "Công bố kết quả ngày 24/04/2026; thời hạn khiếu nại 5 ngày làm việc, đến hết ngày " \
           "06/05/2026" in view.complaint_window
    with pytest.raises(RuleRefused, match=r"đến hết ngày 06/05/2026.*từ ngày 07/05/2026"):
        certify(at(rt, date(2026, 5, 6)), dossier, date(2026, 5, 6))
    assert certify(at(rt, date(2026, 5, 7)), dossier, date(2026, 5, 7)) == "certified"


@pytest.mark.parametrize(("on", "words"), [
    (date(2022, 3, 9), "Ngày công bố kết quả 09/03/2022 không thể ở tương lai."),
    (date(2022, 3, 4), "Ngày công bố kết quả 04/03/2022 trước ngày hội đồng"),
])
def test_a_publication_day_in_the_future_or_before_the_closing_writes_nothing(
        any_rt: Runtime, on: date, words: str) -> None:
    council, [dossier] = closed_council(any_rt)
    with pytest.raises(InvalidInput) as refused:
        uc.publish(at(any_rt, date(2022, 3, 8)), "admin", council, on)
    assert refused.value.message.startswith(words) and refused.value.message.count(".") == 1
    assert uc.show(any_rt, "admin", council).published_at is None
    assert [e for e in dossier_history(any_rt, "admin", dossier) if e.trigger == "publish_results"] == []


def test_publishing_before_closing_or_twice_is_refused(any_rt: Runtime) -> None:
    council, _ = provincial_council(any_rt)
    in_session(any_rt, council)
    with pytest.raises(RuleRefused, match="chưa kết thúc phiên họp"):
        uc.publish(any_rt, "admin", council)
    assert uc.show(any_rt, "admin", council).published_at is None
    score_all(any_rt, council, 1, FOUR_STARS)
    uc.close(any_rt, "chu-tich", council)
    first = uc.publish(any_rt, "admin", council)
    with pytest.raises(RuleRefused, match="đã công bố ngày 07/03/2022"):
        uc.publish(at(any_rt, date(2022, 3, 9)), "admin", council)
    assert uc.show(any_rt, "admin", council).complaint_ends_on == first.complaint_ends_on


def test_another_units_officer_may_not_publish(rt: Runtime) -> None:
    council, _ = closed_council(rt)
    admin.add_user(rt, "admin", "can-bo-huyen", "district", "yen-the", None)
    with pytest.raises(PermissionDenied):
        uc.publish(rt, "can-bo-huyen", council)
    assert uc.show(rt, "admin", council).published_at is None


def test_the_province_sets_the_window(rt: Runtime, tmp_path: Path) -> None:
    (tmp_path / "province.toml").write_text(
        "extra_days_off = [2022-03-10]\n[councils]\ncomplaint_days = 10\n"
        "complaint_days_confirmed = true\n", encoding="utf-8")
    rt.rules_dir = tmp_path
    council, [dossier] = closed_council(rt)
    assert uc.show(rt, "admin", council).complaint_window == (
        "Chưa công bố kết quả; thời hạn khiếu nại 10 ngày làm việc kể từ ngày công bố.")
    # From Monday 7/3: two weekends and the province's own day off (10/3) are not counted.
    assert uc.publish(rt, "admin", council).complaint_ends_on == date(2022, 3, 22)
    with pytest.raises(RuleRefused) as refused:
        certify(at(rt, date(2022, 3, 22)), dossier, date(2022, 3, 22))
    assert "10 ngày làm việc, đến hết ngày 22/03/2022" in refused.value.message
    assert "tạm thời" not in refused.value.message
