"""Deny by default (ASVS V4): every route of the application × every role, and the status each
pair answers. A route added without a row here fails the first test."""

from typing import Any

import pytest
from fastapi.routing import APIRoute

from tests.builders import advance, register
from tests.web.conftest import Site, csrf_of, invite_and_set_password
from use_cases.steps import STEPS
from web.app import create_app

# Issue 25: a producer's own account (of the Yên Thế dossiers' producer), invited in the test.
PRODUCER = "chu-the@example.vn"
ROLES = ("admin", "can-bo-yen-the", "can-bo-luc-ngan", "thu-ky", PRODUCER, None)
D = "{dossier}"
C = "{certified}"  # a dossier of Yên Thế with its certificate
PUBLIC = (200,) * 6
# (method, path) → (path to request, form or JSON data, statuses in the order of ROLES).
# The data is chosen so that nothing succeeds by accident: 422/404 for the Department means it
# got past the permission check, 403 means it did not.
TABLE: dict[tuple[str, str], tuple[str, dict[str, Any] | None, tuple[int, ...]]] = {
    ("GET", "/login"): ("/login", None, (303, 303, 303, 303, 303, 200)),
    ("POST", "/login"): ("/login", {"username": "admin", "password": "x"}, (403,) * 6),
    ("GET", "/password"): ("/password", None, (200, 200, 200, 200, 200, 303)),
    ("POST", "/password"): ("/password", {"old": "sai", "new": "x", "repeat": "x"},
                            (422, 422, 422, 422, 422, 303)),
    ("GET", "/"): ("/", None, (200, 200, 200, 200, 303, 303)),
    ("GET", "/dossiers/{dossier_id}"): (f"/dossiers/{D}", None, (200, 200, 404, 200, 404, 303)),
    ("POST", "/dossiers/{dossier_id}/steps/{trigger}"): (
        f"/dossiers/{D}/steps/certify", {"members": "75", "decision": "1/QĐ", "on": "2022-03-01"},
        (409, 409, 404, 403, 404, 303)),
    ("POST", "/dossiers/{dossier_id}/propose-revocation"): (
        f"/dossiers/{D}/propose-revocation", {"campaign": "999", "reason": "ceased"},
        (404, 404, 404, 404, 404, 303)),
    ("GET", "/register"): ("/register", None, (200, 200, 200, 200, 404, 303)),
    ("POST", "/register"): ("/register", {"unit": "yen-the", "producer": "HTX Thử", "name": "Chè",
                                          "producer_type": "cooperative", "group": "food"},
                            (303, 303, 403, 403, 404, 303)),
    ("GET", "/dashboard"): ("/dashboard", None, (200, 403, 403, 403, 404, 303)),
    ("GET", "/report/{year}.pdf"): ("/report/2022.pdf", None, (200, 403, 403, 403, 404, 303)),
    ("GET", "/report/{year}.xlsx"): ("/report/2022.xlsx", None, (200, 403, 403, 403, 404, 303)),
    ("GET", "/report/{year}"): ("/report/2022", None, (200, 403, 403, 403, 404, 303)),
    ("GET", "/don-vi"): ("/don-vi", None, (303, 303, 303, 403, 404, 303)),
    ("GET", "/don-vi/{code}"): ("/don-vi/yen-the", None, (200, 200, 403, 403, 404, 303)),
    ("GET", "/stuck"): ("/stuck", None, (200, 403, 403, 403, 404, 303)),
    ("GET", "/stuck.xlsx"): ("/stuck.xlsx", None, (200, 403, 403, 403, 404, 303)),
    ("GET", "/campaigns"): ("/campaigns", None, (200, 403, 403, 403, 404, 303)),
    ("POST", "/campaigns"): ("/campaigns", {"kind": "revocation", "deadline": "2020-01-01"},
                             (422, 403, 403, 403, 404, 303)),
    ("GET", "/campaigns/{campaign_id}"): ("/campaigns/999", None, (404, 403, 403, 403, 404, 303)),
    ("POST", "/campaigns/{campaign_id}/close"): ("/campaigns/999/close", {},
                                                 (404, 403, 403, 403, 404, 303)),
    ("GET", "/campaigns/{campaign_id}/list.xlsx"): ("/campaigns/999/list.xlsx", None,
                                                    (404, 403, 403, 403, 404, 303)),
    ("POST", "/campaigns/{campaign_id}/decide"): ("/campaigns/999/decide", {"decision": "1/QĐ"},
                                                  (404, 403, 403, 403, 404, 303)),
    ("GET", "/outbox"): ("/outbox", None, (200, 403, 403, 403, 404, 303)),
    ("POST", "/outbox/{message_id}/retry"): ("/outbox/999/retry", {}, (404, 403, 403, 403, 404, 303)),
    ("GET", "/admin/users"): ("/admin/users", None, (200, 403, 403, 403, 404, 303)),
    ("POST", "/admin/users"): ("/admin/users", {"name": "admin", "role": "department"},
                               (422, 403, 403, 403, 404, 303)),
    ("POST", "/admin/users/{name}/password"): ("/admin/users/ghost/password", {},
                                               (404, 403, 403, 403, 404, 303)),
    ("POST", "/admin/users/{name}/disable"): ("/admin/users/admin/disable", {},
                                              (422, 403, 403, 403, 404, 303)),
    ("POST", "/admin/users/{name}"): ("/admin/users/ghost", {"role": "department"},
                                      (404, 403, 403, 403, 404, 303)),
    ("GET", "/admin/units"): ("/admin/units", None, (200, 403, 403, 403, 404, 303)),
    ("POST", "/admin/units/{code}/contacts"): ("/admin/units/ghost/contacts",
                                               {"emails": "a@example.vn"}, (404, 403, 403, 403, 404, 303)),
    ("GET", "/api/docs"): ("/api/docs", None, (200,) * 6),
    ("GET", "/api/openapi.json"): ("/api/openapi.json", None, (200,) * 6),
    ("GET", "/healthz"): ("/healthz", None, (200,) * 6),
    # A session cookie is not an API credential: without a token every API route answers 401.
    ("GET", "/api/v1/dossiers"): ("/api/v1/dossiers", None, (401,) * 6),
    ("GET", "/api/v1/dossiers/{dossier_id}"): (f"/api/v1/dossiers/{D}", None, (401,) * 6),
    ("POST", "/api/v1/dossiers"): ("/api/v1/dossiers", {}, (401,) * 6),
    # One operation per step (its own body in the schema).
    **{("POST", f"/api/v1/dossiers/{{dossier_id}}/steps/{step.value}"): (
        f"/api/v1/dossiers/{D}/steps/{step.value}", {}, (401,) * 6) for step in STEPS},
    ("GET", "/api/v1/dashboard"): ("/api/v1/dashboard", None, (401,) * 6),
    # Issue 21: councils (a token is needed, whoever the session cookie names).
    **{(method, path): (path.replace("{council_id}", "1").replace("{dossier_id}", "1"),
                        None if method == "GET" else {}, (401,) * 6)
       for method, path in (
           ("POST", "/api/v1/councils"), ("GET", "/api/v1/councils"),
           ("GET", "/api/v1/councils/{council_id}"), ("POST", "/api/v1/councils/{council_id}/setup"),
           ("POST", "/api/v1/councils/{council_id}/open"),
           ("POST", "/api/v1/councils/{council_id}/close"),
           ("POST", "/api/v1/councils/{council_id}/publish"),
           *((m, f"/api/v1/councils/{{council_id}}/dossiers/{{dossier_id}}/{tail}") for m, tail in (
               ("POST", "conflict"), ("GET", "sheet"), ("PUT", "sheet"), ("POST", "submit"),
               ("POST", "reopen"), ("GET", "result"), ("POST", "acknowledge"))))},
    # The public look-up: no login, and never a login page instead.
    ("GET", "/tra-cuu"): ("/tra-cuu?q=vai", None, PUBLIC),
    ("GET", "/tra-cuu/giay-chung-nhan/{token}"): ("/tra-cuu/giay-chung-nhan/khong-co", None,
                                                  (404,) * 6),
    ("GET", "/tra-cuu/so-dang-ky-ocop.csv"): ("/tra-cuu/so-dang-ky-ocop.csv", None, PUBLIC),
    ("GET", "/tra-cuu/so-dang-ky-ocop.json"): ("/tra-cuu/so-dang-ky-ocop.json", None, PUBLIC),
    ("GET", "/api/v1/public/products"): ("/api/v1/public/products?q=vai", None, PUBLIC),
    ("GET", "/dossiers/{dossier_id}/certificate.pdf"): (f"/dossiers/{C}/certificate.pdf", None,
                                                        (200, 200, 404, 200, 404, 303)),
    # Issue 14: who prepared a dossier (a consultant without a name: refused as input), training,
    # the consultant report.
    ("POST", "/dossiers/{dossier_id}/preparation"): (
        f"/dossiers/{D}/preparation", {"prepared_by": "consultant"}, (422, 422, 404, 403, 404, 303)),
    # Issue 21: council scoring pages; council 999 does not exist (only members may act).
    ("GET", "/councils"): ("/councils", None, (200, 200, 200, 200, 404, 303)),
    ("GET", "/councils/{council_id}"): ("/councils/999", None, (404, 404, 404, 404, 404, 303)),
    ("GET", "/councils/{council_id}/dossiers/{dossier_id}"): (
        "/councils/999/dossiers/1", None, (404, 404, 404, 404, 404, 303)),
    ("POST", "/councils/{council_id}/dossiers/{dossier_id}/draft"): (
        "/councils/999/dossiers/1/draft", {"c:A1": "1"}, (404, 404, 404, 404, 404, 303)),
    ("POST", "/councils/{council_id}/dossiers/{dossier_id}/submit"): (
        "/councils/999/dossiers/1/submit", {"confirm": "yes"}, (404, 404, 404, 404, 404, 303)),
    ("POST", "/councils/{council_id}/dossiers/{dossier_id}/conflict"): (
        "/councils/999/dossiers/1/conflict", {"reason": "x"}, (404, 404, 404, 404, 404, 303)),
    ("POST", "/councils/{council_id}/dossiers/{dossier_id}/acknowledge"): (
        "/councils/999/dossiers/1/acknowledge", {}, (404, 404, 404, 404, 404, 303)),
    ("POST", "/councils/{council_id}/package"): (
        "/councils/999/package", {"sent_on": "2022-03-01"}, (404, 404, 404, 404, 404, 303)),
    ("POST", "/councils/{council_id}/open"): ("/councils/999/open", {},
                                              (404, 404, 404, 404, 404, 303)),
    ("POST", "/councils/{council_id}/reopen"): (
        "/councils/999/reopen", {"dossier": "1", "member": "admin", "reason": "x"},
        (404, 404, 404, 404, 404, 303)),
    ("POST", "/councils/{council_id}/close"): ("/councils/999/close", {"confirm": "yes"},
                                               (404, 404, 404, 404, 404, 303)),
    ("POST", "/councils/{council_id}/publish"): ("/councils/999/publish", {"confirm": "yes"},
                                                 (404, 404, 404, 404, 404, 303)),
    # Issue 25, step 6: the council's readers and the dossier's files (tests/web/test_council_files.py
    # has the members, the staff and the audit).
    **{("GET", f"/councils/{{council_id}}/dossiers/{{dossier_id}}/files{tail}"): (
        f"/councils/999/dossiers/{D}/files{tail.replace('{file_id}', '1')}", None,
        (404, 404, 404, 404, 404, 303)) for tail in ("", "/{file_id}", ".zip")},
    # Issue 21: setting a council up (who may: the Department, a unit's officers; the
    # council-secretary role may not) and its printouts; council 999 does not exist.
    ("GET", "/councils/new"): ("/councils/new", None, (200, 200, 200, 403, 404, 303)),
    ("POST", "/councils/new"): ("/councils/new", {"name": "HĐ", "level": ""},
                                (422, 422, 422, 403, 404, 303)),
    ("GET", "/councils/{council_id}/setup"): ("/councils/999/setup", None,
                                              (404, 404, 404, 404, 404, 303)),
    ("POST", "/councils/{council_id}/setup/{act}"): (
        "/councils/999/setup/members", {"user": "admin"}, (404, 404, 404, 404, 404, 303)),
    ("GET", "/councils/{council_id}/dossiers/{dossier_id}/sheet.pdf"): (
        "/councils/999/dossiers/1/sheet.pdf", None, (404, 404, 404, 404, 404, 303)),
    **{("GET", f"/councils/{{council_id}}/{name}"): (f"/councils/999/{name}", None,
                                                    (404, 404, 404, 404, 404, 303))
       for name in ("summary.xlsx", "minutes.pdf", "proposal.pdf")},
    ("GET", "/training"): ("/training", None, (200, 403, 403, 403, 404, 303)),
    ("POST", "/training"): ("/training", {"title": " ", "starts_on": "2022-03-10"},
                            (422, 403, 403, 403, 404, 303)),
    ("GET", "/training/coverage"): ("/training/coverage", None, (200, 403, 403, 403, 404, 303)),
    ("GET", "/training/coverage.xlsx"): ("/training/coverage.xlsx", None,
                                         (200, 403, 403, 403, 404, 303)),
    ("GET", "/training/{course_id}"): ("/training/999", None, (404, 403, 403, 403, 404, 303)),
    ("POST", "/training/{course_id}/attendance"): ("/training/999/attendance",
                                                   {"officer": "admin"}, (404, 403, 403, 403, 404, 303)),
    ("POST", "/training/{course_id}/sheet"): ("/training/999/sheet", {},
                                              (404, 403, 403, 403, 404, 303)),
    ("GET", "/consultants"): ("/consultants?year=2022", None, (200, 403, 403, 403, 404, 303)),
    ("GET", "/consultants.xlsx"): ("/consultants.xlsx", None, (200, 403, 403, 403, 404, 303)),
    # Issue 11: the "chưa xác định xã" list; the dossier is already in the unit asked for.
    ("GET", "/unsettled"): ("/unsettled", None, (200, 403, 403, 403, 404, 303)),
    ("POST", "/dossiers/{dossier_id}/assign-unit"): (
        f"/dossiers/{D}/assign-unit", {"unit": "yen-the"}, (422, 403, 404, 403, 404, 303)),
    # Issue 25: producers' own accounts. A producer reaches its own pages only; staff reach none
    # of them; the one-time link needs no login (a link that cannot be used: 422).
    ("GET", "/account/setup"): ("/account/setup?token=khong-co", None, (422,) * 6),
    ("POST", "/account/setup"): ("/account/setup", {"token": "x"}, (403,) * 6),
    ("GET", "/producer"): ("/producer", None, (404, 404, 404, 404, 200, 303)),
    ("GET", "/producer/forms/new"): ("/producer/forms/new", None, (404, 404, 404, 404, 200, 303)),
    ("GET", "/producer/forms/{form_id}"): ("/producer/forms/999", None, (404,) * 5 + (303,)),
    ("POST", "/producer/forms"): ("/producer/forms", {"product": "Chè", "action": "save"},
                                  (404, 404, 404, 404, 303, 303)),
    ("POST", "/producer/forms/{form_id}"): ("/producer/forms/999", {}, (404,) * 5 + (303,)),
    ("GET", "/producer/dossiers/{dossier_id}"): (f"/producer/dossiers/{D}", None,
                                                 (404, 404, 404, 404, 200, 303)),
    ("POST", "/dossiers/{dossier_id}/producer-invitation"): (
        f"/dossiers/{D}/producer-invitation", {"email": "khong-phai-email"},
        (422, 422, 404, 403, 404, 303)),
    ("POST", "/dossiers/{dossier_id}/producer-accounts/disable"): (
        f"/dossiers/{D}/producer-accounts/disable", {"name": "ghost", "reason": "thử"},
        (404, 404, 404, 404, 404, 303)),
    # A producer's own uploads: no file gets past the permission check to the name (422).
    ("POST", "/producer/dossiers/{dossier_id}/files"): (
        f"/producer/dossiers/{D}/files", {"document": "business-plan"},
        (404, 404, 404, 404, 422, 303)),
    ("GET", "/producer/files/{file_id}"): ("/producer/files/999", None, (404,) * 5 + (303,)),
    ("GET", "/api/v1/producer/dossiers/{dossier_id}/files"): (
        f"/api/v1/producer/dossiers/{D}/files", None, (401,) * 6),
    ("POST", "/api/v1/producer/dossiers/{dossier_id}/documents/{document}/files"): (
        f"/api/v1/producer/dossiers/{D}/documents/business-plan/files?name=a.pdf", {},
        (401,) * 6),
    ("GET", "/api/v1/producer/dossiers"): ("/api/v1/producer/dossiers", None, (401,) * 6),
    ("GET", "/api/v1/producer/dossiers/{dossier_id}"): (f"/api/v1/producer/dossiers/{D}", None,
                                                        (401,) * 6),
    # Issue 25: a dossier's files. Uploading with no file gets past the permission check to the
    # name (422); the scored dossier has no accepted file to pack (409); no file 999 exists.
    ("POST", "/dossiers/{dossier_id}/files"): (
        f"/dossiers/{D}/files", {"document": "business-plan"}, (422, 422, 404, 403, 404, 303)),
    ("POST", "/files/{file_id}/check"): ("/files/999/check", {"verdict": "accept"},
                                         (404, 404, 404, 404, 404, 303)),
    ("POST", "/dossiers/{dossier_id}/paper"): (f"/dossiers/{D}/paper", {"paper": "yes"},
                                               (303, 303, 404, 403, 404, 303)),
    ("GET", "/files/{file_id}"): ("/files/999", None, (404, 404, 404, 404, 404, 303)),
    ("GET", "/dossiers/{dossier_id}/files.zip"): (f"/dossiers/{D}/files.zip", None,
                                                  (409, 409, 404, 409, 404, 303)),
    ("GET", "/api/v1/dossiers/{dossier_id}/files"): (f"/api/v1/dossiers/{D}/files", None, (401,) * 6),
    ("POST", "/api/v1/dossiers/{dossier_id}/documents/{document}/files"): (
        f"/api/v1/dossiers/{D}/documents/business-plan/files?name=a.pdf", {}, (401,) * 6),
    ("POST", "/api/v1/files/{file_id}/accept"): ("/api/v1/files/1/accept", {}, (401,) * 6),
    ("POST", "/api/v1/files/{file_id}/reject"): ("/api/v1/files/1/reject", {"reason": "x"},
                                                 (401,) * 6),
    ("GET", "/api/v1/files/{file_id}/content"): ("/api/v1/files/1/content", None, (401,) * 6),
    ("POST", "/logout"): ("/logout", {}, (303,) * 6),  # last: it ends the session
}


