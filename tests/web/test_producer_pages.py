"""Producers' own accounts on the web: the officer's invitation from the dossier page, the
one-time link, the producer's form (draft, submit), isolation in pages and the API."""

import re

from sqlalchemy import select

from states.db.models import DossierEvent, OutboxMessage
from states.people.producer_accounts import INVITATION_REFUSED
from tests.builders import register
from tests.web.conftest import PASSWORD, Site, csrf_of, invitation_token, invite_and_set_password, login
from use_cases.identity import create_token

FORM = {"form": "01", "product": "Mật ong hoa vải", "group": "food", "subgroup": "Mật ong",
        "standards": "TCCS 01:2022\nVietGAP", "producer_type": "cooperative",
        "phone": "0912345678", "email": "", "commune": "", "address": "Thôn Nghè"}


def invite_from_the_page(site: Site, dossier: int, email: str) -> str:
    officer = site.login("can-bo-luc-ngan")
    csrf = csrf_of(officer.get(f"/dossiers/{dossier}").text)
    reply = officer.post(f"/dossiers/{dossier}/producer-invitation",
                         data={"email": email, "csrf": csrf}, follow_redirects=False)
    assert reply.status_code == 303, reply.text
    assert "đã mời, chưa đặt mật khẩu" in officer.get(f"/dossiers/{dossier}").text
    with site.rt.transaction() as session:
        key = session.scalars(select(OutboxMessage.dedupe_key).where(
            OutboxMessage.kind == "producer_invitation")).all()[-1]
    return invitation_token(site.rt, key)


def test_invited_producer_sets_a_password_fills_the_form_and_submits(any_site: Site) -> None:
    dossier = register(any_site.rt)
    token = invite_from_the_page(any_site, dossier, "chu.the@example.vn")
    client = any_site.client()
    setup = client.get(f"/account/setup?token={token}")
    assert setup.status_code == 200 and "chu.the@example.vn" in setup.text
    done = client.post("/account/setup", data={"token": token, "new": PASSWORD,
                                               "repeat": PASSWORD, "csrf": csrf_of(setup.text)},
                       follow_redirects=False)
    assert done.headers["location"] == "/login?next=/producer&set=1"
    assert "Đã đặt mật khẩu" in client.get(done.headers["location"]).text
    assert login(client, "chu.the@example.vn", PASSWORD).headers["location"] == "/"
    home = client.get("/")  # the staff's home leads a producer to its own
    assert home.url.path == "/producer" and "HTX Vải thiều Lục Ngạn" in home.text
    csrf = csrf_of(home.text)
    saved = client.post("/producer/forms", data={**FORM, "product": "", "action": "save",
                                                 "csrf": csrf}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].endswith("?done=saved")
    form_url = saved.headers["location"].split("?")[0]
    refused = client.post(form_url, data={**FORM, "product": "", "action": "submit",
                                          "csrf": csrf})
    assert refused.status_code == 422 and "Tên sản phẩm không được để trống." in refused.text
    submitted = client.post(form_url, data={**FORM, "action": "submit", "csrf": csrf},
                            follow_redirects=False)
    assert submitted.status_code == 303
    page = client.get(submitted.headers["location"])
    assert "Mật ong hoa vải" in page.text and "Đã đăng ký" in page.text
    # The group and the sub-group (typed "Mật ong") in words, never their codes.
    assert ">Thực phẩm</td>" in page.text and "Mật ong, các sản phẩm từ mật ong, mật khác" in page.text
    assert "mat-ong" not in page.text and ">food<" not in page.text
    new_id = int(re.search(r"/producer/dossiers/(\d+)", submitted.headers["location"]).group(1))
    with any_site.rt.transaction() as session:
        actors = set(session.scalars(select(DossierEvent.actor).where(
            DossierEvent.dossier_id == new_id)))
    assert actors == {"chu.the@example.vn"}  # audited under the producer's own name
    officer_view = any_site.login("can-bo-luc-ngan").get(f"/dossiers/{new_id}")
    assert officer_view.status_code == 200 and "cập nhật phiếu đăng ký" in officer_view.text
    assert "(nhóm Thực phẩm, phân nhóm Mật ong, các sản phẩm từ mật ong, mật khác)" in officer_view.text


