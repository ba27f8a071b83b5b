"""A dossier's files in the web application and the API (issue 25): the officer uploads on the
dossier page, reads the file inline, accepts it, downloads the .zip; the API streams a body;
bad files answer with their status and leave nothing; the public side never shows a file."""

import dataclasses
import io
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from states.db.models import DocumentFile
from states.documents.store import MEGABYTE, FileLimits
from tests.builders import advance, register
from tests.fakes.s3_server import free_port
from tests.storage.stores import EXE, PDF, PNG
from tests.web.conftest import Site, csrf_of
from use_cases.document_files import accept_file, mark_paper, upload_file
from use_cases.identity import create_token
from web.app import create_app


def browser(site: Site, name: str) -> TestClient:
    client = site.client(app=create_app(site.system, wall=site.wall))
    token = csrf_of(client.get("/login").text)
    reply = client.post("/login", data={"username": name, "password": "mat-khau-thu-nghiem",
                                        "csrf": token, "next": "/"}, follow_redirects=False)
    assert reply.status_code == 303
    return client


def rows(site: Site) -> int:
    with site.rt.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(DocumentFile)) or 0)


def staged(tmp_path: Path) -> list[Path]:
    return list((tmp_path / "files" / "tmp").glob("*"))


def test_the_officer_uploads_reads_accepts_and_downloads_the_package(files_site: Site) -> None:
    dossier = register(files_site.rt, unit="Huyện Yên Thế")
    mark_paper(files_site.rt, "admin", dossier, False)
    client = browser(files_site, "can-bo-yen-the")
    page = client.get(f"/dossiers/{dossier}")
    assert "Nộp tệp" in page.text and "nộp bằng tệp" in page.text
    reply = client.post(f"/dossiers/{dossier}/files", data={
        "csrf": csrf_of(page.text), "document": "business-plan"},
        files=[("file", ("Kế hoạch kinh doanh.pdf", PDF, "application/octet-stream"))],
        follow_redirects=False)
    assert reply.status_code == 303
    page = client.get(f"/dossiers/{dossier}")
    assert "Kế hoạch kinh doanh.pdf" in page.text and "chờ kiểm tra" in page.text
    with files_site.rt.transaction() as session:
        file_id = session.scalars(select(DocumentFile.id)).one()
    shown = client.get(f"/files/{file_id}")
    assert shown.content == PDF
    # The type its bytes proved, whatever the browser said when it was sent.
    assert shown.headers["content-type"] == "application/pdf"
    assert shown.headers["content-disposition"].startswith("inline;")
    assert shown.headers["x-content-type-options"] == "nosniff"
    reply = client.post(f"/files/{file_id}/check", data={
        "csrf": csrf_of(page.text), "dossier": str(dossier), "verdict": "accept"},
        follow_redirects=False)
    assert reply.status_code == 303
    package = client.get(f"/dossiers/{dossier}/files.zip")
    assert package.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(package.content))
    index = archive.read("muc-luc.csv").decode("utf-8-sig")
    assert "Kế hoạch kinh doanh.pdf" in index and "can-bo-yen-the" in index
    inner = next(n for n in archive.namelist() if n != "muc-luc.csv")
    assert archive.read(inner) == PDF
    assert browser(files_site, "can-bo-luc-ngan").get(f"/files/{file_id}").status_code == 404
    assert files_site.client().get(f"/files/{file_id}", follow_redirects=False).status_code == 303


def test_a_renamed_exe_is_refused_on_the_page_with_nothing_kept(files_site: Site,
                                                                 tmp_path: Path) -> None:
    dossier = register(files_site.rt, unit="Huyện Yên Thế")
    client = browser(files_site, "can-bo-yen-the")
    page = client.get(f"/dossiers/{dossier}")
    reply = client.post(f"/dossiers/{dossier}/files", data={
        "csrf": csrf_of(page.text), "document": "business-plan"},
        files=[("file", ("ke-hoach.pdf", EXE, "application/pdf"))])
    assert reply.status_code == 422
    assert "không phải PDF, JPEG hoặc PNG" in reply.text
    assert rows(files_site) == 0 and staged(tmp_path) == []


def api(site: Site, user: str) -> TestClient:
    client = site.client(app=create_app(site.system, wall=site.wall))
    client.headers["Authorization"] = f"Bearer {create_token(site.rt, 'admin', user).token}"
    return client


