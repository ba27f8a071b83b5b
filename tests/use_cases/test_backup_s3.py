"""With the files in an S3-compatible bucket (moto's standalone server, over HTTP), `ocop backup`
archives the bucket's objects, each with its SHA-256, and `ocop restore` puts them into an empty
bucket beside an empty database: every row and every object comes back. A damaged archive, a
bucket that is not empty and a restore that fails halfway leave the targets as they were."""

import hashlib
import io
import json
import os
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from states.documents.store import MEGABYTE, FileDesk, FileLimits
from states.errors import ConfigurationError, InvalidInput, RuleRefused
from states.runtime import Runtime
from storage.factory import bucket_of, build_store
from tests.builders import register
from tests.cli.actors import invoke
from tests.conftest import make_runtime
from tests.fakes.s3_server import s3_bucket, s3_server  # noqa: F401  (fixtures)
from tests.use_cases.test_backup import every_row
from use_cases import backup as backup_module
from use_cases.backup import backup, restore
from use_cases.document_files import mark_paper, open_file, upload_file

# Above boto3's 8 MB multipart threshold: the restore puts it back in parts, streamed.
LARGE = b"%PDF-1.7\n" + os.urandom(9 * MEGABYTE)
UPLOADS = {"business-plan": [("ke-hoach.pdf", LARGE), ("ke-hoach-2.pdf", b"%PDF-1.4\n" + os.urandom(70_000))],
           "organisation": [("anh.png", b"\x89PNG\r\n\x1a\n" + os.urandom(3_000))]}


@pytest.fixture
def endpoint(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("s3_server"))


@pytest.fixture
def bucket(request: pytest.FixtureRequest) -> str:
    """The source's bucket (fresh, with the test credentials in the environment)."""
    return str(request.getfixturevalue("s3_bucket"))


def desk_on(bucket: str, endpoint: str, files_dir: Path) -> FileDesk:
    return FileDesk(build_store("s3", files_dir, s3_bucket=bucket, s3_endpoint=endpoint),
                    FileLimits(max_file_bytes=20 * MEGABYTE))


def every_object(bucket: str, endpoint: str) -> dict[str, tuple[bytes, str]]:
    """Each object's bytes and stored content type, by key."""
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    keys = [item["Key"] for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
            for item in page.get("Contents", [])]
    answers = {key: client.get_object(Bucket=bucket, Key=key) for key in keys}
    return {key: (got["Body"].read(), got["ContentType"]) for key, got in answers.items()}


def new_bucket(endpoint: str, prefix: str) -> str:
    name = f"{prefix}-{uuid.uuid4().hex[:8]}"
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(Bucket=name)
    return name


@pytest.fixture
def source(sqlite_url: str, endpoint: str, bucket: str, tmp_path: Path
           ) -> Iterator[tuple[Runtime, FileDesk]]:
    rt = make_runtime(sqlite_url)
    desk = desk_on(bucket, endpoint, tmp_path / "files")
    dossier = register(rt)
    mark_paper(rt, "admin", dossier, False)
    for document, files in UPLOADS.items():
        for name, content in files:
            upload_file(rt, desk, "admin", dossier, document, name,
                        [content[i:i + MEGABYTE] for i in range(0, len(content), MEGABYTE)])
    yield rt, desk
    rt.db.dispose()


@pytest.fixture
def archive(source: tuple[Runtime, FileDesk], tmp_path: Path) -> Path:
    rt, desk = source
    done = backup(rt, tmp_path / "b.tar", tmp_path / "files", bucket_of(desk.store))
    assert done.files == 3
    return done.path


