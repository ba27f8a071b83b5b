"""Both stores behind one fixture: every storage test runs on the local directory and on the
S3-compatible server."""

from pathlib import Path

import pytest

from states.documents.store import FileStore
from storage.factory import build_store

# The smallest files of each kind the sniffer knows.
PDF = b"%PDF-1.4\n" + b"x" * 2000 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 500
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 500
EXE = b"MZ\x90\x00" + b"\x00" * 500


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> FileStore:
    if request.param == "local":
        return build_store("local", tmp_path / "files")
    endpoint = request.getfixturevalue("s3_server")
    bucket = request.getfixturevalue("s3_bucket")
    return build_store("s3", tmp_path / "files", s3_bucket=bucket, s3_endpoint=endpoint)


def chunked(data: bytes, size: int = 700) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)]
