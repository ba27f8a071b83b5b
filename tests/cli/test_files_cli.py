"""`ocop files …` (issue 25): upload, list, reject, accept and check as the officer types them;
the exit codes of the README's table; the antivirus hook."""

from pathlib import Path

import pytest

from tests.builders import register
from tests.cli.actors import invoke
from tests.conftest import make_runtime
from tests.storage.stores import EXE, PDF

DAY = "2022-03-01"


@pytest.fixture
def dossier(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("OCOP_FILES_DIR", str(tmp_path / "files"))
    rt = make_runtime(sqlite_url)
    dossier_id = register(rt)
    rt.db.dispose()
    assert invoke(sqlite_url, "files", "paper", str(dossier_id), "--off", today=DAY).exit_code == 0
    return dossier_id


def test_upload_reject_new_version_accept_and_check(sqlite_url: str, dossier: int,
                                                    tmp_path: Path) -> None:
    plan = tmp_path / "Kế hoạch.pdf"
    plan.write_bytes(PDF)
    done = invoke(sqlite_url, "files", "upload", str(dossier), "--document", "business-plan",
                  str(plan), today=DAY)
    assert done.exit_code == 0, done.output
    assert "Đã lưu tệp số 1: Kế hoạch.pdf" in done.output
    rejected = invoke(sqlite_url, "files", "reject", "1", "--reason", "Thiếu chữ ký", today=DAY)
    assert rejected.exit_code == 0 and "Đã xếp 1 thư" in rejected.output
    plan.write_bytes(PDF + b"v2")
    assert invoke(sqlite_url, "files", "upload", str(dossier), "--document", "business-plan",
                  str(plan), today=DAY).exit_code == 0
    assert invoke(sqlite_url, "files", "accept", "2", today=DAY).exit_code == 0
    listed = invoke(sqlite_url, "--json", "files", "list", str(dossier), today=DAY)
    assert '"status": "accepted"' in listed.output and '"status": "rejected"' in listed.output
    checked = invoke(sqlite_url, "files", "check", today=DAY)
    assert checked.exit_code == 0 and "khớp: 2 tệp đã ghi, 2 tệp trong kho" in checked.output
    for stored in (tmp_path / "files" / "objects").rglob("*"):
        if stored.is_file() and stored.read_bytes() == PDF:
            stored.unlink()
    # --wide: each cell on one line, so the finding reads whole (80 columns fold it).
    missing = invoke(sqlite_url, "--wide", "files", "check", today=DAY)
    assert missing.exit_code == 7 and "mất tệp trong kho lưu trữ" in missing.output


@pytest.mark.parametrize(("content", "name", "code", "words"), [
    (EXE, "ke-hoach.pdf", 2, "không phải PDF, JPEG hoặc PNG"),
    (b"", "rong.pdf", 2, "Tệp rỗng"),
    (None, "khong-co.pdf", 2, "Không có tệp"),
])
def test_bad_files_exit_with_one_sentence(sqlite_url: str, dossier: int, tmp_path: Path,
                                          content: bytes | None, name: str, code: int,
                                          words: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    done = invoke(sqlite_url, "files", "upload", str(dossier), "--document", "business-plan",
                  str(path), today=DAY)
    assert done.exit_code == code and words in done.output and "Traceback" not in done.output
    assert not list((tmp_path / "files").rglob("objects/*/*/*"))


def test_the_antivirus_hook_refuses_what_the_scanner_refuses(
        sqlite_url: str, dossier: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scanner = tmp_path / "quet.sh"
    scanner.write_text("#!/bin/sh\necho \"$1: Eicar-Signature FOUND\"\nexit 1\n")
    scanner.chmod(0o755)
    monkeypatch.setenv("OCOP_FILES_SCAN_COMMAND", str(scanner))
    plan = tmp_path / "ke-hoach.pdf"
    plan.write_bytes(PDF)
    done = invoke(sqlite_url, "files", "upload", str(dossier), "--document", "business-plan",
                  str(plan), today=DAY)
    assert done.exit_code == 2 and "phần mềm quét virus từ chối tệp" in done.output
    assert "FOUND" in done.output
    assert not list((tmp_path / "files").rglob("objects/*/*/*"))
    assert list((tmp_path / "files" / "tmp").glob("*")) == []
