"""The pages as an officer and the Department use them, through the ASGI test client."""

import re
from datetime import date
from io import BytesIO

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from openpyxl import load_workbook
from sqlalchemy import func, select

from states.db.models import DossierEvent, OutboxMessage
from states.lifecycle.machine import STEPS
from tests.builders import REQUIRED_DOCS, advance, register
from tests.conftest import at
from tests.web.conftest import Site, csrf_of
from use_cases import dossiers as c
from use_cases.worklist import worklist


def post(client: TestClient, url: str, **data: object) -> Response:
    token = csrf_of(client.get("/").text)
    return client.post(url, data={"csrf": token, **data}, follow_redirects=False)


def version_of(client: TestClient, dossier: int) -> str:
    found = re.search(r'name="version" value="(\d+)"', client.get(f"/dossiers/{dossier}").text)
    assert found
    return found.group(1)


def new_id(reply: Response, kind: str = "dossiers") -> int:
    """The number of what a form created, from where it redirects (/dossiers/12, /training/3)."""
    found = re.search(rf"/{kind}/(\d+)", reply.headers["location"])
    assert found
    return int(found.group(1))


def test_the_district_walks_a_dossier_through_its_forms_and_the_department_certifies(
        any_site: Site) -> None:
    officer = any_site.login("can-bo-yen-the")
    made = post(officer, "/register", unit="yen-the", producer="HTX Gà đồi Yên Thế",
                producer_type="cooperative", name="Gà đồi", group="food")
    dossier = new_id(made)
    page = officer.get(f"/dossiers/{dossier}").text

    def version() -> str:
        return version_of(officer, dossier)
    assert "Ghi biên bản kiểm tra thực tế" in page
    assert post(officer, f"/dossiers/{dossier}/steps/inspect", version=version(), on="2022-03-01",
                inspectors="Nguyễn Văn An, Trần Thị Bình", minutes="BB-12").status_code == 303
    assert post(officer, f"/dossiers/{dossier}/steps/score", version=version(),
                members="62, 58, 64").status_code == 303
    refused = officer.get(f"/dossiers/{dossier}").text
    assert "hồ sơ còn thiếu" in refused  # forward shown disabled with the guard's reason
    assert post(officer, f"/dossiers/{dossier}/steps/documents", version=version(),
                present=REQUIRED_DOCS, listed=REQUIRED_DOCS).status_code == 303
    assert post(officer, f"/dossiers/{dossier}/steps/forward", version=version()).status_code == 303
    department = any_site.login("admin")
    assert post(department, f"/dossiers/{dossier}/steps/certify", version=version(),
                members="76", decision="1563/QĐ-UBND", on="2022-03-01").status_code == 303
    shown = department.get(f"/dossiers/{dossier}").text
    assert "Đã công nhận" in shown and "4 sao" in shown and "1563/QĐ-UBND" in shown
    assert "Nguyễn Văn An, Trần Thị Bình" in shown and "62, 58, 64" in shown


def test_a_refused_step_shows_the_guards_reason_and_writes_nothing(site: Site) -> None:
    dossier = register(site.rt, unit="Huyện Yên Thế")
    advance(site.rt, dossier, "district_scored", district=45)
    client = site.login("can-bo-yen-the")
    page = client.get(f"/dossiers/{dossier}").text
    assert "Không thể chuyển hồ sơ lên tỉnh: điểm cấp huyện 45 &lt; 50" in page
    assert re.search(r"<fieldset disabled>\s*<legend><strong>Chuyển hồ sơ lên tỉnh", page)
    reply = post(client, f"/dossiers/{dossier}/steps/forward", version="3")
    assert reply.status_code == 409 and "điểm cấp huyện 45 &lt; 50" in reply.text