def test_the_api_streams_a_body_and_answers_each_bad_file(files_site: Site, tmp_path: Path) -> None:
    dossier = register(files_site.rt, unit="Huyện Yên Thế")
    client = api(files_site, "can-bo-yen-the")
    url = f"/api/v1/dossiers/{dossier}/documents/test-results/files"
    made = client.post(url, params={"name": "kiem-nghiem.png"}, content=PNG)
    assert made.status_code == 201, made.text
    assert made.json()["content_type"] == "image/png" and made.json()["version"] == 1
    assert made.headers["Location"] == f"/api/v1/files/{made.json()['id']}/content"
    assert client.get(made.headers["Location"]).content == PNG
    # Not PDF/JPEG/PNG, or empty: well formed, refused by the data (409, never 422); a path
    # for a name breaks the schema (422); a Content-Type that is no file's: 415.
    for body, name, kind, status, code in [
        (EXE, "a.png", "image/png", 409, "conflicting_input"),
        (b"", "a.pdf", None, 409, "conflicting_input"),
        (PDF * 200, "lon.pdf", "application/pdf", 413, "too_large"),
        (PDF, "../a.pdf", None, 422, "invalid_input"),
        (PDF, "a.pdf", "text/plain", 415, "unsupported_media_type"),
    ]:
        reply = client.post(url, params={"name": name}, content=body,
                            headers={"Content-Type": kind} if kind else {})
        assert (reply.status_code, reply.json()["code"]) == (status, code), name
    listed = client.get(f"/api/v1/dossiers/{dossier}/files").json()
    assert [len(d["files"]) for d in listed["documents"] if d["code"] == "test-results"] == [1]
    assert rows(files_site) == 1 and staged(tmp_path) == []
    other = api(files_site, "can-bo-luc-ngan")
    assert other.post(url, params={"name": "x.pdf"}, content=PDF).status_code == 404
    advance(files_site.rt, dossier, "district_inspected")
    late = client.post(url, params={"name": "muon.pdf"}, content=PDF)
    assert (late.status_code, late.json()["code"]) == (409, "rule_refused")
    assert rows(files_site) == 1


@pytest.fixture
def server(files_site: Site) -> Iterator[int]:
    port = free_port()
    app = create_app(files_site.system, wall=files_site.wall)
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started:
        time.sleep(0.02)
    yield port
    running.should_exit = True
    thread.join(10)


def test_an_upload_cut_off_halfway_leaves_no_row_and_no_object(files_site: Site, server: int,
                                                               tmp_path: Path) -> None:
    dossier = register(files_site.rt, unit="Huyện Yên Thế")
    token = create_token(files_site.rt, "admin", "can-bo-yen-the").token
    with socket.create_connection(("127.0.0.1", server)) as raw:
        raw.sendall((f"POST /api/v1/dossiers/{dossier}/documents/business-plan/files?name=a.pdf "
                     f"HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                     "Content-Type: application/pdf\r\nContent-Length: 150000\r\n\r\n").encode())
        raw.sendall(PDF * 30)  # about 60 kB of 150 kB, then the client goes away
        time.sleep(0.3)
    for _ in range(100):  # the server notices the disconnect, then cleans up
        if staged(tmp_path) == [] and (tmp_path / "files" / "tmp").exists():
            break
        time.sleep(0.05)
    assert staged(tmp_path) == []
    assert rows(files_site) == 0
    assert not (tmp_path / "files" / "objects").exists() or not any(
        (tmp_path / "files" / "objects").rglob("*.*"))


def test_a_body_of_several_mebibytes_in_small_pieces_is_stored_under_its_own_sha256(
        files_site: Site, server: int, tmp_path: Path) -> None:
    """The web hashes the body in its event loop as the pieces arrive: the row's hash is the
    file's, and the object under that hash holds exactly the bytes sent."""
    import hashlib
    import os

    import httpx

    files_site.system.files = dataclasses.replace(files_site.system.files,
                                                  limits=FileLimits(8 * MEGABYTE, 16 * MEGABYTE))
    content = b"%PDF-1.7\n" + os.urandom(3 * MEGABYTE + 12_345)
    dossier = register(files_site.rt, unit="Huyện Yên Thế")
    token = create_token(files_site.rt, "admin", "can-bo-yen-the").token
    made = httpx.post(
        f"http://127.0.0.1:{server}/api/v1/dossiers/{dossier}/documents/business-plan/files",
        params={"name": "lon.pdf"}, headers={"Authorization": f"Bearer {token}",
                                             "Content-Type": "application/pdf"},
        content=(content[i:i + 70_001] for i in range(0, len(content), 70_001)), timeout=30)
    assert made.status_code == 201, made.text
    sha256 = hashlib.sha256(content).hexdigest()
    assert made.json()["sha256"] == sha256 and made.json()["size_bytes"] == len(content)
    assert (tmp_path / "files" / "objects" / sha256[:2] / sha256[2:4] / sha256).read_bytes() == content


def test_the_public_side_never_shows_a_file(files_site: Site) -> None:
    dossier = register(files_site.rt, unit="Huyện Yên Thế")
    desk = files_site.system.files
    made = upload_file(files_site.rt, desk, "admin", dossier, "product-story", "cau-chuyen.pdf", [PDF])
    accept_file(files_site.rt, "admin", made.id)
    advance(files_site.rt, dossier, "certified")
    public = files_site.client()
    data = public.get("/tra-cuu/so-dang-ky-ocop.json").json()
    pages = [public.get("/tra-cuu/so-dang-ky-ocop.csv").text, str(data),
             public.get("/tra-cuu?q=vai").text,
             public.get("/api/v1/public/products?q=vai").text]
    pages += [public.get(item["url"].split("8000", 1)[-1]).text for item in data["products"]]
    assert len(pages) > 4
    for text in pages:
        assert "cau-chuyen.pdf" not in text and made.sha256 not in text and "/files/" not in text
    assert public.get(f"/files/{made.id}", follow_redirects=False).status_code == 303
    assert public.get(f"/api/v1/files/{made.id}/content").status_code == 401
