"""Uploading a dossier's files, the officer's check, the checklist and inspection they drive,
and every bad input of issue 25 as a table: one sentence, its exit code, no row, no object."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from states.db.models import DocumentFile, DossierEvent, OutboxMessage
from states.documents.store import FileDesk, FileLimits
from states.errors import InvalidInput, NotFound, OcopError, RuleRefused
from states.runtime import Runtime
from storage.factory import build_store
from tests.builders import advance, register
from tests.fakes.s3_server import s3_bucket, s3_server  # noqa: F401  (fixtures)
from tests.storage.stores import EXE, PDF, PNG, chunked
from use_cases import dossiers
from use_cases.admin import add_user
from use_cases.document_files import (
    accept_file,
    list_files,
    mark_paper,
    open_file,
    reject_file,
    upload_file,
)
from use_cases.dossier_sheet import dossier_sheet

REQUIRED = ["registration-form", "business-plan", "organisation", "business-registration"]


@pytest.fixture(params=["local", "s3"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> FileDesk:
    if request.param == "local":
        store = build_store("local", tmp_path / "files")
    else:
        store = build_store("s3", tmp_path / "files", s3_bucket=request.getfixturevalue("s3_bucket"),
                            s3_endpoint=request.getfixturevalue("s3_server"))
    return FileDesk(store, FileLimits(max_file_bytes=5000, max_dossier_bytes=12_000))


@pytest.fixture
def dossier(rt: Runtime) -> int:
    dossier_id = register(rt)
    mark_paper(rt, "admin", dossier_id, False)
    return dossier_id


def rows(rt: Runtime) -> int:
    with rt.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(DocumentFile)) or 0)


def objects(desk: FileDesk, tmp_path: Path) -> tuple[int, int]:
    return len(list(desk.store.names())), len(list((tmp_path / "files" / "tmp").glob("*")))


def test_an_accepted_file_ticks_its_document_and_a_rejected_one_mails_the_producer(
        rt: Runtime, desk: FileDesk, dossier: int) -> None:
    first = upload_file(rt, desk, "admin", dossier, "business-plan", "ke-hoach.pdf", chunked(PDF))
    assert (first.version, first.status, first.content_type) == (1, "submitted", "application/pdf")
    rejected = reject_file(rt, "admin", first.id, "Thiếu chữ ký của chủ thể",
                           site_url="http://ocop.test/")
    assert rejected.status == "rejected"
    with rt.transaction() as session:
        letter = session.scalars(select(OutboxMessage)).all()[-1]
        assert letter.dedupe_key == f"file-rejected:{first.id}"
        assert letter.recipients == ["htx.vaithieu@example.vn"]
        assert "Thiếu chữ ký của chủ thể" in letter.text_body and "nộp lại" in letter.text_body
        # The link leads to the producer's own page of the dossier, where it uploads again.
        link = f"http://ocop.test/producer/dossiers/{dossier}"
        assert link in letter.text_body and f'href="{link}"' in letter.html_body
    second = upload_file(rt, desk, "admin", dossier, "business-plan", "ke-hoach-2.pdf", [PDF + b"2"])
    assert second.version == 2
    accept_file(rt, "admin", second.id)
    listed = list_files(rt, desk, "admin", dossier)
    plan = next(d for d in listed.documents if d.code == "business-plan")
    # The old version is kept, rejected, beside the accepted one.
    assert [(f.version, f.status) for f in plan.files] == [(1, "rejected"), (2, "accepted")]
    assert plan.status == "accepted"
    sheet = dossier_sheet(rt, "admin", dossier)
    assert {d.code for d in sheet.documents if d.present} == {"business-plan"}
    _, chunks = open_file(rt, desk, "admin", second.id, accepted_only=True)
    assert b"".join(chunks) == PDF + b"2"
    with pytest.raises(NotFound):
        open_file(rt, desk, "admin", first.id, accepted_only=True)


def test_inspection_of_a_dossier_of_files_waits_for_every_required_document(
        rt: Runtime, desk: FileDesk, dossier: int) -> None:
    for code in REQUIRED[:-1]:
        accept_file(rt, "admin", upload_file(rt, desk, "admin", dossier, code, f"{code}.png",
                                             [PNG + code.encode()]).id)
    with pytest.raises(RuleRefused, match="chưa được chấp nhận: Bản sao giấy đăng ký kinh doanh"
                                          ", 05 mẫu sản phẩm"):
        dossiers.inspect(rt, "admin", dossier, on=rt.clock.today(), inspectors=["An"])
    with pytest.raises(RuleRefused, match="nộp bằng tệp"):
        dossiers.update_documents(rt, "admin", dossier, add=["business-registration"], remove=[])
    accept_file(rt, "admin", upload_file(rt, desk, "admin", dossier, REQUIRED[-1], "dkkd.pdf",
                                         [PDF]).id)
    dossiers.update_documents(rt, "admin", dossier, add=["samples"], remove=[])  # physical
    dossiers.inspect(rt, "admin", dossier, on=rt.clock.today(), inspectors=["An"])


def test_a_paper_dossier_keeps_its_typed_ticks_and_inspects_as_before(rt: Runtime) -> None:
    dossier_id = register(rt)
    advance(rt, dossier_id, "provincial_review")  # ticks typed, inspected without files


def test_going_to_files_drops_the_typed_ticks_but_the_samples(rt: Runtime) -> None:
    dossier_id = register(rt)
    dossiers.update_documents(rt, "admin", dossier_id, add=["business-plan", "samples"], remove=[])
    assert mark_paper(rt, "admin", dossier_id, False) == ["business-plan"]
    present = {d.code for d in dossier_sheet(rt, "admin", dossier_id).documents if d.present}
    assert present == {"samples"}


def _exe(rt: Runtime, desk: FileDesk, d: int) -> object:
    return upload_file(rt, desk, "admin", d, "business-plan", "ke-hoach.pdf", [EXE])


def _over_limit(rt: Runtime, desk: FileDesk, d: int) -> object:
    return upload_file(rt, desk, "admin", d, "business-plan", "lon.pdf", chunked(PDF * 3))


def _over_dossier(rt: Runtime, desk: FileDesk, d: int) -> object:
    for n in range(5):
        upload_file(rt, desk, "admin", d, "test-results", f"kq-{n}.pdf", [PDF * 2 + bytes([n])])
    return None


def _empty(rt: Runtime, desk: FileDesk, d: int) -> object:
    return upload_file(rt, desk, "admin", d, "business-plan", "rong.pdf", [b""])


def _cut_off(rt: Runtime, desk: FileDesk, d: int) -> object:
    def halfway() -> Iterator[bytes]:
        yield PDF[:1000]
        raise InvalidInput("Việc tải lên bị ngắt giữa chừng: không có gì được lưu.")
    return upload_file(rt, desk, "admin", d, "business-plan", "dut.pdf", halfway())


def _path(rt: Runtime, desk: FileDesk, d: int) -> object:
    return upload_file(rt, desk, "admin", d, "business-plan", "../../etc/passwd.pdf", [PDF])


def _other_unit(rt: Runtime, desk: FileDesk, d: int) -> object:
    add_user(rt, "admin", "can-bo-son-dong", "district", "Huyện Sơn Động", None)
    return upload_file(rt, desk, "can-bo-son-dong", d, "business-plan", "a.pdf", [PDF])


def _after_inspection(rt: Runtime, desk: FileDesk, d: int) -> object:
    mark_paper(rt, "admin", d, True)
    advance(rt, d, "district_inspected")
    return upload_file(rt, desk, "admin", d, "business-plan", "muon.pdf", [PDF])


@pytest.mark.parametrize(("attempt", "code", "words"), [
    (_exe, 2, "không phải PDF, JPEG hoặc PNG"),
    (_over_limit, 2, "lớn hơn giới hạn 5 kB"),
    (_over_dossier, 2, "vượt dung lượng|lớn hơn giới hạn|đã dùng hết"),
    (_empty, 2, "Tệp rỗng"),
    (_cut_off, 2, "ngắt giữa chừng"),
    (_path, 2, "ký tự đường dẫn"),
    (_other_unit, 5, "Không tìm thấy hồ sơ|không có hồ sơ|Không có hồ sơ"),
    (_after_inspection, 3, "đã qua bước tiếp nhận"),
], ids=["renamed-exe", "over-file-limit", "over-dossier-limit", "empty", "cut-off", "path",
        "another-unit", "after-inspection"])
def test_bad_uploads_leave_no_row_and_no_object(rt: Runtime, desk: FileDesk, dossier: int,
                                                tmp_path: Path, attempt: object, code: int,
                                                words: str) -> None:
    before = rows(rt)
    kept = set(desk.store.names())
    with pytest.raises(OcopError, match=words) as refused:
        attempt(rt, desk, dossier)  # type: ignore[operator]
    assert refused.value.exit_code == code
    assert "\n" not in refused.value.message
    if attempt is not _over_dossier:
        assert rows(rt) == before
    assert set(desk.store.names()) - kept <= {f.sha256 for f in _all_files(rt)}
    assert objects(desk, tmp_path)[1] == 0


def _all_files(rt: Runtime) -> list[DocumentFile]:
    with rt.transaction() as session:
        return list(session.scalars(select(DocumentFile)))


def test_each_upload_and_check_is_in_the_history(rt: Runtime, desk: FileDesk, dossier: int) -> None:
    f = upload_file(rt, desk, "admin", dossier, "business-plan", "kh.pdf", [PDF])
    accept_file(rt, "admin", f.id)
    with pytest.raises(RuleRefused, match="đã được kiểm tra"):
        reject_file(rt, "admin", f.id, "muộn", site_url="http://ocop.test")
    with rt.transaction() as session:
        triggers = session.scalars(select(DossierEvent.trigger).where(
            DossierEvent.dossier_id == dossier).order_by(DossierEvent.id)).all()
    assert triggers[-3:] == ["paper_originals", "upload_file", "check_file"]


def test_the_check_names_missing_altered_and_orphan_objects(rt: Runtime, tmp_path: Path,
                                                            dossier: int) -> None:
    from storage.local import object_path
    from use_cases.files_check import check_store

    desk = FileDesk(build_store("local", tmp_path / "files"), FileLimits())
    kept = [upload_file(rt, desk, "admin", dossier, "business-plan", f"{n}.pdf", [PDF + bytes([n])])
            for n in range(3)]
    assert check_store(rt, desk, "admin").findings == []
    object_path(tmp_path / "files", kept[0].sha256).unlink()
    object_path(tmp_path / "files", kept[1].sha256).write_bytes(b"%PDF-altered")
    orphan = desk.store.receive([PNG], 10_000)
    desk.store.keep(orphan)
    report = check_store(rt, desk, "admin")
    assert {(f.problem, f.file_ids) for f in report.findings} == {
        ("missing_object", (kept[0].id,)), ("hash_mismatch", (kept[1].id,)), ("orphan_object", ())}
    assert {f.problem for f in report.broken} == {"missing_object", "hash_mismatch"}
    with pytest.raises(NotFound):
        open_file(rt, desk, "admin", kept[0].id)


def test_files_on_postgresql_too(any_rt: Runtime, tmp_path: Path) -> None:
    desk = FileDesk(build_store("local", tmp_path / "files"), FileLimits())
    dossier_id = register(any_rt)
    mark_paper(any_rt, "admin", dossier_id, False)
    first = upload_file(any_rt, desk, "admin", dossier_id, "business-plan", "a.pdf", [PDF])
    second = upload_file(any_rt, desk, "admin", dossier_id, "business-plan", "b.pdf", [PDF + b"2"])
    assert (first.version, second.version) == (1, 2)
    reject_file(any_rt, "admin", first.id, "Mờ, không đọc được", site_url="http://ocop.test")
    accept_file(any_rt, "admin", second.id)
    listed = list_files(any_rt, desk, "admin", dossier_id)
    assert next(d for d in listed.documents if d.code == "business-plan").status == "accepted"
    assert listed.stored_bytes == len(PDF) * 2 + 1


def test_two_officers_checking_one_file_at_once_only_one_verdict_stands(pg_url: str,
                                                                         tmp_path: Path) -> None:
    """On PostgreSQL the second officer's check waits for the first's commit, then is refused:
    one verdict, one history line (a check then a write let both through)."""
    import threading

    from states.documents.commands import check_file
    from tests.conftest import make_runtime

    rt = make_runtime(pg_url)
    desk = FileDesk(build_store("local", tmp_path / "files"), FileLimits())
    dossier_id = register(rt)
    mark_paper(rt, "admin", dossier_id, False)
    f = upload_file(rt, desk, "admin", dossier_id, "business-plan", "a.pdf", [PDF])
    second: list[BaseException] = []

    def reject() -> None:
        try:
            reject_file(rt, "admin", f.id, "Mờ", site_url="http://ocop.test")
        except OcopError as error:
            second.append(error)

    with rt.transaction() as session:
        check_file(rt, session, "admin", f.id, accept=True)
        other = threading.Thread(target=reject)
        other.start()
        other.join(1.0)
        assert other.is_alive()  # waiting for this transaction's row lock
    other.join(10)
    assert len(second) == 1 and isinstance(second[0], RuleRefused)
    assert "đã được kiểm tra" in str(second[0])
    with rt.transaction() as session:
        assert session.get(DocumentFile, f.id).status == "accepted"  # type: ignore[union-attr]
        assert session.scalar(select(func.count()).select_from(DossierEvent).where(
            DossierEvent.trigger == "check_file")) == 1
    rt.db.dispose()