def test_a_stale_form_gets_the_fresh_page_and_nothing_is_written(any_site: Site) -> None:
    dossier = register(any_site.rt, unit="Huyện Yên Thế")
    client = any_site.login("can-bo-yen-the")
    old = version_of(client, dossier)
    c.inspect(any_site.rt, "admin", dossier, on=date(2022, 3, 1), inspectors=["An"])
    reply = post(client, f"/dossiers/{dossier}/steps/score", version=old, members="70")
    assert reply.status_code == 409
    assert "Hồ sơ vừa được người khác cập nhật" in reply.text
    assert "Đã kiểm tra thực tế" in reply.text  # the fresh page
    with any_site.rt.transaction() as session:
        assert session.scalar(select(func.count()).select_from(DossierEvent)
                              .where(DossierEvent.trigger == "score")) == 0


def test_bad_input_is_shown_beside_its_field(site: Site) -> None:
    dossier = register(site.rt, unit="Huyện Yên Thế")
    client = site.login("can-bo-yen-the")
    reply = post(client, f"/dossiers/{dossier}/steps/inspect", version="1", on="2022-03-01",
                 inspectors="  ")
    assert reply.status_code == 422
    assert re.search(r'id="inspect-inspectors"[^>]*aria-invalid="true"', reply.text)
    assert "Cần nhập người kiểm tra." in reply.text


def test_a_refusal_naming_inputs_marks_their_fields_without_cli_options(site: Site) -> None:
    """The domain names the inputs at fault (`--decision`, `--on` on the CLI): the form marks its
    own fields and says it beside the first, in words alone."""
    dossier = register(site.rt, unit="Huyện Yên Thế")
    advance(site.rt, dossier, "provincial_review")
    client = site.login("admin")
    reply = post(client, f"/dossiers/{dossier}/steps/certify", version=version_of(client, dossier),
                 members="76")
    assert reply.status_code == 422
    assert re.search(r'<small id="certify-decision-msg" class="error">Công nhận cần số quyết định '
                     r"và ngày quyết định.</small>", reply.text)
    for field in ("decision", "on"):
        assert re.search(rf'id="certify-{field}"[^>]*aria-invalid="true" '
                         r'aria-describedby="certify-decision-msg"', reply.text)
    assert not re.search(r'id="certify-members"[^>]*aria-invalid', reply.text)
    assert "(--" not in reply.text


def test_another_units_dossier_is_not_found(site: Site) -> None:
    dossier = register(site.rt, unit="Huyện Lục Ngạn")
    client = site.login("can-bo-yen-the")
    assert client.get(f"/dossiers/{dossier}").status_code == 404
    assert post(client, f"/dossiers/{dossier}/steps/inspect", version="1", on="2022-03-01",
                inspectors="An").status_code == 404
    assert client.get("/?unit=luc-ngan").status_code == 403


def test_worklist_sorted_by_due_date_with_late_and_due_soon_marked(site: Site) -> None:
    rt = site.rt
    late = register(at(rt, date(2022, 1, 3)), unit="Huyện Yên Thế", name="Chè Bản Ven")
    soon = register(at(rt, date(2022, 2, 10)), unit="Huyện Yên Thế", name="Mật ong")
    later = register(at(rt, date(2022, 3, 1)), unit="Huyện Yên Thế", name="Gà đồi")
    register(rt, unit="Huyện Lục Ngạn", name="Vải thiều")
    client = site.login("can-bo-yen-the")
    page = client.get("/").text
    rows = re.findall(r'<tr class="(\w*)">\s*<td>[^<]*(?:<br><small>[^<]*</small>)?</td>\s*'
                      r'<td><a href="/dossiers/(\d+)"', page)
    assert [int(i) for _, i in rows] == [late, soon, later]
    assert [cls for cls, _ in rows] == ["overdue", "soon", ""]
    assert "<td>Huyện Lục Ngạn</td>" not in page
    assert "quá" in page and "ngày làm việc" in page
    assert re.search(r"Việc của tôi <span class=\"badge\">3</span>", page)