def test_a_bucket_backup_restores_every_row_and_object_into_an_empty_bucket(
        source: tuple[Runtime, FileDesk], archive: Path, endpoint: str, bucket: str,
        tmp_path: Path) -> None:
    rt, _ = source
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    # Each object's SHA-256, as read from the bucket, is its own name (content-addressed keys).
    files = {n: m for n, m in manifest["members"].items() if n.startswith("files/")}
    assert {n.rsplit("/", 1)[-1] for n in files} == {m["sha256"] for m in files.values()}
    assert manifest["files_source"].startswith(f"bucket S3 '{bucket}'")

    empty = new_bucket(endpoint, "ocop-restored")
    target = make_runtime(f"sqlite:///{tmp_path / 'restored.db'}")
    desk = desk_on(empty, endpoint, tmp_path / "restored-files")
    done = restore(target, archive, tmp_path / "restored-files", bucket_of(desk.store))
    assert done.files == 3
    assert every_row(target.db.engine) == every_row(rt.db.engine)
    assert every_object(empty, endpoint) == every_object(bucket, endpoint)
    # The restored service reads the large file back from the new bucket.
    view, chunks = open_file(target, desk, "admin", 1)
    assert view.file_name == "ke-hoach.pdf" and b"".join(chunks) == LARGE
    target.db.dispose()


def test_each_object_comes_back_with_the_content_type_it_was_stored_with(
        source: tuple[Runtime, FileDesk], endpoint: str, bucket: str, tmp_path: Path) -> None:
    # A PDF whose first bytes do not say so (a few bytes before its header, which readers
    # accept), stored as application/pdf: guessing again from its bytes would not give that.
    odd = b"\r\n%PDF-1.4\n" + os.urandom(20_000)
    sha256 = hashlib.sha256(odd).hexdigest()
    key = f"objects/{sha256[:2]}/{sha256[2:4]}/{sha256}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.put_object(Bucket=bucket, Key=key, Body=odd, ContentType="application/pdf")
    rt, desk = source
    done = backup(rt, tmp_path / "b.tar", tmp_path / "files", bucket_of(desk.store))
    assert done.files == 4
    empty = new_bucket(endpoint, "ocop-typed")
    restore(make_runtime(f"sqlite:///{tmp_path / 'restored.db'}"), done.path,
            tmp_path / "restored-files", bucket_of(desk_on(empty, endpoint, tmp_path).store))
    restored, original = every_object(empty, endpoint), every_object(bucket, endpoint)
    assert restored[key] == (odd, "application/pdf")
    assert restored == original  # the large one put back in parts too: bytes and type


def test_a_bucket_backup_holds_only_the_stores_objects(
        source: tuple[Runtime, FileDesk], endpoint: str, bucket: str, tmp_path: Path) -> None:
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    objects = set(every_object(bucket, endpoint))
    # Beside the objects: keys that are not the store's, and a multipart upload never finished.
    for stray in ("tmp/upload-k3j4.part", "objects/ab/cd/notes.txt", "sao-luu/cu.tar"):
        client.put_object(Bucket=bucket, Key=stray, Body=b"%PDF-1.7\n half")
    client.create_multipart_upload(Bucket=bucket, Key="objects/00/00/" + "0" * 64)
    rt, desk = source
    done = backup(rt, tmp_path / "b.tar", tmp_path / "files", bucket_of(desk.store))
    with tarfile.open(done.path) as tar:
        archived = {n[len("files/"):] for n in tar.getnames() if n.startswith("files/")}
    assert done.files == 3 and archived == objects


