"""Handing a stored file to the browser: read in the browser (inline), with the type its bytes
have, never sniffed again by the browser; or the dossier's .zip, streamed from a spool file."""

import tempfile
from collections.abc import Iterator

from starlette.background import BackgroundTask
from starlette.responses import StreamingResponse

from states.documents.files import FileView
from web.downloads import disposition

# The store's chunks are 1 MiB; a spool of the .zip stays in memory up to this, then on disk.
SPOOL_BYTES = 1024 * 1024


def inline_file(view: FileView, chunks: Iterator[bytes]) -> StreamingResponse:
    return StreamingResponse(chunks, media_type=view.content_type, headers={
        "Content-Disposition": disposition(view.file_name, "inline"),
        "Content-Length": str(view.size_bytes),
        # The type is the one the upload's bytes proved; web/security.py adds nosniff (the
        # browser must not guess another) and no-store to every answer.
    })


def spooled_zip(filename: str, spool: "tempfile.SpooledTemporaryFile[bytes]") -> StreamingResponse:
    size = spool.tell()
    spool.seek(0)

    def chunks() -> Iterator[bytes]:
        while chunk := spool.read(SPOOL_BYTES):
            yield chunk

    return StreamingResponse(chunks(), media_type="application/zip", headers={
        "Content-Disposition": disposition(filename), "Content-Length": str(size)},
        background=BackgroundTask(spool.close))


def streamed_zip(filename: str, chunks: Iterator[bytes]) -> StreamingResponse:
    """A .zip made as it is sent: no length is known before the end (chunked transfer)."""
    return StreamingResponse(chunks, media_type="application/zip",
                             headers={"Content-Disposition": disposition(filename)})


def new_spool() -> "tempfile.SpooledTemporaryFile[bytes]":
    return tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
