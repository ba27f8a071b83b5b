"""A council member reads the dossier's accepted files from the scoring screen (issue 25, step
6): who may (members, staff who see the dossier) and who hears 404, the inline answer's
headers, the streamed .zip and its index, and one audit row per read under the reader's name."""

import csv
import dataclasses
import hashlib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from states.db.models import CouncilMember, DossierEvent, User
from states.documents.store import FileDesk, FileLimits
from states.errors import NotFound
from states.vocabulary import CouncilRole
from storage.factory import build_store
from tests.builders import advance, register
from tests.conftest import at
from tests.states.evaluation.councils_setup import MEETING, provincial_council
from tests.storage.stores import PDF, PNG
from tests.web.conftest import PASSWORD, Site, invite_and_set_password
from use_cases import councils as uc
from use_cases.council_files import council_package
from use_cases.document_files import accept_file, reject_file, upload_file
from use_cases.dossier_package import INDEX_HEADINGS, INDEX_NAME
from use_cases.identity import set_password
from web.downloads import disposition

MEMBER = "can-bo-luc-ngan"  # a member who, as an officer of another unit, would not see it
PLAN = "Phương án / kế hoạch kinh doanh (mẫu 03)"  # the rulebook's name of the document
BIG = b"%PDF-1.7\n" + bytes(3 * 1024 * 1024)  # three of the store's 1 MiB chunks


@dataclasses.dataclass
class Package:
    site: Site
    council: int
    dossier: int
    plan: int  # business plan, version 2 (accepted)
    rejected: int  # business plan, version 1
    photo: int  # a PNG, accepted
    big: int  # 3 MiB, accepted
    waiting: int  # not checked yet

    def screen(self, tail: str = "") -> str:
        return f"/councils/{self.council}/dossiers/{self.dossier}/files{tail}"


def upload(site: Site, dossier: int, document: str, name: str, data: bytes) -> int:
    return upload_file(site.rt, site.system.files, "can-bo-yen-the", dossier, document, name,
                       iter([data])).id


@pytest.fixture
def package(any_site: Site, tmp_path: Path) -> Iterator[Package]:
    desk = FileDesk(build_store("local", tmp_path / "files"), FileLimits())
    site = dataclasses.replace(any_site, system=dataclasses.replace(any_site.system, files=desk))
    rt = site.rt
    dossier = register(rt, unit="Huyện Yên Thế")
    rejected = upload(site, dossier, "business-plan", "Kế hoạch kinh doanh.pdf", PDF)
    reject_file(rt, "can-bo-yen-the", rejected, "Thiếu chữ ký", site_url="http://testserver")
    plan = upload(site, dossier, "business-plan", "Kế hoạch kinh doanh.pdf", PDF + b"v2")
    photo = upload(site, dossier, "product-story", "anh-san-pham.png", PNG)
    waiting = upload(site, dossier, "organisation", "to-chuc.pdf", PDF + b"w")
    big = upload(site, dossier, "business-registration", "dang-ky-kinh-doanh.pdf", BIG)
    for file_id in (plan, photo, big):
        accept_file(rt, "can-bo-yen-the", file_id)
    advance(rt, dossier, "provincial_review")
    council, _ = provincial_council(rt, given=[dossier])
    uc.add_members(rt, "admin", council, [(MEMBER, CouncilRole.MEMBER)])
    at(rt, MEETING)
    yield Package(site, council, dossier, plan, rejected, photo, big, waiting)


def readings(site: Site, dossier: int) -> list[DossierEvent]:
    with site.rt.transaction() as session:
        rows = list(session.scalars(select(DossierEvent).where(
            DossierEvent.dossier_id == dossier,
            DossierEvent.trigger.in_(("read_file", "read_package"))).order_by(DossierEvent.id)))
        session.expunge_all()
        return rows


