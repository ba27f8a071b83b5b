"""Producers' own accounts: invitation by e-mail, the one-time link, the own-dossier scope, the
online registration form submitted through the officer's registration, disabling."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from states.db.models import AuthEvent, DossierEvent, OutboxMessage, User
from states.errors import InvalidInput, NotFound, PermissionDenied, RuleRefused
from states.people.producer_accounts import INVITATION_REFUSED
from states.runtime import Runtime
from tests.builders import register
from use_cases import dossiers as steps
from use_cases.document_files import mark_paper
from use_cases.identity import add_user_with_password, login
from use_cases.operator import operator
from use_cases.producer_accounts import (
    accept_invitation,
    disable_producer_account,
    dossier_accounts,
    invitation_login,
    invite_producer,
)
from use_cases.producer_portal import own_dossier, portal, save_draft, submit_form
from use_cases.queries import show_dossier

NOW = datetime(2022, 3, 1, 8, 0, tzinfo=UTC)
WEEK = timedelta(days=7)
PASSWORD = "mat-khau-chu-the-1"
SITE = "https://ocop.example.vn"
FORM = {"product": "Mật ong hoa vải", "group": "food", "subgroup": "Mật ong",
        "producer_type": "cooperative", "phone": "0912345678", "email": "",
        "standards": "TCCS 01:2022/HTX\nVietGAP", "address": "Thôn Nghè"}


def officers(rt: Runtime) -> None:
    add_user_with_password(rt, "admin", "can-bo-luc-ngan", "district", "luc-ngan", None, PASSWORD)
    add_user_with_password(rt, "admin", "can-bo-yen-the", "district", "yen-the", None, PASSWORD)


def token_in_mail(rt: Runtime, key: str) -> str:
    with rt.transaction() as session:
        message = session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key == key)).one()
        found = re.search(r"/account/setup\?token=([\w-]+)", message.text_body)
        assert found and found.group(0) in message.html_body
        return found.group(1)


def producer_account(rt: Runtime, dossier_id: int, email: str) -> str:
    sent = invite_producer(rt, "can-bo-luc-ngan", dossier_id, email=email, site_url=SITE,
                           valid_for=WEEK, now=NOW)
    accept_invitation(rt, token_in_mail(rt, sent.outbox_key), PASSWORD, PASSWORD, "1.2.3.4", NOW)
    return sent.login


def test_invitation_mail_link_sets_the_password_once(any_rt: Runtime) -> None:
    officers(any_rt)
    dossier = register(any_rt)
    sent = invite_producer(any_rt, "can-bo-luc-ngan", dossier, email="Chu.The@Example.vn",
                           site_url=SITE, valid_for=WEEK, now=NOW)
    assert sent.login == "chu.the@example.vn" and sent.expires_at == NOW + WEEK
    token = token_in_mail(any_rt, sent.outbox_key)
    with any_rt.transaction() as session:
        user = session.scalars(select(User).where(User.name == sent.login)).one()
        assert user.role == "producer" and user.password_hash is None
        stored = session.scalars(select(AuthEvent.kind).where(AuthEvent.user_id == user.id)).all()
        assert stored == ["producer_invited"]
    assert login(any_rt, sent.login, PASSWORD, "1.2.3.4", NOW).token is None  # no password yet
    assert invitation_login(any_rt, token, NOW) == sent.login
    accept_invitation(any_rt, token, PASSWORD, PASSWORD, "1.2.3.4", NOW + timedelta(hours=1))
    later = NOW + timedelta(hours=2)  # past the wait the failed try above earned
    assert login(any_rt, sent.login, PASSWORD, "1.2.3.4", later).token is not None
    with pytest.raises(InvalidInput) as used:
        accept_invitation(any_rt, token, "mat-khau-khac-2", "mat-khau-khac-2", "1.2.3.4", NOW)
    assert used.value.message == INVITATION_REFUSED


def test_an_expired_or_replaced_link_is_refused_in_one_sentence(rt: Runtime) -> None:
    officers(rt)
    dossier = register(rt)
    first = invite_producer(rt, "can-bo-luc-ngan", dossier, email="a@example.vn", site_url=SITE,
                            valid_for=WEEK, now=NOW)
    old = token_in_mail(rt, first.outbox_key)
    with pytest.raises(InvalidInput, match="không còn dùng được"):
        invitation_login(rt, old, NOW + WEEK)
    second = invite_producer(rt, "can-bo-luc-ngan", dossier, email="a@example.vn", site_url=SITE,
                             valid_for=WEEK, now=NOW + timedelta(days=1))
    with pytest.raises(InvalidInput, match="không còn dùng được"):
        accept_invitation(rt, old, PASSWORD, PASSWORD, "x", NOW + timedelta(days=1))
    assert invitation_login(rt, token_in_mail(rt, second.outbox_key), NOW) == "a@example.vn"
    with pytest.raises(InvalidInput, match="không còn dùng được"):
        invitation_login(rt, "khong-phai-ma-nao", NOW)


def test_only_the_dossiers_unit_invites(rt: Runtime) -> None:
    officers(rt)
    dossier = register(rt)
    with pytest.raises(NotFound):  # another unit's dossier does not exist for that officer
        invite_producer(rt, "can-bo-yen-the", dossier, email="a@example.vn", site_url=SITE,
                        valid_for=WEEK, now=NOW)
    with pytest.raises(InvalidInput, match="email"):
        invite_producer(rt, "can-bo-luc-ngan", dossier, email="khong-phai-email", site_url=SITE,
                        valid_for=WEEK, now=NOW)
    invite_producer(rt, "can-bo-luc-ngan", dossier, email="a@example.vn", site_url=SITE,
                    valid_for=WEEK, now=NOW)
    other = register(rt, name="Vải sấy", producer="HTX Khác")
    with pytest.raises(InvalidInput, match="người dùng khác"):  # one login, one producer
        invite_producer(rt, "can-bo-luc-ngan", other, email="A@example.vn", site_url=SITE,
                        valid_for=WEEK, now=NOW)


def test_a_producer_sees_only_its_own_dossiers(any_rt: Runtime) -> None:
    officers(any_rt)
    mine = register(any_rt)
    theirs = register(any_rt, name="Vải sấy", producer="HTX Khác")
    account = producer_account(any_rt, mine, "a@example.vn")
    assert [d.id for d in portal(any_rt, account).dossiers] == [mine]
    assert own_dossier(any_rt, account, mine).id == mine
    for reach in (lambda: own_dossier(any_rt, account, theirs),
                  lambda: show_dossier(any_rt, account, theirs),
                  lambda: show_dossier(any_rt, account, mine)):  # staff pages: nothing at all
        with pytest.raises(NotFound, match=r"Không có hồ sơ số"):
            reach()
    with pytest.raises(PermissionDenied, match="chỉ dùng được trên trang web"):
        operator(any_rt, account)  # the command line is the operator's


def test_draft_then_submit_registers_through_the_officers_registration(any_rt: Runtime) -> None:
    officers(any_rt)
    first = register(any_rt)
    account = producer_account(any_rt, first, "a@example.vn")
    draft = save_draft(any_rt, account, None, "01", {"product": "Mật ong hoa vải"})
    with pytest.raises(InvalidInput, match="nhóm sản phẩm"):
        submit_form(any_rt, account, draft.id)
    draft = save_draft(any_rt, account, draft.id, "02", FORM)
    assert draft.status == "draft" and draft.fields["standards"] == ["TCCS 01:2022/HTX", "VietGAP"]
    dossier_id = submit_form(any_rt, account, draft.id)
    view = show_dossier(any_rt, "can-bo-luc-ngan", dossier_id)
    assert (view.state, view.product, view.producer) == ("registered", "Mật ong hoa vải",
                                                         "HTX Vải thiều Lục Ngạn")
    assert view.subgroup == "mat-ong"  # typed "Mật ong", coded as the group is
    with any_rt.transaction() as session:
        events = session.execute(select(DossierEvent.trigger, DossierEvent.actor).where(
            DossierEvent.dossier_id == dossier_id).order_by(DossierEvent.id)).all()
        letters = session.scalars(select(OutboxMessage.dedupe_key).where(
            OutboxMessage.dedupe_key.like(f"missing-documents:{dossier_id}:%"))).all()
    assert [tuple(e) for e in events] == [("register", account), ("registration_form", account)]
    assert letters  # the officer's registration sends its letter for the producer's too
    # Submitted again while registered: the same dossier changes, its history says how.
    save_draft(any_rt, account, draft.id, "02", {**FORM, "product": "Mật ong hoa vải thiều"})
    assert submit_form(any_rt, account, draft.id) == dossier_id
    assert show_dossier(any_rt, "admin", dossier_id).product == "Mật ong hoa vải thiều"
    # A sub-group of another group is refused in one sentence; the dossier keeps its own.
    save_draft(any_rt, account, draft.id, "02", {**FORM, "subgroup": "Rượu trắng"})
    with pytest.raises(InvalidInput, match=r"^Phân nhóm 'Rượu trắng' thuộc nhóm Đồ uống, không "
                                           r"thuộc nhóm Thực phẩm theo QĐ 1048"):
        submit_form(any_rt, account, draft.id)
    assert show_dossier(any_rt, "admin", dossier_id).subgroup == "mat-ong"
    save_draft(any_rt, account, draft.id, "02", {**FORM, "subgroup": "rau, củ, quả, hạt tươi"})
    assert submit_form(any_rt, account, draft.id) == dossier_id
    assert show_dossier(any_rt, "admin", dossier_id).subgroup == "rau-qua-tuoi"
    # The producer's submit asks for files; here the officer keeps the paper originals instead.
    mark_paper(any_rt, "can-bo-luc-ngan", dossier_id, True)
    steps.inspect(any_rt, "can-bo-luc-ngan", dossier_id, on=date(2022, 3, 1), inspectors=["An"])
    with pytest.raises(RuleRefused, match="đã qua bước đăng ký"):
        save_draft(any_rt, account, draft.id, "02", FORM)


def test_another_producers_form_is_not_found(rt: Runtime) -> None:
    officers(rt)
    a = producer_account(rt, register(rt), "a@example.vn")
    b = producer_account(rt, register(rt, name="Vải sấy", producer="HTX Khác"), "b@example.vn")
    draft = save_draft(rt, a, None, "01", FORM)
    for reach in (lambda: save_draft(rt, b, draft.id, "01", FORM),
                  lambda: submit_form(rt, b, draft.id)):
        with pytest.raises(NotFound):
            reach()
    with pytest.raises(NotFound):  # a staff account has no producer's pages
        portal(rt, "can-bo-luc-ngan")


def test_staff_disable_an_account_and_it_cannot_log_in(rt: Runtime) -> None:
    officers(rt)
    dossier = register(rt)
    account = producer_account(rt, dossier, "a@example.vn")
    with pytest.raises(PermissionDenied):
        disable_producer_account(rt, "can-bo-yen-the", account, "không phải của huyện")
    with pytest.raises(NotFound):
        disable_producer_account(rt, "can-bo-luc-ngan", "can-bo-yen-the", "nhầm")
    disable_producer_account(rt, "can-bo-luc-ngan", account, "chủ thể ngừng hoạt động")
    outcome = login(rt, account, PASSWORD, "1.2.3.4", NOW)
    assert outcome.token is None and outcome.message == "Tên đăng nhập hoặc mật khẩu không đúng."
    [row] = dossier_accounts(rt, "can-bo-luc-ngan", dossier)
    assert (row.name, row.active, row.has_password) == (account, False, True)
    with pytest.raises(RuleRefused, match="đã bị khoá"):
        invite_producer(rt, "can-bo-luc-ngan", dossier, email=account, site_url=SITE,
                        valid_for=WEEK, now=NOW)


def test_the_department_cannot_add_a_producer_by_hand(rt: Runtime) -> None:
    with pytest.raises(InvalidInput, match="lời mời"):
        add_user_with_password(rt, "admin", "chu-the", "producer", None, None, PASSWORD)


def test_a_producers_account_never_becomes_staff(rt: Runtime) -> None:
    from use_cases.identity import update_user

    officers(rt)
    account = producer_account(rt, register(rt), "a@example.vn")
    with pytest.raises(RuleRefused, match="tài khoản chủ thể"):
        update_user(rt, "admin", account, role="department", unit=None, full_name=None,
                    email=None, reason="nhầm")


@pytest.mark.parametrize(("field", "typed", "said"), [
    ("product", "Mật\x1bong", "Tên sản phẩm chứa ký tự điều khiển"),
    ("group", "food\u200b", "Nhóm sản phẩm chứa ký tự điều khiển"),
    ("address", "Thôn\x00Nghè", "Địa chỉ chứa ký tự điều khiển"),
    ("phone", "0912\u202e345678", "Điện thoại chứa ký tự điều khiển"),
    ("subgroup", "x" * 301, "Phân nhóm dài 301 ký tự"),
])
def test_a_form_field_typed_wrong_is_named_in_vietnamese(rt: Runtime, field: str, typed: str,
                                                        said: str) -> None:
    officers(rt)
    account = producer_account(rt, register(rt), "a@example.vn")
    with pytest.raises(InvalidInput, match=said):
        save_draft(rt, account, None, "01", {**FORM, field: typed})
    assert portal(rt, account).forms == []  # nothing kept


def test_a_producer_whose_unit_ended_is_told_who_settles_it(rt: Runtime) -> None:
    """Lục Ngạn ended on 30/6/2025 and the switch could not place this producer (no commune):
    the producer cannot choose a successor, so the sentence says who can, and nothing is
    registered in the old district or elsewhere."""
    from states.db.models import Dossier
    from tests.conftest import at
    from use_cases.units import reorganise

    officers(rt)
    at(rt, date(2022, 12, 1))
    account = producer_account(rt, register(rt), "a@example.vn")
    at(rt, date(2025, 7, 1))
    reorganise(rt, "admin", plan="bac-ninh-2025", on=date(2025, 7, 1), dry_run=False)
    at(rt, date(2026, 3, 2))
    draft = save_draft(rt, account, None, "01", FORM)
    with rt.transaction() as session:
        before = session.scalar(select(func.count()).select_from(Dossier))
    with pytest.raises(RuleRefused, match=r"Huyện Lục Ngạn, nơi chủ thể đăng ký, không còn từ "
                                          r"ngày 01/07/2025.*cán bộ OCOP"):
        submit_form(rt, account, draft.id)
    with rt.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == before
    assert [f.status for f in portal(rt, account).forms] == ["draft"]


def test_one_form_submitted_twice_at_once_registers_once(any_rt: Runtime,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A double click: the second submission read the form before the first committed. The
    first to tie the form to its dossier wins; the other writes nothing (try again)."""
    from states.db.models import Dossier
    from states.errors import Conflict
    from states.people import registration_forms

    officers(any_rt)
    account = producer_account(any_rt, register(any_rt), "a@example.vn")
    draft = save_draft(any_rt, account, None, "01", FORM)
    read = registration_forms.own_form
    others: list[int] = []

    def read_then_the_other_submits(*args, **kwargs):  # type: ignore[no-untyped-def]
        row = read(*args, **kwargs)
        if not others:
            others.append(0)  # the other submission reads the form once, undisturbed
            others[0] = submit_form(any_rt, account, draft.id)
        return row

    monkeypatch.setattr(registration_forms, "own_form", read_then_the_other_submits)
    with pytest.raises(Conflict, match="vừa được nộp"):
        submit_form(any_rt, account, draft.id)
    monkeypatch.undo()
    with any_rt.transaction() as session:
        products = session.scalars(select(Dossier.id).join(Dossier.product).where(
            Dossier.product.has(name=FORM["product"]))).all()
    assert products == others
    assert submit_form(any_rt, account, draft.id) == others[0]  # again: the same dossier


