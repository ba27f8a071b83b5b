"""The two stores keep the same promises: streamed in, named by hash, never overwritten,
refused early with nothing left behind."""

import hashlib
from pathlib import Path

import pytest

from states.documents.store import FileStore, FileTooLarge
from states.errors import InvalidInput, NotFound
from tests.storage.stores import EXE, JPEG, PDF, PNG, chunked


def staged_files(tmp_path: Path) -> list[Path]:
    return list((tmp_path / "files" / "tmp").glob("*"))


@pytest.mark.parametrize(("data", "kind"), [(PDF, "application/pdf"), (PNG, "image/png"),
                                            (JPEG, "image/jpeg")])
def test_a_file_is_kept_under_its_hash_and_read_back(store: FileStore, tmp_path: Path,
                                                      data: bytes, kind: str) -> None:
    received = store.receive(chunked(data, 3), limit=10_000)  # chunks smaller than the magic
    assert (received.sha256, received.size, received.content_type) == (
        hashlib.sha256(data).hexdigest(), len(data), kind)
    assert store.keep(received) is True
    store.discard(received)
    assert store.exists(received.sha256)
    assert b"".join(store.read(received.sha256)) == data
    assert received.sha256 in set(store.names())
    assert staged_files(tmp_path) == []


def test_the_same_content_again_is_not_written_twice(store: FileStore) -> None:
    first = store.receive([PDF], 10_000)
    assert store.keep(first)
    second = store.receive(chunked(PDF), 10_000)
    assert store.keep(second) is False
    assert list(store.names()) == [first.sha256]


@pytest.mark.parametrize(("data", "limit", "error", "words"), [
    (EXE, 10_000, InvalidInput, "không phải PDF, JPEG hoặc PNG"),
    (b"", 10_000, InvalidInput, "Tệp rỗng"),
    (b"%PD", 10_000, InvalidInput, "không phải PDF"),
    (PDF, 1000, FileTooLarge, "lớn hơn giới hạn"),
])
def test_refused_files_leave_nothing(store: FileStore, tmp_path: Path, data: bytes, limit: int,
                                     error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        store.receive(chunked(data), limit)
    assert staged_files(tmp_path) == []
    assert list(store.names()) == []


def test_an_upload_cut_off_halfway_leaves_nothing(store: FileStore, tmp_path: Path) -> None:
    def cut_off() -> object:
        yield PDF[:1000]
        raise ConnectionResetError("client went away")

    with pytest.raises(ConnectionResetError):
        store.receive(cut_off(), 10_000)  # type: ignore[arg-type]
    assert staged_files(tmp_path) == []
    assert list(store.names()) == []


def test_a_missing_object_is_not_found(store: FileStore) -> None:
    assert not store.exists("0" * 64)
    with pytest.raises(NotFound):
        b"".join(store.read("0" * 64))


def test_the_local_store_never_overwrites_an_object(tmp_path: Path) -> None:
    from storage.local import LocalStore, object_path

    local = LocalStore(tmp_path / "files")
    received = local.receive([PDF], 10_000)
    local.keep(received)
    final = object_path(tmp_path / "files", received.sha256)
    assert final.read_bytes() == PDF
    final.write_bytes(b"damaged")  # someone writes over it behind our back
    again = local.receive([PDF], 10_000)
    assert local.keep(again) is False and final.read_bytes() == b"damaged"


def test_where_links_fail_the_whole_staged_file_is_renamed_into_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a file system without hard links the object appears whole or not at all: the staged
    file is renamed, not copied under the object's name; the same bytes again are not kept."""
    import errno
    import os

    from storage.local import LocalStore, object_path

    def no_link(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported")

    monkeypatch.setattr(os, "link", no_link)
    store = LocalStore(tmp_path / "files")
    data = PDF * 300
    received = store.receive(chunked(data, 4096), 10_000_000)
    assert store.keep(received) is True
    assert object_path(store.root, received.sha256).read_bytes() == data
    assert not received.staged.exists()  # moved, so no second copy was written
    again = store.receive([data], 10_000_000)
    assert store.keep(again) is False
    store.discard(again)
    assert staged_files(tmp_path) == [] and list(store.names()) == [received.sha256]