def test_the_member_lists_by_document_and_opens_a_file_inline(package: Package) -> None:
    member = package.site.login(MEMBER)
    scoring = member.get(f"/councils/{package.council}/dossiers/{package.dossier}").text
    assert f'hx-get="{package.screen()}"' in scoring
    listing = member.get(package.screen(), headers={"HX-Request": "true"})
    assert listing.status_code == 200 and "<html" not in listing.text
    assert f"<strong>{PLAN}</strong>" in listing.text and "(bản 2," in listing.text
    assert f'href="{package.screen()}/{package.plan}"' in listing.text
    assert f"/{package.rejected}\"" not in listing.text and "to-chuc.pdf" not in listing.text
    assert f'href="{package.screen(".zip")}"' in listing.text
    assert "Tệp của hồ sơ" in member.get(package.screen()).text  # the page, without script
    assert readings(package.site, package.dossier) == []  # a list is no read

    shown = member.get(package.screen(f"/{package.plan}"))
    assert shown.status_code == 200 and shown.content == PDF + b"v2"
    assert shown.headers["content-type"] == "application/pdf"
    assert shown.headers["content-disposition"] == (
        "inline; filename=\"K- ho-ch kinh doanh.pdf\"; "
        "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20kinh%20doanh.pdf")
    assert shown.headers["x-content-type-options"] == "nosniff"
    assert shown.headers["content-length"] == str(len(PDF) + 2)
    image = member.get(package.screen(f"/{package.photo}"))
    assert image.headers["content-type"] == "image/png"
    assert image.headers["content-disposition"] == 'inline; filename="anh-san-pham.png"'
    [plan_read, photo_read] = readings(package.site, package.dossier)
    assert (plan_read.actor, plan_read.trigger) == (MEMBER, "read_file")
    assert plan_read.note == f"{PLAN}: Kế hoạch kinh doanh.pdf (bản 2)"
    assert plan_read.details["file_id"] == package.plan
    assert plan_read.details["council_id"] == package.council
    assert photo_read.details["file_id"] == package.photo
    # The dossier's history shows it to the officers, under the member's name.
    history = package.site.login("can-bo-yen-the").get(f"/dossiers/{package.dossier}").text
    assert f"{MEMBER}: mở đọc tệp tài liệu (hội đồng)" in history


def test_the_zip_holds_the_accepted_files_and_an_index(package: Package) -> None:
    member = package.site.login(MEMBER)
    reply = member.get(package.screen(".zip"))
    assert reply.status_code == 200 and reply.headers["content-type"] == "application/zip"
    assert reply.headers["content-disposition"] == (
        f'attachment; filename="ho-so-{package.dossier}.zip"')
    assert reply.headers["x-content-type-options"] == "nosniff"
    archive = zipfile.ZipFile(io.BytesIO(reply.content))
    assert archive.testzip() is None
    names = archive.namelist()
    assert names[-1] == INDEX_NAME and len(names) == 4  # three accepted files and the index
    index = list(csv.reader(io.StringIO(archive.read(INDEX_NAME).decode("utf-8-sig"))))
    assert tuple(index[0]) == INDEX_HEADINGS
    rows = [dict(zip(INDEX_HEADINGS, row, strict=True)) for row in index[1:]]
    assert [r["Tên tệp gốc"] for r in rows] == [
        "Kế hoạch kinh doanh.pdf", "dang-ky-kinh-doanh.pdf", "anh-san-pham.png"]
    plan = rows[0]
    assert (plan["Tài liệu"], plan["Bản"], plan["Dung lượng (byte)"]) == (
        PLAN, "2", str(len(PDF) + 2))
    assert plan["Người chấp nhận"] == "can-bo-yen-the" and plan["Ngày chấp nhận"][2] == "/"
    assert archive.read(plan["Tệp trong gói"]) == PDF + b"v2"
    assert archive.read(rows[1]["Tệp trong gói"]) == BIG
    assert plan["SHA-256"] == hashlib.sha256(PDF + b"v2").hexdigest()
    [read] = readings(package.site, package.dossier)
    assert (read.actor, read.trigger) == (MEMBER, "read_package")
    assert read.details["file_ids"] == [package.plan, package.big, package.photo]
    assert read.note == f"Gói hồ sơ ho-so-{package.dossier}.zip: 3 tệp, kèm mục lục"