def test_the_officer_of_the_producers_new_commune_disables_its_account(rt: Runtime) -> None:
    """The switch of 1/7/2025 moved the producer from Lục Ngạn to Xã Nam Dương: the account
    follows its producer, so the new commune's officer disables it and Lục Ngạn's no longer
    can (the district is gone)."""
    from tests.conftest import at
    from use_cases.units import reorganise

    officers(rt)
    at(rt, date(2022, 12, 1))
    dossier = steps.register_product(rt, "admin", unit="Huyện Lục Ngạn", producer="HTX Vải",
                                     producer_type="cooperative", product="Vải sấy",
                                     group="food", commune="Tân Mộc").id
    account = producer_account(rt, dossier, "a@example.vn")
    at(rt, date(2025, 7, 1))
    reorganise(rt, "admin", plan="bac-ninh-2025", on=date(2025, 7, 1), dry_run=False)
    at(rt, date(2026, 3, 2))
    add_user_with_password(rt, "admin", "can-bo-nam-duong", "district", "07603", None, PASSWORD)
    # Its own form now registers at the new commune (the account answers to it too).
    draft = save_draft(rt, account, None, "01", {**FORM, "product": "Mật ong"})
    new = submit_form(rt, account, draft.id)
    assert show_dossier(rt, "can-bo-nam-duong", new).unit == "Xã Nam Dương"
    with pytest.raises(PermissionDenied):
        disable_producer_account(rt, "can-bo-luc-ngan", account, reason="thử")
    disable_producer_account(rt, "can-bo-nam-duong", account, reason="chủ thể ngừng hoạt động")
    with rt.transaction() as session:
        assert not session.scalars(select(User.active).where(User.name == account)).one()
