"""The switch of 1/7/2025 on both databases: a district divided by the producers' communes, a
merger followed through, a producer whose commune is not known, a dry run and a rerun."""

from datetime import date

import pytest
from sqlalchemy import func, select

from states.db.models import Certificate, DossierEvent, OutboxMessage
from states.errors import RuleRefused
from states.runtime import Runtime
from tests.builders import advance
from tests.conftest import at
from use_cases import dossiers as c
from use_cases.campaigns import open_campaign
from use_cases.queries import dossier_history, show_dossier
from use_cases.schedules import deadline_reminders, expire_certificates
from use_cases.units import assign_unit, reorganise, unsettled

SWITCH = date(2025, 7, 1)


def registered(rt: Runtime, unit: str, name: str, commune: str | None = None,
               email: str | None = None) -> int:
    view = c.register_product(rt, "admin", unit=unit, producer=f"HTX {name}",
                              producer_type="cooperative", product=name, group="food",
                              email=email, commune=commune)
    return int(view.id)


def event_count(rt: Runtime) -> int:
    with rt.transaction() as session:
        return session.scalar(select(func.count()).select_from(DossierEvent)) or 0


def switch(rt: Runtime, dry_run: bool = False, on: date = SWITCH):  # type: ignore[no-untyped-def]
    return reorganise(rt, "admin", plan="bac-ninh-2025", on=on, dry_run=dry_run)