def test_the_zip_is_made_as_it_is_read_a_chunk_at_a_time(package: Package) -> None:
    site = package.site
    made = council_package(site.rt, site.system.files, MEMBER, package.council, package.dossier)
    chunks = list(made.chunks)
    # Never more than one of the store's chunks at once, however large the files.
    assert made.files == 3 and len(chunks) > 3
    assert max(len(c) for c in chunks) <= 1024 * 1024 + 1024
    archive = zipfile.ZipFile(io.BytesIO(b"".join(chunks)))
    assert archive.testzip() is None and archive.read(archive.namelist()[1]) == BIG


@pytest.mark.parametrize("who", ["admin", "can-bo-yen-the", "thu-ky", "chu-tich"])
def test_staff_who_see_the_dossier_and_members_read_it(package: Package, who: str) -> None:
    if who == "chu-tich":  # a seat; as a Department user, it would see the dossier anyway
        set_password(package.site.rt, "admin", who, PASSWORD, must_change=False)
    client = package.site.login(who)
    assert client.get(package.screen(f"/{package.plan}")).status_code == 200
    assert readings(package.site, package.dossier)[-1].actor == who


def test_a_producer_a_non_member_and_other_files_get_404(package: Package) -> None:
    site = package.site
    producer = site.login(invite_and_set_password(site, package.dossier, "chu-the@example.vn"))
    stranger = site.login(MEMBER)
    with site.rt.transaction() as session:  # no longer seated (the council is still forming)
        seat = session.scalars(select(CouncilMember).join(User, User.id == CouncilMember.user_id)
                               .where(User.name == MEMBER)).one()
        session.delete(seat)
    for client in (producer, stranger):
        for tail in ("", f"/{package.plan}", ".zip"):
            assert client.get(package.screen(tail)).status_code == 404, tail
    admin = site.login("admin")
    for file_id in (package.rejected, package.waiting, 999_999):
        reply = admin.get(package.screen(f"/{file_id}"))
        assert reply.status_code == 404 and f"Không có tệp số {file_id}." in reply.text
    other = register(site.rt, unit="Huyện Yên Thế", name="Chè xanh")
    assert admin.get(f"/councils/{package.council}/dossiers/{other}/files").status_code == 404
    assert admin.get(f"/councils/999/dossiers/{package.dossier}/files").status_code == 404
    assert readings(site, package.dossier) == []


def test_a_member_with_a_conflict_still_reads_and_a_missing_object_leaves_no_row(
        package: Package, tmp_path: Path) -> None:
    site = package.site
    uc.open_session(site.rt, "chu-tich", package.council)
    uc.declare_conflict(site.rt, MEMBER, package.council, package.dossier, "Họ hàng của chủ thể")
    member = site.login(MEMBER)
    assert member.get(package.screen(f"/{package.photo}")).status_code == 200
    for stored in (tmp_path / "files").rglob("*"):
        if stored.is_file() and stored.read_bytes() == PDF + b"v2":
            stored.unlink()
    for tail in (f"/{package.plan}", ".zip"):
        reply = member.get(package.screen(tail))
        assert reply.status_code == 404 and "ocop files check" in reply.text
    assert [r.details["file_id"] for r in readings(site, package.dossier)] == [package.photo]
    with pytest.raises(NotFound):
        council_package(site.rt, site.system.files, MEMBER, package.council, package.dossier)


def test_a_quote_in_a_file_name_cannot_end_the_header_s_name() -> None:
    # An uploaded name may hold a quote or a backslash (only path characters are refused).
    assert disposition('ke "hoach"\\1.pdf', "inline") == (
        "inline; filename=\"ke -hoach--1.pdf\"; filename*=UTF-8''ke%20%22hoach%22%5C1.pdf")
