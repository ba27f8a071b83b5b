"""Accounts (`user list|disable|set-role`) and campaigns (`campaign show|withdraw-proposal`,
`decide --on`): the Department's, audited, refused where they make no sense."""

from datetime import date

import pytest
from sqlalchemy import select

from states.db.models import AuthEvent, Campaign
from tests import builders
from tests.cli.corrections_setup import Cli, history_notes, with_officers
from tests.conftest import make_runtime

SEPT = "2022-09-05"


@pytest.fixture
def ocop(sqlite_url: str) -> Cli:
    cli = Cli(sqlite_url)
    with_officers(cli)
    return cli


def account_events(url: str) -> list[AuthEvent]:
    rt = make_runtime(url)
    with rt.transaction() as session:
        rows = list(session.scalars(select(AuthEvent).where(AuthEvent.actor.is_not(None))
                                    .order_by(AuthEvent.id)))
        session.expunge_all()
    rt.db.dispose()
    return rows


def test_user_list_shows_full_name_role_unit_and_whether_active(ocop: Cli) -> None:
    rows = {u["name"]: u for u in ocop.json("user", "list")}
    assert rows["can-bo-luc-ngan"]["role"] == "district"
    assert rows["can-bo-luc-ngan"]["unit"] == "Huyện Lục Ngạn"
    assert rows["admin"]["active"] is True
    assert rows["can-bo-luc-ngan"]["role_label"] == "Cán bộ OCOP cấp huyện / xã"
    table = ocop("user", "list").stdout
    assert "Người dùng (3)" in table and "Vai trò" in table
    ocop.refused(4, "user", "list", user="can-bo-luc-ngan")


def test_disable_requires_a_reason_and_is_audited(ocop: Cli) -> None:
    ocop.refused(2, "user", "disable", "can-bo-yen-the")
    ocop.refused(4, "user", "disable", "can-bo-yen-the", "--reason", "x", user="can-bo-luc-ngan")
    ocop.refused(5, "user", "disable", "khong-co", "--reason", "x")
    done = ocop.json("user", "disable", "can-bo-yen-the", "--reason", "Chuyển công tác")
    assert done == {"what": "user", "id": "can-bo-yen-the", "before": {"active": True},
                    "after": {"active": False}, "reason": "Chuyển công tác"}
    [event] = account_events(ocop.url)
    assert (event.kind, event.username, event.actor) == ("user_disabled", "can-bo-yen-the", "admin")
    assert event.changes == {"before": {"active": True}, "after": {"active": False},
                             "reason": "Chuyển công tác"}
    assert "đã bị khoá" in ocop.refused(3, "user", "disable", "can-bo-yen-the", "--reason", "x")
    assert "đã khoá" in ocop("user", "list").stdout


def test_set_role_moves_an_officer_and_keeps_before_and_after(ocop: Cli) -> None:
    result = ocop("user", "set-role", "can-bo-yen-the", "--role", "district", "--unit",
                  "Huyện Lục Ngạn", "--reason", "Điều động")
    assert result.exit_code == 0, result.output
    assert "Huyện Yên Thế → Huyện Lục Ngạn" in " ".join(result.stdout.split())
    done = ocop.json("user", "set-role", "can-bo-yen-the", "--role", "department", "--reason",
                     "Về Sở")
    assert done["before"] == {"role": "district"} and done["after"] == {"role": "department"}
    events = account_events(ocop.url)
    assert [e.changes["after"] for e in events if e.changes] == [
        {"unit": "Huyện Lục Ngạn"}, {"role": "department"}]
    rows = {u["name"]: u for u in ocop.json("user", "list")}
    assert rows["can-bo-yen-the"]["role"] == "department"


@pytest.mark.parametrize(("code", "args", "user"), [
    (2, ("can-bo-yen-the", "--role", "district", "--unit", "Huyện Lục Ngạn"), "admin"),  # reason
    (2, ("can-bo-yen-the", "--role", "chu-tich", "--reason", "x"), "admin"),
    (2, ("can-bo-yen-the", "--role", "district", "--reason", "x"), "admin"),  # nothing changes
    (5, ("can-bo-yen-the", "--role", "district", "--unit", "Huyện Không Có", "--reason", "x"),
     "admin"),
    (3, ("admin", "--role", "district", "--unit", "Huyện Lục Ngạn", "--reason", "x"), "admin"),
    (4, ("can-bo-yen-the", "--role", "department", "--reason", "x"), "can-bo-luc-ngan"),
])
def test_set_role_refusals_change_nothing(ocop: Cli, code: int, args: tuple[str, ...],
                                          user: str) -> None:
    ocop.refused(code, "user", "set-role", *args, user=user)


def certified(url: str, unit: str, product: str) -> int:
    rt = make_runtime(url)
    dossier = builders.register(rt, unit=unit, name=product)
    builders.advance(rt, dossier, "certified", provincial=78)
    rt.db.dispose()
    return dossier


