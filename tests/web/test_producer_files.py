"""A producer's own uploads (issue 25), in pages and the producer's API: through upload_file,
each document's state and the officer's reason shown to it, a new version after a rejection;
another producer's dossier is not found, and a dossier out of its hands refuses in a sentence."""

from sqlalchemy import func, select

from states.db.models import DocumentFile, Dossier, OutboxMessage
from tests.builders import advance, register
from tests.storage.stores import PDF, PNG
from tests.web.conftest import Site, csrf_of, invite_and_set_password
from use_cases.document_files import reject_file
from use_cases.identity import create_token
from use_cases.producer_portal import save_draft, submit_form

REASON = "Thiếu chữ ký của chủ thể"


def rows(site: Site) -> int:
    with site.rt.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(DocumentFile)) or 0)


def test_a_producer_uploads_reads_the_reason_and_replaces_its_file(files_site: Site) -> None:
    site = files_site
    mine = register(site.rt)
    name = invite_and_set_password(site, mine, "a@example.vn")
    client = site.login(name)
    csrf = csrf_of(client.get(f"/producer/dossiers/{mine}").text)
    sent = client.post(f"/producer/dossiers/{mine}/files", data={"document": "business-plan",
                                                                "csrf": csrf},
                       files=[("file", ("ke-hoach.pdf", PDF, "application/pdf"))],
                       follow_redirects=False)
    assert sent.status_code == 303 and "done=uploaded" in sent.headers["location"]
    with site.rt.transaction() as session:
        row = session.scalars(select(DocumentFile)).one()
        assert (row.uploaded_by, row.status) == (name, "submitted")
    assert "chờ kiểm tra" in client.get(f"/producer/dossiers/{mine}").text
    reject_file(site.rt, "admin", row.id, REASON, site_url="http://testserver")
    with site.rt.transaction() as session:
        letter = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "file_rejected")).one()
        # The producer's address on record, and its account's (the one who uploads again).
        assert letter.recipients == ["htx.vaithieu@example.vn", "a@example.vn"]
        assert f"http://testserver/producer/dossiers/{mine}" in letter.text_body
    page = client.get(f"/producer/dossiers/{mine}").text
    assert f"Lý do: {REASON}" in page and "bị từ chối" in page
    assert client.get(f"/producer/files/{row.id}").content == PDF
    api = site.client()
    api.headers["Authorization"] = f"Bearer {create_token(site.rt, 'admin', name).token}"
    again = api.post(f"/api/v1/producer/dossiers/{mine}/documents/business-plan/files",
                     params={"name": "ke-hoach-2.png"}, content=PNG)
    assert again.status_code == 201 and again.json()["version"] == 2
    listed = api.get(f"/api/v1/producer/dossiers/{mine}/files").json()
    plan = next(d for d in listed["documents"] if d["code"] == "business-plan")
    assert [(f["version"], f["status"], f["reason"]) for f in plan["files"]] == [
        (1, "rejected", REASON), (2, "submitted", None)]


def test_another_producers_dossier_is_not_found_and_a_closed_one_refuses(
        files_site: Site) -> None:
    site = files_site
    mine = register(site.rt)
    theirs = register(site.rt, name="Vải sấy", producer="HTX Khác")
    name = invite_and_set_password(site, mine, "a@example.vn")
    client = site.login(name)
    csrf = csrf_of(client.get(f"/producer/dossiers/{mine}").text)
    upload = {"data": {"document": "business-plan", "csrf": csrf},
              "files": [("file", ("ke-hoach.pdf", PDF, "application/pdf"))]}
    assert client.post(f"/producer/dossiers/{theirs}/files", **upload).status_code == 404
    api = site.client()
    api.headers["Authorization"] = f"Bearer {create_token(site.rt, 'admin', name).token}"
    for path in (f"/api/v1/producer/dossiers/{theirs}/files",):
        assert api.get(path).status_code == 404
    assert api.post(f"/api/v1/producer/dossiers/{theirs}/documents/business-plan/files",
                    params={"name": "a.pdf"}, content=PDF).status_code == 404
    advance(site.rt, mine, "district_inspected")
    refused = client.post(f"/producer/dossiers/{mine}/files", **upload)
    assert refused.status_code == 409
    assert f"Hồ sơ số {mine} đã qua bước tiếp nhận" in refused.text
    assert "không nộp thêm tệp được nữa" in refused.text  # and no upload form is offered
    assert rows(site) == 0


def test_the_submitted_form_makes_a_dossier_of_files(files_site: Site) -> None:
    site = files_site
    name = invite_and_set_password(site, register(site.rt), "a@example.vn")
    form = save_draft(site.rt, name, None, "01", {
        "product": "Mật ong hoa vải", "group": "food", "producer_type": "cooperative",
        "standards": "TCCS 01:2022", "commune": "", "email": "", "phone": "", "address": ""})
    number = submit_form(site.rt, name, form.id)
    with site.rt.transaction() as session:
        dossier = session.get(Dossier, number)
        assert dossier is not None and dossier.paper_originals is False
