"""Letters that close the loop: the revocation campaign's notice and reminders say what is still
outstanding, and the revocation decision reaches the units and the producers."""

from datetime import date
from pathlib import Path

from sqlalchemy import select, update

from notices.campaigns import queue_campaign_reminders
from states.db.models import Dossier, OutboxMessage, Producer, Product
from states.runtime import Runtime
from tests.conftest import at
from tests.use_cases.test_campaigns import certified_on
from use_cases import dossiers
from use_cases.campaigns import close_campaign, decide_revocation, open_campaign, propose_revocation


def letters(rt: Runtime, kind: str) -> dict[str, OutboxMessage]:
    with rt.transaction() as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind))
        return {m.dedupe_key: m for m in rows}


def without_email(rt: Runtime, dossier_id: int) -> None:
    with rt.transaction() as session:
        dossier = session.get(Dossier, dossier_id)
        assert dossier is not None
        product = session.get(Product, dossier.product_id)
        assert product is not None
        session.execute(update(Producer).where(Producer.id == product.producer_id).values(email=None))


def test_revocation_notice_goes_to_units_with_products_and_lists_the_reason_codes(rt: Runtime) -> None:
    certified_on(rt, date(2020, 3, 2), "Yên Thế", "Gà đồi")
    at(rt, date(2022, 9, 5))
    opened = open_campaign(rt, "admin", "revocation", date(2022, 10, 15))
    sent = letters(rt, "revocation_campaign")
    assert list(sent) == [f"campaign:{opened.campaign_id}:yen-the"]
    body = sent[f"campaign:{opened.campaign_id}:yen-the"].text_body
    assert "- ceased: Ngừng hoạt động sản xuất, kinh doanh" in body
    assert "- not-reevaluated:" in body and "Gà đồi" in body
    assert "ceased" in sent[f"campaign:{opened.campaign_id}:yen-the"].html_body


def test_reminders_list_only_what_is_outstanding(rt: Runtime) -> None:
    proposed = certified_on(rt, date(2020, 3, 2), "Yên Thế", "Gà đồi")
    certified_on(rt, date(2020, 3, 2), "Yên Thế", "Mật ong")
    certified_on(rt, date(2020, 3, 2), "Lục Ngạn", "Vải thiều")
    at(rt, date(2022, 9, 5))
    campaign = open_campaign(rt, "admin", "revocation", date(2022, 10, 15)).campaign_id
    propose_revocation(rt, "admin", campaign, proposed, "ceased")
    at(rt, date(2022, 9, 30))  # 10 working days before Saturday 15/10/2022
    with rt.transaction() as session:
        assert queue_campaign_reminders(rt, session).queued == 2
    reminder = letters(rt, "revocation_campaign")[f"campaign-reminder:{campaign}:yen-the:10"]
    body = reminder.text_body
    assert "NHẮC VIỆC: còn 10 ngày làm việc đến hạn 15/10/2022" in body
    assert "Mật ong" in body and "Gà đồi" not in body  # proposed already: not outstanding
    assert "mở đợt" not in body and "đề nghị đơn vị rà soát" not in body  # not the opening again
    assert "- violation:" in body


def test_renewal_reminder_lists_the_products_not_sent_back(rt: Runtime) -> None:
    certified_on(rt, date(2019, 10, 10), "Lục Ngạn", "Vải thiều sấy")
    at(rt, date(2022, 9, 5))
    campaign = open_campaign(rt, "admin", "renewal", date(2022, 10, 15)).campaign_id
    at(rt, date(2022, 9, 30))
    with rt.transaction() as session:
        queue_campaign_reminders(rt, session)
    body = letters(rt, "renewal_campaign")[f"campaign-reminder:{campaign}:luc-ngan:10"].text_body
    assert "CHƯA được gửi hồ sơ đánh giá lại (1)" in body and "Vải thiều sấy" in body
    assert "hết hạn 10/10/2022" in body


def test_the_decision_reaches_units_and_producers(rt: Runtime, tmp_path: Path) -> None:
    with_mail = certified_on(rt, date(2020, 3, 2), "Yên Thế", "Gà đồi")
    no_mail = certified_on(rt, date(2020, 3, 2), "Lục Ngạn", "Vải thiều")
    without_email(rt, no_mail)
    at(rt, date(2022, 9, 5))
    campaign = open_campaign(rt, "admin", "revocation", date(2022, 10, 15)).campaign_id
    propose_revocation(rt, "admin", campaign, with_mail, "ceased")
    propose_revocation(rt, "admin", campaign, no_mail, "violation")
    close_campaign(rt, "admin", campaign, tmp_path)
    at(rt, date(2022, 10, 20))
    decide_revocation(rt, "admin", campaign, "2011/QĐ-UBND")
    sent = letters(rt, "revocation_decision")
    scope = f"revocation-decision:campaign-{campaign}"
    assert sorted(sent) == sorted([f"{scope}:luc-ngan", f"{scope}:yen-the",
                                   f"{scope}:producer:{with_mail}"])
    producer = sent[f"{scope}:producer:{with_mail}"]
    assert producer.recipients == ["htx.vaithieu@example.vn"]
    assert "Quyết định số 2011/QĐ-UBND ngày 20/10/2022" in producer.text_body
    assert f"#{with_mail} Gà đồi" in producer.text_body and f"#{no_mail} " not in producer.text_body
    luc_ngan = sent[f"{scope}:luc-ngan"].text_body
    assert "vui lòng chuyển cho chủ thể" in luc_ngan and "Vi phạm" in luc_ngan
    assert "vui lòng chuyển cho chủ thể" not in sent[f"{scope}:yen-the"].text_body


def test_a_single_revocation_is_mailed_too(rt: Runtime) -> None:
    dossier_id = certified_on(rt, date(2020, 3, 2), "Yên Thế", "Gà đồi")
    at(rt, date(2022, 11, 1))
    dossiers.revoke(rt, "admin", dossier_id, reason="dissolved", decision="77/QĐ-UBND")
    sent = letters(rt, "revocation_decision")
    assert sorted(sent) == [f"revocation-decision:dossier-{dossier_id}:producer:{dossier_id}",
                            f"revocation-decision:dossier-{dossier_id}:yen-the"]
    assert all("Quyết định số 77/QĐ-UBND ngày 01/11/2022" in m.text_body for m in sent.values())