def revocation_campaign(ocop: Cli) -> tuple[int, int, int]:
    ceased = certified(ocop.url, "Huyện Lục Ngạn", "Vải thiều sấy")
    other = certified(ocop.url, "Huyện Yên Thế", "Gà đồi")
    campaign = ocop.json("campaign", "open", "revocation", "--deadline", "2022-10-15",
                         today=SEPT)["campaign_id"]
    for dossier, user in ((ceased, "can-bo-luc-ngan"), (other, "can-bo-yen-the")):
        assert ocop("campaign", "propose-revocation", str(campaign), str(dossier), "--reason",
                    "ceased", user=user, today=SEPT).exit_code == 0
    return campaign, ceased, other


def test_withdrawing_a_proposal(ocop: Cli) -> None:
    campaign, ceased, other = revocation_campaign(ocop)
    c, d = str(campaign), str(ceased)
    ocop.refused(2, "campaign", "withdraw-proposal", c, d, user="can-bo-luc-ngan", today=SEPT)
    ocop.refused(4, "campaign", "withdraw-proposal", c, d, "--reason", "x",
                 user="can-bo-yen-the", today=SEPT)
    done = ocop.json("campaign", "withdraw-proposal", c, d, "--reason", "HTX hoạt động lại",
                     user="can-bo-luc-ngan", today=SEPT)
    assert done["before"]["reason"] == "ceased" and done["after"] == {"campaign": campaign}
    assert ("Đã rút đề nghị thu hồi trong chiến dịch số 1 (lý do đề nghị: Ngừng hoạt động sản "
            "xuất, kinh doanh). Lý do: HTX hoạt động lại") in history_notes(ocop.url, ceased)
    ocop.refused(5, "campaign", "withdraw-proposal", c, d, "--reason", "x", today=SEPT)
    shown = ocop.json("campaign", "show", c, today=SEPT)
    assert [p["dossier_id"] for p in shown["proposals"]] == [other]
    assert ocop("campaign", "close", c, "--out", "/tmp", today="2022-10-17").exit_code == 0
    assert "đã đóng" in ocop.refused(3, "campaign", "withdraw-proposal", c, str(other),
                                     "--reason", "x", user="can-bo-yen-the", today="2022-10-17")


def test_campaign_show_lists_units_and_proposals(ocop: Cli) -> None:
    campaign, _, _ = revocation_campaign(ocop)
    result = ocop("campaign", "show", str(campaign), today=SEPT)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Chiến dịch thu hồi số 1: đang mở, mở ngày 05/09/2022, hạn 15/10/2022." in text
    assert "2 đề nghị thu hồi của 2 đơn vị." in text
    ocop.refused(4, "campaign", "show", str(campaign), user="can-bo-luc-ngan", today=SEPT)
    ocop.refused(5, "campaign", "show", "9", today=SEPT)


def test_decide_takes_its_date_and_a_second_decide_says_it_is_decided(ocop: Cli) -> None:
    campaign, ceased, _ = revocation_campaign(ocop)
    c = str(campaign)
    assert ocop("campaign", "close", c, "--out", "/tmp", today="2022-10-17").exit_code == 0
    ocop.refused(3, "campaign", "decide", c, "--decision", "2011/QĐ-UBND", "--on", "2022-10-10",
                 today="2022-10-20")  # before the campaign closed
    ocop.refused(2, "campaign", "decide", c, "--decision", "2011/QĐ-UBND", "--on", "2022-10-21",
                 today="2022-10-20")  # in the future
    ocop.refused(4, "campaign", "decide", c, "--decision", "2011/QĐ-UBND",
                 user="can-bo-luc-ngan", today="2022-10-20")
    result = ocop("campaign", "decide", c, "--decision", "2011/QĐ-UBND", "--on", "2022-10-18",
                  today="2022-10-20")
    assert result.exit_code == 0, result.output
    assert "theo quyết định 2011/QĐ-UBND ngày 18/10/2022" in result.stdout
    out = ocop.refused(3, "campaign", "decide", c, "--decision", "2012/QĐ-UBND",
                       today="2022-10-21")
    assert "đã có quyết định thu hồi 2011/QĐ-UBND ngày 18/10/2022" in " ".join(out.split())
    assert "đóng" not in out
    rt = make_runtime(ocop.url)
    with rt.transaction() as session:
        row = session.get(Campaign, campaign)
        assert row is not None and row.decided_on == date(2022, 10, 18)
    rt.db.dispose()
    revoke = [e for e in ocop.json("dossier", "history", str(ceased)) if e["trigger"] == "revoke"]
    assert revoke[0]["details"]["decided_on"] == "2022-10-18"
    assert ocop.json("campaign", "show", c, today="2022-10-21")["campaign"]["decided_on"] == \
        "2022-10-18"
