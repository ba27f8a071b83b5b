"""Renewal and revocation campaigns and the expiry sweep, on both databases."""

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from notices.campaigns import queue_campaign_reminders
from states.db.models import Certificate, DossierEvent, OutboxMessage
from states.errors import InvalidInput, PermissionDenied, RuleRefused
from states.registry.expiry import expire_lapsed
from states.runtime import Runtime
from tests.builders import advance, register
from tests.conftest import at
from use_cases.campaigns import close_campaign, decide_revocation, open_campaign, propose_revocation
from use_cases.queries import show_dossier


def certified_on(rt: Runtime, day: date, unit: str, name: str) -> int:
    at(rt, day)
    dossier_id = register(rt, unit=unit, name=name)
    advance(rt, dossier_id, "certified")
    return dossier_id


def outbox_keys(rt: Runtime) -> list[str]:
    # Registering a product also writes the producer's letter (tests/notices/test_producer_letters.py).
    with rt.transaction() as session:
        return sorted(session.scalars(select(OutboxMessage.dedupe_key).where(
            OutboxMessage.kind != "missing_documents")))


def test_renewal_campaign_moves_the_window_and_notifies_each_unit(any_rt: Runtime) -> None:
    soon = certified_on(any_rt, date(2019, 10, 10), "Lục Ngạn", "Vải thiều sấy")  # exp 10/10/2022
    later = certified_on(any_rt, date(2020, 3, 2), "Yên Thế", "Gà đồi")  # exp 02/03/2023
    outside = certified_on(any_rt, date(2021, 6, 1), "Yên Thế", "Mật ong")  # exp 01/06/2024
    at(any_rt, date(2022, 9, 5))
    result = open_campaign(any_rt, "admin", "renewal", date(2022, 10, 15))
    assert (result.products, result.units_notified) == (2, 2)
    assert [show_dossier(any_rt, "admin", i).state for i in (soon, later, outside)] == [
        "renewal", "renewal", "certified"]
    view = show_dossier(any_rt, "admin", soon)
    assert (view.due_on, view.cycle, view.round) == (date(2022, 10, 15), 2, "2022-2")
    assert outbox_keys(any_rt) == [f"campaign:{result.campaign_id}:luc-ngan",
                                   f"campaign:{result.campaign_id}:yen-the"]
    with any_rt.transaction() as session:
        notice = session.scalar(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("%yen-the")))
        assert notice is not None and "Gà đồi" in notice.text_body and "Mật ong" not in notice.text_body
        assert "15/10/2022" in notice.subject
        events = session.scalar(select(func.count()).select_from(DossierEvent)
                                .where(DossierEvent.trigger == "open_renewal"))
        assert events == 2


def test_campaign_reminders_on_10_5_and_1_working_days(rt: Runtime) -> None:
    certified_on(rt, date(2019, 10, 10), "Lục Ngạn", "Vải thiều sấy")
    at(rt, date(2022, 9, 5))
    open_campaign(rt, "admin", "renewal", date(2022, 10, 15))
    sent_on = []
    for day in range(5, 31):
        at(rt, date(2022, 9, day))
        with rt.transaction() as session:
            if queue_campaign_reminders(rt, session).queued:
                sent_on.append(day)
    for day in range(1, 15):
        at(rt, date(2022, 10, day))
        with rt.transaction() as session:
            if queue_campaign_reminders(rt, session).queued:
                sent_on.append(100 + day)
    # 15/10/2022 is a Saturday: 10 working days before is Fri 30/09, 5 is Fri 07/10, 1 is Thu 13/10.
    assert sent_on == [30, 107, 113]


def test_unrenewed_certificates_expire_on_their_date(rt: Runtime) -> None:
    dossier_id = certified_on(rt, date(2019, 10, 10), "Lục Ngạn", "Vải thiều sấy")
    at(rt, date(2022, 9, 5))
    open_campaign(rt, "admin", "renewal", date(2022, 10, 15))
    at(rt, date(2022, 10, 10))
    with rt.transaction() as session:
        assert expire_lapsed(rt, session).dossiers == 0
    at(rt, date(2022, 10, 11))
    with rt.transaction() as session:
        report = expire_lapsed(rt, session)
    assert (report.certificates, report.dossiers) == (1, 1)
    assert show_dossier(rt, "admin", dossier_id).state == "expired"
    with rt.transaction() as session:
        assert expire_lapsed(rt, session).certificates == 0


def test_revocation_campaign_from_proposals_to_decision(any_rt: Runtime, tmp_path: Path) -> None:
    from use_cases import admin as admin_commands

    ceased = certified_on(any_rt, date(2020, 3, 2), "Yên Thế", "Gà đồi")
    kept = certified_on(any_rt, date(2020, 3, 2), "Lục Ngạn", "Vải thiều")
    admin_commands.add_user(any_rt, "admin", "can-bo-luc-ngan", "district", "Lục Ngạn", None)
    at(any_rt, date(2022, 9, 5))
    result = open_campaign(any_rt, "admin", "revocation", date(2022, 10, 15))
    assert result.units_notified == 2  # the units with a recognised product
    campaign_id = result.campaign_id
    with pytest.raises(PermissionDenied):
        propose_revocation(any_rt, "can-bo-luc-ngan", campaign_id, ceased, "ceased")
    with pytest.raises(InvalidInput):
        propose_revocation(any_rt, "admin", campaign_id, ceased, "other")
    propose_revocation(any_rt, "admin", campaign_id, ceased, "ceased",
                       "HTX ngừng hoạt động từ 06/2022")
    with pytest.raises(RuleRefused, match="đóng chiến dịch"):
        decide_revocation(any_rt, "admin", campaign_id, "2011/QĐ-UBND")
    closed = close_campaign(any_rt, "admin", campaign_id, tmp_path)
    assert closed.proposals == 1
    sheet = load_workbook(BytesIO(Path(closed.file).read_bytes())).active
    assert sheet is not None
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert rows == [(1, ceased, "Huyện Yên Thế", "Gà đồi", "HTX Vải thiều Lục Ngạn",
                     f"OCOP-2020-{ceased:06d}-1", 4, "Ngừng hoạt động sản xuất, kinh doanh",
                     "HTX ngừng hoạt động từ 06/2022", "admin")]
    with pytest.raises(RuleRefused, match="đã đóng"):
        propose_revocation(any_rt, "admin", campaign_id, kept, "violation")
    assert decide_revocation(any_rt, "admin", campaign_id, "2011/QĐ-UBND").revoked == [ceased]
    assert show_dossier(any_rt, "admin", ceased).state == "revoked"
    assert show_dossier(any_rt, "admin", kept).state == "certified"
    with any_rt.transaction() as session:
        certificate = session.scalar(select(Certificate).where(Certificate.dossier_id == ceased))
        assert certificate is not None
        assert (certificate.status, certificate.revocation_decision) == ("revoked", "2011/QĐ-UBND")
    assert f"revocation-list:{campaign_id}" in outbox_keys(any_rt)


def test_campaign_deadline_in_the_past_is_refused(rt: Runtime) -> None:
    at(rt, date(2022, 10, 20))
    with pytest.raises(InvalidInput, match="đã qua"):
        open_campaign(rt, "admin", "renewal", date(2022, 10, 15))