def test_a_luc_ngan_product_of_2022_crosses_the_switch(any_rt: Runtime) -> None:
    at(any_rt, date(2022, 12, 1))
    dossier_id = registered(any_rt, "Huyện Lục Ngạn", "Vải thiều sấy", commune="Tân Mộc")
    at(any_rt, date(2022, 12, 20))
    advance(any_rt, dossier_id, "certified")
    at(any_rt, SWITCH)
    report = switch(any_rt)
    assert (report.moved, report.unsettled) == (1, [])
    assert [(s.code, s.name, s.dossiers) for s in report.per_successor] == [
        ("07603", "Xã Nam Dương", 1)]
    view = show_dossier(any_rt, "admin", dossier_id)
    assert (view.unit, view.state) == ("Xã Nam Dương", "certified")
    assert view.certificate is not None and view.certificate.expires_on == date(2025, 12, 20)
    assert (view.certificate.issuer, view.certificate.unit) == ("UBND tỉnh Bắc Giang",
                                                                "Huyện Lục Ngạn")
    history = dossier_history(any_rt, "admin", dossier_id)
    assert {e.unit for e in history[:-1]} == {"Huyện Lục Ngạn"}
    assert (history[-1].trigger, history[-1].unit) == ("reassign_unit", "Xã Nam Dương")
    assert history[-1].details["from_unit"] == "luc-ngan" and history[-1].details["via"] == "commune"
    # The renewal campaign of the new province asks the commune, and the expiry notice goes
    # there too (this producer has no address of its own), signed by the new Department.
    at(any_rt, date(2025, 9, 8))
    assert open_campaign(any_rt, "admin", "renewal", date(2025, 10, 31)).products == 1
    renewing = show_dossier(any_rt, "admin", dossier_id)
    assert (renewing.state, renewing.rulebook) == ("renewal", "qd1489-2025")
    at(any_rt, date(2025, 11, 3))  # the renewal is late: the commune's digest says so
    deadline_reminders(any_rt)
    at(any_rt, date(2025, 11, 20))
    expire_certificates(any_rt)
    with any_rt.transaction() as session:
        mail = {m.kind: m for m in session.scalars(select(OutboxMessage))}
    for kind in ("renewal_campaign", "unit_digest", "expiry_notice"):
        assert mail[kind].recipients == ["ocop.07603@example.invalid"], kind
        assert mail[kind].text_body.startswith("UBND TỈNH BẮC NINH\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
        assert "UBND xã Nam Dương" in mail[kind].text_body
        assert "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh" in mail[kind].text_body


def test_merged_and_divided_units_an_unknown_commune_a_dry_run_and_a_rerun(
        any_rt: Runtime) -> None:
    at(any_rt, date(2022, 9, 1))
    tan_lieu = registered(any_rt, "Yên Dũng", "Rượu làng Vân", commune="Tân Liễu")
    unknown_yd = registered(any_rt, "Yên Dũng", "Mật ong")
    unknown_ln = registered(any_rt, "Lục Ngạn", "Mỳ Chũ")
    returned = registered(any_rt, "Lục Ngạn", "Na dai", commune="Tân Mộc")
    dong_tien = registered(any_rt, "Yên Thế", "Gà đồi", commune="Đồng Tiến")
    advance(any_rt, returned, "district_scored", district=40)
    c.return_dossier(any_rt, "admin", returned, reason="Dưới 50 điểm")
    # 1/1/2025: Yên Dũng went wholly into the city; nothing else had ended yet.
    at(any_rt, date(2025, 1, 2))
    merged = switch(any_rt, on=date(2025, 1, 1))
    assert (merged.moved, [(s.code, s.dossiers) for s in merged.per_successor]) == (
        2, [("tp-bac-giang", 2)])
    assert show_dossier(any_rt, "admin", unknown_yd).unit == "Thành phố Bắc Giang"
    # 1/7/2025, dry run first: the plan, and nothing written.
    at(any_rt, SWITCH)
    before = event_count(any_rt)
    plan = switch(any_rt, dry_run=True)
    assert (plan.moved, event_count(any_rt)) == (0, before)
    assert sorted((s.name, s.dossiers) for s in plan.per_successor) == [
        ("Phường Yên Dũng", 1), ("Xã Xuân Lương", 1)]
    assert sorted(u.dossier_id for u in plan.unsettled) == [unknown_yd, unknown_ln]
    assert show_dossier(any_rt, "admin", tan_lieu).unit == "Thành phố Bắc Giang"
    done = switch(any_rt)
    assert done.moved == 2 and event_count(any_rt) == before + 2
    assert show_dossier(any_rt, "admin", tan_lieu).unit == "Phường Yên Dũng"
    assert show_dossier(any_rt, "admin", dong_tien).unit == "Xã Xuân Lương"
    assert show_dossier(any_rt, "admin", returned).unit == "Huyện Lục Ngạn"  # history stays
    listed = {u.dossier_id: u for u in unsettled(any_rt, "admin")}
    assert set(listed) == {unknown_yd, unknown_ln}
    assert "chưa xác định xã" in listed[unknown_ln].reason
    assert "Xã Biển Động" in listed[unknown_ln].candidates
    # The Department settles one; rerunning the switch changes nothing.
    assert assign_unit(any_rt, "admin", unknown_ln, "Xã Biển Động").unit == "Xã Biển Động"
    settled = event_count(any_rt)
    again = switch(any_rt)
    assert (again.moved, event_count(any_rt)) == (0, settled)
    assert [u.dossier_id for u in again.unsettled] == [unknown_yd]


def test_the_switch_waits_for_its_day(rt: Runtime) -> None:
    at(rt, date(2022, 9, 1))
    registered(rt, "Lục Ngạn", "Vải thiều", commune="Tân Mộc")
    at(rt, date(2025, 6, 20))
    assert switch(rt, dry_run=True).per_successor[0].name == "Xã Nam Dương"
    with pytest.raises(RuleRefused, match="chỉ chạy thử"):
        switch(rt)


def test_a_valid_certificate_moves_even_when_its_renewal_was_returned(rt: Runtime) -> None:
    at(rt, date(2022, 12, 20))
    dossier_id = registered(rt, "Lục Ngạn", "Vải thiều", commune="Quý Sơn")
    advance(rt, dossier_id, "certified")
    at(rt, date(2025, 3, 3))
    c.open_renewal(rt, "admin", dossier_id)
    advance(rt, dossier_id, "district_scored", district=60)  # QĐ 148: 70 to forward
    c.return_dossier(rt, "admin", dossier_id, reason="Chưa đạt")
    at(rt, SWITCH)
    assert switch(rt).moved == 1
    view = show_dossier(rt, "admin", dossier_id)
    # Quý Sơn was in Lục Ngạn in 2022 and in Thị xã Chũ in 2025: Phường Phượng Sơn now.
    assert (view.state, view.unit) == ("returned", "Phường Phượng Sơn")
    with rt.transaction() as session:
        assert session.scalar(select(Certificate.status)) == "valid"
