"""The service layer on SQLite and on PostgreSQL: rules, permissions, audit, deadlines."""

from datetime import date

import pytest
from sqlalchemy import func, select

from states.db.models import Certificate, Dossier, DossierEvent, ScoreSheet
from states.errors import InvalidInput, NotFound, PermissionDenied, RuleRefused
from states.runtime import Runtime
from tests.builders import REQUIRED_DOCS, advance, register
from tests.conftest import at
from use_cases import admin
from use_cases import dossiers as c
from use_cases.queries import dossier_history, dossiers, list_units, show_dossier


def count(rt: Runtime, model: type, **where: object) -> int:
    with rt.transaction() as session:
        query = select(func.count()).select_from(model)
        for column, value in where.items():
            query = query.where(getattr(model, column) == value)
        return int(session.scalar(query) or 0)


def test_full_cycle_issues_a_certificate_valid_36_months(any_rt: Runtime) -> None:
    dossier_id = register(any_rt)
    advance(any_rt, dossier_id, "certified", district=55, provincial=76.5,
            on=date(2022, 3, 1))
    view = show_dossier(any_rt, "admin", dossier_id)
    assert view.state == "certified"
    assert view.certificate.stars == 4
    assert view.certificate.issued_on == date(2022, 3, 1)
    assert view.certificate.expires_on == date(2025, 3, 1)
    assert view.due_on == date(2025, 3, 1)
    triggers = [e.trigger for e in dossier_history(any_rt, "admin", dossier_id)]
    assert triggers == ["register", "inspect", "score", "documents", "forward", "certify"]


def test_members_average_decides_forwarding(any_rt: Runtime) -> None:
    dossier_id = register(any_rt)
    advance(any_rt, dossier_id, "district_inspected")
    view = c.score(any_rt, "admin", dossier_id, totals=[40, 50])
    assert view.district_points == 45
    c.update_documents(any_rt, "admin", dossier_id, add=REQUIRED_DOCS, remove=[])
    with pytest.raises(RuleRefused, match="điểm cấp huyện 45 < 50"):
        c.forward(any_rt, "admin", dossier_id)
    assert show_dossier(any_rt, "admin", dossier_id).state == "district_scored"
    assert c.return_dossier(any_rt, "admin", dossier_id, reason="dưới 50 điểm").state == "returned"


def test_forward_needs_the_mandatory_documents(any_rt: Runtime) -> None:
    dossier_id = register(any_rt)
    advance(any_rt, dossier_id, "district_scored", district=70)
    c.update_documents(any_rt, "admin", dossier_id, add=REQUIRED_DOCS[:3], remove=[])
    with pytest.raises(RuleRefused, match="05 mẫu sản phẩm"):
        c.forward(any_rt, "admin", dossier_id)
    rows = c.update_documents(any_rt, "admin", dossier_id, add=REQUIRED_DOCS[3:], remove=[])
    assert all(r.present for r in rows if r.required)
    assert c.forward(any_rt, "admin", dossier_id).state == "provincial_review"


def test_failed_mandatory_criterion_blocks_whatever_the_total(rt: Runtime) -> None:
    dossier_id = register(rt)
    advance(rt, dossier_id, "district_inspected")
    c.score(rt, "admin", dossier_id, totals=[88], failed_mandatory="A.1 an toàn thực phẩm")
    c.update_documents(rt, "admin", dossier_id, add=REQUIRED_DOCS, remove=[])
    with pytest.raises(RuleRefused, match="tiêu chí bắt buộc"):
        c.forward(rt, "admin", dossier_id)


def test_ninety_points_go_to_central_review_then_five_stars(any_rt: Runtime) -> None:
    dossier_id = register(any_rt)
    advance(any_rt, dossier_id, "provincial_review")
    view = c.certify(any_rt, "admin", dossier_id, totals=[91, 93], decision=None, on=None)
    assert view.state == "central_review"
    assert count(any_rt, Certificate) == 0
    view = c.certify(any_rt, "admin", dossier_id, totals=[92], decision="1/QĐ-BNN",
                     on=date(2022, 3, 1))
    assert view.certificate.stars == 5


def test_below_fifty_cannot_be_certified_only_not_recognised(any_rt: Runtime) -> None:
    dossier_id = register(any_rt)
    advance(any_rt, dossier_id, "provincial_review")
    with pytest.raises(RuleRefused, match="điểm 48 < 50"):
        c.certify(any_rt, "admin", dossier_id, totals=[48], decision="2/QĐ", on=date(2022, 3, 1))
    assert count(any_rt, ScoreSheet, level="provincial") == 0
    assert c.not_recognise(any_rt, "admin", dossier_id).state == "not_recognised"


def test_certify_without_decision_changes_nothing(rt: Runtime) -> None:
    dossier_id = register(rt)
    advance(rt, dossier_id, "provincial_review")
    with pytest.raises(InvalidInput, match="số quyết định"):
        c.certify(rt, "admin", dossier_id, totals=[75], decision=None, on=None)
    assert show_dossier(rt, "admin", dossier_id).state == "provincial_review"
    assert count(rt, ScoreSheet, level="provincial") == 0