def app_routes(site: Site) -> set[tuple[str, str]]:
    app = create_app(site.system)
    found = set()
    routes = list(app.routes)
    while routes:
        route = routes.pop()
        # FastAPI 0.150 keeps an included router whole, not copied into the app's list.
        routes.extend(getattr(getattr(route, "original_router", None), "routes", []))
        if isinstance(route, APIRoute):
            found.update((method, route.path) for method in route.methods - {"HEAD"})
    found.update({("GET", "/api/openapi.json")})
    return found


def test_every_route_is_in_the_table(site: Site) -> None:
    assert app_routes(site) == set(TABLE)


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_every_route_answers_each_role_as_the_table_says(any_site: Site, role: str | None) -> None:
    dossier = register(any_site.rt, unit="Huyện Yên Thế")
    advance(any_site.rt, dossier, "district_scored")
    certified = register(any_site.rt, unit="Huyện Yên Thế", name="Gà đồi")
    advance(any_site.rt, certified, "certified")
    if role == PRODUCER:
        invite_and_set_password(any_site, dossier, PRODUCER)
    client = any_site.login(role) if role else any_site.client()
    csrf = csrf_of(client.get("/").text) if role else ""
    column = ROLES.index(role)
    got, wanted = {}, {}
    for (method, _), (path, data, statuses) in TABLE.items():
        url = path.replace(D, str(dossier)).replace(C, str(certified))
        if method == "GET":
            reply = client.get(url, follow_redirects=False)
        elif url.startswith("/api/"):
            send = client.put if method == "PUT" else client.post
            reply = send(url, json=data, follow_redirects=False)
        else:
            form = dict(data or {})
            if url != "/login":
                form["csrf"] = csrf
            reply = client.post(url, data=form, follow_redirects=False)
        got[(method, path)] = reply.status_code
        wanted[(method, path)] = statuses[column]
    assert got == wanted