def test_worklist_filters_and_keyset_pages(site: Site) -> None:
    ids = [register(site.rt, unit="Huyện Yên Thế", name=f"Sản phẩm {n}") for n in range(5)]
    special = register(site.rt, unit="Huyện Yên Thế", name="Gà đồi Yên Thế")
    client = site.login("can-bo-yen-the")
    assert f"/dossiers/{special}\"" in client.get("/?q=GA DOI yen the").text
    assert f"/dossiers/{ids[0]}\"" not in client.get("/?q=ga doi").text
    seen, after = [], None
    while True:
        page = worklist(site.rt, "can-bo-yen-the", limit=2, after=after)
        seen += [item.id for item in page.page.items]
        after = page.page.next
        if after is None:
            break
    assert seen == [*ids, special]
    assert "Trang sau" not in client.get("/").text


def test_dashboard_counts_link_to_filtered_lists_and_change_with_a_step(site: Site) -> None:
    dossier = register(site.rt, unit="Huyện Yên Thế")
    client = site.login("admin")
    page = client.get("/dashboard").text
    assert '<a href="/?state=registered&amp;unit=yen-the">1</a>' in page
    pairs = {(s, step.dest) for step in STEPS for s in step.sources if s != step.dest}
    diagram = page[page.index('<svg class="diagram"'):]
    diagram = diagram[:diagram.index("</svg>")]  # the charts below have lines of their own
    assert len(re.findall(r"<line ", diagram)) == len(pairs)
    assert re.search(r'data-state="registered">.*?1 hồ sơ', page, re.S)
    c.inspect(site.rt, "admin", dossier, on=date(2022, 3, 1), inspectors=["An"])
    page = client.get("/dashboard").text
    assert '<a href="/?state=district_inspected&amp;unit=yen-the">1</a>' in page
    assert client.get("/?state=district_inspected&unit=yen-the").text.count("/dossiers/") == 1


def test_stuck_list_downloads_as_a_workbook(site: Site) -> None:
    dossier = register(at(site.rt, date(2022, 1, 3)), unit="Huyện Yên Thế")
    at(site.rt, date(2022, 3, 1))
    client = site.login("admin")
    assert f"#{dossier}" in client.get("/stuck").text
    reply = client.get("/stuck.xlsx")
    assert reply.headers["content-disposition"] == 'attachment; filename="ho-so-ton-dong-20220301.xlsx"'
    sheet = load_workbook(BytesIO(reply.content)).active
    assert sheet is not None and sheet.cell(4, 4).value == dossier


def test_a_revocation_campaign_from_opening_to_decision(site: Site) -> None:
    dossier = register(site.rt, unit="Huyện Yên Thế")
    advance(site.rt, dossier, "certified")
    department = site.login("admin")
    opened = post(department, "/campaigns", kind="revocation", deadline="2022-04-15")
    campaign = opened.headers["location"].rsplit("/", 1)[1]
    assert f'href="/campaigns/{campaign}"' in department.get("/").text  # the Department's work
    officer = site.login("can-bo-yen-the")
    assert "Đề nghị thu hồi" in officer.get(f"/dossiers/{dossier}").text
    assert post(officer, f"/dossiers/{dossier}/propose-revocation", campaign=campaign,
                reason="ceased", note="Ngừng hoạt động").status_code == 303
    assert post(department, f"/campaigns/{campaign}/close").status_code == 303
    listed = load_workbook(BytesIO(department.get(f"/campaigns/{campaign}/list.xlsx").content)).active
    assert listed is not None and listed.cell(4, 2).value == dossier
    assert post(department, f"/campaigns/{campaign}/decide", decision="2011/QĐ-UBND").status_code == 303
    revoked = department.get(f"/dossiers/{dossier}").text
    assert "Đã thu hồi" in revoked
    assert "Quyết định thu hồi 2011/QĐ-UBND" in revoked and "Ngừng hoạt động sản xuất" in revoked