def test_renewal_issues_a_new_certificate_and_keeps_the_old(any_rt: Runtime) -> None:
    dossier_id = register(at(any_rt, date(2019, 9, 2)))  # a decision never precedes its dossier
    advance(any_rt, dossier_id, "certified", on=date(2019, 9, 2))
    at(any_rt, date(2022, 6, 1))
    view = c.open_renewal(any_rt, "admin", dossier_id)
    assert (view.state, view.cycle, view.round) == ("renewal", 2, "2022-1")
    advance(any_rt, dossier_id, "certified", provincial=82, on=date(2022, 6, 1))
    with any_rt.transaction() as session:
        certificates = session.scalars(select(Certificate).order_by(Certificate.id)).all()
        assert [(x.status, x.expires_on) for x in certificates] == [
            ("superseded", date(2022, 9, 2)), ("valid", date(2025, 6, 1))]


def test_revocation_needs_a_known_reason_and_a_note_for_other(any_rt: Runtime) -> None:
    dossier_id = register(any_rt)
    advance(any_rt, dossier_id, "certified")
    with pytest.raises(InvalidInput, match="ghi chú") as refused:
        c.revoke(any_rt, "admin", dossier_id, reason="other", decision="3/QĐ")
    assert refused.value.fields == ("note",)
    with pytest.raises(InvalidInput, match="không hợp lệ"):
        c.revoke(any_rt, "admin", dossier_id, reason="bored", decision="3/QĐ")
    view = c.revoke(any_rt, "admin", dossier_id, reason="other", decision="3/QĐ",
                    note="bao bì không đúng mẫu đã công nhận")
    assert view.state == "revoked"
    assert view.certificate.status == "revoked"


def test_district_officer_acts_only_on_own_unit_and_district_steps(any_rt: Runtime) -> None:
    admin.add_user(any_rt, "admin", "can-bo-luc-ngan", "district", "Huyện Lục Ngạn", None)
    admin.add_user(any_rt, "admin", "can-bo-yen-the", "district", "yen-the", None)
    dossier_id = register(any_rt)
    c.inspect(any_rt, "can-bo-luc-ngan", dossier_id, on=date(2022, 3, 1), inspectors=["An"])
    with pytest.raises(PermissionDenied, match="đơn vị mình"):
        c.score(any_rt, "can-bo-yen-the", dossier_id, totals=[60])
    c.score(any_rt, "can-bo-luc-ngan", dossier_id, totals=[60])
    c.update_documents(any_rt, "can-bo-luc-ngan", dossier_id, add=REQUIRED_DOCS, remove=[])
    c.forward(any_rt, "can-bo-luc-ngan", dossier_id)
    with pytest.raises(PermissionDenied, match="Sở Nông nghiệp"):
        c.certify(any_rt, "can-bo-luc-ngan", dossier_id, totals=[75], decision="1", on=None)
    assert show_dossier(any_rt, "admin", dossier_id).state == "provincial_review"


def test_unknown_dossier_and_user(rt: Runtime) -> None:
    with pytest.raises(NotFound, match="hồ sơ số 999"):
        c.forward(rt, "admin", 999)
    dossier_id = register(rt)
    with pytest.raises(NotFound, match="người dùng 'ai-do'"):
        c.withdraw(rt, "ai-do", dossier_id)


def test_inspection_needs_a_past_date_and_an_inspector(rt: Runtime) -> None:
    dossier_id = register(rt)
    with pytest.raises(InvalidInput, match="tương lai"):
        c.inspect(rt, "admin", dossier_id, on=date(2022, 3, 2), inspectors=["An"])
    with pytest.raises(InvalidInput, match="người kiểm tra"):
        c.inspect(rt, "admin", dossier_id, on=date(2022, 3, 1), inspectors=[" "])
    assert count(rt, DossierEvent, dossier_id=dossier_id) == 1


def test_due_date_counts_working_days_across_tet(rt: Runtime) -> None:
    at(rt, date(2022, 1, 20))  # Thursday before Tết Nhâm Dần
    dossier_id = register(rt)
    # 15 working days: 21, 24-28 Jan (6), Tết 31/1-4/2 off, 7-11 Feb (5), 14-17 Feb (4).
    assert show_dossier(rt, "admin", dossier_id).due_on == date(2022, 2, 17)


def test_overdue_listing_uses_the_stored_deadline(rt: Runtime) -> None:
    late = register(rt, name="Mật ong rừng")
    at(rt, date(2022, 3, 20))
    on_time = register(rt, name="Chè xanh")
    at(rt, date(2022, 3, 23))
    overdue = dossiers(rt, "admin", overdue=True)
    assert [r.id for r in overdue] == [late]
    assert on_time not in [r.id for r in overdue]


