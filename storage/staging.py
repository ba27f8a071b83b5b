"""Receiving a file: its chunks streamed to a temporary file beside the store, hashed and
measured as they come, its kind read from its first bytes; refused early, and nothing left."""

import hashlib
import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from states.documents.kinds import HEAD_BYTES, content_type_of
from states.documents.store import FileTooLarge, Received, megabytes
from states.errors import InvalidInput

# 1 MiB: large enough that hashing and writing dominate (hashlib releases the GIL above 2 kB),
# small enough that memory per upload stays flat whatever the file's size.
CHUNK_BYTES = 1024 * 1024


def stage(chunks: Iterable[bytes], limit: int, folder: Path) -> Received:
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=folder, prefix="upload-", suffix=".part")
    path = Path(name)
    digest = hashlib.sha256()
    size, head, content_type = 0, b"", None
    hashing: Future[None] | None = None
    try:
        with os.fdopen(fd, "wb") as out, ThreadPoolExecutor(1, "sha256") as hasher:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise FileTooLarge(f"Tệp lớn hơn giới hạn {megabytes(limit)} (một tệp, hoặc phần "
                                       "còn lại của hồ sơ): không có gì được lưu.")
                if content_type is None and len(head) < HEAD_BYTES:
                    head += chunk[:HEAD_BYTES - len(head)]
                    if len(head) >= HEAD_BYTES:
                        content_type = content_type_of(head)  # a renamed .exe stops here
                # Hashing (hashlib lets go of the GIL above 2 kB) runs beside the write: the
                # upload costs the slower of the two, not their sum (bench/uploads.py).
                if hashing is not None:
                    hashing.result()
                hashing = hasher.submit(digest.update, chunk)
                out.write(chunk)
                out.flush()
                # Starts writing these pages to disk now (on Linux DONTNEED writes dirty pages
                # back), so the fsync below waits for the last chunk, not the whole file.
                os.posix_fadvise(out.fileno(), size - len(chunk), len(chunk), os.POSIX_FADV_DONTNEED)
            if hashing is not None:
                hashing.result()
            if size == 0:
                raise InvalidInput("Tệp rỗng (0 byte): không có gì được lưu.")
            content_type = content_type or content_type_of(head)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        # Refused, cut off halfway, or the disk full: nothing of it stays.
        path.unlink(missing_ok=True)
        raise
    return Received(path, digest.hexdigest(), size, content_type)


def file_chunks(path: Path, chunk_bytes: int = CHUNK_BYTES) -> Iterable[bytes]:
    """A file on disk in chunks (the CLI's upload, the backup)."""
    with path.open("rb") as source:
        while chunk := source.read(chunk_bytes):
            yield chunk