def test_a_restore_cut_off_inside_a_multipart_put_leaves_no_part_behind(
        archive: Path, endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from use_cases.backup_archive import CheckedArchive

    whole = CheckedArchive.member

    def cut_off(self: CheckedArchive, name: str) -> io.BytesIO:
        content = whole(self, name).read()
        if len(content) < len(LARGE):
            return io.BytesIO(content)
        return Cut(content)

    class Cut(io.BytesIO):
        def read(self, size: int | None = -1, /) -> bytes:
            if self.tell() >= 8 * MEGABYTE:
                raise OSError(5, "Input/output error")
            return super().read(size)

    monkeypatch.setattr(CheckedArchive, "member", cut_off)
    empty = new_bucket(endpoint, "ocop-cut")
    with pytest.raises(ConfigurationError):
        restore(make_runtime(f"sqlite:///{tmp_path / 'new.db'}"), archive, tmp_path / "new-files",
                bucket_of(desk_on(empty, endpoint, tmp_path).store))
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    assert every_object(empty, endpoint) == {}
    assert client.list_multipart_uploads(Bucket=empty).get("Uploads", []) == []


def altered(archive: Path, target: Path) -> Path:
    """The same archive, one object's bytes changed (same size), the manifest as it was."""
    with tarfile.open(archive) as old, tarfile.open(target, "w") as new:
        for info in old.getmembers():
            content = old.extractfile(info).read()  # type: ignore[union-attr]
            if info.name.startswith("files/") and info.size == len(LARGE):
                content = content[:-1] + bytes([content[-1] ^ 1])
            new.addfile(info, io.BytesIO(content))
    return target


def test_an_archive_whose_hash_does_not_match_writes_nothing(archive: Path, endpoint: str,
                                                             tmp_path: Path) -> None:
    empty = new_bucket(endpoint, "ocop-untouched")
    bad = altered(archive, tmp_path / "bad.tar")
    target = make_runtime(f"sqlite:///{tmp_path / 'new.db'}")
    with pytest.raises(InvalidInput, match=r"không khớp mã SHA-256.*; không có gì thay đổi\.$"):
        restore(target, bad, tmp_path / "new-files", bucket_of(desk_on(empty, endpoint,
                                                                        tmp_path).store))
    assert every_object(empty, endpoint) == {} and not (tmp_path / "new.db").exists()


def test_a_bucket_that_is_not_empty_is_refused(archive: Path, endpoint: str, bucket: str,
                                               tmp_path: Path) -> None:
    before = every_object(bucket, endpoint)
    target = make_runtime(f"sqlite:///{tmp_path / 'new.db'}")
    with pytest.raises(RuleRefused, match=r"^Không khôi phục: bucket S3 .* đã có tệp \(objects/"):
        restore(target, archive, tmp_path / "new-files",
                bucket_of(desk_on(bucket, endpoint, tmp_path).store))
    assert every_object(bucket, endpoint) == before and not (tmp_path / "new.db").exists()


def test_a_restore_that_fails_halfway_takes_its_objects_out(
        archive: Path, endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object) -> None:
        raise ConfigurationError("pg_restore không nạp được cơ sở dữ liệu.")

    monkeypatch.setattr(backup_module, "restore_database", refused)
    empty = new_bucket(endpoint, "ocop-halfway")
    with pytest.raises(ConfigurationError):
        restore(make_runtime(f"sqlite:///{tmp_path / 'new.db'}"), archive, tmp_path / "new-files",
                bucket_of(desk_on(empty, endpoint, tmp_path).store))
    assert every_object(empty, endpoint) == {}


def test_the_cli_backs_up_and_restores_the_bucket(source: tuple[Runtime, FileDesk], sqlite_url: str,
                                                  endpoint: str, bucket: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"FILES_STORE": "s3", "FILES_S3_BUCKET": bucket,
                        "FILES_S3_ENDPOINT": endpoint, "FILES_DIR": str(tmp_path / "staging")}.items():
        monkeypatch.setenv(f"OCOP_{name}", value)
    made = invoke(sqlite_url, "backup", "--out", str(tmp_path / "cli.tar"))
    assert made.exit_code == 0 and f"3 tệp hồ sơ (bucket S3 '{bucket}'" in made.output
    new_db = f"sqlite:///{tmp_path / 'new.db'}"
    occupied = invoke(new_db, "restore", str(tmp_path / "cli.tar"))
    assert occupied.exit_code == 3 and "Traceback" not in occupied.output
    restored = new_bucket(endpoint, "ocop-cli-restored")
    monkeypatch.setenv("OCOP_FILES_S3_BUCKET", restored)
    done = invoke(new_db, "restore", str(tmp_path / "cli.tar"))
    assert done.exit_code == 0, done.output
    assert every_object(restored, endpoint) == every_object(bucket, endpoint)