def test_the_form_refuses_a_sub_group_of_another_group_and_keeps_the_draft(site: Site) -> None:
    dossier = register(site.rt)
    token = invite_from_the_page(site, dossier, "chu.the@example.vn")
    client = site.client()
    setup = client.get(f"/account/setup?token={token}")
    client.post("/account/setup", data={"token": token, "new": PASSWORD, "repeat": PASSWORD,
                                        "csrf": csrf_of(setup.text)})
    login(client, "chu.the@example.vn", PASSWORD)
    form = client.get("/producer/forms/new")
    assert '<option value="Rượu trắng" label="Đồ uống">' in form.text  # suggested, typed freely
    refused = client.post("/producer/forms", data={**FORM, "subgroup": "rượu trắng",
                                                   "action": "submit", "csrf": csrf_of(form.text)})
    assert refused.status_code == 422
    assert "Phân nhóm &#39;Rượu trắng&#39; thuộc nhóm Đồ uống, không thuộc nhóm Thực phẩm" in refused.text
    assert 'value="rượu trắng"' in refused.text  # the draft keeps what was typed
    with site.rt.transaction() as session:
        assert session.scalars(select(DossierEvent.dossier_id).where(
            DossierEvent.dossier_id != dossier)).all() == []  # no dossier registered


def test_a_link_used_or_expired_is_refused_in_one_sentence(site: Site) -> None:
    dossier = register(site.rt)
    token = invite_from_the_page(site, dossier, "a@example.vn")
    client = site.client()
    site.wall.advance(days=7, seconds=1)
    expired = client.get(f"/account/setup?token={token}")
    assert expired.status_code == 422 and INVITATION_REFUSED in expired.text
    assert 'name="new"' not in expired.text
    token = invite_from_the_page(site, dossier, "a@example.vn")
    setup = client.get(f"/account/setup?token={token}")
    short = client.post("/account/setup", data={"token": token, "new": "ngan", "repeat": "ngan",
                                                "csrf": csrf_of(setup.text)})
    assert short.status_code == 422 and "ít nhất 10 ký tự" in short.text  # the link still works
    client.post("/account/setup", data={"token": token, "new": PASSWORD, "repeat": PASSWORD,
                                        "csrf": csrf_of(short.text)})
    again = client.get(f"/account/setup?token={token}")
    assert again.status_code == 422 and INVITATION_REFUSED in again.text


def test_a_producer_reaches_no_other_producers_dossier_in_pages_or_api(any_site: Site) -> None:
    mine = register(any_site.rt)
    theirs = register(any_site.rt, name="Vải sấy", producer="HTX Khác")
    name = invite_and_set_password(any_site, mine, "a@example.vn")
    client = any_site.login(name)
    assert client.get(f"/producer/dossiers/{mine}").status_code == 200
    for path in (f"/producer/dossiers/{theirs}", f"/dossiers/{theirs}", f"/dossiers/{mine}",
                 "/register", "/producer/dossiers/99999"):
        reply = client.get(path, follow_redirects=False)
        assert reply.status_code == 404, path
        assert "Hồ sơ" not in reply.text or "Không có" in reply.text
    api = any_site.client()
    api.headers["Authorization"] = f"Bearer {create_token(any_site.rt, 'admin', name).token}"
    assert [d["id"] for d in api.get("/api/v1/producer/dossiers").json()["items"]] == [mine]
    assert api.get(f"/api/v1/producer/dossiers/{mine}").json()["id"] == mine
    for path in (f"/api/v1/producer/dossiers/{theirs}", f"/api/v1/dossiers/{theirs}",
                 f"/api/v1/dossiers/{mine}", "/api/v1/dossiers"):
        reply = api.get(path)
        assert (reply.status_code, reply.json()["code"]) == (404, "not_found"), path
    staff = any_site.client()
    staff.headers["Authorization"] = f"Bearer {create_token(any_site.rt, 'admin', 'admin').token}"
    assert staff.get("/api/v1/producer/dossiers").status_code == 404


def test_staff_disable_the_account_and_it_cannot_log_in(site: Site) -> None:
    dossier = register(site.rt)
    name = invite_and_set_password(site, dossier, "a@example.vn")
    producer = site.login(name)
    officer = site.login("can-bo-luc-ngan")
    csrf = csrf_of(officer.get(f"/dossiers/{dossier}").text)
    reply = officer.post(f"/dossiers/{dossier}/producer-accounts/disable",
                         data={"name": name, "reason": "chủ thể ngừng hoạt động", "csrf": csrf})
    assert reply.status_code == 200 and "Đã khoá tài khoản của chủ thể." in reply.text
    assert producer.get("/producer", follow_redirects=False).status_code == 303  # session ended
    refused = login(site.client(), name, PASSWORD)
    assert refused.status_code == 401 and "Tên đăng nhập hoặc mật khẩu không đúng." in refused.text