def test_a_round_stays_pinned_to_its_rulebook(rt: Runtime) -> None:
    first = register(rt)
    rt.rulebook_pin = "qd148-2023"
    second = register(rt, name="Miến dong")  # same round 2022-1: still 1048
    at(rt, date(2023, 9, 1))
    third = register(rt, name="Gà đồi Yên Thế")  # new round 2023-2 opens under 148
    rulebooks = [show_dossier(rt, "admin", i).rulebook for i in (first, second, third)]
    assert rulebooks == ["qd1048-2019", "qd1048-2019", "qd148-2023"]
    advance(rt, third, "district_scored", district=65)
    c.update_documents(rt, "admin", third, add=REQUIRED_DOCS, remove=[])
    with pytest.raises(RuleRefused, match="65 < 70"):
        c.forward(rt, "admin", third)


def test_unit_by_short_name_and_bad_group(rt: Runtime) -> None:
    with pytest.raises(InvalidInput, match="Nhóm sản phẩm 'furniture'"):
        c.register_product(rt, "admin", unit="Lục Ngạn", producer="HTX A",
                           producer_type="cooperative", product="Bàn ghế", group="furniture")
    with pytest.raises(NotFound, match="đơn vị 'Hà Nội'"):
        c.register_product(rt, "admin", unit="Hà Nội", producer="HTX A",
                           producer_type="cooperative", product="Bánh", group="food")
    with rt.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 0


def test_contacts_are_validated_when_saved(rt: Runtime) -> None:
    with pytest.raises(InvalidInput, match="không hợp lệ"):
        admin.set_contacts(rt, "admin", "Lục Ngạn", ["ocop@lucngan", "x@@y"])
    units = {u.code: u for u in list_units(rt)}
    assert units["luc-ngan"].contacts == ["ocop.lucngan@example.invalid"]
    admin.set_contacts(rt, "admin", "luc-ngan", ["a@lucngan.gov.vn", "b@lucngan.gov.vn"])
    units = {u.code: u for u in list_units(rt)}
    assert units["luc-ngan"].contacts == ["a@lucngan.gov.vn", "b@lucngan.gov.vn"]


def test_init_twice_changes_nothing(any_rt: Runtime) -> None:
    before = list_units(any_rt)
    admin.init(any_rt)
    assert list_units(any_rt) == before
    assert len(before) == 11


def test_a_new_round_takes_the_rulebook_in_force_on_its_opening_day(rt: Runtime) -> None:
    opened = {}
    for day in (date(2022, 3, 1), date(2023, 2, 23), date(2023, 9, 1), date(2025, 7, 7)):
        at(rt, day)
        # Districts were abolished on 1/7/2025: from then on, communes and wards register.
        unit = "Xã Nam Dương" if day.year == 2025 else "Huyện Lục Ngạn"
        opened[day.isoformat()] = show_dossier(rt, "admin", register(rt, unit,
                                                                     f"Gà {day}")).rulebook
    assert opened == {"2022-03-01": "qd1048-2019", "2023-02-23": "qd1048-2019",
                      "2023-09-01": "qd148-2023", "2025-07-07": "qd1489-2025"}


def test_under_148_the_district_recognises_three_stars_itself(rt: Runtime) -> None:
    at(rt, date(2023, 9, 4))
    admin.add_user(rt, "admin", "can-bo-yen-the", "district", "Yên Thế", None)
    admin.add_user(rt, "admin", "can-bo-luc-ngan", "district", "Lục Ngạn", None)
    three_star = register(rt, unit="Yên Thế", name="Gà đồi")
    advance(rt, three_star, "district_scored", district=65)
    with pytest.raises(RuleRefused, match="65 < 70"):
        c.forward(rt, "can-bo-yen-the", three_star)
    with pytest.raises(PermissionDenied, match="đơn vị mình"):
        c.certify(rt, "can-bo-luc-ngan", three_star, totals=[65], decision="12/QĐ-UBND",
                  on=date(2023, 9, 4))
    view = c.certify(rt, "can-bo-yen-the", three_star, totals=[65], decision="12/QĐ-UBND",
                     on=date(2023, 9, 4))
    assert (view.state, view.certificate.stars) == ("certified", 3)
    assert view.certificate.expires_on == date(2026, 9, 4)
    four_star = register(rt, unit="Yên Thế", name="Mật ong")
    advance(rt, four_star, "district_scored", district=75)
    with pytest.raises(RuleRefused, match="4 sao, vượt thẩm quyền cấp huyện"):
        c.certify(rt, "can-bo-yen-the", four_star, totals=[75], decision="13/QĐ-UBND",
                  on=date(2023, 9, 4))
    assert show_dossier(rt, "admin", four_star).state == "district_scored"


def test_under_1048_the_district_does_not_recognise(rt: Runtime) -> None:
    dossier_id = register(rt)
    advance(rt, dossier_id, "district_scored", district=62)
    with pytest.raises(RuleRefused, match="cấp huyện không công nhận"):
        c.certify(rt, "admin", dossier_id, totals=[62], decision="1/QĐ", on=date(2022, 3, 1))