def test_administration_adds_resets_and_disables_users(site: Site) -> None:
    client = site.login("admin")
    added = post(client, "/admin/users", name="can-bo-moi", role="district", unit="tan-yen",
                 full_name="Lê Thị Cúc")
    shown = re.search(r"Mật khẩu dùng một lần của <strong>can-bo-moi</strong>: <code>([^<]+)</code>",
                      added.text)
    assert shown
    from tests.web.conftest import login
    assert login(site.client(), "can-bo-moi", shown.group(1)).headers["location"] == "/password"
    # A change and a lock need their reason (the audit keeps it); without it nothing changes.
    assert post(client, "/admin/users/can-bo-moi", role="district", unit="tan-yen",
                full_name="Lê Thị Cúc", email="cuc@example.vn").status_code == 422
    assert post(client, "/admin/users/can-bo-moi/disable").status_code == 422
    assert post(client, "/admin/users/can-bo-moi", role="district", unit="tan-yen",
                full_name="Lê Thị Cúc", email="cuc@example.vn",
                reason="Bổ sung email").status_code == 303
    assert post(client, "/admin/users/can-bo-moi/disable", reason="Nghỉ việc").status_code == 303
    with site.rt.transaction() as session:  # the account audit keeps who, what and why
        from states.db.models import AuthEvent
        changed, disabled = session.scalars(select(AuthEvent).where(
            AuthEvent.kind.in_(("user_changed", "user_disabled"))).order_by(AuthEvent.id))
        assert (disabled.actor, disabled.username) == ("admin", "can-bo-moi")
        assert disabled.changes == {"before": {"active": True}, "after": {"active": False},
                                    "reason": "Nghỉ việc"}
        assert changed.changes == {"before": {"email": None}, "after": {"email": "cuc@example.vn"},
                                   "reason": "Bổ sung email"}
    assert login(site.client(), "can-bo-moi", shown.group(1)).status_code == 401
    assert post(client, "/admin/units/yen-the/contacts",
                emails="ocop.yenthe@bacgiang.gov.vn").status_code == 303
    assert "ocop.yenthe@bacgiang.gov.vn" in client.get("/admin/units").text


def test_outbox_lists_by_status_and_retries_a_failed_message(site: Site) -> None:
    from datetime import UTC, datetime

    with site.rt.transaction() as session:
        session.add(OutboxMessage(dedupe_key="k:1", kind="digest", recipients=["a@example.vn"],
                                  subject="Nhắc việc #1", html_body="", text_body="#1",
                                  status="failed", attempts=6, last_error="550 từ chối",
                                  next_attempt_at=datetime(2022, 3, 1, tzinfo=UTC),
                                  created_at=datetime(2022, 3, 1, tzinfo=UTC)))
    client = site.login("admin")
    assert "550 từ chối" in client.get("/outbox?status=failed").text
    assert post(client, "/outbox/1/retry").status_code == 303
    assert "Nhắc việc #1" in client.get("/outbox?status=pending").text


def test_the_dossier_page_history_shows_a_correction(site: Site) -> None:
    from states.corrections.dossier_corrections import DossierCorrection
    from use_cases.corrections import correct_dossier

    dossier = register(site.rt, unit="Huyện Yên Thế")
    advance(site.rt, dossier, "district_inspected")
    correct_dossier(site.rt, "can-bo-yen-the", dossier, DossierCorrection(minutes_ref="BB-02"),
                    "Sai số biên bản")
    page = site.login("can-bo-yen-the").get(f"/dossiers/{dossier}").text
    assert "Đã sửa biên bản kiểm tra thực tế: số biên bản: BB-01 → BB-02. Lý do: Sai số biên bản" \
        in page


@pytest.mark.parametrize("number", ["2147483648", "99999999999999999999", "0", "-1"])
def test_a_number_no_row_can_have_is_not_found(any_site: Site, number: str) -> None:
    """Ids outside 1..2³¹−1 name nothing, on PostgreSQL too (no out-of-range error)."""
    client = any_site.login("admin")
    for path in (f"/dossiers/{number}", f"/campaigns/{number}", f"/training/{number}"):
        reply = client.get(path)
        assert reply.status_code == 404, (path, reply.status_code)
        assert "Traceback" not in reply.text
