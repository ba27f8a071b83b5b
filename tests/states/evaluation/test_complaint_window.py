"""Publishing a council's results opens the complaint window, on SQLite and PostgreSQL: not
before the council closes, never twice, and recognising a dossier from that council waits for
the window (its last day named), with nothing written by a refusal."""

from datetime import date
from pathlib import Path

import pytest

from states.errors import PermissionDenied, RuleRefused
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
    view = uc.publish(at(any_rt, date(2022, 3, 8)), "admin", council)
    assert (view.complaint_ends_on, view.published_at is not None) == (date(2022, 3, 13), True)
    assert view.complaint_window == ("Công bố kết quả ngày 08/03/2022; thời hạn khiếu nại đến "
                                     "hết ngày 13/03/2022 (tạm thời: mặc định của phần mềm, "
                                     "chưa theo quy chế của tỉnh).")
    with pytest.raises(RuleRefused, match=r"đến hết ngày 13/03/2022.*từ ngày 14/03/2022") as refused:
        certify(at(any_rt, date(2022, 3, 13)), dossier, date(2022, 3, 13))
    assert "tạm thời" in refused.value.message and refused.value.message.count(".") == 1
    # The window is over on the clock, but the decision is dated inside it.
    with pytest.raises(RuleRefused, match="13/03/2022"):
        certify(at(any_rt, date(2022, 3, 20)), dossier, date(2022, 3, 12))
    assert show_dossier(any_rt, "admin", dossier).state == "provincial_review"
    assert certify(any_rt, dossier, date(2022, 3, 14)) == "certified"
    published = [e for d in (dossier, other) for e in dossier_history(any_rt, "admin", d)
                 if e.trigger == "publish_results"]
    assert [(e.actor, e.from_state) for e in published] == [("admin", "provincial_review")] * 2


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
        "[councils]\ncomplaint_days = 10\ncomplaint_days_confirmed = true\n", encoding="utf-8")
    rt.rules_dir = tmp_path
    council, [dossier] = closed_council(rt)
    assert uc.show(rt, "admin", council).complaint_window == (
        "Chưa công bố kết quả; thời hạn khiếu nại 10 ngày kể từ ngày công bố.")
    assert uc.publish(rt, "admin", council).complaint_ends_on == date(2022, 3, 17)
    with pytest.raises(RuleRefused) as refused:
        certify(at(rt, date(2022, 3, 17)), dossier, date(2022, 3, 17))
    assert "17/03/2022" in refused.value.message and "tạm thời" not in refused.value.message
