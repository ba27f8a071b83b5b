"""Logins (ASVS V2), sessions (V3), CSRF and headers (V14), against the real application."""

from sqlalchemy import func, select

from states.db.models import AuthEvent, Dossier, WebSession
from tests.builders import register
from tests.web.conftest import PASSWORD, Site, csrf_of, login


def test_pages_need_a_login_and_come_back_after_it(site: Site) -> None:
    client = site.client()
    reply = client.get("/dashboard", follow_redirects=False)
    assert reply.status_code == 303
    assert reply.headers["location"] == "/login?next=/dashboard"
    answer = login(client, "admin", PASSWORD, "/dashboard")
    assert answer.headers["location"] == "/dashboard"
    assert client.get("/dashboard").status_code == 200


def test_a_login_never_sends_you_off_the_site(site: Site) -> None:
    client = site.client()
    assert login(client, "admin", PASSWORD, "//evil.example/x").headers["location"] == "/"


def test_cookie_flags_and_a_new_session_id_at_each_login(site: Site) -> None:
    client = site.client(https=True)
    reply = login(client, "admin", PASSWORD)
    cookie = reply.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie
    first = client.cookies.get("ocop_session")
    second_client = site.client(https=True)
    login(second_client, "admin", PASSWORD)
    assert second_client.cookies.get("ocop_session") != first
    plain = site.client()
    assert "Secure" not in login(plain, "admin", PASSWORD).headers["set-cookie"]


def test_wrong_password_is_refused_and_audited(site: Site) -> None:
    client = site.client()
    reply = login(client, "admin", "sai-mat-khau-roi")
    assert reply.status_code == 401
    assert "không đúng" in reply.text
    site.wall.advance(seconds=2)  # the address waits a second after a failure
    login(client, "khong-co-ai", "sai-mat-khau-roi")
    with site.rt.transaction() as session:
        kinds = session.execute(select(AuthEvent.kind, AuthEvent.username, AuthEvent.address)
                                .order_by(AuthEvent.id)).all()
    assert [k for k, _, _ in kinds] == ["failure", "failure"]
    assert kinds[1][1] == "khong-co-ai" and kinds[1][2] == "testclient"


def test_a_failure_makes_the_next_try_wait(site: Site) -> None:
    client = site.client()
    login(client, "admin", "sai-mat-khau-roi")
    assert "Hãy đợi 1 giây" in login(client, "admin", PASSWORD).text
    site.wall.advance(seconds=1)
    assert login(client, "admin", PASSWORD).status_code == 303


def test_five_failures_lock_the_user_from_any_address(site: Site) -> None:
    for n in range(5):
        reply = login(site.client(address=f"10.0.0.{n}"), "admin", "sai-mat-khau-roi")
        assert "không đúng" in reply.text, n
        site.wall.advance(seconds=2 ** n)
    locked = login(site.client(address="10.0.0.99"), "admin", PASSWORD)
    assert locked.status_code == 401 and "khoá tạm thời" in locked.text
    assert login(site.client(address="10.0.0.99"), "can-bo-yen-the", PASSWORD).status_code == 303
    site.wall.advance(minutes=16)
    assert login(site.client(address="10.0.0.99"), "admin", PASSWORD).status_code == 303
    with site.rt.transaction() as session:
        kinds = session.scalars(select(AuthEvent.kind).order_by(AuthEvent.id)).all()
    assert kinds == ["failure"] * 5 + ["locked", "login", "login"]


def test_five_failures_lock_the_address_whatever_the_name(site: Site) -> None:
    for n in range(5):
        login(site.client(address="10.9.9.9"), f"doan-ten-{n}", "sai-mat-khau-roi")
        site.wall.advance(seconds=2 ** n)
    assert "khoá tạm thời" in login(site.client(address="10.9.9.9"), "admin", PASSWORD).text
    assert login(site.client(address="10.9.9.8"), "admin", PASSWORD).status_code == 303


def test_idle_and_absolute_time_outs(site: Site) -> None:
    client = site.login("admin")
    site.wall.advance(minutes=29)
    assert client.get("/", follow_redirects=False).status_code == 200
    site.wall.advance(minutes=31)
    assert client.get("/", follow_redirects=False).status_code == 303
    client = site.login("admin")
    for _ in range(25):  # active all day: each request well inside the idle limit
        site.wall.advance(minutes=29)
        client.get("/", follow_redirects=False)
    assert client.get("/", follow_redirects=False).status_code == 303


def test_logout_deletes_the_session(site: Site) -> None:
    client = site.login("admin")
    stolen = client.cookies.get("ocop_session")
    token = csrf_of(client.get("/").text)
    assert client.post("/logout", data={"csrf": token}, follow_redirects=False).status_code == 303
    with site.rt.transaction() as session:
        assert session.scalar(select(func.count()).select_from(WebSession)) == 0
        assert session.scalar(select(AuthEvent.kind).order_by(AuthEvent.id.desc())) == "logout"
    thief = site.client()
    thief.cookies.set("ocop_session", stolen or "")
    assert thief.get("/", follow_redirects=False).status_code == 303


def test_a_post_without_the_csrf_token_changes_nothing(site: Site) -> None:
    dossier_id = register(site.rt)
    client = site.login("admin")
    for data in ({}, {"csrf": "forged"}):
        reply = client.post(f"/dossiers/{dossier_id}/steps/inspect",
                            data={**data, "on": "2022-03-01", "inspectors": "An"})
        assert reply.status_code == 403
    assert client.post("/login", data={"username": "admin", "password": PASSWORD}).status_code == 403
    with site.rt.transaction() as session:
        assert session.get(Dossier, dossier_id).state == "registered"  # type: ignore[union-attr]


def test_first_login_must_change_the_one_time_password(site: Site) -> None:
    from use_cases.identity import set_password

    one_time = set_password(site.rt, "admin", "can-bo-yen-the", None).generated
    assert one_time is not None
    client = site.client()
    assert login(client, "can-bo-yen-the", one_time).headers["location"] == "/password"
    assert client.get("/", follow_redirects=False).headers["location"] == "/password"
    token = csrf_of(client.get("/password").text)
    short = client.post("/password", data={"csrf": token, "old": one_time, "new": "ngan",
                                           "repeat": "ngan"})
    assert short.status_code == 422 and "10 ký tự" in short.text
    done = client.post("/password", data={"csrf": token, "old": one_time,
                                          "new": "mat-khau-rieng-cua-toi",
                                          "repeat": "mat-khau-rieng-cua-toi"}, follow_redirects=False)
    assert done.headers["location"] == "/?password=changed"
    assert client.get("/").status_code == 200
    assert login(site.client(), "can-bo-yen-the", "mat-khau-rieng-cua-toi").status_code == 303


def test_security_headers(site: Site) -> None:
    client = site.login("admin")
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "same-origin"
    assert "<script>" not in page.text and " style=" not in page.text
    assert "no-store" not in client.get("/static/app.css").headers.get("cache-control", "")


def test_a_disabled_user_is_logged_out_and_cannot_log_in(site: Site) -> None:
    from use_cases.identity import disable_user

    client = site.login("can-bo-yen-the")
    disable_user(site.rt, "admin", "can-bo-yen-the", "Nghỉ việc")
    assert client.get("/", follow_redirects=False).status_code == 303
    assert login(site.client(), "can-bo-yen-the", PASSWORD).status_code == 401
